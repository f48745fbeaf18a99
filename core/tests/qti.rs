//! The QTI 1.2 package for Canvas: well-formed, complete, with the
//! structure Canvas's importer reads, hostile text escaped, and read back
//! to the same questions, keys and points.

mod common;

use std::collections::HashSet;

use quiz_core::bank::{Bank, Kind};
use quiz_core::qti::{qti_warnings, read::read_zip, to_qti_zip, MANIFEST};
use roxmltree::{Document, Node};

fn default_bank() -> Bank {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    quiz_core::toml_source::from_toml(&text)
        .expect("valid")
        .bank
}

/// Every kind, points other than 1, feedback on some choices only, line
/// breaks, and text written to break XML and HTML.
fn every_kind() -> Bank {
    let mut b = common::sample();
    b.meta.title = "Tags & \"quotes\" <b>".into();
    let q = &mut b.questions[0];
    q.points = 3;
    q.prompt = "</mattext></item><script>alert('x')</script> & ]]> \u{1}?".into();
    q.explanation = "Line one\nline two: a < b && c > d".into();
    q.choices[0].text = "<p>not a paragraph</p>".into();
    q.choices[1].feedback = None;
    b.questions[1].points = 2;
    b
}

fn files(bank: &Bank) -> Vec<(String, String)> {
    quiz_core::zip::read_zip(&to_qti_zip(bank))
        .expect("zip")
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).expect("utf-8")))
        .collect()
}

fn named<'a, 'i>(doc: &'a Document<'i>, tag: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| n.has_tag_name(tag)).collect()
}

#[test]
fn every_file_is_well_formed_and_listed_in_the_manifest() {
    for bank in [default_bank(), every_kind()] {
        let files = files(&bank);
        for (name, text) in &files {
            Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !name.contains("..") && !name.starts_with('/') && !name.contains('\\'),
                "{name}"
            );
        }
        let manifest = &files
            .iter()
            .find(|(n, _)| n == MANIFEST)
            .expect("manifest")
            .1;
        let doc = Document::parse(manifest).expect("xml");
        let hrefs: HashSet<&str> = named(&doc, "file")
            .iter()
            .filter_map(|f| f.attribute("href"))
            .collect();
        let in_zip: HashSet<&str> = files
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| *n != MANIFEST)
            .collect();
        assert_eq!(hrefs, in_zip);
        for href in &hrefs {
            assert!(!href.contains("../") && !href.starts_with('/'), "{href}");
        }
        // Resources: the assessment depends on Canvas's settings file, which
        // Canvas finds as ASSESSMENT_ID/assessment_meta.xml.
        let resources = named(&doc, "resource");
        let ids: HashSet<&str> = resources
            .iter()
            .filter_map(|r| r.attribute("identifier"))
            .collect();
        for d in named(&doc, "dependency") {
            assert!(ids.contains(d.attribute("identifierref").unwrap_or_default()));
        }
        let qti = resources
            .iter()
            .find(|r| r.attribute("type") == Some("imsqti_xmlv1p2"))
            .expect("a QTI 1.2 resource");
        let key = qti.attribute("identifier").expect("id");
        let meta = resources
            .iter()
            .find(|r| {
                r.attribute("type")
                    .is_some_and(|t| t.ends_with("learning-application-resource"))
            })
            .expect("settings");
        assert_eq!(
            meta.attribute("href"),
            Some(format!("{key}/assessment_meta.xml").as_str())
        );
        assert!(hrefs.contains(format!("{key}/{key}.xml").as_str()));
        let settings = &files
            .iter()
            .find(|(n, _)| n.ends_with("assessment_meta.xml"))
            .expect("meta")
            .1;
        let settings = Document::parse(settings).expect("xml");
        assert_eq!(settings.root_element().attribute("identifier"), Some(key));
        let title = named(&settings, "title")[0].text().unwrap_or_default();
        assert_eq!(title, bank.meta.title);
    }
}

