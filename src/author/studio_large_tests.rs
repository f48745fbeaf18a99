//! The studio reducer with a large bank: edits show at once, the check
//! waits for a pause (and for anything that needs it), problems of a kind
//! come as one entry with their fix, and the forms and the preview say what
//! stops them.

use quiz_core::bank::{Choice, Kind, Question};

use super::*;
use crate::author::problems::{Fix, Listed};
use crate::author::questions::matching;

/// An import of `n` ordinary questions in 4 topics, as the studio gets one:
/// no sources, no citations, no disclaimer.
fn imported(n: usize) -> String {
    let mut bank = quiz_core::gift::from_aiken("", "big.txt").bank;
    bank.topics = (0..4)
        .map(|t| quiz_core::Topic {
            id: format!("t{t}"),
            label: format!("Topic {t}"),
        })
        .collect();
    bank.questions = (0..n)
        .map(|i| Question {
            id: format!("q{i}"),
            topic: format!("t{}", i % 4),
            kind: Kind::Single,
            difficulty: None,
            prompt: format!(
                "Which of these is the right answer to question number {i} of this long bank?"
            ),
            choices: (0..4)
                .map(|j| Choice {
                    id: ["a", "b", "c", "d"][j].into(),
                    text: format!("Answer {j} of question {i}, a few words long"),
                    correct: j == 0,
                    feedback: (j > 0).then(|| {
                        format!("Not this one: answer {j} of {i} is wrong, and here is why.")
                    }),
                    weight: None,
                })
                .collect(),
            explanation: format!(
                "The first answer of question {i} is right, for reasons a sentence or two explain."
            ),
            cites: vec![],
            points: 1,
            essential: false,
        })
        .collect();
    quiz_core::toml_source::imported_toml(&bank, "big.txt")
}

fn large(n: usize) -> Studio {
    let s = Studio::new("big", "d-big", imported(n), vec![]);
    assert!(s.large(), "{} bytes", s.text.len());
    s
}

fn prompt(s: &Studio, i: usize) -> String {
    s.bank
        .as_ref()
        .map(|b| b.questions[i].prompt.clone())
        .unwrap_or_default()
}

fn set(at: At, key: &'static str, v: &str) -> Action {
    Action::Set {
        at,
        key,
        field: Field::Text(v.to_string()),
    }
}

#[test]
fn a_keystroke_shows_at_once_and_the_check_waits_for_a_pause() {
    let mut s = large(400);
    let problems = s.problems.clone();
    let text = s.text.clone();
    s.apply(set(At::Question(3), "prompt", "A new prompt?"));
    // The forms show the edit; the problems, preview and text wait.
    assert_eq!(prompt(&s, 3), "A new prompt?");
    assert!(s.stale());
    assert!(Rc::ptr_eq(&s.problems, &problems) && Rc::ptr_eq(&s.text, &text));
    s.apply(set(At::Question(3), "prompt", ""));
    assert_eq!(prompt(&s, 3), "");
    s.apply(Action::Check);
    assert!(!s.stale());
    assert!(s.text.contains("prompt = \"\""));
    assert_eq!(
        s.problems_at(&At::Question(3).path("prompt"))
            .iter()
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>(),
        ["the prompt is empty"]
    );
    assert_eq!(s.problems_in_question(3), 2);
    assert_eq!(s.problems_in_question(4), 1);
    // A small bank is checked on every keystroke, as before.
    let mut small = Studio::new("m", "d", DEFAULT_TOML.to_string(), vec![]);
    small.apply(set(At::Question(0), "prompt", ""));
    assert!(
        !small.stale()
            && !small
                .problems_at(&At::Question(0).path("prompt"))
                .is_empty()
    );
}

