//! The events the quiz reports to an embedding page, derived from state
//! changes (pure, tested natively); `hooks/host.rs` posts them.

use quiz_core::report;

use crate::state::QuizState;

/// Version of the message and event format (documented in EMBEDDING.md).
pub const EVENTS_VERSION: u32 = 1;

/// An event for the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    Ready {
        bank: String,
        questions: usize,
    },
    Started {
        bank: String,
        questions: usize,
    },
    Answered {
        question: String,
        correct: bool,
        points: f64,
        max: f64,
        /// The ids of the choices the visitor picked.
        choices: Vec<String>,
        /// An essential question (asked in every visit).
        essential: bool,
    },
    Completed {
        score: f64,
        max: f64,
        percent: u32,
        passed: bool,
        topics: Vec<TopicScore>,
        /// The essential questions not fully right, in the order asked.
        essential_missed: Vec<String>,
    },
    CtaClicked {
        url: String,
    },
    Resize {
        height: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicScore {
    pub topic: String,
    pub label: String,
    pub score: f64,
    pub max: f64,
    pub correct: usize,
    pub total: usize,
}

/// A value in an event, built into a plain JS object when posted (no JSON
/// text, so no number formatting code in the wasm).
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Number(f64),
    Flag(bool),
    Null,
    Object(Vec<(&'static str, Field)>),
    List(Vec<Field>),
}

impl HostEvent {
    /// Its `type`: `answered`, `cta-clicked`, ….
    pub fn kind(&self) -> &'static str {
        match self {
            HostEvent::Ready { .. } => "ready",
            HostEvent::Started { .. } => "started",
            HostEvent::Answered { .. } => "answered",
            HostEvent::Completed { .. } => "completed",
            HostEvent::CtaClicked { .. } => "cta-clicked",
            HostEvent::Resize { .. } => "resize",
        }
    }

    /// The event as the host receives it: `{ type: "answered", … }`.
    pub fn to_field(&self) -> Field {
        use Field::{Flag, Number, Text};
        let count = |n: usize| Number(n as f64);
        let (kind, mut fields) = match self {
            HostEvent::Ready { bank, questions } => (
                "ready",
                vec![
                    ("bank", Text(bank.clone())),
                    ("questions", count(*questions)),
                ],
            ),
            HostEvent::Started { bank, questions } => (
                "started",
                vec![
                    ("bank", Text(bank.clone())),
                    ("questions", count(*questions)),
                ],
            ),
            HostEvent::Answered {
                question,
                correct,
                points,
                max,
                choices,
                essential,
            } => (
                "answered",
                vec![
                    ("question", Text(question.clone())),
                    ("correct", Flag(*correct)),
                    ("points", Number(*points)),
                    ("max", Number(*max)),
                    (
                        "choices",
                        Field::List(choices.iter().map(|c| Text(c.clone())).collect()),
                    ),
                    ("essential", Flag(*essential)),
                ],
            ),
            HostEvent::Completed {
                score,
                max,
                percent,
                passed,
                topics,
                essential_missed,
            } => (
                "completed",
                vec![
                    ("score", Number(*score)),
                    ("max", Number(*max)),
                    ("percent", Number(f64::from(*percent))),
                    ("passed", Flag(*passed)),
                    (
                        "topics",
                        Field::List(
                            topics
                                .iter()
                                .map(|t| {
                                    Field::Object(vec![
                                        ("topic", Text(t.topic.clone())),
                                        ("label", Text(t.label.clone())),
                                        ("score", Number(t.score)),
                                        ("max", Number(t.max)),
                                        ("correct", count(t.correct)),
                                        ("total", count(t.total)),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                    (
                        "essential_missed",
                        Field::List(essential_missed.iter().map(|q| Text(q.clone())).collect()),
                    ),
                ],
            ),
            HostEvent::CtaClicked { url } => ("cta-clicked", vec![("url", Text(url.clone()))]),
            HostEvent::Resize { height } => {
                ("resize", vec![("height", Number(f64::from(*height)))])
            }
        };
        debug_assert_eq!(kind, self.kind());
        fields.insert(0, ("type", Text(self.kind().into())));
        Field::Object(fields)
    }
}

/// The events that happened between two states (pure, tested natively).
pub fn events_between(before: Option<&QuizState>, after: &QuizState) -> Vec<HostEvent> {
    let bank = &after.bank.bank;
    let mut out = Vec::new();
    let started_now =
        after.started && before.is_none_or(|b| !b.started || b.session.seed != after.session.seed);
    if started_now && !after.session.finished && after.session.checked_count() == 0 {
        out.push(HostEvent::Started {
            bank: bank.meta.id.clone(),
            questions: after.session.len(),
        });
    }
    if let Some(b) = before.filter(|b| b.session.seed == after.session.seed) {
        for (old, new) in b.session.slots.iter().zip(&after.session.slots) {
            if !old.checked && new.checked {
                if let Some(q) = bank.question(&new.question) {
                    let points =
                        quiz_core::score::score_question(q, &new.selected, bank.meta.scoring);
                    let max = f64::from(q.points);
                    out.push(HostEvent::Answered {
                        question: q.id.clone(),
                        correct: points + 1e-9 >= max,
                        points,
                        max,
                        choices: new.selected.clone(),
                        essential: q.essential,
                    });
                }
            }
        }
    }
    let finished_now = after.session.finished && before.is_some_and(|b| !b.session.finished);
    if finished_now {
        out.push(completed(after));
    }
    out
}

fn completed(state: &QuizState) -> HostEvent {
    let r = report(&state.bank.bank, &state.session);
    HostEvent::Completed {
        score: r.earned,
        max: r.max,
        percent: r.percent,
        passed: r.passed,
        topics: r
            .topics
            .iter()
            .map(|t| TopicScore {
                topic: t.id.clone(),
                label: t.label.clone(),
                score: t.earned,
                max: t.max,
                correct: t.correct,
                total: t.total,
            })
            .collect(),
        essential_missed: r.essential_missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use quiz_core::Options;
    use std::rc::Rc;
    use yew::functional::Reducible;

    fn state() -> Rc<QuizState> {
        let loaded = crate::state::tests::plain_bank();
        let options = Options {
            count: Some(2),
            ..Options::default()
        };
        Rc::new(QuizState::new(Rc::new(loaded), 3, options))
    }

    #[test]
    fn events_follow_the_quiz_from_start_to_completion() {
        let s0 = state();
        assert_eq!(events_between(None, &s0), vec![]);
        let s1 = s0.clone().reduce(Action::Start);
        assert!(matches!(
            events_between(Some(&s0), &s1).as_slice(),
            [HostEvent::Started { questions: 2, .. }]
        ));

        let q = s1
            .bank
            .bank
            .question(&s1.session.slots[0].question)
            .expect("q")
            .clone();
        let mut s = s1.clone();
        for c in q.correct_ids() {
            s = s.reduce(Action::Select {
                choice: c.to_string(),
                on: true,
            });
        }
        assert_eq!(
            events_between(Some(&s1), &s),
            vec![],
            "choosing is not answering"
        );
        let s2 = s.clone().reduce(Action::Check);
        assert_eq!(
            events_between(Some(&s), &s2),
            vec![HostEvent::Answered {
                question: q.id.clone(),
                correct: true,
                points: 1.0,
                max: 1.0,
                choices: s.session.slots[0].selected.clone(),
                essential: false,
            }]
        );
        let s3 = s2.clone().reduce(Action::Next).reduce(Action::Finish);
        let events = events_between(Some(&s2), &s3);
        let [HostEvent::Completed {
            score,
            max,
            percent,
            passed,
            topics,
            essential_missed,
        }] = events.as_slice()
        else {
            panic!("{events:?}");
        };
        assert!(essential_missed.is_empty(), "the default bank marks none");
        assert_eq!((*score, *max, *percent, *passed), (1.0, 2.0, 50, false));
        assert_eq!(topics.iter().map(|t| t.total).sum::<usize>(), 2);
        // A retry is a new start.
        let s4 = s3.clone().reduce(Action::Retry(99));
        assert!(matches!(
            events_between(Some(&s3), &s4).as_slice(),
            [HostEvent::Started { .. }]
        ));
    }

    #[test]
    fn answers_say_which_questions_are_essential_and_the_end_lists_those_missed() {
        let (bank, essential) = crate::state::tests::with_essentials();
        let mut s = Rc::new(QuizState::new(bank, 8, Options::default())).reduce(Action::Start);
        let mut answered = Vec::new();
        // The essential questions wrong, the others right.
        for i in 0..s.session.len() {
            let before = s.clone();
            let slot = s.session.slots[i].clone();
            let q = s.bank.bank.question(&slot.question).expect("q").clone();
            let right = !essential.contains(&q.id);
            let pick = q
                .choices
                .iter()
                .find(|c| c.correct == right)
                .expect("a right and a wrong choice")
                .id
                .clone();
            s = s
                .reduce(Action::Select {
                    choice: pick,
                    on: true,
                })
                .reduce(Action::Check);
            answered.extend(events_between(Some(&before), &s));
            s = s.reduce(Action::Next);
        }
        for e in &answered {
            let HostEvent::Answered {
                question,
                essential: flag,
                ..
            } = e
            else {
                panic!("{e:?}");
            };
            assert_eq!(*flag, essential.contains(question), "{question}");
        }
        let done = s.clone().reduce(Action::Finish);
        let r = quiz_core::report(&done.bank.bank, &done.session);
        let events = events_between(Some(&s), &done);
        let [HostEvent::Completed {
            essential_missed,
            passed,
            ..
        }] = events.as_slice()
        else {
            panic!("one completed event");
        };
        assert_eq!(essential_missed, &r.essential_missed);
        let order: Vec<&String> = done
            .session
            .slots
            .iter()
            .map(|x| &x.question)
            .filter(|q| essential_missed.contains(q))
            .collect();
        assert_eq!(
            order,
            essential_missed.iter().collect::<Vec<_>>(),
            "in the order asked"
        );
        assert_eq!(essential_missed.len(), essential.len());
        assert!(!*passed && !r.passed);
    }

    #[test]
    fn events_carry_their_type_first() {
        let field = HostEvent::CtaClicked {
            url: "https://a.example/".into(),
        }
        .to_field();
        assert_eq!(
            field,
            Field::Object(vec![
                ("type", Field::Text("cta-clicked".into())),
                ("url", Field::Text("https://a.example/".into())),
            ])
        );
        let Field::Object(fields) = HostEvent::Answered {
            question: "q".into(),
            correct: false,
            points: 0.5,
            max: 1.0,
            choices: vec!["b".into(), "d".into()],
            essential: true,
        }
        .to_field() else {
            panic!("an object")
        };
        let names: Vec<_> = fields.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            [
                "type",
                "question",
                "correct",
                "points",
                "max",
                "choices",
                "essential"
            ]
        );
        assert_eq!(fields[6].1, Field::Flag(true));
        assert_eq!(fields[3].1, Field::Number(0.5));
        assert_eq!(
            fields[5].1,
            Field::List(vec![Field::Text("b".into()), Field::Text("d".into())])
        );
    }
}
