//! Each validation rule, reported with a position in the TOML source.

mod common;

use common::*;
use quiz_core::bank::Kind;
use quiz_core::toml_source::from_toml;
use quiz_core::validate::{check_url, has_errors, validate};
use quiz_core::{from_json, Diagnostic};

fn errors(b: &quiz_core::Bank) -> Vec<String> {
    validate(b)
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|d| d.message)
        .collect()
}

#[test]
fn the_sample_bank_is_valid() {
    assert_eq!(errors(&sample()), Vec::<String>::new());
}

#[test]
fn duplicate_ids_are_errors() {
    let mut b = sample();
    b.questions[2].id = "q1".into();
    b.questions[0].choices[1].id = "a".into();
    let e = errors(&b);
    assert!(
        e.iter()
            .any(|m| m.contains("question id \"q1\" is already used by question 1")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("choice id \"a\" is used twice")),
        "{e:?}"
    );
}

#[test]
fn choice_counts_and_correct_answers_follow_the_kind() {
    let mut b = sample();
    b.questions[0].choices[0].correct = true; // single with two correct
    b.questions[1]
        .choices
        .iter_mut()
        .for_each(|c| c.correct = false); // multiple with none
    b.questions[2].choices.push(choice("x", false)); // true/false with three
    let e = errors(&b);
    assert!(
        e.iter()
            .any(|m| m.contains("exactly one correct choice; this one has 2")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m.contains("at least one correct choice")),
        "{e:?}"
    );
    assert!(e.iter().any(|m| m.contains("exactly two choices")), "{e:?}");

    let mut b = sample();
    b.questions[0].choices.truncate(1);
    b.questions[1].choices = (0..11).map(|i| choice(&format!("c{i}"), true)).collect();
    let e = errors(&b);
    assert!(
        e.iter()
            .any(|m| m.contains("2 to 10 choices; this one has 1")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("2 to 10 choices; this one has 11")),
        "{e:?}"
    );
}

#[test]
fn undeclared_topics_and_sources_are_errors() {
    let mut b = sample();
    b.questions[0].topic = "nope".into();
    b.questions[1].cites[0].source = "ghost".into();
    b.questions[2].cites.clear();
    let e = errors(&b);
    assert!(
        e.iter()
            .any(|m| m.contains("topic \"nope\" is not declared")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("source \"ghost\" is not declared")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m.contains("cite at least one source")),
        "{e:?}"
    );
}

#[test]
fn empty_and_oversized_text_are_errors() {
    let mut b = sample();
    b.questions[0].prompt = "   ".into();
    b.questions[1].explanation = "x".repeat(2001);
    b.meta.disclaimer = String::new();
    let e = errors(&b);
    assert!(e.iter().any(|m| m == "the prompt is empty"), "{e:?}");
    assert!(
        e.iter()
            .any(|m| m == "the explanation is longer than 2000 characters"),
        "{e:?}"
    );
    assert!(e.iter().any(|m| m == "the disclaimer is empty"), "{e:?}");
}

#[test]
fn only_https_links_with_a_host_are_accepted() {
    for ok in [
        "https://example.org",
        "https://a.b/c?d=e#f",
        "https://x.org:8443/p",
    ] {
        assert_eq!(check_url(ok), Ok(()), "{ok}");
    }
    for bad in [
        "http://example.org",
        "javascript:alert(1)",
        " https://example.org",
        "HTTPS://example.org",
        "data:text/html,hi",
        "https://",
        "https:///path",
        "https://user@evil.org",
        "https://exa mple.org",
        "https://example.org/a b",
        "//example.org",
        "https://ex<script>.org",
    ] {
        assert!(check_url(bad).is_err(), "{bad} should be refused");
    }
}

#[test]
fn unused_sources_topics_and_missing_feedback_are_warnings_only() {
    let mut b = sample();
    b.topics.push(quiz_core::Topic {
        id: "empty".into(),
        label: "Empty".into(),
    });
    b.questions[0].choices[0].feedback = None;
    let all = validate(&b);
    assert!(!has_errors(&all));
    let w: Vec<_> = all.iter().map(|d| d.message.as_str()).collect();
    assert!(w.contains(&"topic \"empty\" has no questions"), "{w:?}");
    assert!(w.iter().any(|m| m.contains("no feedback")), "{w:?}");
}

const GOOD_TOML: &str = r#"format = 1

[bank]
id = "mini"
title = "Mini"
language = "en"
version = "1"
description = "A tiny bank."
pass_mark = 50
disclaimer = "Education only."

[[sources]]
id = "s"
title = "S"
authors = ["A"]
publisher = "P"
date = "2020"
url = "https://example.org/s"

[[topics]]
id = "t"
label = "T"

[[questions]]
id = "q1"
topic = "t"
kind = "true_false"
prompt = "Is this a test?"
explanation = "It is."
cites = [{ source = "s", locator = "Intro" }]
choices = [
  { id = "true", text = "True", correct = true },
  { id = "false", text = "False", feedback = "It is a test." },
]
"#;

