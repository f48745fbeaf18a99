//! Moodle XML, Moodle's default question export, read with a real XML parser
//! (roxmltree) and written back.
//!
//! Import keeps: question names (as ids), categories (nested categories become
//! topics with a readable label, "Safety › Aftercare"), question text, general
//! feedback (the explanation), each answer's feedback and fraction (correct
//! choices, and Moodle weights for multiple-answer questions), the default
//! grade (points) and the tags our export writes (`topic:`, `choices:`,
//! `difficulty:`, `cite:SOURCE:LOCATOR` and `essential`). HTML is cleaned to
//! text (crate::clean). Question types the quiz has no equivalent for are
//! reported with their line and left out.
//!
//! Export writes one category per topic, multichoice and truefalse questions
//! with Moodle's fractions, the explanation as general feedback and each
//! citation (and the essential mark) as a tag, so that importing an export
//! gives the same questions.

use std::collections::HashSet;

use roxmltree::{Document, Node};

use crate::bank::{Bank, Choice, Cite, Kind, Question, Scoring};
use crate::clean::{html_to_text, strip_markdown, Cleaning};
use crate::diagnostic::{Diagnostic, Pos};
use crate::gift::{
    category_label, choice_id, count_in, empty_bank, only_note, slug, topic_for, unique, Category,
    Imported,
};

/// Line and column of byte offsets in a text, found by binary search (asking
/// roxmltree for each question's line reads the text from its start every
/// time: minutes for a large export).
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Pos { line, column }
    }
}

/// The tag that marks an essential question (Moodle XML tags, and GIFT's
/// `// [tag:essential]` comments). Moodle keeps tags but has no rule for
/// them: an LMS quiz does not ask these in every attempt.
pub const ESSENTIAL_TAG: &str = "essential";

/// The comment that carries `pass_requires_essential = true` (Moodle XML and
/// GIFT), read back by our imports; Moodle ignores it.
pub const PASS_REQUIRES_ESSENTIAL: &str = "pass_requires_essential: true";

/// Converts a Moodle XML export.
pub fn from_moodle_xml(text: &str, name: &str) -> Imported {
    from_moodle_xml_only(text, name, None)
}

/// The parsed export, or the note saying why it is not one.
fn parse(text: &str) -> Result<Document<'_>, Diagnostic> {
    let doc = Document::parse(text).map_err(|e| {
        let p = e.pos();
        Diagnostic::error(vec![], format!("this is not well-formed XML: {e}")).at(Pos {
            line: p.row as usize,
            column: p.col as usize,
        })
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "quiz" {
        let message = format!(
            "a Moodle XML export starts with <quiz>, not <{}>",
            root.tag_name().name()
        );
        return Err(
            Diagnostic::warning(vec![], message).at(Lines::new(text).pos(root.range().start))
        );
    }
    Ok(doc)
}

/// The categories of a Moodle XML export, in file order, with how many
/// questions of each the import takes and leaves out; read without
/// converting any question, so a large file is listed quickly.
pub fn moodle_categories(text: &str) -> Result<Vec<Category>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = parse(text).map_err(|d| d.message)?;
    let mut out = Vec::new();
    let mut label = category_label("");
    for q in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("question"))
    {
        match q.attribute("type").unwrap_or("") {
            "category" => {
                label = category_label(&child_text(q, &["category", "text"]).unwrap_or_default())
            }
            kind => count_in(
                &mut out,
                &label,
                matches!(kind, "multichoice" | "truefalse"),
            ),
        }
    }
    Ok(out)
}

