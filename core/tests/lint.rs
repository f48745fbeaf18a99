//! The answer-leak warning: one question's texts must not give away another's
//! keyed answer, since shuffling may show either first.

mod common;

use common::*;
use quiz_core::bank::Kind;
use quiz_core::lint::answer_leaks;
use quiz_core::toml_source::from_toml;

/// Two questions on bleeding: "who bleeds more" and "what to tell the doctor".
fn pair(explanation: &str) -> quiz_core::Bank {
    let mut who = question(
        "who-bleeds",
        "t1",
        Kind::Single,
        vec![
            choice("thinners", true),
            choice("dry", false),
            choice("young", false),
        ],
    );
    who.prompt = "Who may bleed more easily after the procedure?".into();
    who.choices[0].text = "People taking blood-thinning medicine".into();
    who.choices[1].text = "People with dry skin".into();
    who.choices[2].text = "People under thirty".into();
    let mut tell = question(
        "tell-doctor",
        "t2",
        Kind::Single,
        vec![choice("tell", true), choice("hide", false)],
    );
    tell.prompt = "What should you do before your appointment?".into();
    tell.choices[0].text = "Mention your medicines".into();
    tell.choices[1].text = "Say nothing".into();
    tell.explanation = explanation.into();
    bank(vec![who, tell])
}

#[test]
fn an_explanation_that_states_another_answer_is_reported_naming_both() {
    let b = pair(
        "People taking blood-thinning medicine may bleed more easily, so mention it. Tell the clinic.",
    );
    let leaks = answer_leaks(&b);
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    let m = &leaks[0].message;
    assert!(
        m.contains("question \"tell-doctor\" gives away the answer to question \"who-bleeds\""),
        "{m}"
    );
    assert!(m.contains("\"thinning\""), "{m}");
    // Placed at the explanation that gives it away.
    assert_eq!(
        leaks[0].path,
        quiz_core::path!["questions", 1usize, "explanation"]
    );
}

#[test]
fn the_same_subject_without_the_answer_is_not_a_leak() {
    let b = pair("Your clinic needs the full list of what you take. Bring it along to the visit.");
    assert!(answer_leaks(&b).is_empty(), "{:?}", answer_leaks(&b));
}

#[test]
fn feedback_leaks_too_and_so_does_a_toml_bank_at_its_line() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    assert!(from_toml(&text).expect("valid").warnings.is_empty());
    // Make one feedback state the answer of "home-needles".
    let leaky = text.replacen(
        "feedback = \"Price says nothing about skill or hygiene; check experience, credentials and sterile equipment.\"",
        "feedback = \"Home rollers have shorter, blunter needles that are not meant to pierce the skin.\"",
        1,
    );
    assert_ne!(leaky, text);
    let warnings = from_toml(&leaky).expect("still valid").warnings;
    let leak = warnings
        .iter()
        .find(|w| {
            w.message
                .contains("gives away the answer to question \"home-needles\"")
        })
        .unwrap_or_else(|| panic!("{warnings:?}"));
    let line = leaky
        .lines()
        .position(|l| l.contains("Home rollers have shorter, blunter needles"))
        .expect("line")
        + 1;
    assert_eq!(leak.pos.map(|p| p.line), Some(line));
}

#[test]
fn one_shared_answer_word_is_not_a_leak_even_in_a_big_bank() {
    // 2,000 questions, each explanation naming one answer word and one prompt
    // word of the next question: a hint of the subject, not its answer.
    let qs = (0..2000)
        .map(|i| {
            let mut q = question(
                &format!("q{i}"),
                "t1",
                Kind::Single,
                vec![choice("a", true), choice("b", false)],
            );
            q.prompt = format!("Question number {i} about word{i} and word{}", i + 1);
            q.choices[0].text = format!("Answer alpha{i} beta{i}");
            q.choices[1].text = format!("Other gamma{i}");
            q.explanation = format!("Explains word{i} with alpha{} only.", i + 1);
            q
        })
        .collect();
    let b = bank(qs);
    let leaks = answer_leaks(&b);
    assert!(leaks.is_empty(), "{:?}", &leaks[..leaks.len().min(3)]);
}
