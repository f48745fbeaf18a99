//! Reading a bank from JSON, the form the quiz page loads.

use crate::bank::{
    content_hash, Bank, Choice, Cite, Difficulty, Kind, Meta, Question, Scoring, Source, Topic,
};
use crate::diagnostic::{pos_of, positions_of, Diagnostic, Seg};
use crate::json::{self, Node};
use crate::read::{self, Need, Reader};
use crate::validate::{has_errors, limits, validate};

/// A bank that passed validation, with its warnings and content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub bank: Bank,
    pub warnings: Vec<Diagnostic>,
    /// Hash of the text the bank was read from (keys saved progress).
    pub hash: String,
}

/// Parses and validates a JSON bank. Every problem found is returned, each
/// with its line and column.
pub fn from_json(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    read_json(text, |_| Vec::new(), false)
}

/// [`from_json`] plus the authoring checks of [`crate::lint`] (answer leaks,
/// essential questions),
/// for the bank tool and the editor; the quiz page does not carry them.
/// Field problems and rule problems are reported together: a field that
/// cannot be read does not hide the rule problems of the others.
pub fn from_json_checked(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    read_json(text, crate::lint::authoring, true)
}

fn read_json(
    text: &str,
    lint: impl FnOnce(&Bank) -> Vec<Diagnostic>,
    all_at_once: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    check_size(text)?;
    let root = json::parse(text, limits::MAX_DEPTH).map_err(|e| {
        let message = if e.message.starts_with("the data is nested") {
            format!("{}, which no bank needs", e.message.replace("data", "bank"))
        } else {
            e.message
        };
        vec![Diagnostic::error(vec![], message).at(pos_of(text, e.at))]
    })?;
    let mut reader = Reader::new(text);
    let bank = read_bank(&mut reader, &root);
    let (bank, problems, taints) = match bank {
        Some(bank) if reader.is_clean() => (bank, Vec::new(), Vec::new()),
        Some(bank) if all_at_once => {
            let (problems, taints) = reader.into_parts();
            (bank, problems, taints)
        }
        _ => return Err(reader.into_problems()),
    };
    // Rule problems also name the question: compiled banks are one long line.
    finish(
        bank,
        text,
        |d| Some(read::locate(&root, &d.path)),
        true,
        lint,
        Checked { problems, taints },
    )
}

/// Field problems found while reading (already placed), and the places whose
/// values could not be read, where rule checks would only repeat them.
#[derive(Default)]
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub taints: Vec<Vec<crate::diagnostic::Seg>>,
}

/// Read a bank from a tree of values (JSON, or TOML converted to one),
/// reporting every field problem and every rule problem of the fields that
/// could be read; `locate` places a rule problem by its path.
pub fn from_tree(
    text: &str,
    root: &Node,
    lint: impl FnOnce(&Bank) -> Vec<Diagnostic>,
    name: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    read_tree(text, root, lint, name, false).1
}

/// [`from_tree`], also returning the bank as far as it could be read (with
/// defaults where a field could not be), valid or not: the editor's forms
/// show it, and its draft preview plays it.
pub fn read_tree(
    text: &str,
    root: &Node,
    lint: impl FnOnce(&Bank) -> Vec<Diagnostic>,
    name: bool,
    keep: bool,
) -> (Option<Bank>, Result<Loaded, Vec<Diagnostic>>) {
    let mut reader = Reader::new(text);
    let Some(bank) = read_bank(&mut reader, root) else {
        return (None, Err(reader.into_problems()));
    };
    let kept = keep.then(|| bank.clone());
    let (problems, taints) = reader.into_parts();
    let result = finish(
        bank,
        text,
        |d| Some(read::locate(root, &d.path)),
        name,
        lint,
        Checked { problems, taints },
    );
    (kept, result)
}

/// True when a JSON problem means the text stopped early (a cut download).
pub fn is_truncated(d: &Diagnostic) -> bool {
    d.message.starts_with(json::ENDS_EARLY)
}

const U32: i128 = u32::MAX as i128;

fn read_bank(r: &mut Reader, root: &Node) -> Option<Bank> {
    let f = r.object(
        root,
        vec![],
        "the bank file",
        &["format", "bank", "sources", "topics", "questions"],
    )?;
    let format = r.int(&f, "format", 0, U32);
    let meta = r.required(&f, "bank").and_then(|n| read_meta(r, n));
    let sources = r.list(&f, "sources", false, read_source);
    let topics = r.list(&f, "topics", false, |r, n, path| {
        let f = r.object(n, path, "a topic", &["id", "label"])?;
        let (id, label) = (r.string(&f, "id"), r.string(&f, "label"));
        Some(Topic {
            id: id.unwrap_or_default(),
            label: label.unwrap_or_default(),
        })
    });
    let questions = r.list(&f, "questions", false, read_question);
    // Every field that could not be read is a problem already; the bank is
    // still built (with defaults there), so the rules can check the rest.
    Some(Bank {
        format: format
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(crate::bank::FORMAT_VERSION),
        meta: meta.unwrap_or_else(empty_meta),
        sources: sources.unwrap_or_default(),
        topics: topics.unwrap_or_default(),
        questions: questions.unwrap_or_default(),
    })
}

