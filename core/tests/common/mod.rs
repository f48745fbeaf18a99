//! Small banks built in code for the tests.
#![allow(dead_code)]

use quiz_core::bank::*;

pub fn choice(id: &str, correct: bool) -> Choice {
    Choice {
        id: id.into(),
        text: format!("Choice {id}"),
        correct,
        feedback: Some(format!("Because {id}.")),
        weight: None,
    }
}

pub fn question(id: &str, topic: &str, kind: Kind, choices: Vec<Choice>) -> Question {
    Question {
        id: id.into(),
        topic: topic.into(),
        kind,
        difficulty: None,
        prompt: format!("Prompt {id}?"),
        choices,
        explanation: "An explanation.".into(),
        cites: vec![Cite {
            source: "src".into(),
            locator: "Section 1".into(),
        }],
        points: 1,
        essential: false,
    }
}

pub fn bank(questions: Vec<Question>) -> Bank {
    Bank {
        format: 1,
        meta: Meta {
            id: "test".into(),
            title: "Test bank".into(),
            language: "en".into(),
            version: "1".into(),
            description: "A bank for tests.".into(),
            pass_mark: 60,
            sources_checked: Some("2026-01-02".into()),
            reviewed: None,
            reviewer: None,
            reviewer_credentials: None,
            disclaimer: "Not medical advice.".into(),
            scoring: Scoring::Partial,
            shuffle: true,
            draw: None,
            draw_per_topic: None,
            pass_requires_essential: false,
        },
        sources: vec![Source {
            id: "src".into(),
            title: "A source".into(),
            authors: vec!["A. Author".into()],
            publisher: "A journal".into(),
            date: "2020".into(),
            url: "https://example.org/a".into(),
            doi: None,
            pmid: None,
        }],
        topics: vec![
            Topic {
                id: "t1".into(),
                label: "Topic one".into(),
            },
            Topic {
                id: "t2".into(),
                label: "Topic two".into(),
            },
        ],
        questions,
    }
}

/// Three questions: single (b right), multiple (a, c right), true/false (t right).
pub fn sample() -> Bank {
    bank(vec![
        question(
            "q1",
            "t1",
            Kind::Single,
            vec![choice("a", false), choice("b", true), choice("c", false)],
        ),
        question(
            "q2",
            "t1",
            Kind::Multiple,
            vec![
                choice("a", true),
                choice("b", false),
                choice("c", true),
                choice("d", false),
            ],
        ),
        question(
            "q3",
            "t2",
            Kind::TrueFalse,
            vec![choice("t", true), choice("f", false)],
        ),
    ])
}
