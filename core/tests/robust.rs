//! The parsers and validator never panic, whatever text they are given.

use proptest::prelude::*;
use quiz_core::parse::finish;
use quiz_core::toml_source::from_toml;
use quiz_core::{from_json, Bank};

const GUIDE: &str = include_str!("../../questions/README.md");

fn sample_json() -> String {
    // Read once: every property case starts from the same text.
    static SAMPLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SAMPLE
        .get_or_init(|| {
            let text = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../questions/microneedling.toml"
            ))
            .expect("bank");
            let mut bank = from_toml(&text).expect("valid").bank;
            // Essential questions and their pass rule, so that both readers
            // meet those fields too (serde leaves them out when false).
            bank.meta.pass_requires_essential = true;
            for q in bank.questions.iter_mut().step_by(9) {
                q.essential = true;
            }
            serde_json::to_string(&bank).expect("json")
        })
        .clone()
}

/// Replacements that reach the reader's edge cases.
const TOKENS: &[&str] = &[
    "",
    " ",
    "\\",
    "\"",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "null",
    "0",
    "-1",
    "1.5",
    "1e2",
    "4294967296",
    "true",
    "\\u00e9",
    "\\ud800",
    "\n",
    "x",
    "\"a\":1,",
    "\"points\":",
    "\"weight\":",
    "\"draw\":",
    "\"correct\":",
    "\"kind\":\"multiple\"",
    "\"essential\":",
    "\"essential\":true,",
    "\"pass_requires_essential\":",
];

/// The span of one scalar value (after a `":`), picked by `at`.
fn value_span(text: &str, at: &prop::sample::Index) -> (usize, usize) {
    let starts: Vec<usize> = text.match_indices("\":").map(|(i, _)| i + 2).collect();
    let Some(&start) = starts.get(at.index(starts.len().max(1))) else {
        return (0, 0);
    };
    let bytes = text.as_bytes();
    let mut end = start;
    if bytes.get(start) == Some(&b'"') {
        end += 1;
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        end = (end + 1).min(bytes.len());
    } else {
        while end < bytes.len() && !b",}]".contains(&bytes[end]) {
            end += 1;
        }
    }
    (start, end)
}

proptest! {
    // Enough cases to reach rare single-field differences (about 5 s).
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn json_reader_agrees_with_serde_json(
        edits in prop::collection::vec((any::<bool>(), any::<prop::sample::Index>(), 0..TOKENS.len()), 1..4)
    ) {
        // The quiz page reads banks with its own small JSON reader; serde_json
        // (what the build and the tools write with) is the reference. Swap a few
        // bytes or tokens of a real bank and both must accept and reject alike.
        let mut text = sample_json();
        for (whole_value, at, token) in &edits {
            let (i, end) = if *whole_value {
                value_span(&text, at)
            } else {
                let mut i = at.index(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                (i, text[i..].chars().next().map_or(i, |c| i + c.len_utf8()))
            };
            text.replace_range(i..end, TOKENS[*token]);
        }
        let ours = from_json(&text);
        let reference = serde_json::from_str::<Bank>(&text)
            .ok()
            .and_then(|b| finish(b, &text, |_| None, true, |_| Vec::new(), Default::default()).ok());
        match (&ours, &reference) {
            (Ok(a), Some(b)) => prop_assert_eq!(&a.bank, &b.bank),
            (Err(_), None) => {}
            _ => prop_assert!(false, "disagree on {}: ours {:?}", text, ours.map(|l| l.bank.questions.len())),
        }
    }
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
