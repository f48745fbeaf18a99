//! The rules every bank must follow. One module for the build step, the quiz page
//! and the `bank` tool, so all three agree.

use std::collections::{HashMap, HashSet};

use crate::bank::{Bank, Kind, Question, FORMAT_VERSION};
use crate::diagnostic::{Diagnostic, Seg};
use crate::path;

/// Limits that keep a hostile or mistaken bank from hanging the page. One
/// set, agreeing with each other: what limits a bank is what the quiz page
/// downloads (the compiled JSON), and [`MAX_BYTES`] holds [`MAX_QUESTIONS`]
/// ordinary questions (a prompt, four choices with feedback, an explanation
/// and a citation: 0.6 to 1 KB of JSON each) with room to spare. The text an
/// author writes (TOML) and the exports an importer reads are larger than
/// the JSON they give, so their limits are multiples of it.
pub mod limits {
    /// Largest compiled bank (the JSON the quiz page fetches), in bytes,
    /// checked before parsing: 5,000 questions of 1.6 KB on average.
    pub const MAX_BYTES: usize = 8 * 1024 * 1024;
    /// Largest bank source (TOML) the build, the `bank` tool and the studio
    /// read: TOML spells out more than compact JSON, and has comments.
    pub const MAX_SOURCE_BYTES: usize = 2 * MAX_BYTES;
    /// Largest export file (Moodle XML, GIFT, Aiken) the importers read:
    /// Moodle XML wraps every text in HTML and XML, and may carry images.
    pub const MAX_IMPORT_BYTES: usize = 8 * MAX_BYTES;
    pub const MAX_QUESTIONS: usize = 5000;
    pub const MIN_CHOICES: usize = 2;
    pub const MAX_CHOICES: usize = 10;
    pub const MAX_SOURCES: usize = 200;
    pub const MAX_TOPICS: usize = 50;
    pub const MAX_CITES: usize = 10;
    /// Longest prompt, choice, feedback or explanation, in characters.
    pub const MAX_TEXT: usize = 2000;
    /// Longest id or short field (title, label, locator), in characters.
    pub const MAX_SHORT: usize = 300;
    pub const MAX_POINTS: u32 = 100;
    /// Deepest nesting of arrays and tables accepted in a bank file.
    pub const MAX_DEPTH: usize = 16;
}

use limits::*;

/// What to do with a bank over the limits, said wherever one is refused.
pub const SPLIT: &str = "split it into several banks by topic (one bank per Moodle category, say), or import only some of the export's categories";

/// `n` with thousands separated by commas: "5,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes as people read it: "900 KB", "8 MB", "1.8 MB".
pub fn size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        // One decimal, but never rounded down onto a limit it exceeds.
        let tenths = (bytes * 10).div_ceil(MB);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// The problem with a compiled bank of `bytes` (its JSON), if it is over
/// [`MAX_BYTES`]: the quiz page would refuse to load it.
pub fn compiled_size_problem(bytes: usize) -> Option<Diagnostic> {
    (bytes > MAX_BYTES).then(|| {
        Diagnostic::error(
            vec![],
            format!(
                "the bank is {} as the JSON the quiz page downloads; the most a quiz page loads is {}: {SPLIT}",
                size(bytes),
                size(MAX_BYTES)
            ),
        )
    })
}

/// Checks every rule and returns every problem found (errors and warnings).
pub fn validate(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if bank.format != FORMAT_VERSION {
        out.push(Diagnostic::error(
            path!["format"],
            format!(
                "this bank is format {}, but this quiz reads format {FORMAT_VERSION}",
                bank.format
            ),
        ));
    }
    check_meta(bank, &mut out);
    let source_ids = check_sources(bank, &mut out);
    let topic_ids = check_topics(bank, &mut out);
    check_questions(bank, &source_ids, &topic_ids, &mut out);
    check_essentials(bank, &mut out);
    check_use(bank, &mut out);
    out
}

/// True when `diagnostics` holds at least one error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

