//! Moodle XML, Moodle's default export: import with HTML cleaned, every
//! unsupported question reported by line, and a round trip through export.

use quiz_core::moodle::{from_moodle_xml, to_moodle_xml};
use quiz_core::toml_source::from_toml;
use quiz_core::Kind;

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/examples/aftercare.moodle.xml"
    ))
    .expect("example")
}

#[test]
fn a_moodle_export_keeps_names_categories_feedback_and_fractions() {
    let imported = from_moodle_xml(&example(), "aftercare.moodle.xml");
    let b = &imported.bank;
    assert_eq!(b.questions.len(), 12, "{:?}", imported.notes);
    // Nested categories become topics with readable labels; "//" is a slash.
    let labels: Vec<&str> = b.topics.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Default for Aesthetics 101 › Microneedling",
            "Default for Aesthetics 101 › Microneedling › After the session",
            "Default for Aesthetics 101 › Microneedling › Risks / precautions",
        ]
    );
    let q = b
        .question("how-it-works")
        .expect("named by its Moodle name");
    assert_eq!(q.prompt, "How does microneedling lead to new collagen?");
    assert_eq!(
        q.explanation,
        "Tiny controlled injuries start the skin's own repair.\n\nThat repair makes new collagen."
    );
    assert_eq!(
        q.choices[0].text,
        "Tiny controlled injuries start the skin's repair"
    );
    assert!(q.choices[0].correct && !q.choices[1].correct);
    assert_eq!(
        q.choices[1].feedback.as_deref(),
        Some("That describes some laser treatments.")
    );
    let tf = b.question("outer-layer").expect("true/false");
    assert_eq!(tf.kind, Kind::TrueFalse);
    assert_eq!(tf.correct_ids(), vec!["true"]);
    let multi = b.question("expected-effects").expect("multiple");
    assert_eq!(multi.kind, Kind::Multiple);
    assert_eq!(multi.points, 2);
    // 50 / 50 / -50 is what equal shares give: our default scoring, no weights.
    assert!(
        multi.choices.iter().all(|c| c.weight.is_none()),
        "{multi:?}"
    );
    // Other fractions are kept as weights, Moodle's 33.33333 made whole.
    let risk = b.question("higher-risk").expect("multiple");
    assert_eq!(
        risk.choices.iter().map(|c| c.weight).collect::<Vec<_>>(),
        vec![Some(34), Some(33), Some(33), Some(-100)]
    );
    // Markdown marks are gone.
    let md = b.question("topical-products").expect("markdown");
    assert_eq!(md.prompt, "Why choose topical products with care?");
    // Nothing of Moodle's HTML reaches students.
    for q in &b.questions {
        for t in std::iter::once(&q.prompt)
            .chain([&q.explanation])
            .chain(q.choices.iter().map(|c| &c.text))
            .chain(q.choices.iter().filter_map(|c| c.feedback.as_ref()))
        {
            assert!(
                !t.contains('<') && !t.contains("&nbsp") && !t.contains("&#") && !t.contains("**"),
                "{t}"
            );
        }
    }
    // What was cleaned, and what was left out, each at its line.
    let messages: Vec<String> = imported.notes.iter().map(|n| n.to_string()).collect();
    assert!(
        messages[0].contains("cleaned the formatting of"),
        "{messages:?}"
    );
    assert!(
        messages[0].contains("image was not imported"),
        "{messages:?}"
    );
    let text = example();
    for (kind, name) in [
        ("short-answer", "Name the protein"),
        ("essay", "Describe aftercare"),
        ("description", "Read this first"),
    ] {
        let note = imported
            .notes
            .iter()
            .find(|n| n.message.contains(kind) && n.message.contains(name))
            .unwrap_or_else(|| panic!("{kind}: {messages:?}"));
        let line = text
            .lines()
            .position(|l| {
                l.contains(&format!(
                    "type=\"{}\"",
                    match kind {
                        "short-answer" => "shortanswer",
                        k => k,
                    }
                ))
            })
            .expect("line")
            + 1;
        assert_eq!(note.pos.map(|p| p.line), Some(line), "{kind}");
    }
}

#[test]
fn export_then_import_gives_the_same_questions_and_topics() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let mut bank = from_toml(&text).expect("valid").bank;
    // Essential questions travel as a tag, the pass rule as a comment.
    bank.meta.pass_requires_essential = true;
    for q in bank.questions.iter_mut().step_by(7) {
        q.essential = true;
    }
    let xml = to_moodle_xml(&bank);
    assert!(
        xml.contains("<question type=\"truefalse\">") && xml.contains("<single>false</single>")
    );
    assert_eq!(
        xml.matches("<tag><text>essential</text></tag>").count(),
        bank.essentials().count()
    );
    assert!(xml.contains("<!-- pass_requires_essential: true -->"));
    let back = from_moodle_xml(&xml, "microneedling.xml");
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    assert_eq!(back.bank.questions, bank.questions);
    assert!(back.bank.meta.pass_requires_essential);
    // Without the comment, the rule is off; a tag typed in Moodle as
    // "Essential" still marks the question.
    let plain = xml
        .replace("<!-- pass_requires_essential: true -->\n", "")
        .replace("<text>essential</text>", "<text>Essential</text>");
    let back = from_moodle_xml(&plain, "microneedling.xml");
    assert!(!back.bank.meta.pass_requires_essential);
    assert_eq!(back.bank.questions, bank.questions);
    let labels = |b: &quiz_core::Bank| b.topics.iter().map(|t| t.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&back.bank), labels(&bank));
}

#[test]
fn broken_or_foreign_xml_says_so_with_a_position() {
    let broken = from_moodle_xml("<quiz><question type=\"multichoice\">\n<name>", "x.xml");
    assert!(broken.bank.questions.is_empty());
    assert!(broken.notes[0].is_error());
    assert!(
        broken.notes[0].message.contains("not well-formed XML"),
        "{:?}",
        broken.notes
    );
    assert!(broken.notes[0].pos.is_some());
    let foreign = from_moodle_xml("<html><body/></html>", "x.xml");
    assert!(foreign.notes[0].message.contains("starts with <quiz>"));
    // A byte-order mark is ignored.
    let with_bom = format!("\u{feff}{}", example());
    assert_eq!(from_moodle_xml(&with_bom, "x.xml").bank.questions.len(), 12);
}

#[test]
fn text_with_characters_xml_cannot_hold_still_exports_well_formed() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let mut bank = from_toml(&text).expect("valid").bank;
    bank.questions[0].prompt = "Bell\u{7} and 'quotes' & <tags>?".into();
    let xml = to_moodle_xml(&bank);
    assert!(roxmltree::Document::parse(&xml).is_ok());
    let back = from_moodle_xml(&xml, "x.xml");
    assert!(
        back.notes.iter().all(|n| !n.message.contains("XML")),
        "{:?}",
        back.notes
    );
    assert_eq!(
        back.bank.questions[0].prompt,
        "Bell\u{fffd} and 'quotes' & <tags>?"
    );
}
