//! Moodle GIFT and Aiken import, and GIFT export: the formats instructors
//! already have. Imported banks still need sources and a disclaimer, which
//! these formats do not carry; `bank check` then lists exactly what to add.

use std::collections::HashSet;

use crate::bank::{Bank, Choice, Kind, Meta, Question, Scoring, Topic, FORMAT_VERSION};
use crate::clean::Cleaning;
use crate::diagnostic::{Diagnostic, Pos};

/// A converted bank and what could not be converted, by line.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub bank: Bank,
    pub notes: Vec<Diagnostic>,
}

fn note(line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(vec![], message).at(Pos { line, column: 1 })
}

/// A lowercase id made of letters, digits and '-' (at most 48 characters).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

pub(crate) fn unique(id: String, fallback: String, seen: &mut HashSet<String>) -> String {
    let base = if id.is_empty() { fallback } else { id };
    let mut candidate = base.clone();
    let mut n = 2;
    while !seen.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

pub(crate) fn empty_bank(name: &str) -> Bank {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    Bank {
        format: FORMAT_VERSION,
        meta: Meta {
            id: {
                let s = slug(stem);
                if s.is_empty() {
                    "imported".into()
                } else {
                    s
                }
            },
            title: stem.to_string(),
            language: "en".into(),
            version: "1".into(),
            description: format!("Imported from {stem}."),
            pass_mark: 70,
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
        },
        sources: Vec::new(),
        topics: Vec::new(),
        questions: Vec::new(),
    }
}

/// The parts of a Moodle category path ("$course$/top/Safety/Aftercare"):
/// those after the course and "top". Moodle writes a "/" inside a category
/// name as "//".
fn category_parts(path: &str) -> Vec<String> {
    let path = path.trim().replace("//", "\u{0}");
    path.split('/')
        .map(|p| p.replace('\u{0}', "/").trim().to_string())
        .filter(|p| !p.is_empty() && !p.starts_with('$') && p != "top" && p != "Default")
        .collect()
}

/// The topic label a category path becomes: its parts joined as
/// "Safety › Aftercare"; "General" for none.
pub fn category_label(path: &str) -> String {
    let parts = category_parts(path);
    if parts.is_empty() {
        "General".to_string()
    } else {
        parts.join(" › ")
    }
}

/// Adds (or finds) the topic for a Moodle category path
/// ("$course$/top/Safety/Aftercare"), returning its id; labelled by
/// [`category_label`].
pub(crate) fn topic_for(bank: &mut Bank, path: &str) -> String {
    let parts = category_parts(path);
    let label = category_label(path);
    let id = {
        let s = slug(&parts.join(" "));
        if s.is_empty() {
            "general".to_string()
        } else {
            s
        }
    };
    if !bank.topics.iter().any(|t| t.id == id) {
        bank.topics.push(Topic {
            id: id.clone(),
            label,
        });
    }
    id
}

/// A category of a Moodle export (Moodle XML or GIFT), by the topic label
/// the import gives it, with how many of its questions can be imported:
/// what an instructor chooses from before importing part of a large file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// "Aftercare › Risks"; "General" for questions outside any category.
    pub label: String,
    /// Questions the quiz can take (multiple choice, true or false).
    pub questions: usize,
    /// Questions of kinds the quiz has no equivalent for (left out).
    pub other: usize,
}

/// Counts a question of category `label` in `list` (kept in file order).
pub(crate) fn count_in(list: &mut Vec<Category>, label: &str, importable: bool) {
    let i = match list.iter().position(|c| c.label == label) {
        Some(i) => i,
        None => {
            list.push(Category {
                label: label.to_string(),
                questions: 0,
                other: 0,
            });
            list.len() - 1
        }
    };
    if importable {
        list[i].questions += 1;
    } else {
        list[i].other += 1;
    }
}