/// [`from_moodle_xml`] of the categories labelled `only` (see
/// [`moodle_categories`]); the others' questions are left out without a
/// note each.
pub fn from_moodle_xml_only(text: &str, name: &str, only: Option<&[String]>) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut bank = empty_bank(name);
    let mut notes = Vec::new();
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(d) => {
            notes.push(d);
            return Imported { bank, notes };
        }
    };
    let lines = Lines::new(text);
    let root = doc.root_element();
    let mut topic = topic_for(&mut bank, "");
    let comment = |said: &str| {
        doc.descendants()
            .filter(|n| n.is_comment())
            .any(|n| n.text().is_some_and(|t| t.trim() == said))
    };
    if comment("scoring: all_or_nothing") {
        bank.meta.scoring = Scoring::AllOrNothing;
    }
    if comment(PASS_REQUIRES_ESSENTIAL) {
        bank.meta.pass_requires_essential = true;
    }
    let mut st = State {
        notes,
        ..State::default()
    };
    let mut seen: Vec<Category> = Vec::new();
    let mut label = category_label("");
    for q in root.children().filter(|n| n.has_tag_name("question")) {
        let kind = q.attribute("type").unwrap_or("");
        if kind == "category" {
            let path = child_text(q, &["category", "text"]).unwrap_or_default();
            topic = topic_for(&mut bank, &path);
            label = category_label(&path);
            continue;
        }
        let importable = matches!(kind, "multichoice" | "truefalse");
        count_in(&mut seen, &label, importable);
        if only.is_some_and(|o| !o.contains(&label)) {
            continue;
        }
        match kind {
            "multichoice" | "truefalse" => match question(&lines, q, kind, &topic, &mut st) {
                Ok(question) => bank.questions.push(question),
                Err(why) => st.notes.push(note(&lines, q, why)),
            },
            other => st.notes.push(note(
                &lines,
                q,
                format!(
                    "{} questions are not supported; \"{}\" was left out",
                    describe_type(other),
                    child_text(q, &["name", "text"]).unwrap_or_default()
                ),
            )),
        }
    }
    let State {
        cleaning,
        mut notes,
        topic_ids,
        ..
    } = st;
    // Topics keep the ids our export wrote, when there is no clash.
    for (from, to) in topic_ids {
        if from == to || bank.topics.iter().any(|t| t.id == to) {
            continue;
        }
        for t in bank.topics.iter_mut().filter(|t| t.id == from) {
            t.id = to.clone();
        }
        for q in bank.questions.iter_mut().filter(|q| q.topic == from) {
            q.topic = to.clone();
        }
    }
    bank.topics
        .retain(|t| bank.questions.iter().any(|q| q.topic == t.id));
    if let Some(summary) = cleaning.summary() {
        notes.insert(
            0,
            Diagnostic::warning(vec![], summary).at(Pos { line: 1, column: 1 }),
        );
    }
    if let Some(n) = only.and_then(|o| only_note(&seen, o)) {
        notes.insert(0, n);
    }
    if bank.questions.is_empty() {
        notes.push(
            Diagnostic::error(vec![], "no question could be imported from this file")
                .at(Pos { line: 1, column: 1 }),
        );
    }
    Imported { bank, notes }
}

fn describe_type(t: &str) -> &str {
    match t {
        "shortanswer" => "short-answer",
        "numerical" => "numerical",
        "matching" => "matching",
        "essay" => "essay",
        "description" => "description",
        "multianswer" => "cloze (embedded answers)",
        "ddwtos" | "ddimageortext" | "ddmarker" => "drag-and-drop",
        "gapselect" => "select-missing-words",
        "calculated" | "calculatedsimple" | "calculatedmulti" => "calculated",
        "" => "untyped",
        other => other,
    }
}

fn note(lines: &Lines, node: Node, message: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(vec![], message).at(lines.pos(node.range().start))
}

/// The text of the element at `path` below `node` (`["name", "text"]`).
fn child_text(node: Node, path: &[&str]) -> Option<String> {
    let mut here = node;
    for step in path {
        here = here.children().find(|c| c.has_tag_name(*step))?;
    }
    Some(
        here.children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect::<String>(),
    )
}

/// A text element (`<questiontext format="html"><text>…`) as plain text.
fn formatted(node: Node, element: &str, cleaning: &mut Cleaning) -> Option<String> {
    let el = node.children().find(|c| c.has_tag_name(element))?;
    let raw = child_text(el, &["text"]).unwrap_or_default();
    let format = el.attribute("format").unwrap_or("html");
    Some(clean(&raw, format, cleaning))
}

