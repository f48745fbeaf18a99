//! A playable stand-in for a bank that does not validate yet, for the
//! editor's draft preview. Missing explanations, citations, the disclaimer
//! and other bank details get visible placeholders; a question that still
//! cannot be played (too few choices, none correct) is left out and counted.
//! The result is never deployed: the editor shows it under a "draft" banner,
//! and downloading the deployable JSON needs the real bank to have no errors.

use std::collections::BTreeSet;

use crate::bank::{Bank, Cite, Source, Topic};
use crate::diagnostic::Seg::{self, Index, Key};
use crate::validate::validate;

/// The placeholder source that uncited questions cite in a draft.
pub const DRAFT_SOURCE: &str = "draft-no-source";
/// The placeholder topic for questions whose topic is not declared.
pub const DRAFT_TOPIC: &str = "draft-no-topic";

/// A draft bank and how many questions it had to leave out.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub bank: Bank,
    /// Ids (or 1-based numbers, for questions without an id) left out.
    pub left_out: Vec<String>,
}

/// Makes `bank` playable, or `None` when no question can be played.
pub fn draft(bank: &Bank) -> Option<Draft> {
    let mut b = bank.clone();
    let mut left_out = Vec::new();
    // Each round repairs or removes what the validator flags; removals can
    // only shrink the bank, so a few rounds always settle.
    for _ in 0..6 {
        let errors: Vec<Vec<Seg>> = validate(&b)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.path)
            .collect();
        if errors.is_empty() {
            return (!b.questions.is_empty()).then_some(Draft { bank: b, left_out });
        }
        let mut drop_questions = BTreeSet::new();
        let mut drop_sources = BTreeSet::new();
        let mut drop_topics = BTreeSet::new();
        for path in &errors {
            match path.as_slice() {
                [Key("questions"), Index(i), rest @ ..] if !repair_question(&mut b, *i, rest) => {
                    drop_questions.insert(*i);
                }
                [Key("sources"), Index(i), ..] => {
                    drop_sources.insert(*i);
                }
                [Key("topics"), Index(i), ..] => {
                    drop_topics.insert(*i);
                }
                [Key("bank"), Key(field), ..] => repair_meta(&mut b, field),
                [Key("questions")] if b.questions.is_empty() => return None,
                [Key("questions")] => b.questions.truncate(crate::validate::limits::MAX_QUESTIONS),
                [Key("sources")] => b.sources.truncate(crate::validate::limits::MAX_SOURCES),
                [Key("topics")] => b.topics.truncate(crate::validate::limits::MAX_TOPICS),
                _ => {}
            }
        }
        for i in drop_questions.iter().rev() {
            if *i < b.questions.len() {
                let q = b.questions.remove(*i);
                left_out.push(if q.id.is_empty() {
                    format!("question {}", i + 1)
                } else {
                    q.id
                });
            }
        }
        for i in drop_sources.iter().rev() {
            if *i < b.sources.len() {
                b.sources.remove(*i);
            }
        }
        for i in drop_topics.iter().rev() {
            if *i < b.topics.len() {
                b.topics.remove(*i);
            }
        }
        // Citations of removed sources go; a question left without any
        // gets the placeholder in the next round.
        let known: Vec<String> = b.sources.iter().map(|s| s.id.clone()).collect();
        for q in &mut b.questions {
            q.cites.retain(|c| known.contains(&c.source));
        }
    }
    None
}

/// Fills in what a draft question lacks; false when it cannot be played.
fn repair_question(b: &mut Bank, i: usize, rest: &[Seg]) -> bool {
    let Some(q) = b.questions.get_mut(i) else {
        return false;
    };
    match rest {
        [Key("explanation")] => {
            q.explanation = "(No explanation written yet.)".to_string();
            true
        }
        [Key("cites"), ..] => {
            q.cites = vec![Cite {
                source: DRAFT_SOURCE.to_string(),
                locator: "(draft)".to_string(),
            }];
            ensure_draft_source(b);
            true
        }
        [Key("topic")] => {
            q.topic = DRAFT_TOPIC.to_string();
            if !b.topics.iter().any(|t| t.id == DRAFT_TOPIC) {
                b.topics.push(Topic {
                    id: DRAFT_TOPIC.to_string(),
                    label: "No topic yet".to_string(),
                });
            }
            true
        }
        [Key("id")] => {
            q.id = format!("draft-question-{}", i + 1);
            true
        }
        [Key("points")] => {
            q.points = 1;
            true
        }
        _ => false,
    }
}

fn ensure_draft_source(b: &mut Bank) {
    if !b.sources.iter().any(|s| s.id == DRAFT_SOURCE) {
        b.sources.push(Source {
            id: DRAFT_SOURCE.to_string(),
            title: "No source cited yet (draft)".to_string(),
            authors: vec!["Not yet cited".to_string()],
            publisher: "Draft".to_string(),
            date: "undated".to_string(),
            url: "https://example.org/".to_string(),
            doi: None,
            pmid: None,
        });
    }
}

fn repair_meta(b: &mut Bank, field: &str) {
    let m = &mut b.meta;
    match field {
        "id" => m.id = "draft".to_string(),
        "title" => m.title = "Untitled draft".to_string(),
        "version" => m.version = "draft".to_string(),
        "description" => m.description = "A draft bank.".to_string(),
        "disclaimer" => {
            m.disclaimer = "Draft: no disclaimer written yet. Not for patients.".to_string()
        }
        "language" => m.language = "en".to_string(),
        "pass_mark" => m.pass_mark = 70,
        "draw" => m.draw = None,
        "draw_per_topic" => m.draw_per_topic = None,
        "reviewed" => m.reviewed = None,
        "sources_checked" => m.sources_checked = None,
        _ => {}
    }
}