fn check_meta(bank: &Bank, out: &mut Vec<Diagnostic>) {
    let m = &bank.meta;
    id_rule(&m.id, || path!["bank", "id"], out);
    short_text(&m.title, "the bank title", || path!["bank", "title"], out);
    short_text(
        &m.version,
        "the bank version",
        || path!["bank", "version"],
        out,
    );
    long_text(
        &m.description,
        "the bank description",
        || path!["bank", "description"],
        out,
    );
    long_text(
        &m.disclaimer,
        "the disclaimer",
        || path!["bank", "disclaimer"],
        out,
    );
    if !is_language_tag(&m.language) {
        out.push(Diagnostic::error(
            path!["bank", "language"],
            format!(
                "\"{}\" is not a language code; write one such as \"en\" or \"fr-CA\"",
                m.language
            ),
        ));
    }
    if m.pass_mark > 100 {
        out.push(Diagnostic::error(
            path!["bank", "pass_mark"],
            format!(
                "pass_mark is a percentage from 0 to 100, not {}",
                m.pass_mark
            ),
        ));
    }
    for (field, value) in [("draw", m.draw), ("draw_per_topic", m.draw_per_topic)] {
        if value == Some(0) {
            out.push(Diagnostic::error(
                path!["bank", field],
                format!("{field} must be at least 1 (leave it out to ask every question)"),
            ));
        }
    }
    for (field, value) in [
        ("reviewed", &m.reviewed),
        ("sources_checked", &m.sources_checked),
    ] {
        if let Some(date) = value.as_deref().filter(|d| !is_date(d)) {
            out.push(Diagnostic::error(
                path!["bank", field],
                format!("\"{date}\" is not a date; write it as \"YYYY-MM-DD\""),
            ));
        }
    }
    check_review(m, out);
}

/// The quiz claims a medical review only for a named, dated reviewer; say so
/// when the fields do not add up to one.
fn check_review(m: &crate::bank::Meta, out: &mut Vec<Diagnostic>) {
    let named = m.reviewer.as_deref().is_some_and(|r| !r.trim().is_empty());
    if m.reviewed.is_some() && !named {
        out.push(Diagnostic::warning(
            path!["bank", "reviewed"],
            "\"reviewed\" is the date of a medical review, but no reviewer is named, so the quiz will not show it; name the clinician in reviewer (and reviewer_credentials), or use sources_checked for the day the citations were checked",
        ));
    }
    if named && m.reviewed.is_none() {
        out.push(Diagnostic::warning(
            path!["bank", "reviewer"],
            "a reviewer is named but \"reviewed\" (the date of the review) is missing, so the quiz will not claim a medical review",
        ));
    }
    if named && m.reviewer_credentials.is_none() {
        out.push(Diagnostic::warning(
            path!["bank", "reviewer"],
            "add reviewer_credentials (for example \"MD, FAAD\") so visitors can see who reviewed the content",
        ));
    }
}

fn check_sources(bank: &Bank, out: &mut Vec<Diagnostic>) -> HashSet<String> {
    let mut ids = HashSet::new();
    if bank.sources.len() > MAX_SOURCES {
        out.push(Diagnostic::error(
            path!["sources"],
            format!("a bank may declare at most {MAX_SOURCES} sources"),
        ));
    }
    for (i, s) in bank.sources.iter().enumerate().take(MAX_SOURCES) {
        let at = |k: &'static str| path!["sources", i, k];
        id_rule(&s.id, || at("id"), out);
        if !s.id.is_empty() && !ids.insert(s.id.clone()) {
            out.push(Diagnostic::error(
                at("id"),
                format!("source id \"{}\" is declared twice", s.id),
            ));
        }
        short_text(&s.title, "a source title", || at("title"), out);
        short_text(&s.publisher, "a source publisher", || at("publisher"), out);
        short_text(&s.date, "a source date", || at("date"), out);
        if s.authors.is_empty() {
            out.push(Diagnostic::error(
                at("authors"),
                "list at least one author (a person or the organisation)",
            ));
        }
        for (j, a) in s.authors.iter().enumerate() {
            short_text(
                a,
                "an author name",
                || path!["sources", i, "authors", j],
                out,
            );
        }
        if let Err(why) = check_url(&s.url) {
            out.push(Diagnostic::error(at("url"), why));
        }
        if let Some(doi) = &s.doi {
            if !doi.starts_with("10.") || !doi.contains('/') {
                out.push(Diagnostic::error(
                    at("doi"),
                    format!(
                        "\"{doi}\" is not a DOI; DOIs look like \"10.1097/GOX.0000000000001474\""
                    ),
                ));
            }
        }
        if let Some(pmid) = &s.pmid {
            if pmid.is_empty() || pmid.len() > 10 || !pmid.bytes().all(|b| b.is_ascii_digit()) {
                out.push(Diagnostic::error(
                    at("pmid"),
                    format!("\"{pmid}\" is not a PubMed id; it should be digits only"),
                ));
            }
        }
    }
    ids
}

