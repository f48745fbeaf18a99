//! Moodle GIFT and Aiken import, GIFT export, and the round trip.

mod common;

use common::sample;
use quiz_core::bank::Kind;
use quiz_core::gift::{from_aiken, from_gift, slug, to_gift};
use quiz_core::toml_source::from_toml;

fn example(name: &str) -> String {
    let path = format!(
        "{}/../questions/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn gift_syntax_is_converted_faithfully() {
    let imported = from_gift(&example("skin-care.gift"), "skin-care.gift");
    let b = &imported.bank;
    assert_eq!(b.meta.id, "skin-care");
    let ids: Vec<_> = b.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "healing-basics",
            "braces",
            "side-effects-multi",
            "tf-bleeding",
            "missing-word"
        ]
    );
    // Categories become topics, labelled by the last part of the path.
    let topics: Vec<_> = b
        .topics
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    assert_eq!(
        topics,
        vec![
            ("skin-healing", "Skin healing"),
            ("side-effects", "Side effects")
        ]
    );

    let q = &b.questions[0];
    assert_eq!(q.kind, Kind::Single);
    assert_eq!(q.topic, "skin-healing");
    assert_eq!(
        q.prompt,
        "What does the skin make while it repairs tiny wounds?"
    );
    assert_eq!(q.choices[0].text, "Collagen");
    assert!(q.choices[0].correct);
    assert_eq!(
        q.choices[0].feedback.as_deref(),
        Some("Right: collagen is part of the repair.")
    );
    assert_eq!(
        q.explanation,
        "Small controlled wounds start the skin's own repair, which includes new collagen."
    );

    // Escapes.
    let q = &b.questions[1];
    assert_eq!(
        q.prompt,
        "Which of these is written with escaped characters {like this}?"
    );
    assert_eq!(q.choices[0].text, "A = sign and a ~ tilde");
    assert_eq!(
        q.explanation,
        "GIFT uses a backslash before ~ = # { } and : when they are plain text."
    );

    // Partial-credit weights make a multiple-answer question.
    let q = &b.questions[2];
    assert_eq!(q.kind, Kind::Multiple);
    assert_eq!(
        q.choices.iter().map(|c| c.weight).collect::<Vec<_>>(),
        vec![Some(50), Some(50), Some(-100)]
    );
    assert_eq!(
        q.choices.iter().map(|c| c.correct).collect::<Vec<_>>(),
        vec![true, true, false]
    );

    // True/false with "if wrong" and "if right" feedback.
    let q = &b.questions[3];
    assert_eq!(q.kind, Kind::TrueFalse);
    assert_eq!(
        q.choices
            .iter()
            .map(|c| (c.text.as_str(), c.correct))
            .collect::<Vec<_>>(),
        vec![("True", false), ("False", true)]
    );
    assert_eq!(
        q.choices[1].feedback.as_deref(),
        Some("Right, it can happen.")
    );
    assert_eq!(
        q.choices[0].feedback.as_deref(),
        Some("It is rare, but possible.")
    );
    assert_eq!(
        q.explanation,
        "Deeper treatment makes bleeding more likely."
    );

    // "Missing word": the blank is shown in the prompt.
    assert_eq!(
        b.questions[4].prompt,
        "Microneedling is also called collagen _____ therapy."
    );
}

#[test]
fn unsupported_gift_types_are_reported_by_line() {
    let imported = from_gift(&example("skin-care.gift"), "skin-care.gift");
    let notes: Vec<String> = imported
        .notes
        .iter()
        .map(|n| n.render("skin-care.gift"))
        .collect();
    assert_eq!(
        notes,
        vec![
            "skin-care.gift:33:1: warning: short-answer questions (only '=' answers) are not supported; skipped",
            "skin-care.gift:35:1: warning: matching questions are not supported; skipped",
            "skin-care.gift:37:1: warning: numerical questions are not supported; skipped",
            "skin-care.gift:39:1: warning: essay questions are not supported; skipped",
            "skin-care.gift:41:1: warning: a description with no answers is not a question; skipped",
        ]
    );
}

