//! One person's run through a bank: seeded order and draw, answers, navigation.
//! Everything is keyed by question and choice ids, never positions, so a saved
//! session can be checked against the bank it is restored into.
//!
//! **Essential questions** are in every visit, exactly once: whatever the
//! seed, the count, the pools and the `only` list (a retry of the missed
//! questions asks them again too). The rest of the visit is filled as
//! before, seeded and spread over the topics, counting the essential
//! questions already in each topic. When a visit is asked to be shorter
//! than the bank's essential questions (`?count=3` with five of them), it
//! grows to ask them all: an essential question is never left out.

use crate::bank::{Bank, Kind, Question};
use crate::rng::Rng;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Draw at most this many questions, spread evenly over the topics
    /// (overrides the bank's `draw`); never fewer than the essential ones.
    pub count: Option<usize>,
    /// Draw at most this many per topic (overrides the bank's
    /// `draw_per_topic`), the topic's essential questions first (all of
    /// them, even more than this).
    pub per_topic: Option<usize>,
    /// Shuffle questions and choices (overrides the bank's `shuffle`).
    pub shuffle: Option<bool>,
    /// Ask only these questions (e.g. "retry missed"), and the bank's
    /// essential questions, which every visit asks.
    pub only: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub question: String,
    /// Choice ids in the order shown.
    pub order: Vec<String>,
    pub selected: Vec<String>,
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub seed: u64,
    pub slots: Vec<Slot>,
    pub current: usize,
    pub finished: bool,
}

/// Takes `n` of `questions` (already in drawn order), spread as evenly as
/// possible over their topics: one from each topic in turn, topics in the
/// order they first appear, until `n` are taken. Every essential question is
/// taken, even past `n`, and counts as its topic's first turns. Keeps the
/// drawn order.
fn spread_over_topics(questions: Vec<&Question>, n: usize) -> Vec<&Question> {
    if questions.len() <= n {
        return questions;
    }
    let mut topics: Vec<(&str, Vec<usize>)> = Vec::new();
    for q in &questions {
        if !topics.iter().any(|(t, _)| *t == q.topic) {
            topics.push((q.topic.as_str(), Vec::new()));
        }
    }
    // Each topic's essential questions first, then the others.
    for essential in [true, false] {
        for (i, q) in questions.iter().enumerate() {
            if q.essential == essential {
                if let Some((_, members)) = topics.iter_mut().find(|(t, _)| *t == q.topic) {
                    members.push(i);
                }
            }
        }
    }
    let mut keep: Vec<bool> = questions.iter().map(|q| q.essential).collect();
    let mut taken = keep.iter().filter(|k| **k).count();
    'rounds: for round in 0.. {
        if taken >= n {
            break;
        }
        let mut any = false;
        for (_, members) in &topics {
            if let Some(&i) = members.get(round) {
                any = true;
                if !keep[i] {
                    keep[i] = true;
                    taken += 1;
                    if taken == n {
                        break 'rounds;
                    }
                }
            }
        }
        if !any {
            break;
        }
    }
    questions
        .into_iter()
        .zip(keep)
        .filter_map(|(q, k)| k.then_some(q))
        .collect()
}

/// Counts one more question taken in `topic`; returns how many now.
fn take<'a>(taken: &mut Vec<(&'a str, usize)>, topic: &'a str) -> usize {
    match taken.iter_mut().find(|(t, _)| *t == topic) {
        Some((_, k)) => {
            *k += 1;
            *k
        }
        None => {
            taken.push((topic, 1));
            1
        }
    }
}

/// Whether `q` may be drawn under `options`: essential questions always.
fn included(q: &Question, options: &Options) -> bool {
    q.essential
        || options
            .only
            .as_ref()
            .is_none_or(|only| only.contains(&q.id))
}

/// How many questions a visit of `bank` with `options` asks, whatever the
/// seed: what [`Session::new`] draws, counted without drawing.
pub fn visit_len(bank: &Bank, options: &Options) -> usize {
    // (topic, questions, essential ones), topics in any order.
    let mut topics: Vec<(&str, usize, usize)> = Vec::new();
    for q in bank.questions.iter().filter(|q| included(q, options)) {
        match topics.iter_mut().find(|(t, _, _)| *t == q.topic) {
            Some((_, n, e)) => {
                *n += 1;
                *e += usize::from(q.essential);
            }
            None => topics.push((q.topic.as_str(), 1, usize::from(q.essential))),
        }
    }
    let essential: usize = topics.iter().map(|(_, _, e)| e).sum();
    let pooled: usize = match options.per_topic.or(bank.meta.draw_per_topic) {
        Some(p) => topics
            .iter()
            .map(|(_, n, e)| (*e).max((*n).min(p.max(1))))
            .sum(),
        None => topics.iter().map(|(_, n, _)| n).sum(),
    };
    match options.count.or(bank.meta.draw) {
        Some(n) => pooled.min(n.max(1)).max(essential),
        None => pooled,
    }
}