#[test]
fn a_good_toml_bank_loads() {
    let loaded = from_toml(GOOD_TOML).expect("valid");
    assert_eq!(loaded.bank.questions.len(), 1);
    assert_eq!(loaded.bank.questions[0].kind, Kind::TrueFalse);
    assert_eq!(loaded.bank.questions[0].points, 1);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

fn positions(text: &str) -> Vec<String> {
    from_toml(text)
        .expect_err("should fail")
        .iter()
        .map(|d| d.render("b.toml"))
        .collect()
}

#[test]
fn every_rule_problem_is_reported_at_its_line_and_column() {
    let bad = GOOD_TOML
        .replace(
            "url = \"https://example.org/s\"",
            "url = \"http://example.org/s\"",
        )
        .replace("topic = \"t\"", "topic = \"tt\"")
        .replace("pass_mark = 50", "pass_mark = 150");
    let lines = positions(&bad);
    assert_eq!(
        lines,
        vec![
            "b.toml:9:13: error: pass_mark is a percentage from 0 to 100, not 150",
            "b.toml:18:7: error: \"http://example.org/s\" is not an https link; only addresses starting with https:// are allowed",
            "b.toml:26:9: error: topic \"tt\" is not declared; add it under [[topics]] or fix the spelling",
            "b.toml:21:6: warning: topic \"t\" has no questions",
        ]
    );
}

#[test]
fn type_errors_in_several_questions_are_all_reported() {
    let second = GOOD_TOML
        .split("[[questions]]")
        .nth(1)
        .expect("has a question")
        .replace("id = \"q1\"", "id = \"q2\"");
    let text = format!(
        "{}\n[[questions]]{}",
        GOOD_TOML.replace("kind = \"true_false\"", "kind = \"yes_no\""),
        second.replace("prompt =", "promt =")
    );
    let lines = positions(&text);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "b.toml:27:8: error: \"kind\" should be one of \"single\", \"multiple\", \"true_false\""
        ),
        "{lines:?}"
    );
    assert!(lines[1].contains("missing field \"prompt\""), "{lines:?}");
    assert!(lines[2].contains("unknown field \"promt\""), "{lines:?}");
}

#[test]
fn a_field_that_cannot_be_read_hides_no_rule_problem_of_the_others() {
    // A mistyped field, a misspelt one and an unquoted date, next to rule
    // problems in other fields of the same tables: all are reported together.
    let text = GOOD_TOML
        .replace("pass_mark = 50", "pass_mark = 150\nreviewed = 2026-01-02")
        .replace(
            "topic = \"t\"",
            "topic = \"tt\"\npoints = \"two\"\nexplantion = \"x\"",
        );
    let lines = positions(&text);
    let has = |s: &str| lines.iter().any(|l| l.contains(s));
    assert!(
        has("pass_mark is a percentage from 0 to 100, not 150"),
        "{lines:?}"
    );
    assert!(has("write dates in quotes"), "{lines:?}");
    assert!(has("topic \"tt\" is not declared"), "{lines:?}");
    assert!(has("\"points\" should be a whole number"), "{lines:?}");
    assert!(has("unknown field \"explantion\""), "{lines:?}");
    // A pass mark in quotes says what it should be.
    let lines = positions(&GOOD_TOML.replace("pass_mark = 50", "pass_mark = \"50\""));
    assert!(
        lines[0].ends_with(
            "\"pass_mark\" should be a whole number from 0 to 100 (a percentage, without quotes)"
        ),
        "{lines:?}"
    );
}

#[test]
fn syntax_errors_and_unquoted_dates_have_positions() {
    let lines = positions(&GOOD_TOML.replace("title = \"Mini\"", "title = \"Mini"));
    assert!(lines[0].starts_with("b.toml:5:"), "{lines:?}");
    let lines =
        positions(&GOOD_TOML.replace("pass_mark = 50", "pass_mark = 50\nreviewed = 2026-01-02"));
    assert_eq!(
        lines,
        vec!["b.toml:10:12: error: write dates in quotes, like \"2026-01-31\""]
    );
}

#[test]
fn json_banks_report_rule_problems_by_question() {
    let mut b = sample();
    b.questions[1].topic = "zzz".into();
    let json = serde_json::to_string(&b).expect("serializes");
    let err = from_json(&json).expect_err("invalid");
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].message,
        "question 2 (\"q2\"): topic \"zzz\" is not declared; add it under [[topics]] or fix the spelling"
    );
}

#[test]
fn the_shipped_banks_are_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../questions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("questions/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            if let Err(e) = from_toml(&text) {
                panic!("{}: {e:?}", path.display());
            }
            count += 1;
        }
    }
    assert!(count >= 1);
}

#[test]
fn all_of_the_above_long_prompts_and_weights_are_checked() {
    let mut b = sample();
    b.questions[1].choices[3].text = "All of the above".into();
    b.questions[0].prompt = "x".repeat(301);
    let w: Vec<_> = validate(&b)
        .into_iter()
        .map(|d| (d.is_error(), d.message))
        .collect();
    assert!(w.contains(&(false, "\"all/none of the above\" reads wrongly when choices are shuffled; name the choices instead, or set shuffle = false".into())), "{w:?}");
    assert!(
        w.iter()
            .any(|(e, m)| !e && m.starts_with("the prompt is over 300 characters")),
        "{w:?}"
    );

    let mut b = sample();
    let weights = [Some(60), Some(-50), Some(30), None];
    for (c, w) in b.questions[1].choices.iter_mut().zip(weights) {
        c.weight = w;
    }
    let all = validate(&b);
    assert!(!has_errors(&all), "{all:?}");
    assert!(all.iter().any(|d| d.message
        == "the positive weights add up to 90%, so a perfect answer scores 90%, not 100%"));
    b.questions[1].choices[1].weight = Some(150);
    b.questions[0].choices[0].weight = Some(10);
    let e = errors(&b);
    assert!(
        e.iter()
            .any(|m| m == "a weight is a percentage from -100 to 100, not 150"),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m == "weights are for \"multiple\" questions only"),
        "{e:?}"
    );
}