fn check_topics(bank: &Bank, out: &mut Vec<Diagnostic>) -> HashSet<String> {
    let mut ids = HashSet::new();
    if bank.topics.len() > MAX_TOPICS {
        out.push(Diagnostic::error(
            path!["topics"],
            format!("a bank may declare at most {MAX_TOPICS} topics"),
        ));
    }
    for (i, t) in bank.topics.iter().enumerate().take(MAX_TOPICS) {
        id_rule(&t.id, || path!["topics", i, "id"], out);
        if !t.id.is_empty() && !ids.insert(t.id.clone()) {
            out.push(Diagnostic::error(
                path!["topics", i, "id"],
                format!("topic id \"{}\" is declared twice", t.id),
            ));
        }
        short_text(
            &t.label,
            "a topic label",
            || path!["topics", i, "label"],
            out,
        );
    }
    ids
}

fn check_questions(
    bank: &Bank,
    sources: &HashSet<String>,
    topics: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    if bank.questions.is_empty() {
        out.push(Diagnostic::error(
            path!["questions"],
            "the bank has no questions; add at least one [[questions]] entry",
        ));
    }
    if bank.questions.len() > MAX_QUESTIONS {
        out.push(Diagnostic::error(
            path!["questions"],
            format!(
                "the bank has {} questions; the most a bank may hold is {}: {SPLIT}",
                thousands(bank.questions.len()),
                thousands(MAX_QUESTIONS)
            ),
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, q) in bank.questions.iter().enumerate().take(MAX_QUESTIONS) {
        id_rule(&q.id, || path!["questions", i, "id"], out);
        if !q.id.is_empty() {
            if let Some(first) = seen.insert(&q.id, i) {
                out.push(Diagnostic::error(
                    path!["questions", i, "id"],
                    format!(
                        "question id \"{}\" is already used by question {}",
                        q.id,
                        first + 1
                    ),
                ));
            }
        }
        check_question(q, i, sources, topics, out);
    }
}

fn check_question(
    q: &Question,
    i: usize,
    sources: &HashSet<String>,
    topics: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let at = |k: &'static str| path!["questions", i, k];
    if !topics.contains(&q.topic) {
        out.push(Diagnostic::error(
            at("topic"),
            format!(
                "topic \"{}\" is not declared; add it under [[topics]] or fix the spelling",
                q.topic
            ),
        ));
    }
    long_text(&q.prompt, "the prompt", || at("prompt"), out);
    long_text(&q.explanation, "the explanation", || at("explanation"), out);
    if q.points == 0 || q.points > MAX_POINTS {
        out.push(Diagnostic::error(
            at("points"),
            format!("points must be from 1 to {MAX_POINTS}, not {}", q.points),
        ));
    }
    let n = q.choices.len();
    if !(MIN_CHOICES..=MAX_CHOICES).contains(&n) {
        out.push(Diagnostic::error(
            at("choices"),
            format!("a question needs {MIN_CHOICES} to {MAX_CHOICES} choices; this one has {n}"),
        ));
    }
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for (j, c) in q.choices.iter().enumerate().take(MAX_CHOICES) {
        let cat = |k: &'static str| path!["questions", i, "choices", j, k];
        id_rule(&c.id, || cat("id"), out);
        if !c.id.is_empty() && !ids.insert(c.id.as_str()) {
            out.push(Diagnostic::error(
                cat("id"),
                format!("choice id \"{}\" is used twice in this question", c.id),
            ));
        }
        long_text(&c.text, "the choice text", || cat("text"), out);
        if !c.text.trim().is_empty() && !texts.insert(c.text.trim().to_ascii_lowercase()) {
            out.push(Diagnostic::warning(
                cat("text"),
                "two choices of this question have the same text",
            ));
        }
        match &c.feedback {
            Some(f) => long_text(f, "the choice feedback", || cat("feedback"), out),
            None if !c.correct => out.push(Diagnostic::warning(
                path!["questions", i, "choices", j],
                "this wrong choice has no feedback saying why it is wrong",
            )),
            None => {}
        }
    }
    check_weights(q, i, out);
    let all_of_the_above = q.choices.iter().position(|c| is_all_or_none(&c.text));
    if let Some(j) = all_of_the_above.filter(|_| q.choices.len() > 2) {
        out.push(Diagnostic::warning(
            path!["questions", i, "choices", j, "text"],
            "\"all/none of the above\" reads wrongly when choices are shuffled; name the choices instead, or set shuffle = false",
        ));
    }
    if q.prompt.chars().count() > LONG_PROMPT {
        out.push(Diagnostic::warning(
            at("prompt"),
            format!("the prompt is over {LONG_PROMPT} characters; long prompts are hard to read on a phone"),
        ));
    }
    let correct = q.choices.iter().filter(|c| c.correct).count();
    let rule = match q.kind {
        Kind::Single if correct != 1 => Some(format!(
            "a \"single\" question needs exactly one correct choice; this one has {correct}"
        )),
        Kind::TrueFalse if n != 2 || correct != 1 => Some(format!(
            "a \"true_false\" question needs exactly two choices, one of them correct; this one has {n} choices and {correct} correct"
        )),
        Kind::Multiple if correct == 0 => {
            Some("a \"multiple\" question needs at least one correct choice".to_string())
        }
        _ => None,
    };
    if let Some(message) = rule {
        out.push(Diagnostic::error(at("choices"), message));
    }
    if q.cites.is_empty() {
        out.push(Diagnostic::error(
            at("cites"),
            "cite at least one source that supports the explanation (cites, with a source id and where in it)",
        ));
    }
    if q.cites.len() > MAX_CITES {
        out.push(Diagnostic::error(
            at("cites"),
            format!("a question may cite at most {MAX_CITES} sources"),
        ));
    }
    for (j, c) in q.cites.iter().enumerate().take(MAX_CITES) {
        if !sources.contains(&c.source) {
            out.push(Diagnostic::error(
                path!["questions", i, "cites", j, "source"],
                format!(
                    "source \"{}\" is not declared; add it under [[sources]] or fix the spelling",
                    c.source
                ),
            ));
        }
        short_text(
            &c.locator,
            "the locator (the section of the source)",
            || path!["questions", i, "cites", j, "locator"],
            out,
        );
    }
}

/// Prompts longer than this get a readability warning.
pub const LONG_PROMPT: usize = 300;

fn is_all_or_none(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_ascii_lowercase();
    [
        "all of the above",
        "none of the above",
        "both of the above",
        "all of these",
        "none of these",
        "toutes ces réponses",
        "aucune de ces réponses",
        "toutes les réponses ci-dessus",
        "aucune des réponses ci-dessus",
    ]
    .contains(&t.as_str())
}

fn check_weights(q: &Question, i: usize, out: &mut Vec<Diagnostic>) {
    if !q.choices.iter().any(|c| c.weight.is_some()) {
        return;
    }
    if q.kind != Kind::Multiple {
        out.push(Diagnostic::error(
            path!["questions", i, "kind"],
            "weights are for \"multiple\" questions only",
        ));
        return;
    }
    for (j, c) in q.choices.iter().enumerate() {
        match c.weight {
            Some(w) if !(-100..=100).contains(&w) => out.push(Diagnostic::error(
                path!["questions", i, "choices", j, "weight"],
                format!("a weight is a percentage from -100 to 100, not {w}"),
            )),
            Some(w) if (w > 0) != c.correct => out.push(Diagnostic::error(
                path!["questions", i, "choices", j, "weight"],
                "a choice with a positive weight must be marked correct, and only those",
            )),
            _ => {}
        }
    }
    let total: i32 = q
        .choices
        .iter()
        .filter_map(|c| c.weight)
        .filter(|w| *w > 0)
        .sum();
    if total != 100 {
        out.push(Diagnostic::warning(
            path!["questions", i, "choices"],
            format!("the positive weights add up to {total}%, so a perfect answer scores {total}%, not 100%"),
        ));
    }
}

/// Every visit asks every essential question, so they must fit in one: no
/// more of them than the bank's `draw`, nor, in a topic, than its
/// `draw_per_topic`. (A visit mostly made of them is allowed, with a
/// warning: see [`crate::lint::essential_warnings`].)
fn check_essentials(bank: &Bank, out: &mut Vec<Diagnostic>) {
    let m = &bank.meta;
    let mut fit = |field: &'static str, n: usize, place: String, count: usize| {
        if n > 0 && count > n {
            out.push(Diagnostic::error(
                path!["bank", field],
                format!("{place}{count} questions are essential, but {field} = {n}: every visit asks all of them, so raise {field} to {count} or mark fewer essential"),
            ));
        }
    };
    if let Some(n) = m.draw {
        fit("draw", n, String::new(), bank.essentials().count());
    }
    if let Some(n) = m.draw_per_topic {
        for t in &bank.topics {
            let here = bank.essentials().filter(|q| q.topic == t.id).count();
            fit(
                "draw_per_topic",
                n,
                format!("in topic \"{}\", ", t.id),
                here,
            );
        }
    }
}

/// Warnings about declared things nobody uses.
fn check_use(bank: &Bank, out: &mut Vec<Diagnostic>) {
    for (i, s) in bank.sources.iter().enumerate() {
        let cited = bank
            .questions
            .iter()
            .any(|q| q.cites.iter().any(|c| c.source == s.id));
        if !cited {
            out.push(Diagnostic::warning(
                path!["sources", i, "id"],
                format!("source \"{}\" is never cited", s.id),
            ));
        }
    }
    for (i, t) in bank.topics.iter().enumerate() {
        if !bank.questions.iter().any(|q| q.topic == t.id) {
            out.push(Diagnostic::warning(
                path!["topics", i, "id"],
                format!("topic \"{}\" has no questions", t.id),
            ));
        }
    }
}

/// Only `https:` URLs with a host are accepted for links shown to visitors.
pub fn check_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(format!(
            "\"{}\" is not an https link; only addresses starting with https:// are allowed",
            clip(url)
        ));
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if authority.contains('@') || !host_ok {
        return Err(format!("\"{}\" has no valid host name", clip(url)));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "\"{}\" contains spaces or control characters",
            clip(url)
        ));
    }
    if url.chars().count() > MAX_SHORT * 2 {
        return Err("the link is too long".to_string());
    }
    Ok(())
}

fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(80).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

fn id_rule(id: &str, at: impl FnOnce() -> Vec<Seg>, out: &mut Vec<Diagnostic>) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !ok {
        out.push(Diagnostic::error(
            at(),
            format!(
                "\"{}\" is not a valid id: use 1 to 64 lowercase letters, digits, '-' or '_'",
                clip(id)
            ),
        ));
    }
}

/// `at` builds the problem's path only when there is a problem: checking a
/// large bank then allocates almost nothing.
fn text_rule(
    text: &str,
    what: &str,
    max: usize,
    at: impl FnOnce() -> Vec<Seg>,
    out: &mut Vec<Diagnostic>,
) {
    if text.trim().is_empty() {
        out.push(Diagnostic::error(at(), format!("{what} is empty")));
    } else if text.chars().count() > max {
        out.push(Diagnostic::error(
            at(),
            format!("{what} is longer than {max} characters"),
        ));
    }
}

fn short_text(text: &str, what: &str, at: impl FnOnce() -> Vec<Seg>, out: &mut Vec<Diagnostic>) {
    text_rule(text, what, MAX_SHORT, at, out);
}

fn long_text(text: &str, what: &str, at: impl FnOnce() -> Vec<Seg>, out: &mut Vec<Diagnostic>) {
    text_rule(text, what, MAX_TEXT, at, out);
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    first_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}
