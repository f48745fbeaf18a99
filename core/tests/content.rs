//! The shipped question banks: coverage, quality rules, own words, and the
//! French edition matching the English one.

use std::collections::{BTreeMap, HashSet};

use quiz_core::bank::{Bank, Kind};
use quiz_core::toml_source::from_toml;

fn load(name: &str) -> Bank {
    let path = format!("{}/../questions/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let loaded = from_toml(&text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    assert!(loaded.warnings.is_empty(), "{path}: {:?}", loaded.warnings);
    loaded.bank
}

/// The 10-word runs of the article the project started from, as hashes
/// (`tests/data/seed-runs.txt`, one 16-digit hex FNV-1a hash per line): the
/// copy check needs no copy of the article. To rebuild it from the article:
/// `SEED_ARTICLE=path/to/seed-article.txt cargo test -p quiz-core --test content -- --ignored`.
const SEED_RUNS: &str = include_str!("data/seed-runs.txt");

fn seed_runs() -> HashSet<u64> {
    SEED_RUNS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| u64::from_str_radix(l.trim(), 16).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// FNV-1a over the words of a run, joined by single spaces.
fn run_hash(run: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in run.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
#[ignore = "rebuilds tests/data/seed-runs.txt; needs SEED_ARTICLE"]
fn rebuild_the_seed_fingerprint() {
    let path = std::env::var("SEED_ARTICLE").expect("SEED_ARTICLE=path/to/seed-article.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut hashes: Vec<u64> = words(&text).windows(RUN).map(run_hash).collect();
    hashes.sort_unstable();
    hashes.dedup();
    let mut out = String::from(
        "# 10-word runs of the seed article, hashed (core/tests/content.rs): no text of it is stored.\n",
    );
    for h in hashes {
        out.push_str(&format!("{h:016x}\n"));
    }
    let target = format!("{}/tests/data/seed-runs.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{target}: {e}"));
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\'', ""))
        .collect()
}

fn all_text(bank: &Bank) -> Vec<String> {
    let mut out = vec![
        bank.meta.title.clone(),
        bank.meta.description.clone(),
        bank.meta.disclaimer.clone(),
    ];
    for q in &bank.questions {
        out.push(q.prompt.clone());
        out.push(q.explanation.clone());
        for c in &q.choices {
            out.push(c.text.clone());
            out.extend(c.feedback.clone());
        }
    }
    out
}

const RUN: usize = 10;

/// Sentences end with . ! or ? followed by a space or the end ("0.25 mm" is one).
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
        })
        .count()
}

#[test]
fn sentences_are_counted_sensibly() {
    assert_eq!(sentence_count("Needles of 0.25 to 5.00 mm. Two!"), 2);
    assert_eq!(sentence_count("One? Two. Three."), 3);
}

#[test]
fn no_run_of_ten_words_from_the_seed_article_appears_in_the_bank() {
    let runs = seed_runs();
    assert!(runs.len() > 500, "the fingerprint holds the article's runs");
    for name in ["microneedling.toml"] {
        let bank = load(name);
        for text in all_text(&bank) {
            for window in words(&text).windows(RUN) {
                assert!(
                    !runs.contains(&run_hash(window)),
                    "{name}: copied from the seed article: \"{}\"",
                    window.join(" ")
                );
            }
        }
    }
}

#[test]
fn the_run_check_catches_a_copied_sentence() {
    // The check above must be able to fail: a sentence of the seed is caught,
    // and the same facts in other words are not.
    let runs = seed_runs();
    let caught = |s: &str| words(s).windows(RUN).any(|w| runs.contains(&run_hash(w)));
    assert!(caught("Bleeding is a rare side effect of microneedling, but it is more likely to happen after a deeper treatment."));
    assert!(!caught("Deeper treatments make bleeding more likely, although it is uncommon after microneedling in general."));
}

#[test]
fn the_english_bank_covers_every_topic_and_a_visit_is_about_ten_questions() {
    let bank = load("microneedling.toml");
    assert!(
        bank.questions.len() >= 36,
        "{} questions",
        bank.questions.len()
    );
    let mut per_topic: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &bank.questions {
        *per_topic.entry(q.topic.as_str()).or_default() += 1;
    }
    assert_eq!(per_topic.len(), bank.topics.len(), "{per_topic:?}");
    for (topic, n) in &per_topic {
        assert!(*n >= 3, "topic {topic} has only {n} questions");
    }
    assert!(
        per_topic.get("before-after").copied().unwrap_or(0) >= 8,
        "the before-and-after topic (preparing, aftercare, whom to contact) needs at least 8 questions: {per_topic:?}"
    );
    for kind in [Kind::Single, Kind::Multiple, Kind::TrueFalse] {
        let n = bank.questions.iter().filter(|q| q.kind == kind).count();
        assert!(n >= 4, "only {n} questions of kind {kind:?}");
    }
    let difficulties: HashSet<_> = bank.questions.iter().filter_map(|q| q.difficulty).collect();
    assert_eq!(difficulties.len(), 3, "easy, medium and hard all present");
    // A visit draws 10 to 12, from every topic.
    let draw = bank.meta.draw.unwrap_or(bank.questions.len());
    assert!((10..=12).contains(&draw), "draw = {draw}");
    assert!(draw >= bank.topics.len());
    for seed in 0..50 {
        let s = quiz_core::Session::new(&bank, seed, &quiz_core::Options::default());
        assert_eq!(s.len(), draw);
        let topics: HashSet<&str> = s
            .slots
            .iter()
            .filter_map(|x| bank.question(&x.question))
            .map(|q| q.topic.as_str())
            .collect();
        assert_eq!(topics.len(), bank.topics.len(), "seed {seed}: {topics:?}");
    }
}