fn empty_meta() -> Meta {
    Meta {
        id: String::new(),
        title: String::new(),
        language: String::new(),
        version: String::new(),
        description: String::new(),
        pass_mark: 0,
        sources_checked: None,
        reviewed: None,
        reviewer: None,
        reviewer_credentials: None,
        disclaimer: String::new(),
        scoring: Scoring::Partial,
        shuffle: true,
        draw: None,
        draw_per_topic: None,
        pass_requires_essential: false,
    }
}

fn read_meta(r: &mut Reader, n: &Node) -> Option<Meta> {
    let f = r.object(
        n,
        vec![Seg::Key("bank")],
        "the [bank] table",
        &[
            "id",
            "title",
            "language",
            "version",
            "description",
            "pass_mark",
            "sources_checked",
            "reviewed",
            "reviewer",
            "reviewer_credentials",
            "disclaimer",
            "scoring",
            "shuffle",
            "draw",
            "draw_per_topic",
            "pass_requires_essential",
        ],
    )?;
    let id = r.string(&f, "id");
    let title = r.string(&f, "title");
    let language = r.string(&f, "language");
    let version = r.string(&f, "version");
    let description = r.string(&f, "description");
    let pass_mark = r.int_as(
        &f,
        "pass_mark",
        0,
        U32,
        "a whole number from 0 to 100 (a percentage, without quotes)",
    );
    let sources_checked = r.opt_string(&f, "sources_checked");
    let reviewed = r.opt_string(&f, "reviewed");
    let reviewer = r.opt_string(&f, "reviewer");
    let reviewer_credentials = r.opt_string(&f, "reviewer_credentials");
    let disclaimer = r.string(&f, "disclaimer");
    let scoring = r.pick(
        &f,
        "scoring",
        &["partial", "all_or_nothing"],
        Need::Optional,
    );
    let shuffle = r.bool_or(&f, "shuffle", true);
    // Counts are machine-sized, as serde reads them (`usize`).
    let draw = r.opt_int(&f, "draw", 0, usize::MAX as i128);
    let draw_per_topic = r.opt_int(&f, "draw_per_topic", 0, usize::MAX as i128);
    let pass_requires_essential = r.bool_or(&f, "pass_requires_essential", false);
    Some(Meta {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        language: language.unwrap_or_default(),
        version: version.unwrap_or_default(),
        description: description.unwrap_or_default(),
        pass_mark: pass_mark.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
        sources_checked: sources_checked.flatten(),
        reviewed: reviewed.flatten(),
        reviewer: reviewer.flatten(),
        reviewer_credentials: reviewer_credentials.flatten(),
        disclaimer: disclaimer.unwrap_or_default(),
        scoring: match scoring.flatten() {
            Some(1) => Scoring::AllOrNothing,
            _ => Scoring::Partial,
        },
        shuffle: shuffle.unwrap_or(true),
        draw: draw.flatten().and_then(|n| usize::try_from(n).ok()),
        draw_per_topic: draw_per_topic
            .flatten()
            .and_then(|n| usize::try_from(n).ok()),
        pass_requires_essential: pass_requires_essential.unwrap_or(false),
    })
}

fn read_source(r: &mut Reader, n: &Node, path: Vec<Seg>) -> Option<Source> {
    let f = r.object(
        n,
        path,
        "a source",
        &[
            "id",
            "title",
            "authors",
            "publisher",
            "date",
            "url",
            "doi",
            "pmid",
        ],
    )?;
    let id = r.string(&f, "id");
    let title = r.string(&f, "title");
    let authors = r.strings(&f, "authors", true);
    let publisher = r.string(&f, "publisher");
    let date = r.string(&f, "date");
    let url = r.string(&f, "url");
    let doi = r.opt_string(&f, "doi");
    let pmid = r.opt_string(&f, "pmid");
    Some(Source {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        authors: authors.unwrap_or_default(),
        publisher: publisher.unwrap_or_default(),
        date: date.unwrap_or_default(),
        url: url.unwrap_or_default(),
        doi: doi.flatten(),
        pmid: pmid.flatten(),
    })
}