#[test]
fn aiken_files_are_converted() {
    let imported = from_aiken(&example("skin-care.aiken.txt"), "skin-care.aiken.txt");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let b = &imported.bank;
    assert_eq!(b.questions.len(), 2);
    assert_eq!(
        b.questions[0]
            .choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        vec!["Shorter, duller needles"]
    );
    assert_eq!(b.questions[1].choices.len(), 2);
    let broken = from_aiken("Question?\nA. one\nB. two\nANSWER: D\n", "x.txt");
    assert_eq!(
        broken.notes[0].render("x.txt"),
        "x.txt:4:1: warning: ANSWER D is not one of the options; skipped"
    );
}

#[test]
fn an_imported_bank_lists_exactly_what_is_missing() {
    let imported = from_gift(&example("skin-care.gift"), "skin-care.gift");
    let toml = quiz_core::toml_source::imported_toml(&imported.bank, "skin-care.gift");
    let problems = from_toml(&toml).expect_err("sources and a disclaimer are still needed");
    // Following the comment at the top (uncomment the example source at the
    // end of the file) is allowed.
    let start = toml.find("# [[sources]]").expect("example source");
    let end = toml[start..].find("\n\n").map_or(toml.len(), |i| start + i);
    let uncommented = toml[start..end].replace("# ", "");
    let toml_with_source = format!("{}{}{}", &toml[..start], uncommented, &toml[end..]);
    let after = from_toml(&toml_with_source).expect_err("still needs cites and a disclaimer");
    assert!(
        after
            .iter()
            .all(|d| !d.message.contains("duplicate") && !d.message.contains("unknown field")),
        "{after:?}"
    );
    assert!(
        after.iter().any(|d| d
            .message
            .contains("source \"clinic-leaflet\" is never cited")),
        "the example source was read as a source: {after:?}"
    );
    let messages: Vec<_> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.contains(&"the disclaimer is empty"),
        "{messages:?}"
    );
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.starts_with("cite at least one source"))
            .count(),
        5
    );
    // Every problem points at a line of the converted file.
    assert!(problems.iter().all(|d| d.pos.is_some()));
}

#[test]
fn export_then_import_keeps_ids_answers_topics_and_explanations() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let mut bank = from_toml(&text).expect("valid").bank;
    bank.meta.pass_requires_essential = true;
    for q in bank.questions.iter_mut().step_by(7) {
        q.essential = true;
    }
    let first = bank
        .essentials()
        .next()
        .expect("an essential question")
        .id
        .clone();
    let gift = to_gift(&bank);
    assert!(gift.contains("$CATEGORY: $course$/top/How it works"));
    // Moodle reads a question's tags from its comment lines.
    assert!(
        gift.contains(&format!("\n// [tag:essential]\n::{first}::")),
        "{gift}"
    );
    assert!(gift.contains("\n// pass_requires_essential: true\n"));
    assert!(
        gift.contains("~%33.33333%"),
        "Moodle's fractions for three right answers"
    );
    let back = from_gift(&gift, "microneedling.gift");
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    assert_eq!(back.bank.questions.len(), bank.questions.len());
    assert!(back.bank.meta.pass_requires_essential);
    for (a, b) in bank
        .questions
        .iter()
        .zip(&back.bank.questions.iter().collect::<Vec<_>>())
    {
        let b = back
            .bank
            .questions
            .iter()
            .find(|q| q.id == a.id)
            .unwrap_or(b);
        assert_eq!(a.prompt, b.prompt, "{}", a.id);
        assert_eq!(a.explanation, b.explanation, "{}", a.id);
        assert_eq!(a.essential, b.essential, "{}", a.id);
        let right = |q: &quiz_core::Question| {
            q.choices
                .iter()
                .filter(|c| c.correct)
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(right(a), right(b), "{}", a.id);
        assert_eq!(
            a.choices.iter().map(|c| &c.feedback).collect::<Vec<_>>(),
            b.choices.iter().map(|c| &c.feedback).collect::<Vec<_>>()
        );
        let label = |bank: &quiz_core::Bank, q: &quiz_core::Question| {
            bank.topic_label(&q.topic).to_string()
        };
        assert_eq!(label(&bank, a), label(&back.bank, b));
    }
}

#[test]
fn moodle_tags_in_a_questions_comments_mark_it_essential() {
    let gift = "// [id:Q-1] [tag:first aid] [tag:Essential]\n\
                ::before::Tell the clinic about cold sores? {T}\n\
                \n\
                // [tag:essential]\n\
                \n\
                ::after::A comment alone, then a blank line, belongs to no question. {F}\n\
                \n\
                ::inside::Tags may sit among the question's lines // not here\n\
                // [tag:odd\\]name] [tag:essential]\n\
                {=yes ~no#Because.}\n";
    let back = from_gift(gift, "tags.gift");
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    let essential: Vec<(&str, bool)> = back
        .bank
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.essential))
        .collect();
    assert_eq!(
        essential,
        [("before", true), ("after", false), ("inside", true)]
    );
    assert!(!back.bank.meta.pass_requires_essential);
}

