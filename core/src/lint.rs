//! Authoring checks that need the whole bank and judgement rather than a rule:
//! run by `bank check`, the bank editor and the content tests, never by the
//! quiz page ([`authoring`]: answer leaks and the essential questions'
//! warnings).
//!
//! **Answer leaks.** Questions are shuffled, so any question may come first.
//! When the explanation, feedback or prompt of one question states the keyed
//! answer of another, whoever meets it first is told the answer. A leak is
//! reported when a text of question B contains
//! - the words that single out question A's keyed answer: words of the
//!   correct choices that are in neither A's prompt nor its wrong choices
//!   (at least two of them, and at least half), and
//! - at least one word of A's prompt, so the text is about A's subject.
//!
//! A true/false question's keyed answer is its statement, true or false: a
//! text of question B gives it away when it restates the statement, that is
//! when it contains most of the words that make the statement (at least
//! three, and two thirds of them), whether it affirms or denies it. True/false
//! questions' own texts are checked like any other's.
//!
//! Words are compared case-insensitively without accents, plurals folded;
//! words in more than a fifth of the questions ("skin", "treatment") and
//! short function words never count.

use std::collections::{HashMap, HashSet};

use crate::bank::{Bank, Kind, Question};
use crate::diagnostic::{Diagnostic, Seg};
use crate::path;

/// Every authoring warning of `bank`: [`essential_warnings`], then
/// [`answer_leaks`].
pub fn authoring(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = essential_warnings(bank);
    out.extend(answer_leaks(bank));
    out
}

/// Essential questions that no longer stand out (more than half of a visit),
/// and `pass_requires_essential` without any. (That they fit in a visit is a
/// rule: [`crate::validate`].)
pub fn essential_warnings(bank: &Bank) -> Vec<Diagnostic> {
    let essential = bank.essentials().count();
    if essential == 0 {
        return bank
            .meta
            .pass_requires_essential
            .then(|| {
                Diagnostic::warning(
                    path!["bank", "pass_requires_essential"],
                    "pass_requires_essential has no effect: no question is essential (mark the questions every patient must get right with essential = true)",
                )
            })
            .into_iter()
            .collect();
    }
    let visit = crate::session::visit_len(bank, &crate::session::Options::default());
    (essential * 2 > visit)
        .then(|| {
            Diagnostic::warning(
                path!["bank"],
                format!(
                    "{essential} of the {visit} questions of a visit are essential, more than half: every visit asks them all, so keep essential for the few facts every patient must know; they then stand out on the results page"
                ),
            )
        })
        .into_iter()
        .collect()
}

