//! Reading a bank from TOML, the authoring form, with file positions for every
//! problem. Used by the build step and the `bank` tool, never by the quiz page.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::bank::Bank;
use crate::diagnostic::{pos_of, Diagnostic, Pos};
use crate::json::{Node, Value as JsonValue};
use crate::parse::{check_source_size, Loaded};
use crate::validate::{compiled_size_problem, limits};

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates a TOML bank, with the authoring checks of
/// [`crate::lint`]; every problem comes with its line and column. The TOML
/// values are read by the same field reader as JSON banks ([`crate::read`]),
/// so every missing, unknown or mistyped field is reported at once, and a
/// field that cannot be read does not hide the rule problems of the others.
pub fn from_toml(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    read_toml(text, false).1
}

/// [`from_toml`], also returning the bank as far as it could be read, valid
/// or not (see [`crate::parse::read_tree`]); `None` when the text is not
/// TOML at all, or is over [`limits::MAX_SOURCE_BYTES`]. A bank whose
/// compiled JSON would be over [`limits::MAX_BYTES`] (what the quiz page
/// loads) is refused with that problem first.
pub fn read_toml(text: &str, keep: bool) -> (Option<Bank>, Result<Loaded, Vec<Diagnostic>>) {
    let (bank, result) = read_source(text, keep);
    let compiled = match (&bank, &result) {
        (Some(b), _) | (None, Ok(Loaded { bank: b, .. })) => {
            compiled_size_problem(compiled_size(b))
        }
        _ => None,
    };
    let Some(too_big) = compiled else {
        return (bank, result);
    };
    let rest = match result {
        Ok(l) => l.warnings,
        Err(ds) => ds,
    };
    (bank, Err(std::iter::once(too_big).chain(rest).collect()))
}

/// The size of `bank` as compiled JSON (as `bank compile` and the studio
/// write it), counted without building the text.
pub fn compiled_size(bank: &Bank) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, bank);
    count.0
}

fn read_source(text: &str, keep: bool) -> (Option<Bank>, Result<Loaded, Vec<Diagnostic>>) {
    if let Err(e) = check_source_size(text) {
        return (None, Err(e));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return (
            None,
            Err(errors.iter().map(|e| from_toml_error(text, e)).collect()),
        );
    }
    let span = root.span();
    let root: Value = Spanned::new(span, DeValue::Table(root.into_inner()));
    if depth(&root) > limits::MAX_DEPTH {
        return (
            None,
            Err(vec![Diagnostic::error(
                vec![],
                format!(
                    "the bank is nested more than {} levels deep",
                    limits::MAX_DEPTH
                ),
            )
            .at(Pos { line: 1, column: 1 })]),
        );
    }
    let mut dates = Vec::new();
    let tree = to_node(&root, &mut dates);
    let (bank, result) = crate::parse::read_tree(text, &tree, crate::lint::authoring, false, keep);
    let result = result.map_err(|mut ds| {
        // A date without quotes is a TOML date, not text: say so plainly.
        if !dates.is_empty() {
            let places = crate::diagnostic::positions_of(text, &dates);
            for d in ds
                .iter_mut()
                .filter(|d| d.pos.is_some_and(|p| places.contains(&p)))
            {
                d.message = "write dates in quotes, like \"2026-01-31\"".to_string();
            }
        }
        ds
    });
    (bank, result)
}

/// The TOML document as the reader's tree of values, each at the byte offset
/// where it starts. Unquoted dates (TOML datetimes) become a value the reader
/// refuses; their offsets are collected for the message.
fn to_node<'i>(v: &Value<'i>, dates: &mut Vec<usize>) -> Node<'i> {
    let at = v.span().start;
    let value = match v.get_ref() {
        DeValue::String(s) => JsonValue::String(s.clone()),
        DeValue::Integer(n) => JsonValue::Number(i128::from_str_radix(n.as_str(), n.radix()).ok()),
        DeValue::Float(_) => JsonValue::Number(None),
        DeValue::Boolean(b) => JsonValue::Bool(*b),
        DeValue::Datetime(_) => {
            dates.push(at);
            JsonValue::Number(None)
        }
        DeValue::Array(items) => {
            JsonValue::Array(items.iter().map(|i| to_node(i, dates)).collect())
        }
        DeValue::Table(t) => JsonValue::Object(
            t.iter()
                .map(|(k, v)| (k.get_ref().clone(), to_node(v, dates)))
                .collect(),
        ),
    };
    Node { at, value }
}

fn from_toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let mut message = plain_serde_message(e.message().trim());
    let start = e.span().map_or(0, |s| s.start);
    let unquoted_date = text.get(start..).is_some_and(|rest| {
        rest.len() >= 10
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && rest.as_bytes()[4] == b'-'
    });
    if unquoted_date {
        message = "write dates in quotes, like \"2026-01-31\"".to_string();
    }
    let d = Diagnostic::error(vec![], message);
    match e.span() {
        Some(span) => d.at(pos_of(text, span.start)),
        None => d,
    }
}

fn depth(v: &Value) -> usize {
    match v.get_ref() {
        DeValue::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        DeValue::Table(t) => 1 + t.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// An imported bank as TOML for its author to finish: a comment saying what
/// is left to do, a source to copy, then the bank.
pub fn imported_toml(bank: &Bank, file: &str) -> String {
    let body = toml::to_string(bank).unwrap_or_default();
    // The example goes last: uncommented there, it starts a new table and
    // leaves every table above it whole.
    format!(
        "# Imported from {file}. To finish it (or open it in the bank studio, /author/):\n\
         #  1. declare each source you rely on: copy the example at the end of this file,\n\
         #     without the #, once per source;\n\
         #  2. cite a source in every question: cites = [{{ source = \"id\", locator = \"section\" }}];\n\
         #  3. write the disclaimer in [bank]; then check: bank check THIS_FILE\n\n\
         {body}\n\
         # [[sources]]\n\
         # id = \"clinic-leaflet\"\n\
         # title = \"Microneedling: aftercare\"\n\
         # authors = [\"Example Clinic\"]\n\
         # publisher = \"Example Clinic patient leaflet\"\n\
         # date = \"2026-01-01\"\n\
         # url = \"https://www.example.org/leaflets/microneedling\"\n"
    )
}

/// A bank as plain TOML (no comments), for banks that arrive as JSON.
pub fn bank_toml(bank: &Bank) -> String {
    toml::to_string(bank).unwrap_or_default()
}

/// serde's messages use backticks and Rust words; make them plain.
fn plain_serde_message(message: &str) -> String {
    let m = message.replace('`', "\"");
    // serde_json appends " at line L column C"; the position is shown separately.
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}