#[test]
fn what_the_forms_show_after_an_edit_is_what_reading_the_text_gives() {
    let mut s = large(320);
    let edits = vec![
        set(
            At::Question(1),
            "explanation",
            "Why, in two sentences. Really.",
        ),
        set(At::Question(1), "id", "renamed-question"),
        set(At::Question(2), "topic", "t3"),
        Action::Set {
            at: At::Question(2),
            key: "points",
            field: Field::Int(4),
        },
        set(At::Question(2), "difficulty", "hard"),
        set(At::Choice(5, 1), "text", "A better wrong answer"),
        Action::Set {
            at: At::Choice(5, 2),
            key: "feedback",
            field: Field::Absent,
        },
        Action::SetCorrect {
            q: 6,
            c: 2,
            on: true,
        },
        set(At::Bank, "disclaimer", "Education only."),
        set(At::Bank, "title", "A big bank"),
        Action::Set {
            at: At::Bank,
            key: "pass_mark",
            field: Field::Int(80),
        },
        Action::Set {
            at: At::Bank,
            key: "draw",
            field: Field::Int(20),
        },
        set(At::Topic(1), "label", "Second topic"),
    ];
    for edit in edits {
        s.apply(edit.clone());
        assert!(s.stale(), "{edit:?} waits for the check");
        let shown = s.bank.clone();
        s.apply(Action::Check);
        assert_eq!(shown, s.bank, "after {edit:?}");
    }
    // Renaming a topic renames its uses at once: read again at once.
    s.apply(set(At::Topic(0), "id", "first"));
    assert!(!s.stale());
    assert!(s
        .bank
        .as_ref()
        .is_some_and(|b| b.questions[0].topic == "first"));
}

#[test]
fn what_needs_the_latest_text_gets_it_first() {
    let mut s = large(320);
    s.apply(set(
        At::Question(0),
        "prompt",
        "Typed, then a question added",
    ));
    s.apply(Action::AddQuestion);
    assert!(!s.stale() && s.text.contains("Typed, then a question added"));
    assert_eq!(s.bank.as_ref().map(|b| b.questions.len()), Some(321));
    // Undo goes back to the text with the typing in it.
    s.apply(Action::Undo);
    assert!(s.text.contains("Typed, then a question added"));
    assert_eq!(s.bank.as_ref().map(|b| b.questions.len()), Some(320));

    s.apply(set(At::Question(0), "prompt", "Then to the TOML tab"));
    s.apply(Action::Tab(Tab::Toml));
    assert!(!s.stale() && s.text.contains("Then to the TOML tab"));
    s.apply(Action::Tab(Tab::Forms));

    s.apply(set(At::Question(0), "prompt", "Then downloaded"));
    s.apply(Action::Download(super::Download::Toml));
    assert!(!s.stale() && s.text.contains("Then downloaded"));
    assert_eq!(s.download.map(|d| d.0), Some(super::Download::Toml));
    s.apply(Action::Downloaded);
    assert!(!s.unsaved());

    // Typing in the TOML tab: read when typing pauses, then the forms follow.
    let text = s.text.replacen("pass_mark = 70", "pass_mark = 75", 1);
    s.apply(Action::SetText(text));
    assert!(s.stale());
    s.apply(Action::Check);
    assert_eq!(s.bank.as_ref().map(|b| b.meta.pass_mark), Some(75));
    let broken = s.text.replacen("pass_mark = 75", "pass_mark = ", 1);
    s.apply(Action::SetText(broken));
    s.apply(Action::Check);
    assert!(s.blocked().is_some_and(|m| m.contains("TOML syntax")));
    // A form edit waiting on a syntax error is refused, saying why.
    s.apply(Action::AddQuestion);
    assert!(s.status.starts_with("Fix the TOML syntax error"));
}

