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

/// A true/false statement on home pens, and a one-answer question on who
/// should do the treatment.
fn true_false_pair(tf_explanation: &str, single_explanation: &str) -> quiz_core::Bank {
    let mut tf = question(
        "home-pens-safe",
        "t1",
        Kind::TrueFalse,
        vec![choice("true", false), choice("false", true)],
    );
    tf.prompt =
        "True or false: microneedling pens sold online are as safe at home as a clinic treatment."
            .into();
    tf.choices[0].text = "True".into();
    tf.choices[1].text = "False".into();
    tf.explanation = tf_explanation.into();
    let mut who = question(
        "who-treats",
        "t2",
        Kind::Single,
        vec![
            choice("trained", true),
            choice("anyone", false),
            choice("friend", false),
        ],
    );
    who.prompt = "Who should carry out a microneedling treatment?".into();
    who.choices[0].text = "A dermatologist or trained clinician".into();
    who.choices[1].text = "Anyone with a kit".into();
    who.choices[2].text = "A friend who has had it done".into();
    who.explanation = single_explanation.into();
    bank(vec![tf, who])
}

#[test]
fn a_text_that_restates_a_true_false_statement_gives_its_answer_away() {
    // Into a true/false question: the other question's explanation denies
    // the statement, and so answers it.
    let b = true_false_pair(
        "Home devices have shorter needles and no sterile setting.",
        "Pens sold online are not as safe at home as a treatment in a clinic. Ask about training.",
    );
    let leaks = answer_leaks(&b);
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    let m = &leaks[0].message;
    assert!(
        m.contains("question \"who-treats\" gives away the answer to question \"home-pens-safe\" (\"False: microneedling pens sold online"),
        "{m}"
    );
    assert!(m.contains("\"online\"") && m.contains("\"pen\""), "{m}");
    assert_eq!(
        leaks[0].path,
        quiz_core::path!["questions", 1usize, "explanation"]
    );
    // Talking about the same subject without restating it is no leak.
    let b = true_false_pair(
        "Home devices have shorter needles and no sterile setting.",
        "Training matters: ask who will treat you and how.",
    );
    assert!(answer_leaks(&b).is_empty(), "{:?}", answer_leaks(&b));
}

#[test]
fn a_true_false_questions_own_texts_are_checked_too() {
    // Out of a true/false question: its explanation names the other
    // question's answer.
    let b = true_false_pair(
        "Home pens are not sterile; a dermatologist or trained clinician should carry it out.",
        "Training matters: ask who will treat you and how.",
    );
    let leaks = answer_leaks(&b);
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert!(
        leaks[0].message.contains(
            "question \"home-pens-safe\" gives away the answer to question \"who-treats\""
        ),
        "{}",
        leaks[0].message
    );
    assert_eq!(
        leaks[0].path,
        quiz_core::path!["questions", 0usize, "explanation"]
    );
}

#[test]
fn two_true_false_questions_can_give_each_other_away() {
    let mut b = true_false_pair("Home devices have shorter needles.", "Ask about training.");
    let mut other = b.questions[0].clone();
    other.id = "clinic-only".into();
    other.prompt =
        "True or false: a clinic treatment is safer than pens sold online for home use.".into();
    other.choices[0].correct = true;
    other.choices[1].correct = false;
    other.explanation = "Pens sold online are not as safe at home as a clinic treatment.".into();
    b.questions.push(other);
    let leaks: Vec<String> = answer_leaks(&b).into_iter().map(|d| d.message).collect();
    assert!(
        leaks.iter().any(|m| m.contains(
            "question \"clinic-only\" gives away the answer to question \"home-pens-safe\""
        )),
        "{leaks:?}"
    );
}
