//! The studio reducer, used as the forms use it.

use quiz_core::diagnostic::Seg;
use quiz_core::Kind;

use super::*;
use crate::author::convert;

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/questions/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default()
}

fn run(s: &mut Studio, actions: Vec<Action>) {
    for a in actions {
        s.apply(a);
    }
}

fn text(v: &str) -> Field {
    Field::Text(v.to_string())
}

#[test]
fn a_form_edit_changes_one_value_and_keeps_every_comment() {
    let mut s = Studio::new("microneedling", "d1", DEFAULT_TOML.to_string(), vec![]);
    assert!(
        s.loaded.is_some() && s.problems.is_empty(),
        "{:?}",
        s.problems
    );
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    s.apply(Action::Set {
        at: At::Question(0),
        key: "prompt",
        field: text("How is new collagen made?"),
    });
    assert_eq!(comments(&s.text), comments(DEFAULT_TOML));
    let changed: Vec<(&str, &str)> = DEFAULT_TOML
        .lines()
        .zip(s.text.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1, "prompt = \"How is new collagen made?\"");
    assert!(s.unsaved());
    // A changed copy that keeps the built-in id is warned about, at the id.
    assert_eq!(s.problems_at(&At::Bank.path("id")).len(), 1);
    s.apply(Action::Set {
        at: At::Bank,
        key: "id",
        field: text("clinic-microneedling"),
    });
    assert!(s.problems.is_empty(), "{:?}", s.problems);
}