/// The labels of the categories `names` ask for, from a file's `categories`:
/// a name is a label ("Aftercare › Risks") or a Moodle path
/// ("$course$/top/Aftercare/Risks", "Aftercare/Risks"), case aside, and takes
/// the categories inside it too; the course's own top category may be left
/// out ("Risks" for "Default for Dermatology › Risks"). A name that matches
/// nothing is an error that lists the file's categories.
pub fn pick_categories(categories: &[Category], names: &[String]) -> Result<Vec<String>, String> {
    // Labels and names alike as lowercase parts; " › " separates them too.
    let parts = |s: &str| -> Vec<String> {
        s.split(" › ")
            .flat_map(category_parts)
            .map(|p| p.to_lowercase())
            .collect()
    };
    let mut picked: Vec<String> = Vec::new();
    for name in names {
        let want = parts(name);
        let found: Vec<&Category> = categories
            .iter()
            .filter(|c| {
                let have = parts(&c.label);
                !want.is_empty() && (0..have.len()).any(|k| have[k..].starts_with(&want))
            })
            .collect();
        if found.is_empty() {
            let known = categories
                .iter()
                .map(|c| format!("\"{}\" ({})", c.label, questions(c.questions)))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "no category \"{name}\" in this file; its categories are {known}"
            ));
        }
        for c in found {
            if !picked.contains(&c.label) {
                picked.push(c.label.clone());
            }
        }
    }
    Ok(picked)
}

/// Why an imported bank is too large to be one bank, if it is: more
/// questions than a bank may hold, or a compiled bank larger than the quiz
/// page loads.
pub fn over_limits(bank: &Bank) -> Option<String> {
    use crate::validate::{limits::MAX_QUESTIONS, thousands, SPLIT};
    let n = bank.questions.len();
    if n > MAX_QUESTIONS {
        return Some(format!(
            "this is {} questions; the most a bank may hold is {}: {SPLIT}",
            thousands(n),
            thousands(MAX_QUESTIONS)
        ));
    }
    crate::validate::compiled_size_problem(crate::toml_source::compiled_size(bank))
        .map(|d| d.message)
}

/// "1 question", "1,200 questions".
pub fn questions(n: usize) -> String {
    match n {
        1 => "1 question".to_string(),
        n => format!("{} questions", crate::validate::thousands(n)),
    }
}

/// The note of an import of some categories only: which were left out.
pub(crate) fn only_note(seen: &[Category], only: &[String]) -> Option<Diagnostic> {
    let left: Vec<&Category> = seen.iter().filter(|c| !only.contains(&c.label)).collect();
    if left.is_empty() {
        return None;
    }
    let names = left
        .iter()
        .map(|c| format!("\"{}\"", c.label))
        .collect::<Vec<_>>()
        .join(", ");
    Some(note(
        1,
        format!(
            "imported {} of the file's {} categories, as chosen; left out: {names}",
            seen.len() - left.len(),
            seen.len(),
        ),
    ))
}

// ------------------------------------------------------------------ GIFT

/// The text format a GIFT question declares at the start of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Markdown,
    Plain,
}

/// Removes GIFT escapes, then the formatting of `format`: Moodle's HTML becomes
/// text (crate::clean), Markdown loses its emphasis marks.
fn text_of(raw: &str, format: Format, cleaning: &mut Cleaning) -> String {
    let text = unescape(raw);
    match format {
        Format::Html if crate::clean::looks_like_html(&text) => {
            let (t, stats) = crate::clean::html_to_text(&unescape_keep_lines(raw));
            cleaning.add(stats);
            t
        }
        Format::Markdown => {
            let (t, stats) = crate::clean::strip_markdown(&text);
            if stats.markdown > 0 {
                cleaning.add(stats);
            }
            t
        }
        _ => text,
    }
}

/// GIFT escapes removed, line breaks kept (HTML decides what they mean).
fn unescape_keep_lines(text: &str) -> String {
    let text = text.trim();
    let text = ["[html]", "[moodle]", "[markdown]", "[plain]"]
        .iter()
        .find_map(|tag| text.strip_prefix(tag))
        .unwrap_or(text);
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Removes GIFT escapes (`\~ \= \# \{ \} \:`) and a text-format tag. A
/// written `\n` is a line break (Moodle's way); the file's own line breaks
/// and other runs of whitespace are single spaces.
fn unescape(text: &str) -> String {
    let text = text.trim();
    let text = ["[html]", "[moodle]", "[markdown]", "[plain]"]
        .iter()
        .find_map(|tag| text.strip_prefix(tag))
        .unwrap_or(text);
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\u{1}'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out.split('\u{1}')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Index of the first unescaped `ch` in `s` at or after `from`.
fn find_unescaped(s: &str, ch: char, from: usize) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip_while(|(i, _)| *i < from) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ch {
            return Some(i);
        }
    }
    None
}

