//! Counts for `bank stats`: questions per topic, kind and difficulty, the
//! essential questions, and how often each source is cited.

use std::fmt;

use crate::bank::{Bank, Difficulty, Kind};

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub questions: usize,
    /// Questions asked in every visit.
    pub essential: usize,
    /// Whether a visit passes only with every essential question right.
    pub pass_requires_essential: bool,
    pub by_topic: Vec<(String, usize)>,
    pub by_kind: Vec<(&'static str, usize)>,
    pub by_difficulty: Vec<(&'static str, usize)>,
    pub citations: Vec<(String, usize)>,
}

pub fn stats(bank: &Bank) -> Stats {
    let count =
        |f: &dyn Fn(&crate::bank::Question) -> bool| bank.questions.iter().filter(|q| f(q)).count();
    Stats {
        questions: bank.questions.len(),
        essential: bank.essentials().count(),
        pass_requires_essential: bank.meta.pass_requires_essential,
        by_topic: bank
            .topics
            .iter()
            .map(|t| (t.label.clone(), count(&|q| q.topic == t.id)))
            .collect(),
        by_kind: [
            ("single", Kind::Single),
            ("multiple", Kind::Multiple),
            ("true_false", Kind::TrueFalse),
        ]
        .into_iter()
        .map(|(name, k)| (name, count(&|q| q.kind == k)))
        .collect(),
        by_difficulty: [
            ("easy", Some(Difficulty::Easy)),
            ("medium", Some(Difficulty::Medium)),
            ("hard", Some(Difficulty::Hard)),
            ("not set", None),
        ]
        .into_iter()
        .map(|(name, d)| (name, count(&|q| q.difficulty == d)))
        .collect(),
        citations: bank
            .sources
            .iter()
            .map(|s| {
                let n = bank
                    .questions
                    .iter()
                    .map(|q| q.cites.iter().filter(|c| c.source == s.id).count())
                    .sum();
                (format!("{} ({})", s.id, s.title), n)
            })
            .collect(),
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "questions: {}", self.questions)?;
        match (self.essential, self.pass_requires_essential) {
            (0, false) => writeln!(f, "essential: 0")?,
            (n, rule) => writeln!(
                f,
                "essential: {n} (asked in every visit{})",
                if rule {
                    "; a visit passes only when all are right"
                } else {
                    ""
                }
            )?,
        }
        let mut table = |title: &str, rows: Vec<(String, usize)>| -> fmt::Result {
            writeln!(f, "\n{title}")?;
            let width = rows
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            for (k, n) in rows {
                writeln!(f, "  {k:<width$}  {n:>4}")?;
            }
            Ok(())
        };
        table("by topic", self.by_topic.clone())?;
        table(
            "by kind",
            self.by_kind
                .iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect(),
        )?;
        table(
            "by difficulty",
            self.by_difficulty
                .iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect(),
        )?;
        table("citations per source", self.citations.clone())
    }
}
