//! Banks at an instructor's real scale: one set of limits that agree (3,000
//! ordinary questions well inside, 5,000 fitting), what is said about a bank
//! that is really too big, and importing some categories of a large Moodle
//! export (listed with their counts first).

use quiz_core::bank::{Bank, Choice, Cite, Kind, Meta, Question, Scoring, Source, Topic};
use quiz_core::gift::{from_gift_only, gift_categories, over_limits, pick_categories, Category};
use quiz_core::moodle::{from_moodle_xml, from_moodle_xml_only, moodle_categories};
use quiz_core::toml_source::{bank_toml, compiled_size, from_toml, imported_toml, read_toml};
use quiz_core::validate::limits::{MAX_BYTES, MAX_IMPORT_BYTES, MAX_QUESTIONS, MAX_SOURCE_BYTES};
use quiz_core::validate::{validate, SPLIT};

/// Words of `n` letters-ish, different for every `seed`: ordinary text.
fn words(seed: usize, n: usize) -> String {
    const SYL: [&str; 12] = [
        "ka", "lo", "mi", "ner", "ta", "vos", "pri", "del", "sun", "ro", "bel", "ti",
    ];
    (0..n)
        .map(|k| {
            let x = seed.wrapping_mul(2654435761).wrapping_add(k * 40503);
            format!(
                "{}{}{}",
                SYL[x % 12],
                SYL[(x / 12) % 12],
                SYL[(x / 144) % 12]
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A question of ordinary length: a prompt of 15 words, four choices with
/// feedback on the wrong ones, an explanation of two sentences, a citation.
fn ordinary(i: usize) -> Question {
    Question {
        id: format!("q-{i}"),
        topic: format!("t{}", i % 12),
        kind: Kind::Single,
        difficulty: None,
        prompt: format!("{}?", words(i, 15)),
        choices: (0..4)
            .map(|j| Choice {
                id: ["a", "b", "c", "d"][j].to_string(),
                text: words(i * 7 + j, 4),
                correct: j == 0,
                feedback: (j > 0).then(|| format!("{}.", words(i * 11 + j, 7))),
                weight: None,
            })
            .collect(),
        explanation: format!("{}. {}.", words(i * 13, 14), words(i * 17, 9)),
        cites: vec![Cite {
            source: "leaflet".into(),
            locator: "Aftercare".into(),
        }],
        points: 1,
        essential: false,
    }
}

fn bank(n: usize) -> Bank {
    Bank {
        format: 1,
        meta: Meta {
            id: "big".into(),
            title: "Big".into(),
            language: "en".into(),
            version: "1".into(),
            description: "A bank at scale.".into(),
            pass_mark: 70,
            sources_checked: None,
            reviewed: None,
            reviewer: None,
            reviewer_credentials: None,
            disclaimer: "Education only.".into(),
            scoring: Scoring::Partial,
            shuffle: true,
            draw: Some(20),
            draw_per_topic: None,
            pass_requires_essential: false,
        },
        sources: vec![Source {
            id: "leaflet".into(),
            title: "Leaflet".into(),
            authors: vec!["Clinic".into()],
            publisher: "Clinic".into(),
            date: "2026".into(),
            url: "https://example.org/leaflet".into(),
            doi: None,
            pmid: None,
        }],
        topics: (0..12)
            .map(|t| Topic {
                id: format!("t{t}"),
                label: format!("Topic {t}"),
            })
            .collect(),
        questions: (0..n).map(ordinary).collect(),
    }
}

#[test]
fn the_limits_agree_3000_ordinary_questions_are_well_inside_and_5000_fit() {
    let three = bank(3000);
    let json = compiled_size(&three);
    assert_eq!(json, serde_json::to_string(&three).map_or(0, |j| j.len()));
    assert!(json * 2 < MAX_BYTES, "3,000 questions: {json} bytes");
    assert!(bank_toml(&three).len() * 4 < MAX_SOURCE_BYTES);
    let toml = bank_toml(&three);
    let loaded = from_toml(&toml).map_err(|e| e[0].to_string());
    assert_eq!(loaded.map(|l| l.bank.questions.len()), Ok(3000));

    let five = bank(MAX_QUESTIONS);
    let json = compiled_size(&five);
    assert!(json < MAX_BYTES * 3 / 4, "5,000 questions: {json} bytes");
    assert!(bank_toml(&five).len() < MAX_SOURCE_BYTES);
    assert!(validate(&five).is_empty(), "{:?}", validate(&five).first());
    assert_eq!(over_limits(&five), None);
    // What each limit allows is consistent: the TOML and import limits are
    // multiples of what the quiz page loads, and the page's limit holds the
    // most questions at over 1.5 KB each.
    const { assert!(MAX_BYTES / MAX_QUESTIONS > 1500) };
    const { assert!(MAX_SOURCE_BYTES >= 2 * MAX_BYTES && MAX_IMPORT_BYTES >= MAX_SOURCE_BYTES) };
}

#[test]
fn a_bank_that_is_really_too_big_is_told_to_split_by_topic_or_import_some_categories() {
    let mut b = bank(MAX_QUESTIONS + 1);
    let too_many = validate(&b);
    assert_eq!(too_many.len(), 1, "{too_many:?}");
    assert_eq!(
        too_many[0].message,
        format!("the bank has 5,001 questions; the most a bank may hold is 5,000: {SPLIT}")
    );
    assert!(SPLIT.contains("by topic") && SPLIT.contains("only some of the export's categories"));
    assert!(over_limits(&b).is_some_and(|m| m.contains("5,001 questions")));

    // 4,000 questions with long explanations: few enough, but too many bytes.
    b.questions.truncate(4000);
    for q in &mut b.questions {
        q.explanation = words(q.prompt.len(), 250);
    }
    let bytes = compiled_size(&b);
    assert!(bytes > MAX_BYTES);
    let toml = bank_toml(&b);
    let (read, result) = read_toml(&toml, true);
    assert!(read.is_some(), "the forms can still show it");
    let problems = result.err().unwrap_or_default();
    assert_eq!(
        problems[0].message,
        format!(
            "the bank is {} as the JSON the quiz page downloads; the most a quiz page loads is 8 MB: {SPLIT}",
            quiz_core::validate::size(bytes)
        )
    );
    assert_eq!(
        over_limits(&b).as_deref(),
        Some(problems[0].message.as_str())
    );

    // TOML over its own limit is refused before reading, saying why.
    let huge = format!("{toml}\n# {}\n", "x".repeat(MAX_SOURCE_BYTES));
    let (none, refused) = read_toml(&huge, true);
    assert!(none.is_none());
    let message = refused
        .err()
        .map(|e| e[0].message.clone())
        .unwrap_or_default();
    assert!(
        message.starts_with("the bank's TOML is ")
            && message.contains("; the most the bank tools read is 16 MB: ")
            && message.ends_with(SPLIT),
        "{message}"
    );
    // And an export over the import limit is refused before it is parsed.
    let why = quiz_core::detect::too_big("all.xml", MAX_IMPORT_BYTES + 1).unwrap_or_default();
    assert!(
        why.starts_with("all.xml is 64.1 MB; the most the studio and the bank tool read is 64 MB"),
        "{why}"
    );
    assert_eq!(
        quiz_core::detect::too_big("all.xml", MAX_IMPORT_BYTES),
        None
    );
}

#[test]
fn sizes_and_counts_read_as_people_write_them() {
    use quiz_core::validate::{size, thousands};
    assert_eq!(thousands(5000), "5,000");
    assert_eq!(thousands(1234567), "1,234,567");
    assert_eq!(thousands(999), "999");
    assert_eq!(size(1833 * 1024), "1.8 MB");
    assert_eq!(size(8 * 1024 * 1024), "8 MB");
    assert_eq!(size(8 * 1024 * 1024 + 1), "8.1 MB");
    assert_eq!(size(900), "1 KB");
}

/// A Moodle XML export of `per` questions in each of `categories`, nested
/// under the course's default category, with one essay question per category.
fn moodle(categories: &[&str], per: usize) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut n = 0;
    for c in categories {
        x.push_str(&format!(
            "  <question type=\"category\">\n    <category>\n      <text>$course$/top/Default for Skin 101/{c}</text>\n    </category>\n  </question>\n"
        ));
        for _ in 0..per {
            n += 1;
            x.push_str(&format!(
                "  <question type=\"multichoice\">\n    <name><text>Question {n}</text></name>\n    <questiontext format=\"html\"><text><![CDATA[<p>{}?</p>]]></text></questiontext>\n    <generalfeedback format=\"html\"><text><![CDATA[<p>{}.</p>]]></text></generalfeedback>\n    <single>true</single>\n    <answer fraction=\"100\"><text>{}</text></answer>\n    <answer fraction=\"0\"><text>{}</text><feedback><text>No.</text></feedback></answer>\n  </question>\n",
                words(n, 12),
                words(n * 3, 20),
                words(n * 5, 3),
                words(n * 7, 3)
            ));
        }
        x.push_str(
            "  <question type=\"essay\">\n    <name><text>Essay</text></name>\n  </question>\n",
        );
    }
    x.push_str("</quiz>\n");
    x
}

#[test]
fn a_large_moodle_export_lists_its_categories_and_imports_only_the_chosen_ones() {
    let xml = moodle(
        &["Aftercare", "Aftercare/Risks", "Devices", "Evidence"],
        750,
    );
    let listed = moodle_categories(&xml).unwrap_or_default();
    let expect = |label: &str, questions| Category {
        label: format!("Default for Skin 101 › {label}"),
        questions,
        other: 1,
    };
    assert_eq!(
        listed,
        vec![
            expect("Aftercare", 750),
            expect("Aftercare › Risks", 750),
            expect("Devices", 750),
            expect("Evidence", 750),
        ]
    );

    // All 3,000: a bank well inside the limits, its problems those of any
    // import (no sources, no disclaimer), each question's line right.
    let all = from_moodle_xml(&xml, "big.xml");
    assert_eq!(all.bank.questions.len(), 3000);
    assert_eq!(over_limits(&all.bank), None);
    let essays: Vec<usize> = all
        .notes
        .iter()
        .filter(|n| n.message.starts_with("essay"))
        .filter_map(|n| n.pos.map(|p| p.line))
        .collect();
    let lines: Vec<usize> = xml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("type=\"essay\""))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(essays, lines);
    let toml = imported_toml(&all.bank, "big.xml");
    let (read, result) = read_toml(&toml, true);
    assert_eq!(read.map(|b| b.questions.len()), Some(3000));
    let problems = result.err().unwrap_or_default();
    assert!(
        problems.iter().all(|p| !p.message.contains("MB")),
        "{:?}",
        problems[0]
    );

    // Some categories only: a parent takes its subcategories; a name may be
    // a label, a Moodle path or its end, in any case.
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let picked = pick_categories(&listed, &names(&["aftercare"])).unwrap_or_default();
    assert_eq!(
        picked,
        [
            "Default for Skin 101 › Aftercare",
            "Default for Skin 101 › Aftercare › Risks"
        ]
    );
    for name in [
        "$course$/top/Default for Skin 101/Devices",
        "Default for Skin 101 › Devices",
        "Default for Skin 101/devices",
    ] {
        assert_eq!(
            pick_categories(&listed, &names(&[name])),
            Ok(vec!["Default for Skin 101 › Devices".to_string()]),
            "{name}"
        );
    }
    let unknown = pick_categories(&listed, &names(&["Lasers"])).unwrap_err();
    assert!(
        unknown.starts_with("no category \"Lasers\" in this file; its categories are \"Default for Skin 101 › Aftercare\" (750 questions)"),
        "{unknown}"
    );

    let some = from_moodle_xml_only(&xml, "big.xml", Some(&picked));
    assert_eq!(some.bank.questions.len(), 1500);
    let topics: Vec<&str> = some.bank.topics.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(topics, picked);
    // Only the chosen categories' notes, and one saying what was left out.
    assert_eq!(
        some.notes[0].message,
        "imported 2 of the file's 4 categories, as chosen; left out: \"Default for Skin 101 › Devices\", \"Default for Skin 101 › Evidence\""
    );
    assert_eq!(
        some.notes
            .iter()
            .filter(|n| n.message.starts_with("essay"))
            .count(),
        2
    );
}

#[test]
fn gift_categories_are_listed_and_picked_too() {
    let gift = "$CATEGORY: $course$/top/Safety\n\n::a::A? {=yes ~no}\n\n::b::B? {=yes ~no}\n\n::c::Name one. {=x =y}\n\n\
                $CATEGORY: $course$/top/Aftercare\n\n::d::D? {T}\n";
    let listed = gift_categories(gift);
    assert_eq!(
        listed,
        vec![
            Category {
                label: "Safety".into(),
                questions: 2,
                other: 1
            },
            Category {
                label: "Aftercare".into(),
                questions: 1,
                other: 0
            },
        ]
    );
    let only = vec!["Aftercare".to_string()];
    let imported = from_gift_only(gift, "g.gift", Some(&only));
    let ids: Vec<&str> = imported
        .bank
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["d"]);
    assert_eq!(imported.bank.topics.len(), 1);
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
    assert!(imported.notes[0].message.contains("left out: \"Safety\""));
}

#[test]
fn bank_import_takes_some_categories_with_category_flags() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bank"))
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let dir = std::env::temp_dir().join(format!("bank-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("big.xml");
    std::fs::write(
        &file,
        moodle(&["Aftercare", "Aftercare/Risks", "Devices"], 40),
    )
    .expect("write");
    let file = file.to_str().expect("path");

    let (code, out, err) = run(&["import", "--category", "Devices", file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("[[questions]]").count(), 40);
    assert!(
        err.contains("imported 1 of the file's 3 categories, as chosen"),
        "{err}"
    );
    // Repeated, in any order with --from.
    let (code, out, _) = run(&[
        "import",
        "--category",
        "Aftercare › Risks",
        file,
        "--from",
        "moodle",
        "--category",
        "devices",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out.matches("[[questions]]").count(), 80);
    // A name that is not there: the file's categories are listed.
    let (code, out, err) = run(&["import", "--category", "Lasers", file]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("error: no category \"Lasers\" in this file; its categories are \"Default for Skin 101 › Aftercare\" (40 questions), "),
        "{err}"
    );
    // Categories belong to Moodle exports only.
    let toml = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    );
    let (code, _, err) = run(&["import", "--category", "X", toml]);
    assert_eq!(code, 2, "{err}");
}