/// Splits `s` at every unescaped character for which `at` is true, keeping
/// the separator at the start of each part.
fn split_unescaped(s: &str, at: impl Fn(char) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if at(c) && i > start {
            parts.push(&s[start..i]);
            start = i;
        }
    }
    parts.push(&s[start..]);
    parts
}

/// One question (or `$CATEGORY:` line) of a GIFT file.
struct Block {
    /// Its first line.
    line: usize,
    text: String,
    /// Moodle's `[tag:…]` marks in the comment lines among its lines.
    tags: Vec<String>,
}

/// The `[tag:NAME]` marks of a comment line, as Moodle reads them (`\]`
/// is a `]` inside a name).
fn comment_tags(comment: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = comment;
    while let Some(at) = rest.find("[tag:") {
        rest = &rest[at + 5..];
        let mut name = String::new();
        let mut chars = rest.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if rest[i + 1..].starts_with(']') => {
                    name.push(']');
                    chars.next();
                }
                ']' => {
                    end = Some(i + 1);
                    break;
                }
                c => name.push(c),
            }
        }
        let Some(end) = end else { break };
        rest = &rest[end..];
        if !name.trim().is_empty() {
            tags.push(name.trim().to_string());
        }
    }
    tags
}

/// Question blocks with their first line number: blank lines outside braces
/// separate questions; comments are dropped, except our own bank settings
/// and the `[tag:…]` marks of a question's comment lines.
fn gift_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut tags = Vec::new();
    let mut first = 0;
    let mut depth = 0i32;
    let block = |line: usize, text: String, tags: Vec<String>| Block { line, text, tags };
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(comment) = trimmed.strip_prefix("//") {
            let said = comment.trim_start_matches('/').trim();
            if said == "scoring: all_or_nothing" {
                blocks.push(block(n + 1, "$SCORING: all_or_nothing".into(), vec![]));
            } else if said == crate::moodle::PASS_REQUIRES_ESSENTIAL {
                blocks.push(block(n + 1, PASS_REQUIRES_ESSENTIAL_BLOCK.into(), vec![]));
            }
            tags.extend(comment_tags(comment));
            continue;
        }
        if trimmed.is_empty() && depth <= 0 {
            if !current.trim().is_empty() {
                blocks.push(block(
                    first,
                    std::mem::take(&mut current),
                    std::mem::take(&mut tags),
                ));
            }
            // Comment lines alone between blank lines belong to no question.
            tags.clear();
            current.clear();
            continue;
        }
        if current.is_empty() {
            first = n + 1;
        }
        if trimmed.starts_with("$CATEGORY:") && depth <= 0 {
            if !current.trim().is_empty() {
                blocks.push(block(
                    first,
                    std::mem::take(&mut current),
                    std::mem::take(&mut tags),
                ));
            }
            blocks.push(block(n + 1, trimmed.to_string(), vec![]));
            tags.clear();
            current.clear();
            continue;
        }
        let mut escaped = false;
        for c in line.chars() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '{') => depth += 1,
                (false, '}') => depth -= 1,
                _ => {}
            }
        }
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        blocks.push(block(first, current, tags));
    }
    blocks
}

/// Stands for our `// pass_requires_essential: true` comment among blocks.
const PASS_REQUIRES_ESSENTIAL_BLOCK: &str = "$PASS_REQUIRES_ESSENTIAL";

struct Answer {
    correct: bool,
    weight: Option<i32>,
    text: String,
    feedback: Option<String>,
}

/// Converts a Moodle GIFT file. Question types the quiz has no equivalent for
/// (short answer, matching, numerical, essay, description) are reported by
/// line and left out.
pub fn from_gift(text: &str, name: &str) -> Imported {
    from_gift_only(text, name, None)
}