fn read_question(r: &mut Reader, n: &Node, path: Vec<Seg>) -> Option<Question> {
    let f = r.object(
        n,
        path,
        "a question",
        &[
            "id",
            "topic",
            "kind",
            "difficulty",
            "prompt",
            "choices",
            "explanation",
            "cites",
            "points",
            "essential",
        ],
    )?;
    let id = r.string(&f, "id");
    let topic = r.string(&f, "topic");
    let kind = r.pick(
        &f,
        "kind",
        &["single", "multiple", "true_false"],
        Need::Required,
    );
    let difficulty = r.pick(
        &f,
        "difficulty",
        &["easy", "medium", "hard"],
        Need::Nullable,
    );
    let prompt = r.string(&f, "prompt");
    let choices = r.list(&f, "choices", true, read_choice);
    let explanation = r.string(&f, "explanation");
    let cites = r.list(&f, "cites", true, |r, n, path| {
        let f = r.object(n, path, "a citation", &["source", "locator"])?;
        let (source, locator) = (r.string(&f, "source"), r.string(&f, "locator"));
        Some(Cite {
            source: source.unwrap_or_default(),
            locator: locator.unwrap_or_default(),
        })
    });
    let points = r.int_or(&f, "points", U32, 1);
    let essential = r.bool_or(&f, "essential", false);
    if kind.is_none() {
        // The choice rules depend on the kind: do not guess one.
        r.taint(f.path("choices"));
    }
    Some(Question {
        id: id.unwrap_or_default(),
        topic: topic.unwrap_or_default(),
        kind: match kind.flatten() {
            Some(0) | None => Kind::Single,
            Some(1) => Kind::Multiple,
            _ => Kind::TrueFalse,
        },
        difficulty: difficulty.flatten().map(|i| match i {
            0 => Difficulty::Easy,
            1 => Difficulty::Medium,
            _ => Difficulty::Hard,
        }),
        prompt: prompt.unwrap_or_default(),
        choices: choices.unwrap_or_default(),
        explanation: explanation.unwrap_or_default(),
        cites: cites.unwrap_or_default(),
        points: points.and_then(|n| u32::try_from(n).ok()).unwrap_or(1),
        essential: essential.unwrap_or(false),
    })
}

fn read_choice(r: &mut Reader, n: &Node, path: Vec<Seg>) -> Option<Choice> {
    let f = r.object(
        n,
        path,
        "a choice",
        &["id", "text", "correct", "feedback", "weight"],
    )?;
    let id = r.string(&f, "id");
    let text = r.string(&f, "text");
    let correct = r.bool_or(&f, "correct", false);
    let feedback = r.opt_string(&f, "feedback");
    let weight = r.opt_int(&f, "weight", i32::MIN.into(), i32::MAX.into());
    Some(Choice {
        id: id.unwrap_or_default(),
        text: text.unwrap_or_default(),
        correct: correct.unwrap_or(false),
        feedback: feedback.flatten(),
        weight: weight.flatten().and_then(|w| i32::try_from(w).ok()),
    })
}

/// Validates a parsed bank. `locate` gives the byte offset of a problem's
/// place in `text` (all are turned into line:column in one pass); problems
/// without one, and all of them when `name` is set, also name the question.
/// `lint` adds authoring warnings to the rule checks.
pub fn finish(
    bank: Bank,
    text: &str,
    locate: impl Fn(&Diagnostic) -> Option<usize>,
    name: bool,
    lint: impl FnOnce(&Bank) -> Vec<Diagnostic>,
    checked: Checked,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diagnostics = validate(&bank);
    if !checked.taints.is_empty() {
        diagnostics.retain(|d| !checked.taints.iter().any(|t| d.path.starts_with(t)));
    }
    if !has_errors(&diagnostics) && checked.problems.is_empty() {
        diagnostics.extend(lint(&bank));
    }
    let offsets: Vec<Option<usize>> = diagnostics.iter().map(locate).collect();
    let known: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut places = positions_of(text, &known).into_iter();
    for (d, offset) in diagnostics.iter_mut().zip(&offsets) {
        if offset.is_some() {
            d.pos = places.next();
        }
        if name || d.pos.is_none() {
            d.message = format!("{}: {}", describe(&bank, &d.path), d.message);
        }
    }
    diagnostics.extend(checked.problems);
    if has_errors(&diagnostics) {
        // Errors first, then by place (unplaced ones first), stable.
        let keys: Vec<u64> = diagnostics
            .iter()
            .map(|d| {
                let sev = u64::from(d.severity != crate::diagnostic::Severity::Error) << 63;
                let place = d.pos.map_or(0, |p| {
                    ((p.line.min(1 << 30) as u64 + 1) << 32)
                        | p.column.min(u32::MAX as usize) as u64
                });
                sev | place
            })
            .collect();
        let mut slots: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
        let sorted = crate::diagnostic::sorted_order(&keys)
            .into_iter()
            .filter_map(|i| slots[i].take())
            .collect();
        return Err(sorted);
    }
    Ok(Loaded {
        bank,
        warnings: diagnostics,
        hash: content_hash(text),
    })
}

