//! The question bank model (format version 1). The same structures are read from
//! TOML (authoring, build time) and from JSON (what the quiz page loads).

use serde::{Deserialize, Serialize};

/// The bank format this code reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// The `[bank]` table: metadata.
    #[serde(rename = "bank")]
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub title: String,
    /// BCP 47 language tag of the bank's text, e.g. `en` or `fr`.
    pub language: String,
    /// The bank's own version, chosen by its author (e.g. `1.2.0`).
    pub version: String,
    pub description: String,
    /// Percentage needed to pass, 0 to 100.
    pub pass_mark: u32,
    /// The day every citation was last checked against a copy of its source,
    /// `YYYY-MM-DD`. Not a medical review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources_checked: Option<String>,
    /// Date of the medical review, `YYYY-MM-DD`: only with a named `reviewer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    /// The clinician who reviewed the bank's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// The reviewer's credentials, e.g. `MD, FAAD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_credentials: Option<String>,
    pub disclaimer: String,
    /// How `multiple` questions are scored.
    #[serde(default)]
    pub scoring: Scoring,
    /// Whether question and choice order is shuffled (seeded).
    #[serde(default = "yes")]
    pub shuffle: bool,
    /// Question pool: ask this many questions in total, drawn at random.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<usize>,
    /// Question pool: ask this many questions from each topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw_per_topic: Option<usize>,
    /// A visit passes only when every essential question is right, whatever
    /// the percentage.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pass_requires_essential: bool,
}

fn yes() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// Each correct pick adds its share of the points, each wrong pick takes one
    /// share away, never below zero.
    #[default]
    Partial,
    /// Full points only for exactly the right set of choices.
    AllOrNothing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub authors: Vec<String>,
    /// Publisher, website or journal.
    pub publisher: String,
    /// Publication or last-update date as written by the source (`2022-06-20`, `2017`).
    pub date: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Single,
    Multiple,
    TrueFalse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    pub prompt: String,
    pub choices: Vec<Choice>,
    pub explanation: String,
    pub cites: Vec<Cite>,
    #[serde(default = "one")]
    pub points: u32,
    /// Asked in every visit (whatever the draw), and listed first on the
    /// results page when missed: the few facts every patient must know.
    #[serde(default, skip_serializing_if = "is_false")]
    pub essential: bool,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Why this choice is right or wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Partial credit in percent (-100 to 100) for `multiple` questions, as in
    /// Moodle; when any choice has one, picks earn exactly these shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// Id of a declared source.
    pub source: String,
    /// The section of the source that supports the explanation.
    pub locator: String,
}

/// A medical review the quiz may claim: a named reviewer and a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review<'a> {
    pub reviewer: &'a str,
    pub credentials: Option<&'a str>,
    pub date: &'a str,
}

impl Meta {
    /// The medical review to show visitors, only when a reviewer is named and
    /// dated: a date alone is never presented as a medical review.
    pub fn medical_review(&self) -> Option<Review<'_>> {
        let reviewer = self.reviewer.as_deref().filter(|r| !r.trim().is_empty())?;
        Some(Review {
            reviewer,
            credentials: self
                .reviewer_credentials
                .as_deref()
                .filter(|c| !c.trim().is_empty()),
            date: self.reviewed.as_deref()?,
        })
    }
}

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn topic_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.topics
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
    }

    /// The essential questions, in the bank's order.
    pub fn essentials(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.essential)
    }

    /// Sources cited anywhere in the bank, in declaration order.
    pub fn cited_sources(&self) -> Vec<&Source> {
        self.sources
            .iter()
            .filter(|s| {
                self.questions
                    .iter()
                    .any(|q| q.cites.iter().any(|c| c.source == s.id))
            })
            .collect()
    }
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }

    pub fn correct_ids(&self) -> Vec<&str> {
        self.choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.id.as_str())
            .collect()
    }
}

/// A stable 64-bit FNV-1a hash of a bank's text, used to key saved progress.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
