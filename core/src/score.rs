//! Scoring and the results report.

use serde::Serialize;

use crate::bank::{Bank, Kind, Question, Scoring};
use crate::session::Session;

const EPSILON: f64 = 1e-9;

/// Points earned for `selected` choice ids of `q`.
/// Single and true/false: all or nothing. Multiple: with `Scoring::Partial`
/// each correct pick adds points / (number correct), each wrong pick takes the
/// same away, floored at zero; with `AllOrNothing` only the exact set scores.
pub fn score_question(q: &Question, selected: &[String], scoring: Scoring) -> f64 {
    let max = f64::from(q.points);
    let correct: Vec<&str> = q.correct_ids();
    let picked_right = selected
        .iter()
        .filter(|s| correct.contains(&s.as_str()))
        .count();
    let picked_wrong = selected.len() - picked_right;
    let exact = picked_wrong == 0 && picked_right == correct.len();
    let weighted = q.kind == Kind::Multiple && q.choices.iter().any(|c| c.weight.is_some());
    match (q.kind, scoring) {
        (Kind::Multiple, Scoring::Partial) if weighted => {
            let percent: i32 = selected
                .iter()
                .filter_map(|s| q.choice(s))
                .map(|c| c.weight.unwrap_or(if c.correct { 0 } else { -100 }))
                .sum();
            (max * f64::from(percent) / 100.0).clamp(0.0, max)
        }
        (Kind::Multiple, Scoring::Partial) if !correct.is_empty() => {
            let share = max / correct.len() as f64;
            let raw = share * picked_right as f64 - share * picked_wrong as f64;
            raw.clamp(0.0, max)
        }
        _ if exact => max,
        _ => 0.0,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub topic: String,
    pub earned: f64,
    pub max: f64,
    pub answered: bool,
    /// An essential question of the bank.
    pub essential: bool,
}

impl QuestionResult {
    pub fn is_correct(&self) -> bool {
        self.earned + EPSILON >= self.max
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicResult {
    pub id: String,
    pub label: String,
    pub earned: f64,
    pub max: f64,
    pub correct: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub earned: f64,
    pub max: f64,
    /// Rounded to a whole percent for display; `passed` uses the exact ratio.
    pub percent: u32,
    /// The pass mark is met, and (with the bank's `pass_requires_essential`)
    /// every essential question is right.
    pub passed: bool,
    /// The score reaches the pass mark, whatever the essential questions.
    pub pass_mark_met: bool,
    /// The bank's `pass_requires_essential`.
    pub essential_required: bool,
    /// How many essential questions the visit asked.
    pub essential_total: usize,
    /// The essential questions not fully right, in the order asked: the
    /// results page lists them first.
    pub essential_missed: Vec<String>,
    pub correct: usize,
    pub topics: Vec<TopicResult>,
    pub questions: Vec<QuestionResult>,
}

impl Report {
    /// Ids of questions not fully right (for "retry missed").
    pub fn missed(&self) -> Vec<String> {
        self.questions
            .iter()
            .filter(|q| !q.is_correct())
            .map(|q| q.id.clone())
            .collect()
    }

    /// Not passed only because an essential question was missed, or also
    /// because of it: the results page says so.
    pub fn failed_on_essentials(&self) -> bool {
        self.essential_required && !self.essential_missed.is_empty()
    }
}

pub fn report(bank: &Bank, session: &Session) -> Report {
    let questions: Vec<QuestionResult> = session
        .slots
        .iter()
        .filter_map(|slot| {
            let q = bank.question(&slot.question)?;
            Some(QuestionResult {
                id: q.id.clone(),
                topic: q.topic.clone(),
                earned: score_question(q, &slot.selected, bank.meta.scoring),
                max: f64::from(q.points),
                answered: !slot.selected.is_empty(),
                essential: q.essential,
            })
        })
        .collect();
    let earned: f64 = questions.iter().map(|q| q.earned).sum();
    let max: f64 = questions.iter().map(|q| q.max).sum();
    let topics = bank
        .topics
        .iter()
        .filter_map(|t| {
            let mine: Vec<&QuestionResult> = questions.iter().filter(|q| q.topic == t.id).collect();
            (!mine.is_empty()).then(|| TopicResult {
                id: t.id.clone(),
                label: t.label.clone(),
                earned: mine.iter().map(|q| q.earned).sum(),
                max: mine.iter().map(|q| q.max).sum(),
                correct: mine.iter().filter(|q| q.is_correct()).count(),
                total: mine.len(),
            })
        })
        .collect();
    let ratio = if max > 0.0 { earned / max } else { 0.0 };
    let pass_mark_met =
        max > 0.0 && earned * 100.0 + EPSILON >= f64::from(bank.meta.pass_mark) * max;
    let essential_missed: Vec<String> = questions
        .iter()
        .filter(|q| q.essential && !q.is_correct())
        .map(|q| q.id.clone())
        .collect();
    let essential_required = bank.meta.pass_requires_essential;
    Report {
        earned,
        max,
        percent: (ratio * 100.0).round() as u32,
        passed: pass_mark_met && (!essential_required || essential_missed.is_empty()),
        pass_mark_met,
        essential_required,
        essential_total: questions.iter().filter(|q| q.essential).count(),
        essential_missed,
        correct: questions.iter().filter(|q| q.is_correct()).count(),
        topics,
        questions,
    }
}
