//! The one reducer that owns quiz state. Components dispatch [`Action`]s;
//! effects (storage) watch the resulting state.

use std::rc::Rc;

use quiz_core::{Loaded, Options, Session};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Question,
    Results,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    pub bank: Rc<Loaded>,
    /// How sessions are drawn (count, pools, shuffle) for this page.
    pub options: Options,
    pub session: Session,
    pub started: bool,
    /// Counts checks, so the live region re-announces even the same words.
    pub announcements: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Start,
    Select {
        choice: String,
        on: bool,
    },
    Check,
    Next,
    Prev,
    Finish,
    /// A new, reshuffled attempt with this seed.
    Retry(u64),
    /// A new attempt on the questions not fully right, with this seed.
    RetryMissed(u64),
}

impl QuizState {
    pub fn new(bank: Rc<Loaded>, seed: u64, options: Options) -> Self {
        let session = Session::new(&bank.bank, seed, &options);
        QuizState {
            bank,
            options,
            session,
            started: false,
            announcements: 0,
        }
    }

    /// Continues a restored session.
    pub fn resumed(bank: Rc<Loaded>, session: Session, options: Options) -> Self {
        QuizState {
            bank,
            options,
            session,
            started: true,
            announcements: 0,
        }
    }

    pub fn screen(&self) -> Screen {
        if self.session.finished {
            Screen::Results
        } else if self.started {
            Screen::Question
        } else {
            Screen::Start
        }
    }

    fn apply(&mut self, action: Action) {
        let bank = &self.bank.bank;
        match action {
            Action::Start => self.started = true,
            Action::Select { choice, on } => self.session.select(bank, &choice, on),
            Action::Check => {
                if self.session.check() {
                    self.announcements += 1;
                }
            }
            Action::Next => self.session.next(),
            Action::Prev => self.session.prev(),
            Action::Finish => self.session.finish(),
            Action::Retry(seed) => {
                self.session = Session::new(bank, seed, &self.options);
                self.started = true;
            }
            Action::RetryMissed(seed) => {
                let missed = quiz_core::report(bank, &self.session).missed();
                if !missed.is_empty() {
                    let options = Options {
                        only: Some(missed),
                        ..self.options.clone()
                    };
                    self.session = Session::new(bank, seed, &options);
                    self.started = true;
                }
            }
        }
    }
}

impl Reducible for QuizState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The default bank without its essential questions, so that a test
    /// controls which questions every visit must ask.
    pub(crate) fn plain_bank() -> Loaded {
        let mut loaded =
            quiz_core::from_json(crate::DEFAULT_BANK_JSON).expect("default bank is valid");
        for q in &mut loaded.bank.questions {
            q.essential = false;
        }
        loaded
    }

    fn state() -> Rc<QuizState> {
        Rc::new(QuizState::new(
            Rc::new(plain_bank()),
            42,
            Options::default(),
        ))
    }

    #[test]
    fn start_answer_check_and_finish() {
        let s = state();
        assert_eq!(s.screen(), Screen::Start);
        let s = s.reduce(Action::Start);
        assert_eq!(s.screen(), Screen::Question);
        let slot = s.session.slot().expect("a first question").clone();
        let s = s.reduce(Action::Select {
            choice: slot.order[0].clone(),
            on: true,
        });
        let s = s.reduce(Action::Check);
        assert!(s.session.slots[0].checked);
        assert_eq!(s.announcements, 1);
        let s = s.reduce(Action::Next).reduce(Action::Finish);
        assert_eq!(s.screen(), Screen::Results);
    }

    #[test]
    fn unchanged_state_is_the_same_rc() {
        let s = state();
        // Checking with nothing chosen changes nothing.
        let t = s.clone().reduce(Action::Check);
        assert!(Rc::ptr_eq(&s, &t));
    }

    #[test]
    fn retry_missed_asks_only_missed_questions() {
        let mut s = state().reduce(Action::Start);
        // Answer the first question right, skip the rest.
        let bank = s.bank.bank.clone();
        let asked = s.session.len();
        let first = s.session.slots[0].question.clone();
        for c in bank.question(&first).expect("question").correct_ids() {
            s = s.reduce(Action::Select {
                choice: c.to_string(),
                on: true,
            });
        }
        let s = s
            .reduce(Action::Check)
            .reduce(Action::Finish)
            .reduce(Action::RetryMissed(7));
        assert_eq!(s.screen(), Screen::Question);
        assert_eq!(s.session.len(), asked - 1);
        assert!(s.session.slots.iter().all(|slot| slot.question != first));
    }

    /// The default bank with three questions marked essential and the rule
    /// that a visit passes only with all of them right.
    pub(crate) fn with_essentials() -> (Rc<Loaded>, Vec<String>) {
        let mut loaded = plain_bank();
        let ids: Vec<String> = loaded
            .bank
            .questions
            .iter_mut()
            .step_by(8)
            .take(4)
            .map(|q| {
                q.essential = true;
                q.id.clone()
            })
            .collect();
        loaded.bank.meta.pass_requires_essential = true;
        assert_eq!(ids.len(), 4);
        (Rc::new(loaded), ids)
    }

    #[test]
    fn every_visit_and_every_retry_asks_the_essential_questions() {
        let (bank, essential) = with_essentials();
        let asked = |s: &QuizState| -> Vec<String> {
            s.session.slots.iter().map(|x| x.question.clone()).collect()
        };
        let all_in = |s: &QuizState| essential.iter().all(|e| asked(s).contains(e));
        let mut s =
            Rc::new(QuizState::new(bank.clone(), 42, Options::default())).reduce(Action::Start);
        assert!(all_in(&s));
        // Answer the essential questions right, the rest wrong (no answer).
        for i in 0..s.session.len() {
            let qid = s.session.slots[i].question.clone();
            if essential.contains(&qid) {
                for c in bank.bank.question(&qid).expect("q").correct_ids() {
                    s = s.reduce(Action::Select {
                        choice: c.to_string(),
                        on: true,
                    });
                }
                s = s.reduce(Action::Check);
            }
            s = s.reduce(Action::Next);
        }
        let done = s.reduce(Action::Finish);
        for seed in 1..10 {
            assert!(all_in(&done.clone().reduce(Action::Retry(seed))));
        }
        let again = done.reduce(Action::RetryMissed(5));
        assert!(all_in(&again), "{:?}", asked(&again));
        let visit = bank.bank.meta.draw.unwrap_or(bank.bank.questions.len());
        assert_eq!(
            again.session.len(),
            visit,
            "the {} missed and the 4 essential ones",
            visit - 4
        );
        // With ?count=2, fewer than the essential questions: all are asked.
        let short = QuizState::new(
            bank,
            1,
            Options {
                count: Some(2),
                ..Options::default()
            },
        );
        assert_eq!(short.session.len(), 4);
        assert!(all_in(&short));
    }

    #[test]
    fn retry_draws_a_fresh_set_of_questions() {
        let s = state().reduce(Action::Start).reduce(Action::Finish);
        let set = |s: &QuizState| {
            let mut ids: Vec<String> = s.session.slots.iter().map(|x| x.question.clone()).collect();
            ids.sort();
            ids
        };
        let before = set(&s);
        let fresh = (1..20u64)
            .map(|seed| s.clone().reduce(Action::Retry(seed)))
            .filter(|t| set(t) != before)
            .count();
        assert!(
            fresh >= 15,
            "only {fresh} of 19 retries drew a different set"
        );
        let t = s.reduce(Action::Retry(3));
        assert_eq!(
            (t.screen(), t.session.len()),
            (Screen::Question, before.len())
        );
    }
}