#[test]
fn slugs_are_plain_ids() {
    assert_eq!(
        slug("Effets secondaires : rougeurs"),
        "effets-secondaires-rougeurs"
    );
    assert_eq!(slug("  ::weird!! "), "weird");
}

#[test]
fn gift_export_writes_moodle_newlines_escaped_categories_and_all_or_nothing() {
    let mut b = quiz_core::toml_source::from_toml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../questions/microneedling.toml"
        ))
        .expect("bank"),
    )
    .expect("valid")
    .bank;
    b.topics[0].label = "Home/clinic".into();
    b.questions[0].explanation = "First paragraph.\n\nSecond paragraph.".into();
    b.meta.scoring = quiz_core::bank::Scoring::AllOrNothing;
    let gift = to_gift(&b);
    assert!(
        gift.contains("$CATEGORY: $course$/top/Home//clinic"),
        "a slash in a name is //"
    );
    assert!(
        gift.contains("####First paragraph.\\n\\nSecond paragraph."),
        "newlines as \\n"
    );
    assert!(gift.contains("// scoring: all_or_nothing") && gift.contains("~%-100%"));
    let back = from_gift(&gift, "x.gift");
    assert_eq!(
        back.bank.meta.scoring,
        quiz_core::bank::Scoring::AllOrNothing
    );
    assert_eq!(back.bank.topics[0].label, "Home/clinic");
    assert_eq!(
        back.bank
            .question(&b.questions[0].id)
            .map(|q| q.explanation.as_str()),
        Some("First paragraph.\n\nSecond paragraph.")
    );
}

#[test]
fn weights_moodle_refuses_are_warned_about_and_near_misses_snap() {
    use quiz_core::gift::{moodle_percent, moodle_warnings};
    assert_eq!(moodle_percent(33), Some(33.33333));
    assert_eq!(moodle_percent(-17), Some(-16.66667));
    assert_eq!(moodle_percent(50), Some(50.0));
    assert_eq!(moodle_percent(35), None);
    let mut b = sample();
    b.questions[1].choices[0].weight = Some(35);
    b.questions[1].choices[2].weight = Some(65);
    b.questions[1].choices[1].weight = Some(-100);
    b.questions[1].choices[3].weight = Some(0);
    let w = moodle_warnings(&b);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].message.contains("refuses a weight of 35%"), "{w:?}");
}

#[test]
fn gift_html_is_cleaned_and_a_bom_is_ignored() {
    let gift = "\u{feff}$CATEGORY: $course$/top/Aftercare\n\n::q1::[html]<p dir\\=\"ltr\">What&#39;s <strong>expected</strong>?</p>{\n  =<p>Redness&nbsp;and swelling</p>#<p>Right.</p>\n  ~<p>Fever</p>#<p>No.</p>\n  ####<p>They pass.</p><p>Within a week.</p>\n}\n";
    let i = from_gift(gift, "x.gift");
    assert_eq!(i.bank.questions.len(), 1, "{:?}", i.notes);
    let q = &i.bank.questions[0];
    assert_eq!(q.prompt, "What's expected?");
    assert_eq!(q.choices[0].text, "Redness and swelling");
    assert_eq!(q.choices[0].feedback.as_deref(), Some("Right."));
    assert_eq!(q.explanation, "They pass.\n\nWithin a week.");
    assert!(
        i.notes[0].message.contains("cleaned the formatting"),
        "{:?}",
        i.notes
    );
    assert_eq!(i.bank.topics[0].label, "Aftercare");
}

#[test]
fn an_aiken_file_given_to_the_gift_import_says_so() {
    let aiken = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/examples/skin-care.aiken.txt"
    ))
    .expect("aiken");
    let i = from_gift(&aiken, "x.txt");
    assert!(i.bank.questions.is_empty());
    let last = i.notes.last().expect("a note");
    assert!(last.is_error());
    assert!(
        last.message.contains("looks like an Aiken file"),
        "{:?}",
        i.notes
    );
}