/// [`from_gift`] of the categories labelled `only` (see [`gift_categories`]);
/// the others' questions are left out without a note each.
pub fn from_gift_only(text: &str, name: &str, only: Option<&[String]>) -> Imported {
    let mut bank = empty_bank(name);
    let mut seen: Vec<Category> = Vec::new();
    let mut notes = Vec::new();
    let mut category = String::from("General");
    let mut ids = HashSet::new();
    let mut cleaning = Cleaning::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for Block { line, text, tags } in gift_blocks(text) {
        let block = text.trim();
        if let Some(path) = block.strip_prefix("$CATEGORY:") {
            category = path.trim().to_string();
            continue;
        }
        if block == "$SCORING: all_or_nothing" {
            bank.meta.scoring = Scoring::AllOrNothing;
            continue;
        }
        if block == PASS_REQUIRES_ESSENTIAL_BLOCK {
            bank.meta.pass_requires_essential = true;
            continue;
        }
        let label = category_label(&category);
        let chosen = only.is_none_or(|o| o.contains(&label));
        if !chosen {
            count_in(&mut seen, &label, false);
            continue;
        }
        match gift_question(block, line, &category, &mut bank, &mut ids, &mut cleaning) {
            Ok(mut q) => {
                q.essential = tags
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(crate::moodle::ESSENTIAL_TAG));
                bank.questions.push(q);
                count_in(&mut seen, &label, true);
            }
            Err(message) => {
                notes.push(note(line, message));
                count_in(&mut seen, &label, false);
            }
        }
    }
    bank.topics
        .retain(|t| bank.questions.iter().any(|q| q.topic == t.id));
    if let Some(summary) = cleaning.summary() {
        notes.insert(0, note(1, summary));
    }
    if let Some(n) = only.and_then(|o| only_note(&seen, o)) {
        notes.insert(0, n);
    }
    if bank.questions.is_empty() {
        let why = if looks_like_aiken(text) {
            "no GIFT question was found: this looks like an Aiken file (options \"A.\" and \"ANSWER:\" lines); import it as Aiken"
        } else {
            "no question could be imported from this file"
        };
        notes.push(Diagnostic::error(vec![], why).at(Pos { line: 1, column: 1 }));
    }
    Imported { bank, notes }
}

/// The categories of a GIFT file, in file order, with how many questions
/// of each [`from_gift`] imports and leaves out.
pub fn gift_categories(text: &str) -> Vec<Category> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut category = String::from("General");
    let mut scratch = empty_bank("count");
    let mut ids = HashSet::new();
    let mut cleaning = Cleaning::default();
    for Block { line, text, .. } in gift_blocks(text) {
        let block = text.trim();
        if let Some(path) = block.strip_prefix("$CATEGORY:") {
            category = path.trim().to_string();
            continue;
        }
        if block.starts_with("$SCORING:") || block == PASS_REQUIRES_ESSENTIAL_BLOCK {
            continue;
        }
        let ok = gift_question(
            block,
            line,
            &category,
            &mut scratch,
            &mut ids,
            &mut cleaning,
        )
        .is_ok();
        count_in(&mut out, &category_label(&category), ok);
    }
    out
}

/// True for text with Aiken's shape: option lines "A." or "A)" and an
/// "ANSWER:" line, and no GIFT answer braces.
pub fn looks_like_aiken(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines.iter().any(|l| l.starts_with("ANSWER:"))
        && lines.iter().any(|l| {
            let b = l.as_bytes();
            b.len() > 2 && b[0].is_ascii_uppercase() && (b[1] == b'.' || b[1] == b')')
        })
        && !text.contains('{')
}