/// Every answer leak in `bank`, one warning each, placed at the text that
/// gives the answer away. Each text is read into words once; words are
/// numbered, so that comparing thousands of questions costs no allocation.
pub fn answer_leaks(bank: &Bank) -> Vec<Diagnostic> {
    let mut dict = Words::default();
    let read: Vec<Read> = bank
        .questions
        .iter()
        .map(|q| Read::of(q, &mut dict))
        .collect();
    // Words found in more than a fifth of the questions (at least two).
    let mut df = vec![0usize; dict.names.len()];
    for r in &read {
        let mut all: Vec<u32> = r.all().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        for w in all {
            df[w as usize] += 1;
        }
    }
    let limit = (bank.questions.len() / 5).max(2);
    let common = |w: &u32| df[*w as usize] > limit;
    let keep = |set: &[u32]| -> Vec<u32> { set.iter().copied().filter(|w| !common(w)).collect() };
    let keys: Vec<Option<Key>> = bank
        .questions
        .iter()
        .zip(&read)
        .map(|(q, r)| key_of(q, r, &keep, &dict))
        .collect();
    // Each answer word, with the questions whose keyed answer it is part of.
    let mut index: Vec<Vec<usize>> = vec![Vec::new(); dict.names.len()];
    for (ai, key) in keys.iter().enumerate() {
        for &w in key.iter().flat_map(|k| &k.answer) {
            index[w as usize].push(ai);
        }
    }
    let mut shown = vec![0usize; bank.questions.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (bi, b) in bank.questions.iter().enumerate() {
        for (path, set) in texts(b, bi, &read[bi]) {
            let found = keep(set);
            for &w in &found {
                for &ai in &index[w as usize] {
                    if ai != bi {
                        if shown[ai] == 0 {
                            touched.push(ai);
                        }
                        shown[ai] += 1;
                    }
                }
            }
            touched.sort_unstable();
            for &ai in &touched {
                let n = shown[ai];
                shown[ai] = 0;
                let Some(key) = &keys[ai] else { continue };
                let (min, num, den) = key.needs;
                let leaks = n >= min
                    && n * den >= key.answer.len() * num
                    && key.prompt.iter().any(|w| found.binary_search(w).is_ok());
                if !leaks {
                    continue;
                }
                let mut words: Vec<&str> = key
                    .answer
                    .iter()
                    .filter(|w| found.binary_search(w).is_ok())
                    .map(|w| dict.names[*w as usize].as_str())
                    .collect();
                words.sort_unstable();
                out.push(Diagnostic::warning(
                    path.clone(),
                    format!(
                        "question \"{}\" gives away the answer to question \"{}\" (\"{}\"): this text has its words {}; questions are shuffled, so reword one of them",
                        b.id,
                        bank.questions[ai].id,
                        clip(&key.text),
                        words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            touched.clear();
        }
    }
    out
}

/// Words by number.
#[derive(Default)]
struct Words {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Words {
    /// The numbers of the content words of `text` (see [`word_set`]),
    /// sorted, each once.
    fn set(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        each_word(text, |w| {
            let id = match self.ids.get(w) {
                Some(id) => *id,
                None => {
                    let id = self.names.len() as u32;
                    self.ids.insert(w.to_string(), id);
                    self.names.push(w.to_string());
                    id
                }
            };
            out.push(id);
        });
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A question's texts as word numbers.
struct Read {
    prompt: Vec<u32>,
    explanation: Vec<u32>,
    choices: Vec<Vec<u32>>,
    feedback: Vec<Option<Vec<u32>>>,
}

impl Read {
    fn of(q: &Question, dict: &mut Words) -> Read {
        Read {
            prompt: dict.set(&q.prompt),
            explanation: dict.set(&q.explanation),
            choices: q.choices.iter().map(|c| dict.set(&c.text)).collect(),
            feedback: q
                .choices
                .iter()
                .map(|c| c.feedback.as_deref().map(|f| dict.set(f)))
                .collect(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Vec<u32>> {
        [&self.prompt, &self.explanation]
            .into_iter()
            .chain(&self.choices)
            .chain(self.feedback.iter().flatten())
    }
}

struct Key {
    /// The correct choices' text, for the message.
    text: String,
    /// Words that single out the keyed answer, sorted.
    answer: Vec<u32>,
    /// Words of the prompt, sorted: what the question is about.
    prompt: Vec<u32>,
    /// How many answer words a text must have to give it away: at least
    /// `.0`, and at least `.1 / .2` of them.
    needs: (usize, usize, usize),
}

/// Words that say which way a statement goes, not what it is about.
const TRUTH: &[&str] = &["true", "false", "vrai", "faux", "fausse", "right", "wrong"];

/// Sorted word numbers of several texts, each once.
fn union<'a>(
    sets: impl Iterator<Item = &'a Vec<u32>>,
    keep: &impl Fn(&[u32]) -> Vec<u32>,
) -> Vec<u32> {
    let mut all: Vec<u32> = sets.flat_map(|s| keep(s)).collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn key_of(q: &Question, r: &Read, keep: &impl Fn(&[u32]) -> Vec<u32>, dict: &Words) -> Option<Key> {
    if q.kind == Kind::TrueFalse {
        return statement_key(q, r, keep, dict);
    }
    let prompt = keep(&r.prompt);
    let pick = |correct: bool| {
        q.choices
            .iter()
            .zip(&r.choices)
            .filter(move |(c, _)| c.correct == correct)
            .map(|(_, w)| w)
    };
    let wrong = union(pick(false), keep);
    let correct: Vec<&str> = q
        .choices
        .iter()
        .filter(|c| c.correct)
        .map(|c| c.text.as_str())
        .collect();
    let answer: Vec<u32> = union(pick(true), keep)
        .into_iter()
        .filter(|w| prompt.binary_search(w).is_err() && wrong.binary_search(w).is_err())
        .collect();
    (answer.len() >= 2).then(|| Key {
        text: correct.join("; "),
        answer,
        prompt,
        needs: (2, 1, 2),
    })
}

/// A true/false question's key: the words of its statement (without the
/// answers' own words, "True" and "False"), which a text restating it,
/// affirmed or denied, has most of.
fn statement_key(
    q: &Question,
    r: &Read,
    keep: &impl Fn(&[u32]) -> Vec<u32>,
    dict: &Words,
) -> Option<Key> {
    let answers = union(r.choices.iter(), keep);
    let statement: Vec<u32> = keep(&r.prompt)
        .into_iter()
        .filter(|w| {
            answers.binary_search(w).is_err() && !TRUTH.contains(&dict.names[*w as usize].as_str())
        })
        .collect();
    let correct = q.choices.iter().find(|c| c.correct)?;
    // "True or false: X" is shown as "True: X" (or "False: X").
    let said = q
        .prompt
        .split_once(':')
        .filter(|(head, _)| {
            let head = head.trim().to_ascii_lowercase();
            head == "true or false" || head == "vrai ou faux"
        })
        .map_or(q.prompt.as_str(), |(_, rest)| rest.trim());
    (statement.len() >= 3).then(|| Key {
        text: format!("{}: {said}", correct.text),
        answer: statement.clone(),
        prompt: statement,
        needs: (3, 2, 3),
    })
}

/// The texts of a question a visitor may read before meeting another one.
fn texts<'r>(q: &Question, i: usize, r: &'r Read) -> Vec<(Vec<Seg>, &'r [u32])> {
    let mut v = vec![
        (path!["questions", i, "prompt"], r.prompt.as_slice()),
        (
            path!["questions", i, "explanation"],
            r.explanation.as_slice(),
        ),
    ];
    for (j, f) in r.feedback.iter().enumerate().take(q.choices.len()) {
        if let Some(f) = f {
            v.push((
                path!["questions", i, "choices", j, "feedback"],
                f.as_slice(),
            ));
        }
    }
    v
}

/// The content words of `text`: lowercase, accents removed, plurals and
/// possessives folded, function words and words under three letters dropped.
pub fn word_set(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    each_word(text, |w| {
        out.insert(w.to_string());
    });
    out
}

/// Calls `f` with each content word of `text` (see [`word_set`]), in order.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        match fold(c) {
            Some(x) => word.push(x),
            None if c == '\'' || c == '’' => {}
            None => {
                if !word.is_empty() {
                    let w = stem(&word);
                    if w.chars().count() >= 3 && !is_stop(&word) {
                        f(&w);
                    }
                }
                word.clear();
            }
        }
    }
}

/// A letter or digit in lowercase ASCII, accents removed; `None` otherwise.
fn fold(c: char) -> Option<char> {
    let base = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
        'î' | 'ï' | 'í' | 'Î' => 'i',
        'ô' | 'ö' | 'ó' | 'Ô' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Û' => 'u',
        'ç' | 'Ç' => 'c',
        'œ' => 'o',
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        _ => return None,
    };
    Some(base)
}

/// Folds plurals and a possessive "s" ("scars" = "scar", "fibres" = "fibre").
fn stem(w: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some(s) = w.strip_suffix("ies") {
        // "-ies" becomes "-y", which no rule below changes.
        return Cow::Owned(format!("{s}y"));
    }
    let keep = ["ss", "is", "us"].iter().any(|end| w.ends_with(end));
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !keep => Cow::Borrowed(s),
        _ => Cow::Borrowed(w),
    }
}

/// Whether `w` is one of the function words (binary search in them, sorted
/// once).
fn is_stop(w: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SORTED
        .get_or_init(|| {
            let mut v = STOP.to_vec();
            v.sort_unstable();
            v
        })
        .binary_search(&w)
        .is_ok()
}

fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(70).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

/// Function words of English and French, after folding.
const STOP: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "they",
    "their", "them", "from", "into", "than", "then", "its", "it", "was", "were", "been", "being",
    "have", "has", "had", "can", "could", "may", "might", "will", "would", "should", "must",
    "does", "did", "done", "doe", "what", "which", "who", "whom", "when", "where", "why", "how",
    "all", "any", "some", "each", "every", "other", "such", "only", "also", "more", "most", "less",
    "very", "much", "many", "one", "two", "three", "about", "after", "before", "over", "under",
    "out", "off", "own", "same", "there", "here", "these", "those", "our", "his", "her", "she",
    "him", "because", "while", "though", "even", "just", "like", "too", "yet", "both", "either",
    "les", "des", "une", "est", "sont", "pas", "par", "pour", "dans", "sur", "avec", "qui", "que",
    "quoi", "quel", "quelle", "quels", "quelles", "elle", "elles", "ils", "leur", "leurs", "son",
    "ses", "votre", "vos", "nous", "mais", "plus", "moins", "tout", "tous", "toute", "toutes",
    "cette", "ces", "cet", "aux", "comme", "ont", "peut", "peuvent", "etre", "avoir", "fait",
    "font", "apres", "avant", "sans", "sous", "entre", "aussi", "tres", "bien", "autre", "autres",
    "lors", "dont", "ainsi", "meme", "chaque",
];

/// A changed bank that keeps the id of the bank built into the quiz would
/// share its visitors' saved progress and its name in clinics' event
/// listeners: warn, at the id.
pub fn same_id_as(default: &Bank, bank: &Bank) -> Option<Diagnostic> {
    (bank.meta.id == default.meta.id && bank != default).then(|| {
        Diagnostic::warning(
            crate::path!["bank", "id"],
            format!(
                "this bank keeps the id \"{id}\" of the bank built into the quiz, but its \
                 questions differ: give it its own id (for example \"{id}-clinic\") so that \
                 visitors' progress and clinics' event listeners tell the two apart",
                id = bank.meta.id
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_accents_and_plurals() {
        let w = word_set("Scars, the SCAR's fibres; psoriasis; cicatrices écrasées");
        assert!(w.contains("scar") && w.contains("fibre") && w.contains("psoriasis"));
        assert!(w.contains("cicatrice") && w.contains("ecrasee"));
        assert!(!w.contains("the"));
    }
}