#[test]
fn problems_of_a_kind_are_one_entry_and_citing_for_all_fixes_them() {
    let mut s = large(400);
    let groups: Vec<_> = s
        .listed
        .iter()
        .filter_map(|l| match l {
            Listed::Many(g) => Some(g),
            Listed::One(_) => None,
        })
        .collect();
    let uncited = groups
        .iter()
        .find(|g| g.fix == Some(Fix::CiteAll))
        .map(|g| g.count.clone());
    assert_eq!(uncited.as_deref(), Some("400 questions"));
    assert!(s.listed.len() < 10, "{} entries", s.listed.len());
    s.apply(Action::AddSource);
    for (key, v) in [
        ("id", "leaflet"),
        ("title", "Aftercare leaflet"),
        ("publisher", "The clinic"),
        ("date", "2026"),
        ("url", "https://example.org/leaflet"),
    ] {
        s.apply(set(At::Source(0), key, v));
    }
    s.apply(Action::Set {
        at: At::Source(0),
        key: "authors",
        field: Field::Texts(vec!["The clinic".into()]),
    });
    s.apply(Action::CiteEverywhere {
        source: "leaflet".into(),
        locator: "Aftercare".into(),
    });
    assert_eq!(s.status, "\"leaflet\" is now cited by 400 questions.");
    s.apply(set(At::Bank, "disclaimer", "Education only."));
    s.apply(Action::Check);
    assert_eq!(s.errors(), 0, "{:?}", s.problems.first());
    assert!(s.loaded.is_some());
}

#[test]
fn the_list_shows_a_page_and_follows_the_selected_question() {
    let mut s = large(320);
    s.apply(Action::Select(250));
    assert_eq!((s.selected, s.list_page), (250, None));
    s.apply(Action::Page(0));
    assert_eq!(s.list_page, Some(0));
    s.apply(Action::Reveal(At::Question(150).path("prompt")));
    assert_eq!((s.selected, s.list_page), (150, None));
    s.apply(Action::Filter("number 12 of".into()));
    assert_eq!(s.list_page, Some(0));
    let Some(bank) = s.bank.clone() else {
        panic!("read");
    };
    assert_eq!(matching(&bank, "Number 12 of"), [12]);
    assert_eq!(matching(&bank, "#7"), [6]);
    assert_eq!(matching(&bank, "Q29").len(), 11, "q29 and q290 to q299");
    assert_eq!(matching(&bank, "topic 3").len(), 80);
    assert_eq!(matching(&bank, "").len(), 320);
    s.apply(Action::Filter(String::new()));
    assert_eq!(s.list_page, None);
}

#[test]
fn the_forms_and_the_preview_say_what_really_stops_them() {
    // Too large a bank: not a syntax error.
    let mut text = imported(20);
    text.push_str(&format!(
        "\n# {}\n",
        "padding ".repeat(quiz_core::validate::limits::MAX_SOURCE_BYTES / 8)
    ));
    let s = Studio::new("huge", "d-huge", text, vec![]);
    let why = s.blocked().unwrap_or_default();
    assert!(
        why.starts_with("This bank is too large for the studio's forms: the bank's TOML is 16.1 MB; the most the bank tools read is 16 MB: split it"),
        "{why}"
    );
    assert!(!why.contains("syntax"));
    assert!(!s.editable());
    let preview = s.why_no_preview().unwrap_or_default();
    assert!(
        preview.starts_with(
            "Nothing to preview: the bank cannot be read, because the bank's TOML is 16.1 MB"
        ),
        "{preview}"
    );

    // A syntax error says so, and where.
    let s = Studio::new(
        "m",
        "d",
        DEFAULT_TOML.replacen("pass_mark = 70", "pass_mark = ", 1),
        vec![],
    );
    let why = s.blocked().unwrap_or_default();
    assert!(
        why.starts_with("The forms cannot read this bank until its TOML syntax is fixed: ")
            && why.contains("(line 12, column 13)"),
        "{why}"
    );
    assert!(s.why_no_preview().is_some_and(|m| m.starts_with(
        "Nothing to preview until the TOML syntax error at line 12, column 13 is fixed"
    )));

    // A bank read, but with nothing playable yet.
    let s = Studio::new("new", "d", BLANK_TOML.to_string(), vec![]);
    assert!(s.editable());
    assert_eq!(
        s.why_no_preview().as_deref(),
        Some("Nothing to preview yet: the bank has no questions. Add one in the forms.")
    );
    let unplayable = imported(3).replace("correct = true", "correct = false");
    let s = Studio::new("u", "d", unplayable, vec![]);
    assert_eq!(
        s.why_no_preview().as_deref(),
        Some("Nothing to preview yet: none of the 3 questions can be played; each needs at least two choices and a right answer.")
    );
}
