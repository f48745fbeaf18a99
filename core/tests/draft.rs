//! The editor's draft preview plays a bank that does not validate yet.
#![cfg(feature = "toml")]

use quiz_core::draft::{draft, DRAFT_SOURCE};
use quiz_core::gift::from_gift;
use quiz_core::validate::{has_errors, validate};

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../questions/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example")
}

#[test]
fn an_import_without_sources_or_disclaimer_becomes_a_playable_draft() {
    let imported = from_gift(&example("skin-care.gift"), "skin-care.gift");
    assert!(
        has_errors(&validate(&imported.bank)),
        "not deployable as it is"
    );
    let d = draft(&imported.bank).expect("playable");
    assert!(!has_errors(&validate(&d.bank)), "{:?}", validate(&d.bank));
    assert_eq!(d.bank.questions.len(), imported.bank.questions.len());
    assert!(d.left_out.is_empty());
    assert!(d.bank.meta.disclaimer.contains("Draft"));
    assert!(d
        .bank
        .questions
        .iter()
        .all(|q| q.cites.iter().any(|c| c.source == DRAFT_SOURCE)));
    // The prompts and choices are the instructor's own, untouched.
    for (a, b) in d.bank.questions.iter().zip(&imported.bank.questions) {
        assert_eq!(a.prompt, b.prompt);
        assert_eq!(a.choices, b.choices);
    }
}

#[test]
fn unplayable_questions_are_left_out_and_named() {
    let mut bank = from_gift(&example("skin-care.gift"), "skin-care.gift").bank;
    let n = bank.questions.len();
    bank.questions[0].choices.truncate(1);
    for c in &mut bank.questions[1].choices {
        c.correct = false;
    }
    let id0 = bank.questions[0].id.clone();
    let d = draft(&bank).expect("the rest is playable");
    assert_eq!(d.bank.questions.len(), n - 2);
    assert!(d.left_out.contains(&id0), "{:?}", d.left_out);
    assert!(!has_errors(&validate(&d.bank)));
}

#[test]
fn a_valid_bank_is_its_own_draft_and_an_empty_one_has_none() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let bank = quiz_core::toml_source::from_toml(&text)
        .expect("valid")
        .bank;
    assert_eq!(draft(&bank).map(|d| d.bank), Some(bank.clone()));
    let mut empty = bank;
    empty.questions.clear();
    assert_eq!(draft(&empty), None);
}

fn default_bank() -> quiz_core::Bank {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    quiz_core::toml_source::from_toml(&text)
        .expect("valid")
        .bank
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(100))]

    #[test]
    fn whatever_is_broken_a_draft_validates_and_keeps_every_playable_question(
        edits in proptest::collection::vec((0usize..10, 0usize..40), 1..12)
    ) {
        let mut bank = default_bank();
        let mut unplayable = std::collections::HashSet::new();
        for (kind, at) in edits {
            let i = at % bank.questions.len();
            let q = &mut bank.questions[i];
            match kind {
                0 => q.explanation.clear(),
                1 => q.cites.clear(),
                2 => q.topic = "nope".into(),
                3 => { q.choices.truncate(1); unplayable.insert(q.id.clone()); }
                4 => { q.choices.iter_mut().for_each(|c| c.correct = false); unplayable.insert(q.id.clone()); }
                5 => bank.meta.disclaimer.clear(),
                6 => { let s = at % bank.sources.len(); bank.sources[s].url = "http://x".into(); }
                7 => bank.meta.pass_mark = 500,
                8 => q.id = String::new(),
                _ => bank.topics.clear(),
            }
        }
        match draft(&bank) {
            Some(d) => {
                proptest::prop_assert!(!has_errors(&validate(&d.bank)));
                // Questions that were never made unplayable are all still there.
                let kept = bank.questions.iter().filter(|q| !unplayable.contains(&q.id) && !q.id.is_empty()).count();
                proptest::prop_assert!(d.bank.questions.len() >= kept, "{} < {kept}: {:?}", d.bank.questions.len(), d.left_out);
            }
            None => proptest::prop_assert!(bank.questions.iter().all(|q| unplayable.contains(&q.id))),
        }
    }
}