fn gift_question(
    block: &str,
    line: usize,
    category: &str,
    bank: &mut Bank,
    ids: &mut HashSet<String>,
    cleaning: &mut Cleaning,
) -> Result<Question, String> {
    let (title, rest) = match block.strip_prefix("::") {
        Some(after) => match after.find("::") {
            Some(end) => (Some(after[..end].trim().to_string()), &after[end + 2..]),
            None => (None, block),
        },
        None => (None, block),
    };
    let Some(open) = find_unescaped(rest, '{', 0) else {
        return Err("a description with no answers is not a question; skipped".into());
    };
    let close = find_unescaped(rest, '}', open)
        .ok_or_else(|| "the answer block has no closing '}'; skipped".to_string())?;
    let body = rest.trim_start();
    let format = if body.starts_with("[html]") || body.starts_with("[moodle]") {
        Format::Html
    } else if body.starts_with("[markdown]") {
        Format::Markdown
    } else {
        Format::Plain
    };
    let before = text_of(&rest[..open], format, cleaning);
    let after = text_of(&rest[close + 1..], format, cleaning);
    let prompt = if after.is_empty() {
        before
    } else {
        format!("{before} _____ {after}")
    };
    let inner = rest[open + 1..close].trim();
    let fallback = format!("q{line}");
    let id = unique(slug(title.as_deref().unwrap_or("")), fallback, ids);
    let topic = topic_for(bank, category);
    let mut question = Question {
        id,
        topic,
        kind: Kind::Single,
        difficulty: None,
        prompt,
        choices: Vec::new(),
        explanation: String::new(),
        cites: Vec::new(),
        points: 1,
        essential: false,
    };

    // General feedback: the part after an unescaped "####".
    let (answers_text, general) = match inner.find("####") {
        Some(i) if !inner[..i].ends_with('\\') => (
            &inner[..i],
            Some(text_of(&inner[i + 4..], format, cleaning)),
        ),
        _ => (inner, None),
    };
    question.explanation = general.unwrap_or_default();

    let head = answers_text.trim();
    if head.is_empty() {
        return Err("essay questions are not supported; skipped".into());
    }
    if head.starts_with('#') {
        return Err("numerical questions are not supported; skipped".into());
    }
    let first_word: String = head
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_uppercase();
    if matches!(first_word.as_str(), "T" | "TRUE" | "F" | "FALSE") {
        let truth = first_word.starts_with('T');
        let fb: Vec<String> = split_unescaped(&head[first_word.len()..], |c| c == '#')
            .into_iter()
            .map(|f| text_of(f.trim_start_matches('#'), format, cleaning))
            .filter(|f| !f.is_empty())
            .collect();
        // GIFT: {T#feedback if wrong#feedback if right}
        let (if_wrong, if_right) = (fb.first().cloned(), fb.get(1).cloned());
        question.kind = Kind::TrueFalse;
        question.choices = [("true", "True", truth), ("false", "False", !truth)]
            .into_iter()
            .map(|(id, text, correct)| Choice {
                id: id.into(),
                text: text.into(),
                correct,
                feedback: if correct {
                    if_right.clone()
                } else {
                    if_wrong.clone()
                },
                weight: None,
            })
            .collect();
        return Ok(question);
    }

    let answers: Vec<Answer> = split_unescaped(head, |c| c == '=' || c == '~')
        .into_iter()
        .filter(|p| p.starts_with('=') || p.starts_with('~'))
        .map(|p| parse_answer(p, format, cleaning))
        .collect();
    if answers.iter().any(|a| a.text.contains("->")) {
        return Err("matching questions are not supported; skipped".into());
    }
    if answers.is_empty() {
        return Err("no answers found between '{' and '}'; skipped".into());
    }
    if !head.contains('~') {
        return Err("short-answer questions (only '=' answers) are not supported; skipped".into());
    }
    let right = answers.iter().filter(|a| a.correct).count();
    let weighted = answers.iter().any(|a| a.weight.is_some());
    question.kind = if right > 1 {
        Kind::Multiple
    } else {
        Kind::Single
    };
    question.choices = answers
        .into_iter()
        .enumerate()
        .map(|(i, a)| Choice {
            id: choice_id(i),
            text: a.text,
            correct: a.correct,
            feedback: a.feedback,
            weight: (question.kind == Kind::Multiple && weighted)
                .then(|| a.weight.unwrap_or(if a.correct { 100 } else { 0 })),
        })
        .collect();
    balance_weights(&mut question.choices);
    Ok(question)
}

/// Moodle's 33.33333% becomes 33 here: when the positive weights are a point
/// or two short of (or over) 100, the first one takes up the difference.
pub(crate) fn balance_weights(choices: &mut [Choice]) {
    let total: i32 = choices
        .iter()
        .filter_map(|c| c.weight)
        .filter(|w| *w > 0)
        .sum();
    if total != 100 && (98..=102).contains(&total) {
        if let Some(w) = choices
            .iter_mut()
            .filter_map(|c| c.weight.as_mut())
            .find(|w| **w > 0)
        {
            *w += 100 - total;
        }
    }
}

pub(crate) fn choice_id(i: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    letters
        .get(i)
        .map_or_else(|| format!("c{i}"), |b| (*b as char).to_string())
}

