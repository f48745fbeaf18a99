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
/// gives the answer away.
pub fn answer_leaks(bank: &Bank) -> Vec<Diagnostic> {
    let common = common_words(bank);
    let words = |text: &str| -> HashSet<String> {
        word_set(text)
            .into_iter()
            .filter(|w| !common.contains(w))
            .collect()
    };
    let keys: Vec<Option<Key>> = bank.questions.iter().map(|q| key_of(q, &words)).collect();
    // Each answer word, with the questions whose keyed answer it is part of.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ai, key) in keys.iter().enumerate() {
        for w in key.iter().flat_map(|k| &k.answer) {
            index.entry(w.as_str()).or_default().push(ai);
        }
    }
    let mut out = Vec::new();
    for (bi, b) in bank.questions.iter().enumerate() {
        for (path, text) in texts(b, bi) {
            let found = words(text);
            let mut hits: HashMap<usize, Vec<&str>> = HashMap::new();
            for w in &found {
                for &ai in index.get(w.as_str()).into_iter().flatten() {
                    if ai != bi {
                        hits.entry(ai).or_default().push(w.as_str());
                    }
                }
            }
            let mut leaked: Vec<(usize, Vec<&str>)> = hits
                .into_iter()
                .filter(|(ai, shown)| {
                    keys[*ai].as_ref().is_some_and(|key| {
                        let (min, num, den) = key.needs;
                        shown.len() >= min
                            && shown.len() * den >= key.answer.len() * num
                            && key.prompt.iter().any(|w| found.contains(w))
                    })
                })
                .collect();
            leaked.sort_unstable();
            for (ai, mut shown) in leaked {
                let Some(key) = &keys[ai] else { continue };
                shown.sort_unstable();
                out.push(Diagnostic::warning(
                    path.clone(),
                    format!(
                        "question \"{}\" gives away the answer to question \"{}\" (\"{}\"): this text has its words {}; questions are shuffled, so reword one of them",
                        b.id,
                        bank.questions[ai].id,
                        clip(&key.text),
                        shown.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
    }
    out
}

struct Key {
    /// The correct choices' text, for the message.
    text: String,
    /// Words that single out the keyed answer.
    answer: HashSet<String>,
    /// Words of the prompt: what the question is about.
    prompt: HashSet<String>,
    /// How many answer words a text must have to give it away: at least
    /// `.0`, and at least `.1 / .2` of them.
    needs: (usize, usize, usize),
}

/// Words that say which way a statement goes, not what it is about.
const TRUTH: &[&str] = &["true", "false", "vrai", "faux", "fausse", "right", "wrong"];

fn key_of(q: &Question, words: &impl Fn(&str) -> HashSet<String>) -> Option<Key> {
    if q.kind == Kind::TrueFalse {
        return statement_key(q, words);
    }
    let prompt = words(&q.prompt);
    let wrong: HashSet<String> = q
        .choices
        .iter()
        .filter(|c| !c.correct)
        .flat_map(|c| words(&c.text))
        .collect();
    let correct: Vec<&str> = q
        .choices
        .iter()
        .filter(|c| c.correct)
        .map(|c| c.text.as_str())
        .collect();
    let answer: HashSet<String> = correct
        .iter()
        .flat_map(|t| words(t))
        .filter(|w| !prompt.contains(w) && !wrong.contains(w))
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
fn statement_key(q: &Question, words: &impl Fn(&str) -> HashSet<String>) -> Option<Key> {
    let answers: HashSet<String> = q.choices.iter().flat_map(|c| words(&c.text)).collect();
    let statement: HashSet<String> = words(&q.prompt)
        .into_iter()
        .filter(|w| !answers.contains(w) && !TRUTH.contains(&w.as_str()))
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
fn texts(q: &Question, i: usize) -> Vec<(Vec<Seg>, &str)> {
    let mut v = vec![
        (path!["questions", i, "prompt"], q.prompt.as_str()),
        (path!["questions", i, "explanation"], q.explanation.as_str()),
    ];
    for (j, c) in q.choices.iter().enumerate() {
        if let Some(f) = &c.feedback {
            v.push((path!["questions", i, "choices", j, "feedback"], f.as_str()));
        }
    }
    v
}

/// Words found in more than a fifth of the questions (at least two).
fn common_words(bank: &Bank) -> HashSet<String> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for q in &bank.questions {
        let mut all = word_set(&q.prompt);
        all.extend(word_set(&q.explanation));
        for c in &q.choices {
            all.extend(word_set(&c.text));
            if let Some(f) = &c.feedback {
                all.extend(word_set(f));
            }
        }
        for w in all {
            *df.entry(w).or_default() += 1;
        }
    }
    let limit = (bank.questions.len() / 5).max(2);
    df.into_iter()
        .filter(|(_, n)| *n > limit)
        .map(|(w, _)| w)
        .collect()
}

/// The content words of `text`: lowercase, accents removed, plurals and
/// possessives folded, function words and words under three letters dropped.
pub fn word_set(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        match fold(c) {
            Some(f) => word.push(f),
            None if c == '\'' || c == '’' => {}
            None => {
                let w = stem(&word);
                if w.chars().count() >= 3 && !STOP.contains(&word.as_str()) {
                    out.insert(w);
                }
                word.clear();
            }
        }
    }
    out
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
fn stem(w: &str) -> String {
    let w = w
        .strip_suffix("ies")
        .map_or_else(|| w.to_string(), |s| format!("{s}y"));
    let keep = ["ss", "is", "us"].iter().any(|end| w.ends_with(end));
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !keep => s.to_string(),
        _ => w,
    }
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
