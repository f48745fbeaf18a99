//! The parsers and validator never panic, whatever text they are given.

use proptest::prelude::*;
use quiz_core::from_json;
use quiz_core::toml_source::from_toml;

const GUIDE: &str = include_str!("../../questions/README.md");

fn sample_json() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let bank = from_toml(&text).expect("valid").bank;
    serde_json::to_string(&bank).expect("json")
}

proptest! {
    // A quick check in every test run; `cargo fuzz` (core/fuzz) goes deeper.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        let _ = from_json(&s);
        let _ = from_toml(&s);
    }

    #[test]
    fn mutated_real_banks_never_panic(cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        // Start from the real bank and overwrite a few bytes: near-valid input
        // reaches deep into the validator.
        let mut bytes = sample_json().as_bytes().to_vec();
        for (at, b) in &cuts {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = from_json(&text);
    }
}

#[test]
fn the_readme_example_is_a_valid_bank() {
    // The authoring guide's complete example must load as it is.
    let start = GUIDE.find("```toml\n").expect("example") + 8;
    let end = start + GUIDE[start..].find("```").expect("end");
    let loaded = from_toml(&GUIDE[start..end]).expect("the README example is valid");
    assert_eq!(loaded.bank.questions.len(), 1);
}