fn parse_answer(part: &str, format: Format, cleaning: &mut Cleaning) -> Answer {
    let marker = part.starts_with('=');
    let mut body = &part[1..];
    let mut weight = None;
    if let Some(rest) = body.strip_prefix('%') {
        if let Some(end) = rest.find('%') {
            weight = rest[..end]
                .trim()
                .parse::<f64>()
                .ok()
                .map(|w| w.round() as i32);
            body = &rest[end + 1..];
        }
    }
    let (text, feedback) = match find_unescaped(body, '#', 0) {
        Some(i) => (&body[..i], Some(text_of(&body[i + 1..], format, cleaning))),
        None => (body, None),
    };
    Answer {
        correct: marker || weight.is_some_and(|w| w > 0),
        weight: if marker { None } else { weight },
        text: text_of(text, format, cleaning),
        feedback: feedback.filter(|f| !f.is_empty()),
    }
}

// ------------------------------------------------------------------ Aiken

/// Converts an Aiken file: a question, options "A." or "A)", then "ANSWER: X".
pub fn from_aiken(text: &str, name: &str) -> Imported {
    let mut bank = empty_bank(name);
    let mut notes = Vec::new();
    let mut ids = HashSet::new();
    let topic = topic_for(&mut bank, "General");
    let mut prompt: Vec<&str> = Vec::new();
    let mut options: Vec<(char, String)> = Vec::new();
    let mut start = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if prompt.is_empty() && options.is_empty() {
            start = n + 1;
        }
        let option = line
            .chars()
            .next()
            .filter(|c| c.is_ascii_uppercase())
            .filter(|_| line[1..].starts_with(". ") || line[1..].starts_with(") "));
        if let Some(answer) = line.strip_prefix("ANSWER:") {
            let key = answer.trim().chars().next().unwrap_or(' ');
            if prompt.is_empty() || options.len() < 2 {
                notes.push(note(
                    n + 1,
                    "an ANSWER line needs a question and at least two options before it; skipped",
                ));
            } else if !options.iter().any(|(l, _)| *l == key) {
                notes.push(note(
                    n + 1,
                    format!("ANSWER {key} is not one of the options; skipped"),
                ));
            } else {
                let id = unique(String::new(), format!("q{start}"), &mut ids);
                bank.questions.push(Question {
                    id,
                    topic: topic.clone(),
                    kind: Kind::Single,
                    difficulty: None,
                    prompt: prompt.join(" "),
                    choices: options
                        .iter()
                        .map(|(l, t)| Choice {
                            id: l.to_ascii_lowercase().to_string(),
                            text: t.clone(),
                            correct: *l == key,
                            feedback: None,
                            weight: None,
                        })
                        .collect(),
                    explanation: String::new(),
                    cites: Vec::new(),
                    points: 1,
                    essential: false,
                });
            }
            prompt.clear();
            options.clear();
        } else if let Some(letter) = option.filter(|_| !prompt.is_empty()) {
            options.push((letter, line[3..].trim().to_string()));
        } else if options.is_empty() {
            prompt.push(line);
        } else {
            notes.push(note(
                n + 1,
                "expected an option like \"C. text\" or an \"ANSWER: X\" line",
            ));
        }
    }
    if !prompt.is_empty() || !options.is_empty() {
        notes.push(note(start, "the last question has no ANSWER line; skipped"));
    }
    if bank.questions.is_empty() {
        notes.push(note(1, "no question could be imported from this file"));
    }
    Imported { bank, notes }
}

// ------------------------------------------------------------------ export

