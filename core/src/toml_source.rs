//! Reading a bank from TOML, the authoring form, with file positions for every
//! problem. Used by the build step and the `bank` tool, never by the quiz page.

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::bank::{Bank, Meta, Question, Source, Topic};
use crate::diagnostic::{pos_of, Diagnostic, Pos, Seg};
use crate::parse::{check_size, finish, Loaded};
use crate::validate::limits;

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates a TOML bank, with the authoring checks of
/// [`crate::lint`]; every problem comes with its line and column.
pub fn from_toml(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    check_size(text)?;
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| from_toml_error(text, e)).collect());
    }
    let span = root.span();
    let root: Value = Spanned::new(span, DeValue::Table(root.into_inner()));
    if depth(&root) > limits::MAX_DEPTH {
        return Err(vec![Diagnostic::error(
            vec![],
            format!(
                "the bank is nested more than {} levels deep",
                limits::MAX_DEPTH
            ),
        )
        .at(Pos { line: 1, column: 1 })]);
    }
    match Bank::deserialize(ValueDeserializer::from(root.clone())) {
        Ok(bank) => finish(
            bank,
            text,
            |d| Some(locate(&root, &d.path)),
            false,
            crate::lint::answer_leaks,
        ),
        Err(_) => Err(part_errors(&root, text)),
    }
}

/// Byte offset of the deepest part of `path` present in the document.
pub fn locate(root: &Value, path: &[Seg]) -> usize {
    let mut here = root;
    for seg in path {
        let next = match seg {
            Seg::Key(k) => here.get_ref().get(*k),
            Seg::Index(i) => here.get_ref().get(*i),
        };
        match next {
            Some(v) => here = v,
            None => break,
        }
    }
    here.span().start
}

/// Deserializes each part on its own so that every type error is reported.
fn part_errors(root: &Value, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(table) = root.get_ref().as_table() else {
        return out;
    };
    for required in ["format", "bank"] {
        if table.get(required).is_none() {
            out.push(
                Diagnostic::error(
                    vec![],
                    format!("the bank needs a top-level \"{required}\" entry"),
                )
                .at(Pos { line: 1, column: 1 }),
            );
        }
    }
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "format" => check::<u32>(value, text, &mut out),
            "bank" => check::<Meta>(value, text, &mut out),
            "sources" => each::<Source>(value, text, &mut out),
            "topics" => each::<Topic>(value, text, &mut out),
            "questions" => each::<Question>(value, text, &mut out),
            other => out.push(
                Diagnostic::error(
                    vec![],
                    format!(
                        "unknown section \"{other}\"; expected format, bank, sources, topics or questions"
                    ),
                )
                .at(pos_of(text, key.span().start)),
            ),
        }
    }
    out.sort_by_key(|d| d.pos);
    out
}

fn each<'i, T: Deserialize<'i>>(value: &Value<'i>, text: &str, out: &mut Vec<Diagnostic>) {
    match value.get_ref().as_array() {
        Some(items) => {
            for item in items.iter() {
                check::<T>(item, text, out);
            }
        }
        None => check::<Vec<T>>(value, text, out),
    }
}

fn check<'i, T: Deserialize<'i>>(value: &Value<'i>, text: &str, out: &mut Vec<Diagnostic>) {
    if let Err(e) = T::deserialize(ValueDeserializer::from(value.clone())) {
        let mut d = from_toml_error(text, &e);
        if d.pos.is_none() {
            d.pos = Some(pos_of(text, value.span().start));
        }
        out.push(d);
    }
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
    format!(
        "# Imported from {file}. To finish it:\n\
         #  1. declare each source you rely on (copy the example below, without the #);\n\
         #  2. cite a source in every question: cites = [{{ source = \"id\", locator = \"section\" }}];\n\
         #  3. write the disclaimer in [bank]; then check: bank check THIS_FILE\n\
         #\n\
         # [[sources]]\n\
         # id = \"statpearls\"\n\
         # title = \"Microneedling\"\n\
         # authors = [\"Graham Litchman\"]\n\
         # publisher = \"StatPearls Publishing\"\n\
         # date = \"2020-09-27\"\n\
         # url = \"https://www.ncbi.nlm.nih.gov/books/NBK459344/\"\n\n{body}"
    )
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