#[test]
fn a_moodle_import_is_finished_with_forms_alone() {
    let o = convert::open("aftercare.moodle.xml", &example("aftercare.moodle.xml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut s = Studio::new(&o.stem, "d2", o.toml, o.notes);
    assert!(s.loaded.is_none());
    let n = s.bank.as_ref().map_or(0, |b| b.questions.len());
    assert_eq!(n, 12);
    // The draft preview plays every question already.
    assert_eq!(s.draft.as_ref().map(|d| d.bank.questions.len()), Some(12));
    run(
        &mut s,
        vec![
            Action::AddSource,
            Action::Set {
                at: At::Source(0),
                key: "id",
                field: text("nhs-after"),
            },
            Action::Set {
                at: At::Source(0),
                key: "title",
                field: text("Microneedling: post-treatment information"),
            },
            Action::Set {
                at: At::Source(0),
                key: "authors",
                field: Field::Texts(vec![
                    "Chelsea and Westminster Hospital NHS Foundation Trust".into(),
                ]),
            },
            Action::Set {
                at: At::Source(0),
                key: "publisher",
                field: text("NHS patient leaflet"),
            },
            Action::Set {
                at: At::Source(0),
                key: "date",
                field: text("undated"),
            },
            Action::Set {
                at: At::Source(0),
                key: "url",
                field: text("http://chelwest.nhs.uk/microneedling"),
            },
        ],
    );
    assert_eq!(
        s.problems_at(&At::Source(0).path("url")).len(),
        1,
        "https only"
    );
    run(
        &mut s,
        vec![
            Action::Set {
                at: At::Source(0),
                key: "url",
                field: text("https://chelwest.nhs.uk/microneedling"),
            },
            Action::CiteEverywhere {
                source: "nhs-after".into(),
                locator: "Aftercare".into(),
            },
        ],
    );
    assert_eq!(s.status, "\"nhs-after\" is now cited by 12 questions.");
    run(
        &mut s,
        vec![Action::Set {
            at: At::Bank,
            key: "disclaimer",
            field: text("Education only, not medical advice."),
        }],
    );
    let errors: Vec<_> = s.problems.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let json = s
        .loaded
        .as_ref()
        .and_then(|l| serde_json::to_string(&l.bank).ok())
        .unwrap_or_default();
    assert_eq!(
        quiz_core::from_json(&json).map(|l| l.bank.questions.len()),
        Ok(12)
    );
}

#[test]
fn questions_are_added_duplicated_moved_deleted_and_undone() {
    let mut s = Studio::new("m", "d3", DEFAULT_TOML.to_string(), vec![]);
    let ids = |s: &Studio| {
        s.bank
            .as_ref()
            .map(|b| b.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let before = ids(&s);
    s.apply(Action::MoveQuestion { from: 2, to: 0 });
    assert_eq!(ids(&s)[0], before[2]);
    assert_eq!(s.selected, 0);
    assert_eq!(
        s.status,
        format!(
            "Question moved from position 3 to position 1 of {}.",
            before.len()
        )
    );
    s.apply(Action::DuplicateQuestion(0));
    assert_eq!(ids(&s)[1], format!("{}-copy", before[2]));
    s.apply(Action::DeleteQuestion(1));
    s.apply(Action::AddQuestion);
    assert_eq!(ids(&s).len(), before.len() + 1);
    let new = s.selected;
    assert!(
        !s.problems_at(&At::Question(new).path("prompt")).is_empty(),
        "empty prompt flagged"
    );
    assert_eq!(
        s.focus.as_ref().map(|f| f.0.clone()),
        Some(At::Question(new).path("prompt"))
    );
    for _ in 0..4 {
        s.apply(Action::Undo);
    }
    assert_eq!(&*s.text, DEFAULT_TOML);
    assert!(!s.can_undo());
}

#[test]
fn correct_ticks_follow_the_kind() {
    let mut s = Studio::new("m", "d4", DEFAULT_TOML.to_string(), vec![]);
    let correct = |s: &Studio, q: usize| {
        s.bank
            .as_ref()
            .map(|b| {
                b.questions[q]
                    .choices
                    .iter()
                    .map(|c| c.correct)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    s.apply(Action::SetCorrect {
        q: 0,
        c: 2,
        on: true,
    });
    assert_eq!(correct(&s, 0), vec![false, false, true, false]);
    s.apply(Action::SetKind {
        q: 0,
        kind: Kind::Multiple,
    });
    s.apply(Action::SetCorrect {
        q: 0,
        c: 1,
        on: true,
    });
    assert_eq!(correct(&s, 0), vec![false, true, true, false]);
    s.apply(Action::SetKind {
        q: 0,
        kind: Kind::TrueFalse,
    });
    let q = s.bank.as_ref().map(|b| b.questions[0].clone());
    assert_eq!(
        q.as_ref().map(|q| q
            .choices
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()),
        Some(vec!["True", "False"])
    );
    assert_eq!(q.map(|q| q.kind), Some(Kind::TrueFalse));
}

#[test]
fn renaming_a_source_or_topic_renames_its_uses() {
    let mut s = Studio::new("m", "d5", DEFAULT_TOML.to_string(), vec![]);
    s.apply(Action::Set {
        at: At::Source(0),
        key: "id",
        field: text("statpearls-current"),
    });
    s.apply(Action::Set {
        at: At::Topic(0),
        key: "id",
        field: text("mechanism"),
    });
    s.apply(Action::Set {
        at: At::Bank,
        key: "id",
        field: text("copy"),
    });
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert!(!s.text.contains("source = \"statpearls\""));
    assert!(s.text.contains("topic = \"mechanism\""));
}

#[test]
fn a_toml_syntax_error_pauses_the_forms_until_fixed() {
    let mut s = Studio::new("m", "d6", DEFAULT_TOML.to_string(), vec![]);
    let broken = DEFAULT_TOML.replacen("pass_mark = 70", "pass_mark = ", 1);
    s.apply(Action::SetText(broken));
    assert!(!s.editable());
    assert!(s.errors() > 0 && s.problems[0].pos.is_some());
    s.apply(Action::AddQuestion);
    assert!(s.status.starts_with("Fix the TOML syntax error"));
    s.apply(Action::SetText(DEFAULT_TOML.to_string()));
    assert!(s.editable() && s.loaded.is_some());
}

#[test]
fn reveal_selects_the_question_and_asks_for_focus() {
    let mut s = Studio::new("m", "d7", DEFAULT_TOML.to_string(), vec![]);
    let path = vec![
        Seg::Key("questions"),
        Seg::Index(5),
        Seg::Key("explanation"),
    ];
    s.apply(Action::Tab(Tab::Toml));
    s.apply(Action::Reveal(path.clone()));
    assert_eq!((s.selected, s.tab), (5, Tab::Forms));
    assert_eq!(s.focus.map(|f| f.0), Some(path));
    assert_eq!(
        field_id(&At::Choice(1, 2).path("text")),
        "f-questions-1-choices-2-text"
    );
}

#[test]
fn a_blank_bank_grows_into_a_valid_one() {
    let mut s = Studio::new("new", "d8", BLANK_TOML.to_string(), vec![]);
    assert!(s.draft.is_none() && s.errors() > 0);
    run(
        &mut s,
        vec![
            Action::Set {
                at: At::Bank,
                key: "title",
                field: text("Aftercare"),
            },
            Action::Set {
                at: At::Bank,
                key: "description",
                field: text("What to do after a session."),
            },
            Action::Set {
                at: At::Bank,
                key: "disclaimer",
                field: text("Education only."),
            },
            Action::AddTopic,
            Action::Set {
                at: At::Topic(0),
                key: "label",
                field: text("Aftercare"),
            },
            Action::AddSource,
            Action::Set {
                at: At::Source(0),
                key: "title",
                field: text("Leaflet"),
            },
            Action::Set {
                at: At::Source(0),
                key: "authors",
                field: Field::Texts(vec!["A clinic".into()]),
            },
            Action::Set {
                at: At::Source(0),
                key: "publisher",
                field: text("A clinic"),
            },
            Action::Set {
                at: At::Source(0),
                key: "date",
                field: text("2026"),
            },
            Action::Set {
                at: At::Source(0),
                key: "url",
                field: text("https://example.org/leaflet"),
            },
            Action::AddQuestion,
            Action::Set {
                at: At::Question(0),
                key: "prompt",
                field: text("Is sunscreen needed afterwards?"),
            },
            Action::Set {
                at: At::Choice(0, 0),
                key: "text",
                field: text("Yes"),
            },
            Action::Set {
                at: At::Choice(0, 1),
                key: "text",
                field: text("No"),
            },
            Action::Set {
                at: At::Question(0),
                key: "explanation",
                field: text("The skin is sensitive for days."),
            },
            Action::AddCite(0),
            Action::Set {
                at: At::Cite(0, 0),
                key: "locator",
                field: text("Aftercare"),
            },
        ],
    );
    assert!(
        s.problems.iter().all(|p| !p.is_error()),
        "{:?}\n{}",
        s.problems,
        s.text
    );
    assert!(s.loaded.is_some());
}

#[test]
fn a_choice_moves_with_its_tick_and_feedback() {
    let mut s = Studio::new("m", "d9", DEFAULT_TOML.to_string(), vec![]);
    let choices = |s: &Studio| {
        s.bank
            .as_ref()
            .and_then(|b| b.questions.first().cloned())
            .map(|q| q.choices)
            .unwrap_or_default()
    };
    let before = choices(&s);
    assert!(before.len() >= 3, "the first question has several choices");
    s.apply(Action::MoveChoice {
        q: 0,
        from: 0,
        to: 2,
    });
    let after = choices(&s);
    assert_eq!(after[2].id, before[0].id);
    assert_eq!(after[2].correct, before[0].correct);
    assert_eq!(after[2].feedback, before[0].feedback);
    assert_eq!(after[0].id, before[1].id);
    assert_eq!(
        s.status,
        format!("Choice 1 moved to position 3 of {}.", before.len())
    );
    assert!(s.text.contains("# The default microneedling bank"));
    // Out of range does nothing; undo puts it back.
    let text = s.text.clone();
    s.apply(Action::MoveChoice {
        q: 0,
        from: 0,
        to: 99,
    });
    assert_eq!(s.text, text);
    s.apply(Action::Undo);
    assert_eq!(choices(&s), before);
}

/// The built-in bank with no question marked essential yet.
fn without_essentials() -> String {
    DEFAULT_TOML.replace("essential = true\n", "")
}

#[test]
fn always_ask_this_question_marks_it_essential_and_unticking_removes_the_key() {
    let mut s = Studio::new("clinic", "d-ess", without_essentials(), vec![]);
    s.apply(Action::Set {
        at: At::Bank,
        key: "id",
        field: text("clinic"),
    });
    let tick = |q: usize, on: bool| Action::Set {
        at: At::Question(q),
        key: "essential",
        field: if on { Field::Bool(true) } else { Field::Absent },
    };
    let before = s.text.clone();
    run(&mut s, vec![tick(2, true), tick(5, true)]);
    let bank = s.loaded.as_ref().expect("still valid").bank.clone();
    let marked: Vec<usize> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.essential)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(marked, [2, 5]);
    // One line added per question, nothing else touched.
    assert_eq!(s.text.lines().count(), before.lines().count() + 2);
    assert_eq!(
        s.text.lines().filter(|l| *l == "essential = true").count(),
        2
    );
    // The pass rule, in the bank details.
    s.apply(Action::Set {
        at: At::Bank,
        key: "pass_requires_essential",
        field: Field::Bool(true),
    });
    assert!(
        s.loaded
            .as_ref()
            .expect("valid")
            .bank
            .meta
            .pass_requires_essential
    );
    // Unticking removes the key: false is the default and is not written.
    run(&mut s, vec![tick(2, false), tick(5, false)]);
    assert!(!s.text.lines().any(|l| l.starts_with("essential =")));
    // The rule alone, with nothing essential, is a warning at its field.
    assert_eq!(
        s.problems_at(&At::Bank.path("pass_requires_essential"))
            .len(),
        1
    );
    s.apply(Action::Set {
        at: At::Bank,
        key: "pass_requires_essential",
        field: Field::Absent,
    });
    assert_eq!(s.text, before);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
}

#[test]
fn more_essential_questions_than_a_visit_asks_is_an_error_at_the_draw() {
    let mut s = Studio::new("clinic", "d-ess2", without_essentials(), vec![]);
    run(
        &mut s,
        vec![
            Action::Set {
                at: At::Bank,
                key: "id",
                field: text("clinic"),
            },
            Action::Set {
                at: At::Bank,
                key: "draw",
                field: Field::Int(2),
            },
        ],
    );
    for q in 0..3 {
        s.apply(Action::Set {
            at: At::Question(q),
            key: "essential",
            field: Field::Bool(true),
        });
    }
    assert!(s.loaded.is_none());
    let at_draw = s.problems_at(&At::Bank.path("draw"));
    assert_eq!(at_draw.len(), 1, "{:?}", s.problems);
    assert!(at_draw[0]
        .message
        .contains("3 questions are essential, but draw = 2"));
    // The draft preview still plays, asking every question.
    let draft = s.draft.as_ref().expect("a draft");
    assert_eq!(draft.bank.meta.draw, None);
    assert_eq!(draft.bank.essentials().count(), 3);
}