/// GIFT escapes, and line breaks written as Moodle writes them: `\n`.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The percentages Moodle's question import accepts for an answer (its
/// `question_bank::fraction_options_full()`: p/q for q ≤ 6, p/10, 1/q for
/// q ≤ 10, 1/20, and their negatives).
pub const MOODLE_PERCENTS: &[f64] = &[
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// The accepted Moodle percentage for weight `w`: exact, or the one within
/// one point (33 is Moodle's 33.33333 made whole); none otherwise.
pub fn moodle_percent(w: i32) -> Option<f64> {
    let sign = if w < 0 { -1.0 } else { 1.0 };
    let a = f64::from(w.abs());
    MOODLE_PERCENTS
        .iter()
        .copied()
        .filter(|p| (p - a).abs() < 1.0)
        .min_by(|x, y| (x - a).abs().total_cmp(&(y - a).abs()))
        .map(|p| sign * p)
}

fn percent(p: f64) -> String {
    let s = format!("{p:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// Warnings for what Moodle would refuse or change in a GIFT (or Moodle XML)
/// export of `bank`: weights that are not among Moodle's accepted percentages,
/// and all-or-nothing scoring, which Moodle's multiple choice cannot express.
pub fn moodle_warnings(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, q) in bank.questions.iter().enumerate() {
        for (j, c) in q.choices.iter().enumerate() {
            if let Some(w) = c.weight.filter(|w| moodle_percent(*w).is_none()) {
                out.push(Diagnostic::warning(
                    crate::path!["questions", i, "choices", j, "weight"],
                    format!(
                        "question \"{}\": Moodle's default import refuses a weight of {w}%; use one of 100, 90, 83.33, 80, 75, 70, 66.67, 60, 50, 40, 33.33, 30, 25, 20, 16.67, 14.29, 12.5, 11.11, 10, 5 or 0 (or minus these)",
                        q.id
                    ),
                ));
            }
        }
    }
    if bank.meta.scoring == Scoring::AllOrNothing
        && bank.questions.iter().any(|q| q.kind == Kind::Multiple)
    {
        out.push(Diagnostic::warning(
            crate::path!["bank", "scoring"],
            "Moodle's multiple-choice questions give partial credit: the export makes each wrong pick cost all the points, but a subset of right answers still earns part of them there",
        ));
    }
    out
}

/// Moodle's accepted percentages are fractions like 50, 33.33333, 25.
fn share(n: usize) -> String {
    let w = 100.0 / n.max(1) as f64;
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Writes a bank as Moodle GIFT: topics become categories, the explanation
/// the general feedback. Sources have no place in GIFT and are listed in a
/// comment at the top.
pub fn to_gift(bank: &Bank) -> String {
    let mut out = format!(
        "// {} (version {}), exported from the microneedling quiz.\n",
        bank.meta.title, bank.meta.version
    );
    let all_or_nothing = bank.meta.scoring == Scoring::AllOrNothing;
    if all_or_nothing {
        // Read back by from_gift; Moodle ignores comments.
        out.push_str("// scoring: all_or_nothing\n");
    }
    if bank.meta.pass_requires_essential {
        out.push_str(&format!("// {}\n", crate::moodle::PASS_REQUIRES_ESSENTIAL));
    }
    for s in &bank.sources {
        out.push_str(&format!(
            "// Source {}: {}, {}. {}\n",
            s.id, s.title, s.publisher, s.url
        ));
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
        // Moodle writes a "/" inside a category name as "//".
        let path = topic
            .label
            .split(" › ")
            .map(|p| p.replace('/', "//"))
            .collect::<Vec<_>>()
            .join("/");
        out.push_str(&format!("\n$CATEGORY: $course$/top/{path}\n"));
        for q in questions {
            out.push('\n');
            if q.essential {
                // Moodle (3.6 and later) reads tags from a question's comments.
                out.push_str(&format!("// [tag:{}]\n", crate::moodle::ESSENTIAL_TAG));
            }
            out.push_str(&format!("::{}::[plain]{} {{\n", q.id, escape(&q.prompt)));
            let right = q.choices.iter().filter(|c| c.correct).count();
            for c in &q.choices {
                let mark = match (q.kind, c.weight) {
                    (Kind::Multiple, Some(w)) => {
                        format!("~%{}%", percent(moodle_percent(w).unwrap_or(f64::from(w))))
                    }
                    (Kind::Multiple, None) if c.correct => format!("~%{}%", share(right)),
                    // All or nothing: a wrong pick costs everything.
                    (Kind::Multiple, None) if all_or_nothing => "~%-100%".to_string(),
                    (Kind::Multiple, None) => format!("~%-{}%", share(right)),
                    (_, _) if c.correct => "=".to_string(),
                    _ => "~".to_string(),
                };
                out.push_str(&format!("  {mark}{}", escape(&c.text)));
                if let Some(f) = &c.feedback {
                    out.push_str(&format!("#{}", escape(f)));
                }
                out.push('\n');
            }
            if !q.explanation.is_empty() {
                out.push_str(&format!("  ####{}\n", escape(&q.explanation)));
            }
            out.push_str("}\n");
        }
    }
    out
}