#[test]
fn items_have_what_canvas_needs() {
    for bank in [default_bank(), every_kind()] {
        let files = files(&bank);
        let (_, text) = files
            .iter()
            .find(|(n, _)| {
                n.ends_with(".xml") && n != MANIFEST && !n.ends_with("assessment_meta.xml")
            })
            .expect("assessment");
        let doc = Document::parse(text).expect("xml");
        let items = named(&doc, "item");
        assert_eq!(items.len(), bank.questions.len());
        let mut idents = HashSet::new();
        for item in &items {
            let ident = item.attribute("ident").expect("ident");
            assert!(idents.insert(ident.to_string()), "{ident} twice");
            let field = |label: &str| {
                item.descendants()
                    .filter(|n| n.has_tag_name("qtimetadatafield"))
                    .find(|f| f.first_element_child().and_then(|l| l.text()) == Some(label))
                    .and_then(|f| f.last_element_child())
                    .and_then(|e| e.text())
                    .unwrap_or_default()
                    .to_string()
            };
            assert!(
                [
                    "multiple_choice_question",
                    "multiple_answers_question",
                    "true_false_question"
                ]
                .contains(&field("question_type").as_str()),
                "{ident}"
            );
            assert!(field("points_possible")
                .parse::<f64>()
                .is_ok_and(|p| p >= 1.0));
            let lids: Vec<Node> = item
                .descendants()
                .filter(|n| n.has_tag_name("response_lid"))
                .collect();
            assert_eq!(lids.len(), 1, "{ident}");
            let respident = lids[0].attribute("ident").expect("ident");
            let labels: HashSet<&str> = item
                .descendants()
                .filter(|n| n.has_tag_name("response_label"))
                .filter_map(|n| n.attribute("ident"))
                .collect();
            for label in &labels {
                assert!(idents.insert(label.to_string()), "{label} twice");
            }
            for v in item.descendants().filter(|n| n.has_tag_name("varequal")) {
                assert_eq!(v.attribute("respident"), Some(respident), "{ident}");
                assert!(labels.contains(v.text().unwrap_or_default()), "{ident}");
            }
            let feedback: HashSet<&str> = item
                .children()
                .filter(|n| n.has_tag_name("itemfeedback"))
                .filter_map(|n| n.attribute("ident"))
                .collect();
            assert!(feedback.contains("general_fb"), "{ident}");
            // Canvas sorts feedback by its name: only general_fb may read as
            // general, correct or incorrect feedback.
            for f in feedback.iter().filter(|f| **f != "general_fb") {
                let f = f.to_lowercase();
                for word in ["correct", "wrong", "general_", "_all", "solution"] {
                    assert!(!f.contains(word), "{f}");
                }
                assert!(!f.ends_with("_c") && !f.ends_with("_ic"), "{f}");
            }
            for d in item
                .descendants()
                .filter(|n| n.has_tag_name("displayfeedback"))
            {
                assert!(feedback.contains(d.attribute("linkrefid").unwrap_or_default()));
            }
            // A correct answer: the condition that sets full marks names one.
            let scoring = item
                .descendants()
                .filter(|n| n.has_tag_name("respcondition"))
                .find(|c| {
                    c.descendants()
                        .any(|s| s.has_tag_name("setvar") && s.text() == Some("100"))
                })
                .unwrap_or_else(|| panic!("{ident}: no correct answer"));
            assert!(scoring.descendants().any(|v| v.has_tag_name("varequal")
                && !v.parent().is_some_and(|p| p.has_tag_name("not"))));
        }
    }
}