#[test]
fn prompts_test_the_fact_not_who_said_it_and_no_study_carries_the_bank() {
    for name in ["microneedling.toml", "microneedling.fr.toml"] {
        let bank = load(name);
        for q in &bank.questions {
            let p = q.prompt.to_lowercase();
            for who in [
                "according to",
                "selon",
                "statpearls",
                "healthline",
                "medical news today",
                "webmd",
                "casabona",
                "english",
                "chu ",
                "aad",
                "alster",
            ] {
                assert!(
                    !p.contains(who),
                    "{name}: {} prompt names a source: {p}",
                    q.id
                );
            }
        }
        // No single study (as opposed to reviews and references) carries more
        // than two questions.
        let cited = |id: &str| {
            bank.questions
                .iter()
                .filter(|q| q.cites.iter().any(|c| c.source == id))
                .count()
        };
        assert!(cited("casabona2017") <= 2, "{name}");
        // Unreadable pages are never a question's only source twice over.
        let only = |id: &str| {
            bank.questions
                .iter()
                .filter(|q| q.cites.iter().all(|c| c.source == id))
                .count()
        };
        assert!(only("mnt") == 0 && cited("healthline") == 0, "{name}");
    }
}

#[test]
fn the_review_status_is_honest_and_every_source_has_its_reading_notes() {
    let notes = std::fs::read_to_string(format!(
        "{}/../questions/SOURCES.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("questions/SOURCES.md");
    for name in ["microneedling.toml", "microneedling.fr.toml"] {
        let bank = load(name);
        assert!(
            bank.meta.medical_review().is_none(),
            "{name}: no clinician has reviewed this bank, so it must not claim a review"
        );
        assert!(
            bank.meta.sources_checked.is_some(),
            "{name}: sources_checked"
        );
        for s in &bank.sources {
            assert!(
                notes.contains(&format!("`{}`", s.id)),
                "{name}: source {} has no entry in questions/SOURCES.md",
                s.id
            );
        }
    }
}

#[test]
fn every_question_is_sourced_explained_and_gives_feedback() {
    for name in ["microneedling.toml", "microneedling.fr.toml"] {
        let bank = load(name);
        for q in &bank.questions {
            assert!(!q.cites.is_empty(), "{name}: {} cites nothing", q.id);
            let sentences = sentence_count(&q.explanation);
            assert!(
                (2..=4).contains(&sentences),
                "{name}: {} explanation has {sentences} sentences",
                q.id
            );
            for c in &q.choices {
                assert!(
                    c.feedback.is_some(),
                    "{name}: {} choice {} has no feedback",
                    q.id,
                    c.id
                );
            }
        }
        assert!(
            bank.meta.disclaimer.to_lowercase().contains("dermatolog"),
            "{name}: disclaimer names a dermatologist"
        );
    }
}

/// Question id, topic, kind, (choice id, correct) and cited source ids.
type AnswerKey = (String, String, Kind, Vec<(String, bool)>, Vec<String>);

#[test]
fn the_french_edition_matches_the_english_one() {
    let en = load("microneedling.toml");
    let fr = load("microneedling.fr.toml");
    assert_eq!(fr.meta.language, "fr");
    assert_ne!(
        fr.meta.id, en.meta.id,
        "separate ids keep saved progress apart"
    );
    let key = |b: &Bank| -> Vec<AnswerKey> {
        let mut v: Vec<_> = b
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    q.topic.clone(),
                    q.kind,
                    q.choices
                        .iter()
                        .map(|c| (c.id.clone(), c.correct))
                        .collect(),
                    q.cites.iter().map(|c| c.source.clone()).collect(),
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(key(&en), key(&fr));
    let urls = |b: &Bank| {
        b.sources
            .iter()
            .map(|s| (s.id.clone(), s.url.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(urls(&en), urls(&fr));
    // Translated, not copied: prompts differ from the English ones.
    let same = en
        .questions
        .iter()
        .zip(&fr.questions)
        .filter(|(a, b)| a.prompt == b.prompt)
        .count();
    assert_eq!(same, 0, "{same} prompts were left in English");
}

/// The ids of a bank's essential questions (asked in every visit), each with
/// its reason in a `# Essential …: REASON` comment above it for the reviewer.
fn essential_ids(name: &str) -> Vec<String> {
    let path = format!("{}/../questions/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let bank = load(name);
    let ids: Vec<String> = bank
        .questions
        .iter()
        .filter(|q| q.essential)
        .map(|q| q.id.clone())
        .collect();
    for id in &ids {
        let at = text
            .find(&format!("id = \"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        let before = &text[..at];
        let comment = before.trim_end_matches("[[questions]]\n").lines().last();
        assert!(
            comment.is_some_and(|c| c.starts_with("# Essential") && c.len() > 40),
            "{name}: {id} has no reason above it"
        );
    }
    ids
}

#[test]
fn four_to_six_essentials_the_same_in_both_editions_and_never_half_a_visit() {
    let en = essential_ids("microneedling.toml");
    let fr = essential_ids("microneedling.fr.toml");
    assert_eq!(en, fr, "the same questions are essential in French");
    assert!((4..=6).contains(&en.len()), "{en:?}");
    let bank = load("microneedling.toml");
    for id in &en {
        assert!(bank.question(id).is_some(), "essential {id} is a question");
    }
    // A visit asks 10 to 12: essentials never take more than half of the smallest.
    assert!(en.len() * 2 <= 10, "{en:?}");
}
