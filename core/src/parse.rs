//! Reading a bank from JSON, the form the quiz page loads.

use crate::bank::{content_hash, Bank};
use crate::diagnostic::{Diagnostic, Pos};
use crate::validate::{has_errors, limits, validate};

/// A bank that passed validation, with its warnings and content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub bank: Bank,
    pub warnings: Vec<Diagnostic>,
    /// Hash of the text the bank was read from (keys saved progress).
    pub hash: String,
}

/// Parses and validates a JSON bank. Every problem found is returned.
pub fn from_json(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    check_size(text)?;
    if nesting_depth(text) > limits::MAX_DEPTH {
        return Err(vec![Diagnostic::error(
            vec![],
            format!(
                "the bank is nested more than {} levels deep, which no bank needs",
                limits::MAX_DEPTH
            ),
        )]);
    }
    let bank: Bank = serde_json::from_str(text).map_err(|e| {
        let message = plain_serde_message(&e.to_string());
        let d = Diagnostic::error(vec![], message);
        vec![if e.line() > 0 {
            d.at(Pos {
                line: e.line(),
                column: e.column(),
            })
        } else {
            d
        }]
    })?;
    finish(bank, text, |_| None)
}

/// Validates a parsed bank, placing each problem with `locate`.
pub fn finish(
    bank: Bank,
    text: &str,
    locate: impl Fn(&Diagnostic) -> Option<Pos>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diagnostics = validate(&bank);
    for d in &mut diagnostics {
        d.pos = locate(d);
        if d.pos.is_none() {
            d.message = format!("{}: {}", describe(&bank, &d.path), d.message);
        }
    }
    if has_errors(&diagnostics) {
        diagnostics.sort_by_key(|d| (d.severity, d.pos));
        return Err(diagnostics);
    }
    Ok(Loaded {
        bank,
        warnings: diagnostics,
        hash: content_hash(text),
    })
}

/// Refuses oversized input before any parsing work.
pub fn check_size(text: &str) -> Result<(), Vec<Diagnostic>> {
    if text.len() > limits::MAX_BYTES {
        return Err(vec![Diagnostic::error(
            vec![],
            format!(
                "the bank file is {} KB; the largest accepted is {} KB",
                text.len() / 1024,
                limits::MAX_BYTES / 1024
            ),
        )]);
    }
    Ok(())
}

/// Deepest bracket nesting outside strings (a cheap pre-scan).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// A readable name for a place in the bank, for messages without a position.
pub fn describe(bank: &Bank, path: &[crate::diagnostic::Seg]) -> String {
    use crate::diagnostic::Seg::{Index, Key};
    match path {
        [Key(k), Index(i), rest @ ..] if k == "questions" => {
            let id = bank.questions.get(*i).map_or("", |q| q.id.as_str());
            match rest {
                [Key(c), Index(j), ..] if c == "choices" => {
                    format!("question {} (\"{id}\"), choice {}", i + 1, j + 1)
                }
                _ => format!("question {} (\"{id}\")", i + 1),
            }
        }
        [Key(k), Index(i), ..] if k == "sources" => format!("source {}", i + 1),
        [Key(k), Index(i), ..] if k == "topics" => format!("topic {}", i + 1),
        [Key(k), ..] => k.clone(),
        _ => "bank".to_string(),
    }
}

/// serde's messages use backticks and Rust words; make them plain.
pub fn plain_serde_message(message: &str) -> String {
    let m = message.replace('`', "\"");
    // serde_json appends " at line L column C"; the position is shown separately.
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_errors_have_line_and_column() {
        let err = from_json("{\n  \"format\": 1,\n  \"bank\": oops\n}").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].pos.map(|p| p.line), Some(3));
        assert!(
            err[0].message.contains("expected value"),
            "{}",
            err[0].message
        );
        assert!(!err[0].message.contains(" at line "));
    }

    #[test]
    fn oversized_and_deeply_nested_input_is_refused_before_parsing() {
        let big = " ".repeat(limits::MAX_BYTES + 1);
        assert!(from_json(&big).unwrap_err()[0]
            .message
            .contains("largest accepted"));
        let deep = "[".repeat(100_000);
        assert!(from_json(&deep).unwrap_err()[0].message.contains("nested"));
    }

    #[test]
    fn nesting_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth(r#"{"a": "[[[[\"]]"}"#), 1);
    }
}