#[test]
fn reading_the_package_back_gives_the_same_questions_keys_and_points() {
    for bank in [default_bank(), every_kind()] {
        let back = read_zip(&to_qti_zip(&bank)).expect("read");
        assert_eq!(back.title, bank.meta.title);
        let topics: Vec<(&str, &str)> = back
            .topics
            .iter()
            .map(|t| (t.id.as_str(), t.label.as_str()))
            .collect();
        let expected: Vec<(&str, &str)> = bank
            .topics
            .iter()
            .filter(|t| bank.questions.iter().any(|q| q.topic == t.id))
            .map(|t| (t.id.as_str(), t.label.as_str()))
            .collect();
        assert_eq!(topics, expected);
        assert_eq!(back.questions.len(), bank.questions.len());
        for q in &bank.questions {
            let r = back
                .questions
                .iter()
                .find(|r| r.id == q.id)
                .expect("same id");
            let prompt = q.prompt.replace('\u{1}', "\u{fffd}");
            assert_eq!(
                (&r.topic, r.kind, &r.prompt, r.points),
                (&q.topic, q.kind, &prompt, q.points)
            );
            assert_eq!(r.explanation, q.explanation);
            assert_eq!(r.correct_ids(), q.correct_ids(), "{}", q.id);
            let choices = |q: &quiz_core::Question| {
                q.choices
                    .iter()
                    .map(|c| (c.id.clone(), c.text.clone(), c.feedback.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(choices(r), choices(q));
        }
    }
}

#[test]
fn citations_are_written_out_and_text_stays_text() {
    let bank = every_kind();
    let files = files(&bank);
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    // The hostile prompt never becomes markup: the item file has no script element.
    assert!(!all.contains("<script"), "unescaped");
    assert!(all.contains("&amp;lt;script&amp;gt;"));
    // The explanation's source: its title and address, as text.
    assert!(all.contains("A source (A journal, 2020): Section 1."));
    assert!(all.contains("&gt;https://example.org/a&lt;/a&gt;"));
    // The same bank, the same bytes.
    assert_eq!(to_qti_zip(&bank), to_qti_zip(&bank));
}

#[test]
fn draw_per_topic_becomes_a_question_group_and_what_is_lost_is_said() {
    let mut bank = every_kind();
    bank.questions[1].points = 3; // q1 and q2 (topic t1) now worth the same
    bank.meta.draw_per_topic = Some(1);
    bank.meta.draw = Some(2);
    bank.meta.scoring = quiz_core::bank::Scoring::AllOrNothing;
    let files = files(&bank);
    let text = &files
        .iter()
        .find(|(n, _)| n.ends_with(".xml") && n.contains('/') && !n.ends_with("meta.xml"))
        .expect("assessment")
        .1;
    let doc = Document::parse(text).expect("xml");
    let sections: Vec<Node> = named(&doc, "section")
        .into_iter()
        .filter(|s| s.attribute("title").is_some())
        .collect();
    assert_eq!(sections.len(), 2);
    let pick = |s: &Node| {
        s.descendants()
            .find(|n| n.has_tag_name("selection_number"))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(pick(&sections[0]).as_deref(), Some("1"));
    assert_eq!(
        pick(&sections[1]),
        None,
        "a topic of one question is asked whole"
    );
    let meta = &files
        .iter()
        .find(|(n, _)| n.ends_with("assessment_meta.xml"))
        .expect("meta")
        .1;
    assert!(
        meta.contains("<points_possible>4.0</points_possible>"),
        "3 + 1"
    );
    let warnings: Vec<String> = qti_warnings(&bank).into_iter().map(|w| w.message).collect();
    assert!(
        warnings.iter().any(|w| w.contains("all_or_nothing")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("draw = 2")),
        "{warnings:?}"
    );
    assert!(qti_warnings(&default_bank())
        .iter()
        .all(|w| !w.message.contains("scoring")));
    assert_eq!(bank.questions[1].kind, Kind::Multiple);
}

#[test]
fn a_topic_with_an_essential_question_is_asked_whole_and_the_mark_is_said_to_be_lost() {
    let mut bank = every_kind();
    bank.questions[1].points = 3; // q1 and q2 (topic t1) worth the same
    bank.meta.draw_per_topic = Some(1);
    bank.questions[1].essential = true;
    bank.meta.pass_requires_essential = true;
    let files = files(&bank);
    let text = &files
        .iter()
        .find(|(n, _)| n.ends_with(".xml") && n.contains('/') && !n.ends_with("meta.xml"))
        .expect("assessment")
        .1;
    assert!(
        !text.contains("selection_number"),
        "a question group could leave the essential question out"
    );
    let meta = &files
        .iter()
        .find(|(n, _)| n.ends_with("assessment_meta.xml"))
        .expect("meta")
        .1;
    assert!(
        meta.contains("<points_possible>7.0</points_possible>"),
        "3 + 3 + 1: every question"
    );
    let warnings: Vec<String> = qti_warnings(&bank).into_iter().map(|w| w.message).collect();
    assert!(
        warnings.iter().any(|w| w
            .contains("has essential questions, which a Canvas question group could leave out")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(
            |w| w.contains("the essential mark (1 question) is not kept")
                && w.contains("pass_requires_essential is not kept")
        ),
        "{warnings:?}"
    );
}