/// Refuses an oversized compiled (JSON) bank before any parsing work.
pub fn check_size(text: &str) -> Result<(), Vec<Diagnostic>> {
    match crate::validate::compiled_size_problem(text.len()) {
        Some(d) => Err(vec![d]),
        None => Ok(()),
    }
}

/// Refuses an oversized bank source (TOML) before any parsing work.
pub fn check_source_size(text: &str) -> Result<(), Vec<Diagnostic>> {
    if text.len() > limits::MAX_SOURCE_BYTES {
        return Err(vec![Diagnostic::error(
            vec![],
            format!(
                "the bank's TOML is {}; the most the bank tools read is {}: {}",
                crate::validate::size(text.len()),
                crate::validate::size(limits::MAX_SOURCE_BYTES),
                crate::validate::SPLIT
            ),
        )]);
    }
    Ok(())
}

/// A readable name for a place in the bank, for messages without a position.
pub fn describe(bank: &Bank, path: &[crate::diagnostic::Seg]) -> String {
    use crate::diagnostic::Seg::{Index, Key};
    match path {
        [Key(k), Index(i), rest @ ..] if *k == "questions" => {
            let id = bank.questions.get(*i).map_or("", |q| q.id.as_str());
            match rest {
                [Key(c), Index(j), ..] if *c == "choices" => {
                    format!("question {} (\"{id}\"), choice {}", i + 1, j + 1)
                }
                _ => format!("question {} (\"{id}\")", i + 1),
            }
        }
        [Key(k), Index(i), ..] if *k == "sources" => format!("source {}", i + 1),
        [Key(k), Index(i), ..] if *k == "topics" => format!("topic {}", i + 1),
        [Key(k), ..] => k.to_string(),
        _ => "bank".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_errors_have_line_and_column() {
        let err = from_json("{\n  \"format\": 1,\n  \"bank\": oops\n}").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].to_string(), "line 3, column 11: expected a value");
        let cut = from_json("{\n  \"format\": 1,\n  \"bank\": {\"id\": \"x").unwrap_err();
        assert!(is_truncated(&cut[0]), "{}", cut[0]);
        assert!(!is_truncated(&err[0]));
    }

    #[test]
    fn every_field_problem_is_reported_at_its_place() {
        let text = r#"{
  "format": "1",
  "bank": {"id": "b", "title": "T", "language": "en", "version": "1",
           "description": "d", "pass_mark": 50, "disclaimer": "x", "shufle": true},
  "questions": [
    {"id": "q1", "topic": "t", "kind": "yes_no", "prompt": "P?",
     "choices": [{"id": "a", "text": "A", "correct": "yes"}],
     "explanation": "E", "cites": []},
    {"id": "q2", "topic": "t", "kind": "single", "prompt": "P?", "choices": [],
     "cites": [], "points": 1.5}
  ]
}"#;
        let lines: Vec<String> = from_json(text)
            .unwrap_err()
            .iter()
            .map(|d| d.render("b.json"))
            .collect();
        assert_eq!(
            lines,
            [
                "b.json:2:13: error: \"format\" should be a whole number from 0 to 4294967295",
                "b.json:4:78: error: unknown field \"shufle\" in the [bank] table; the fields are \"id\", \"title\", \"language\", \"version\", \"description\", \"pass_mark\", \"sources_checked\", \"reviewed\", \"reviewer\", \"reviewer_credentials\", \"disclaimer\", \"scoring\", \"shuffle\", \"draw\", \"draw_per_topic\", \"pass_requires_essential\"",
                "b.json:6:40: error: \"kind\" should be one of \"single\", \"multiple\", \"true_false\"",
                "b.json:7:54: error: \"correct\" should be true or false",
                "b.json:9:5: error: missing field \"explanation\"",
                "b.json:10:29: error: \"points\" should be a whole number from 0 to 4294967295",
            ]
        );
    }

    #[test]
    fn oversized_and_deeply_nested_input_is_refused_before_parsing() {
        let big = " ".repeat(limits::MAX_BYTES + 1);
        let refused = &from_json(&big).unwrap_err()[0].message;
        assert_eq!(
            refused,
            &format!("the bank is 8.1 MB as the JSON the quiz page downloads; the most a quiz page loads is 8 MB: {}", crate::validate::SPLIT)
        );
        let deep = "[".repeat(100_000);
        assert!(from_json(&deep).unwrap_err()[0].message.contains("nested"));
    }
}