impl Session {
    pub fn new(bank: &Bank, seed: u64, options: &Options) -> Session {
        let mut rng = Rng::new(seed);
        let mut questions: Vec<_> = bank
            .questions
            .iter()
            .filter(|q| included(q, options))
            .collect();
        let shuffle = options.shuffle.unwrap_or(bank.meta.shuffle);
        if shuffle {
            rng.shuffle(&mut questions);
        }
        // Pools: at most N per topic (in drawn order), then at most N in all;
        // essential questions always, counted first.
        if let Some(n) = options.per_topic.or(bank.meta.draw_per_topic) {
            // Questions taken in each topic so far (a bank has few topics).
            let mut taken: Vec<(&str, usize)> = Vec::new();
            for q in questions.iter().filter(|q| q.essential) {
                take(&mut taken, &q.topic);
            }
            questions.retain(|q| q.essential || take(&mut taken, &q.topic) <= n.max(1));
        }
        if let Some(n) = options.count.or(bank.meta.draw) {
            questions = spread_over_topics(questions, n.max(1));
        }
        let slots = questions
            .into_iter()
            .map(|q| {
                let mut order: Vec<String> = q.choices.iter().map(|c| c.id.clone()).collect();
                // True/false keeps the author's order: people expect "True" first.
                if shuffle && q.kind != Kind::TrueFalse {
                    rng.shuffle(&mut order);
                }
                Slot {
                    question: q.id.clone(),
                    order,
                    selected: Vec::new(),
                    checked: false,
                }
            })
            .collect();
        Session {
            seed,
            slots,
            current: 0,
            finished: false,
        }
    }

    pub fn slot(&self) -> Option<&Slot> {
        self.slots.get(self.current)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn is_last(&self) -> bool {
        self.current + 1 >= self.slots.len()
    }

    pub fn checked_count(&self) -> usize {
        self.slots.iter().filter(|s| s.checked).count()
    }

    /// Chooses (`on`) or un-chooses a choice of the current question. A checked
    /// answer is final. Single and true/false questions keep one choice.
    pub fn select(&mut self, bank: &Bank, choice: &str, on: bool) {
        if self.finished {
            return;
        }
        let Some(slot) = self.slots.get_mut(self.current) else {
            return;
        };
        let Some(q) = bank.question(&slot.question) else {
            return;
        };
        if slot.checked || !slot.order.iter().any(|c| c == choice) {
            return;
        }
        match (q.kind, on) {
            (Kind::Multiple, true) => {
                if !slot.selected.iter().any(|c| c == choice) {
                    slot.selected.push(choice.to_string());
                }
            }
            (Kind::Multiple, false) => slot.selected.retain(|c| c != choice),
            (_, true) => slot.selected = vec![choice.to_string()],
            (_, false) => slot.selected.retain(|c| c != choice),
        }
        // Keep the picks in the order the choices are shown.
        let picked = std::mem::take(&mut slot.selected);
        slot.selected = slot
            .order
            .iter()
            .filter(|o| picked.contains(o))
            .cloned()
            .collect();
    }

    /// Locks in the current answer. Returns false when nothing is chosen yet.
    pub fn check(&mut self) -> bool {
        match self.slots.get_mut(self.current) {
            Some(slot) if !slot.selected.is_empty() && !self.finished => {
                slot.checked = true;
                true
            }
            _ => false,
        }
    }

    pub fn go(&mut self, index: usize) {
        if index < self.slots.len() {
            self.current = index;
        }
    }

    pub fn next(&mut self) {
        self.go(self.current + 1);
    }

    pub fn prev(&mut self) {
        if self.current > 0 {
            self.go(self.current - 1);
        }
    }

    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// Accepts a saved session only if it still fits `bank` exactly: every
    /// question exists, every choice id belongs to it, and nothing is missing.
    /// Anything else is refused rather than attaching answers to other text.
    pub fn restore(bank: &Bank, saved: Session) -> Option<Session> {
        if saved.slots.is_empty() || saved.current >= saved.slots.len() {
            return None;
        }
        let mut seen = std::collections::HashSet::new();
        for slot in &saved.slots {
            let q = bank.question(&slot.question)?;
            if !seen.insert(slot.question.as_str()) || slot.order.len() != q.choices.len() {
                return None;
            }
            let ids: std::collections::HashSet<&str> =
                slot.order.iter().map(String::as_str).collect();
            if ids.len() != q.choices.len() || !ids.iter().all(|id| q.choice(id).is_some()) {
                return None;
            }
            let selection_fits = slot.selected.iter().all(|s| slot.order.contains(s))
                && (q.kind == Kind::Multiple || slot.selected.len() <= 1);
            if !selection_fits || (slot.checked && slot.selected.is_empty()) {
                return None;
            }
        }
        Some(saved)
    }
}