fn clean(raw: &str, format: &str, cleaning: &mut Cleaning) -> String {
    match format {
        "html" | "moodle_auto_format" if crate::clean::looks_like_html(raw) => {
            let (text, stats) = html_to_text(raw);
            cleaning.add(stats);
            text
        }
        "markdown" => {
            let (text, stats) = strip_markdown(raw);
            cleaning.add(stats);
            text
        }
        _ => raw
            .trim()
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// What an import gathers as it goes.
#[derive(Default)]
struct State {
    ids: HashSet<String>,
    cleaning: Cleaning,
    notes: Vec<Diagnostic>,
    /// (category topic id, topic id from our export's "topic:" tag)
    topic_ids: Vec<(String, String)>,
}

fn question(
    lines: &Lines,
    q: Node,
    kind: &str,
    topic: &str,
    st: &mut State,
) -> Result<Question, String> {
    let State {
        ids,
        cleaning,
        notes,
        topic_ids,
    } = st;
    let name = child_text(q, &["name", "text"]).unwrap_or_default();
    let line = lines.pos(q.range().start).line;
    let id = unique(slug(&name), format!("q{line}"), ids);
    let prompt = formatted(q, "questiontext", cleaning).unwrap_or_default();
    let explanation = formatted(q, "generalfeedback", cleaning).unwrap_or_default();
    let points = child_text(q, &["defaultgrade"])
        .and_then(|g| g.trim().parse::<f64>().ok())
        .map_or(1, |g| g.round().clamp(1.0, 100.0) as u32);
    let answers: Vec<(f64, String, Option<String>)> = q
        .children()
        .filter(|c| c.has_tag_name("answer"))
        .map(|a| {
            let fraction = a
                .attribute("fraction")
                .and_then(|f| f.trim().parse::<f64>().ok())
                .unwrap_or(0.0);
            let format = a.attribute("format").unwrap_or("html");
            let text = clean(
                &child_text(a, &["text"]).unwrap_or_default(),
                format,
                cleaning,
            );
            let feedback = formatted(a, "feedback", cleaning).filter(|f| !f.is_empty());
            (fraction, text, feedback)
        })
        .collect();
    if answers.len() < 2 {
        return Err(format!("\"{name}\" has fewer than two answers; left out"));
    }
    let tags: Vec<String> = q
        .descendants()
        .filter(|n| n.has_tag_name("tag"))
        .filter_map(|t| child_text(t, &["text"]))
        .map(|t| t.trim().to_string())
        .collect();
    let tag = |prefix: &str| {
        tags.iter()
            .find_map(|t| t.strip_prefix(prefix))
            .map(str::to_string)
    };
    let cites: Vec<Cite> = tags
        .iter()
        .filter_map(|t| {
            let rest = t.strip_prefix("cite:")?;
            let (source, locator) = rest.split_once(':')?;
            Some(Cite {
                source: source.to_string(),
                locator: locator.to_string(),
            })
        })
        .collect();
    let choice_ids: Option<Vec<String>> =
        tag("choices:").map(|ids| ids.split('|').map(str::to_string).collect());
    let difficulty = tag("difficulty:").and_then(|d| match d.as_str() {
        "easy" => Some(crate::bank::Difficulty::Easy),
        "medium" => Some(crate::bank::Difficulty::Medium),
        "hard" => Some(crate::bank::Difficulty::Hard),
        _ => None,
    });
    if let Some(t) = tag("topic:") {
        topic_ids.push((topic.to_string(), t));
    }
    let mut question = Question {
        id,
        topic: topic.to_string(),
        kind: Kind::Single,
        difficulty,
        prompt,
        choices: Vec::new(),
        explanation,
        cites,
        points,
        essential: tags.iter().any(|t| t.eq_ignore_ascii_case(ESSENTIAL_TAG)),
    };
    // Our own export names the choices; anything else gets a, b, c…
    let rename = |choices: &mut Vec<Choice>| {
        if let Some(ids) = choice_ids.as_ref().filter(|ids| ids.len() == choices.len()) {
            for (c, id) in choices.iter_mut().zip(ids) {
                c.id = id.clone();
            }
        }
    };
    if kind == "truefalse" {
        question.kind = Kind::TrueFalse;
        for (fraction, text, feedback) in answers {
            let truth = text.trim().eq_ignore_ascii_case("true");
            question.choices.push(Choice {
                id: if truth { "true" } else { "false" }.into(),
                text: if truth { "True" } else { "False" }.into(),
                correct: fraction > 0.0,
                feedback,
                weight: None,
            });
        }
        question.choices.sort_by_key(|c| c.id != "true");
        rename(&mut question.choices);
        return Ok(question);
    }
    let single = child_text(q, &["single"]).is_none_or(|s| s.trim() != "false");
    let right = answers.iter().filter(|(f, _, _)| *f > 0.0).count();
    question.kind = if single { Kind::Single } else { Kind::Multiple };
    // Moodle's "all or nothing" multiple choice is qtype multichoiceset; a
    // multichoice with only full marks for one answer stays single.
    let even = !single && weights_are_even(&answers, right);
    question.choices = answers
        .into_iter()
        .enumerate()
        .map(|(i, (fraction, text, feedback))| Choice {
            id: choice_id(i),
            text,
            correct: fraction > 0.0,
            feedback,
            weight: (!single && !even).then(|| fraction.round().clamp(-100.0, 100.0) as i32),
        })
        .collect();
    crate::gift::balance_weights(&mut question.choices);
    rename(&mut question.choices);
    if single && right != 1 {
        notes.push(note(
            lines,
            q,
            format!("\"{name}\" is a one-answer question with {right} answers worth marks; check which one is correct"),
        ));
    }
    Ok(question)
}

/// True when the weights are what equal shares give (our default scoring):
/// each right answer 100/n, each wrong one -100/n or 0.
fn weights_are_even(answers: &[(f64, String, Option<String>)], right: usize) -> bool {
    let share = 100.0 / right.max(1) as f64;
    answers.iter().all(|(f, _, _)| {
        let f = *f;
        (f > 0.0 && (f - share).abs() < 0.01) || f.abs() < 0.01 || (f + share).abs() < 0.01
    })
}

// ------------------------------------------------------------------ export

// XML text, escaped as the QTI export does it: characters XML cannot hold
// become U+FFFD, so any bank text exports as well-formed XML.
use crate::qti::xml;

/// Moodle fractions with five decimals, as Moodle writes them.
fn fraction(f: f64) -> String {
    let s = format!("{f:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// Writes a bank as Moodle XML (plain-text formats, so nothing is HTML).
pub fn to_moodle_xml(bank: &Bank) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<!-- {} (version {}), exported from the microneedling quiz. Sources: {} -->\n<quiz>\n",
        xml(&bank.meta.title).replace("--", "- -"),
        xml(&bank.meta.version).replace("--", "- -"),
        bank.sources
            .iter()
            .map(|s| format!("{} = {} <{}>", s.id, s.title, s.url))
            .collect::<Vec<_>>()
            .join("; ")
            .replace("--", "- -")
    ));
    if bank.meta.scoring == Scoring::AllOrNothing {
        out.push_str("<!-- scoring: all_or_nothing -->\n");
    }
    if bank.meta.pass_requires_essential {
        out.push_str(&format!("<!-- {PASS_REQUIRES_ESSENTIAL} -->\n"));
    }
    for topic in &bank.topics {
        let questions: Vec<&Question> = bank
            .questions
            .iter()
            .filter(|q| q.topic == topic.id)
            .collect();
        if questions.is_empty() {
            continue;
        }
        let path = topic
            .label
            .split(" › ")
            .map(|p| p.replace('/', "//"))
            .collect::<Vec<_>>()
            .join("/");
        out.push_str(&format!(
            "  <question type=\"category\">\n    <category><text>$course$/top/{}</text></category>\n  </question>\n",
            xml(&path)
        ));
        for q in questions {
            out.push_str(&question_xml(q, bank.meta.scoring));
        }
    }
    out.push_str("</quiz>\n");
    out
}

fn question_xml(q: &Question, scoring: Scoring) -> String {
    let qtype = if q.kind == Kind::TrueFalse {
        "truefalse"
    } else {
        "multichoice"
    };
    let mut s = format!(
        "  <question type=\"{qtype}\">\n    <name><text>{}</text></name>\n    <questiontext format=\"plain_text\"><text>{}</text></questiontext>\n    <generalfeedback format=\"plain_text\"><text>{}</text></generalfeedback>\n    <defaultgrade>{}</defaultgrade>\n",
        xml(&q.id),
        xml(&q.prompt),
        xml(&q.explanation),
        q.points
    );
    if q.kind != Kind::TrueFalse {
        s.push_str(&format!(
            "    <single>{}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>none</answernumbering>\n",
            q.kind == Kind::Single
        ));
    }
    let right = q.choices.iter().filter(|c| c.correct).count();
    let share = 100.0 / right.max(1) as f64;
    for c in &q.choices {
        let f = match (q.kind, c.weight) {
            (Kind::Multiple, Some(w)) => crate::gift::moodle_percent(w).unwrap_or(f64::from(w)),
            (Kind::Multiple, None) if c.correct => share,
            // Partial scoring takes a share away for each wrong pick; with
            // all or nothing a wrong pick costs everything (Moodle still gives
            // part marks for a subset of the right answers: see moodle_warnings).
            (Kind::Multiple, None) if scoring == Scoring::AllOrNothing => -100.0,
            (Kind::Multiple, None) => -share,
            _ if c.correct => 100.0,
            _ => 0.0,
        };
        let text = if q.kind == Kind::TrueFalse {
            if c.id == "true" {
                "true".to_string()
            } else {
                "false".to_string()
            }
        } else {
            xml(&c.text)
        };
        s.push_str(&format!(
            "    <answer fraction=\"{}\" format=\"plain_text\">\n      <text>{text}</text>\n      <feedback format=\"plain_text\"><text>{}</text></feedback>\n    </answer>\n",
            fraction(f),
            xml(c.feedback.as_deref().unwrap_or(""))
        ));
    }
    // What Moodle has no field for travels as tags, which it keeps.
    s.push_str("    <tags>\n");
    let mut tag = |t: String| s.push_str(&format!("      <tag><text>{}</text></tag>\n", xml(&t)));
    tag(format!("topic:{}", q.topic));
    tag(format!(
        "choices:{}",
        q.choices
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join("|")
    ));
    if let Some(d) = q.difficulty {
        tag(format!(
            "difficulty:{}",
            match d {
                crate::bank::Difficulty::Easy => "easy",
                crate::bank::Difficulty::Medium => "medium",
                crate::bank::Difficulty::Hard => "hard",
            }
        ));
    }
    if q.essential {
        tag(ESSENTIAL_TAG.to_string());
    }
    for c in &q.cites {
        tag(format!("cite:{}:{}", c.source, c.locator));
    }
    s.push_str("    </tags>\n");
    s.push_str("  </question>\n");
    s
}
