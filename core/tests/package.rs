//! Packages for an LMS (SCORM 1.2, 2004) and a ready-to-host website, made
//! from a built site and a bank.
#![cfg(feature = "toml")]

mod common;

use common::*;
use quiz_core::bank::Kind;
use quiz_core::package::{self, Target};
use quiz_core::zip::read_zip;

/// A built site as the build leaves it (minified attributes, the default
/// bank's card between markers, compressed copies, the studio).
fn site() -> Vec<(String, Vec<u8>)> {
    let index = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Microneedling quiz</title>\
        <meta name=description content=\"Default description\">\
        <meta name=\"quiz-boot\" content=\"microneedling en\"><script>boot()</script>\
        <script type=module>import init from './app-1234.js';init('./app-1234_bg.wasm')</script></head>\
        <body class=quiz-page><div id=quiz-root><div class=\"prerendered\"><main>Microneedling: what do you know?</main><p class=\"boot-failed boot-note\">x</p></div></div>\
        <noscript>x</noscript></body></html>";
    let files: Vec<(&str, &[u8])> = vec![
        ("index.html", index.as_bytes()),
        ("index.html.br", b"old"),
        ("app-1234.js", b"js"),
        ("app-1234_bg.wasm", b"\0asm"),
        ("app-1234_bg.wasm.gz", b"gz"),
        ("quiz.css", b"css"),
        ("favicon-99.svg", b"<svg/>"),
        ("scorm.js", b"adapter"),
        ("embed.js", b"loader"),
        ("sw.js", b"worker"),
        ("sw-extra.js", b"worker extra"),
        ("i18n.json", br#"{"en":{"percent":"{n}%","start_questions":"{n} questions","start_pass_mark":"Pass mark: {n}","start_sources":"Sourced","start_sources_checked":"Sources checked on {date}","date":"{day} {month} {year}","month_1":"January","please_note":"Please note:","start_preparing":"Preparing"},"fr":{"percent":"{n} %","start_questions":"{n} questions","start_pass_mark":"Note : {n}","date":"{day} {month} {year}","month_1":"janvier","please_note":"A noter :","start_preparing":"Preparation"}}"#),
        ("_headers", b"/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; frame-ancestors 'self' https:\n  X-Content-Type-Options: nosniff\n"),
        ("HEADERS.md", b"# headers"),
        ("banks/microneedling.json", b"{}"),
        ("author/index.html", b"studio"),
        ("author/author-1.wasm", b"studio wasm"),
    ];
    files
        .into_iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect()
}

fn bank_json(title: &str) -> String {
    let mut b = bank(vec![
        question(
            "q1",
            "t1",
            Kind::Single,
            vec![choice("a", true), choice("b", false)],
        ),
        question(
            "q2",
            "t1",
            Kind::TrueFalse,
            vec![choice("true", false), choice("false", true)],
        ),
    ]);
    b.meta.title = title.into();
    b.meta.sources_checked = Some("2026-01-02".into());
    serde_json::to_string(&b).unwrap_or_default()
}

fn unzip(target: Target, json: &str) -> Vec<(String, Vec<u8>)> {
    let zip = package::zip(target, json, &site()).unwrap_or_else(|e| panic!("{e}"));
    read_zip(&zip).unwrap_or_else(|e| panic!("{e}"))
}

fn text(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, b) = files
        .iter()
        .find(|(p, _)| p == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(b.clone()).unwrap_or_default()
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(p, _)| p.as_str()).collect()
}

#[test]
fn scorm_packages_list_every_file_in_a_manifest_with_the_pass_mark() {
    let json = bank_json("Aftercare basics");
    for (target, mastery) in [
        (Target::Scorm12, "masteryscore"),
        (Target::Scorm2004, "minNormalizedMeasure"),
    ] {
        let files = unzip(target, &json);
        let manifest = text(&files, "imsmanifest.xml");
        let doc = roxmltree::Document::parse(&manifest).unwrap_or_else(|e| panic!("{e}"));
        let listed: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("file"))
            .filter_map(|n| n.attribute("href"))
            .collect();
        let mut in_zip: Vec<&str> = names(&files)
            .into_iter()
            .filter(|n| *n != "imsmanifest.xml")
            .collect();
        in_zip.sort_unstable();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted, in_zip,
            "{target:?}: every file listed, nothing else"
        );
        let score = doc
            .descendants()
            .find(|n| n.tag_name().name() == mastery)
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert_eq!(
            score,
            if target == Target::Scorm12 {
                "60"
            } else {
                "0.60"
            }
        );
        let sco = doc
            .descendants()
            .find(|n| n.has_tag_name("resource"))
            .unwrap_or_else(|| panic!("resource"));
        assert_eq!(sco.attribute("href"), Some("index.html"));
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(title, Some("Aftercare basics"));
        // The page's own files, the adapter and the bank; no worker, other
        // banks, compressed copies, studio or loader.
        for name in [
            "index.html",
            "bank.json",
            "scorm.js",
            "app-1234_bg.wasm",
            "quiz.css",
        ] {
            assert!(names(&files).contains(&name), "{target:?} lacks {name}");
        }
        for name in files.iter().map(|(p, _)| p) {
            assert!(
                !name.contains('/')
                    && !name.ends_with(".br")
                    && !name.ends_with(".gz")
                    && !["sw.js", "embed.js", "_headers", "i18n.json"].contains(&name.as_str()),
                "{target:?} carries {name}"
            );
        }
        let page = text(&files, "index.html");
        let version = if target == Target::Scorm12 {
            "1.2"
        } else {
            "2004"
        };
        assert!(page.contains(&format!(
            "<script src=\"scorm.js\" data-scorm=\"{version}\">"
        )));
        assert!(page.contains("data-bank=\"bank.json\""));
        assert!(page.contains("<body class=\"quiz-page quiz-lms\">"));
        assert!(page.contains("Content-Security-Policy\" content=\"default-src &#39;self&#39;"));
        assert!(
            !page.contains("frame-ancestors"),
            "a meta policy cannot carry it"
        );
        assert_eq!(text(&files, "bank.json"), json);
    }
}

#[test]
fn the_page_shows_the_banks_own_card_escaped_and_never_the_default_one() {
    let evil = "<img src=x onerror=alert(1)> & \"quotes\"";
    let files = unzip(Target::Site, &bank_json(evil));
    let page = text(&files, "index.html");
    assert!(!page.contains("Microneedling: what do you know?"), "{page}");
    assert!(!page.contains("<img"), "bank text stays text: {page}");
    assert!(
        page.contains(
            "<h1 id=\"quiz-title\">&lt;img src=x onerror=alert(1)&gt; &amp; \"quotes\"</h1>"
        ),
        "{page}"
    );
    assert!(page.contains("<title>&lt;img"));
    assert!(page.contains("<li>2 questions</li><li>Pass mark: 60%</li>"));
    assert!(page.contains("Sources checked on 2 January 2026"));
    assert!(page.contains("<meta name=\"quiz-boot\" content=\"test en\">"));
    assert!(page.contains("<meta name=\"description\" content=\"A bank for tests.\">"));
    assert!(!page.contains("quiz-lms") && !page.contains("scorm.js"));
    assert!(
        !page.contains("Content-Security-Policy"),
        "a website sends it as a header"
    );
}

#[test]
fn a_french_bank_gets_the_french_card_and_page_language() {
    let mut b: quiz_core::Bank =
        serde_json::from_str(&bank_json("Les soins")).unwrap_or_else(|e| panic!("{e}"));
    b.meta.language = "fr-CA".into();
    let json = serde_json::to_string(&b).unwrap_or_default();
    let page = text(&unzip(Target::Site, &json), "index.html");
    assert!(page.contains("<html lang=\"fr-CA\">"));
    assert!(page.contains("<li>Note : 60 %</li>"), "{page}");
    assert!(page.contains("janvier"));
}

#[test]
fn a_website_is_the_whole_quiz_with_its_worker_headers_and_loader() {
    let files = unzip(Target::Site, &bank_json("Aftercare basics"));
    let names = names(&files);
    for name in [
        "index.html",
        "bank.json",
        "sw.js",
        "sw-extra.js",
        "_headers",
        "HEADERS.md",
        "embed.js",
        "banks/microneedling.json",
        "README.txt",
    ] {
        assert!(names.contains(&name), "site lacks {name}");
    }
    for name in &names {
        assert!(
            !name.starts_with("author/")
                && !name.ends_with(".br")
                && !name.ends_with(".gz")
                && *name != "scorm.js"
                && *name != "imsmanifest.xml",
            "site carries {name}"
        );
    }
    assert_eq!(text(&files, "README.txt").lines().count(), 3);
}

#[test]
fn invalid_banks_and_unbuilt_sites_are_refused_with_a_reason() {
    let e = package::zip(Target::Scorm12, "{\"format\": 1}", &site()).err();
    assert!(e.is_some_and(|e| e.contains("problem")));
    let json = bank_json("x");
    let no_index: Vec<_> = site()
        .into_iter()
        .filter(|(p, _)| p != "index.html")
        .collect();
    let e = package::zip(Target::Site, &json, &no_index).err();
    assert!(e.is_some_and(|e| e.contains("no index.html") && e.contains("build")));
    let no_adapter: Vec<_> = site()
        .into_iter()
        .filter(|(p, _)| p != "scorm.js")
        .collect();
    assert!(package::zip(Target::Scorm2004, &json, &no_adapter).is_err());
    assert!(package::zip(Target::Site, &json, &no_adapter).is_ok());
}

#[test]
fn a_visit_too_big_for_scorm_12_points_to_2004() {
    let questions = (0..400)
        .map(|i| {
            let choices = (0..10).map(|c| choice(&format!("c{c}"), c == 0)).collect();
            question(&format!("q{i}"), "t1", Kind::Multiple, choices)
        })
        .collect();
    let b = bank(questions);
    let w = package::suspend_data_warning(&b, Target::Scorm12);
    assert!(
        w.as_deref()
            .is_some_and(|w| w.contains("4096") && w.contains("SCORM 2004")),
        "{w:?}"
    );
    assert_eq!(package::suspend_data_warning(&b, Target::Scorm2004), None);
    let json = serde_json::to_string(&b).unwrap_or_default();
    assert!(package::zip(Target::Scorm12, &json, &site()).is_err());
    assert!(package::zip(Target::Scorm2004, &json, &site()).is_ok());
    // The default-sized visit fits.
    let mut small = b.clone();
    small.meta.draw = Some(10);
    assert_eq!(package::suspend_data_warning(&small, Target::Scorm12), None);
}

#[test]
fn from_the_browser_headers_txt_stands_in_for_the_unserved_headers_file() {
    // Hosts never serve _headers: the studio fetches its copy, headers.txt.
    let browser_site: Vec<_> = site()
        .into_iter()
        .map(|(p, b)| {
            if p == "_headers" {
                ("headers.txt".to_string(), b)
            } else {
                (p, b)
            }
        })
        .collect();
    let json = bank_json("Aftercare basics");
    let built = site()
        .into_iter()
        .find(|(p, _)| p == "_headers")
        .map(|(_, b)| b);
    let files = read_zip(&package::zip(Target::Site, &json, &browser_site).unwrap_or_default())
        .unwrap_or_default();
    assert_eq!(
        files
            .iter()
            .find(|(p, _)| p == "_headers")
            .map(|(_, b)| b.clone()),
        built
    );
    assert!(!names(&files).contains(&"headers.txt"));
    let scorm = read_zip(&package::zip(Target::Scorm12, &json, &browser_site).unwrap_or_default())
        .unwrap_or_default();
    assert!(text(&scorm, "index.html").contains("Content-Security-Policy"));
    assert!(!names(&scorm).contains(&"headers.txt"));
}

#[test]
fn with_pass_requires_essential_scorm_2004_takes_the_quizs_verdict_not_the_score() {
    let mut b = bank(vec![
        question(
            "q1",
            "t1",
            Kind::Single,
            vec![choice("a", true), choice("b", false)],
        ),
        question(
            "q2",
            "t2",
            Kind::Single,
            vec![choice("a", true), choice("b", false)],
        ),
    ]);
    let files = ["index.html", "imsmanifest.xml"];
    let manifest = |b: &quiz_core::Bank| package::manifest(Target::Scorm2004, b, &files);
    assert!(manifest(&b).contains("satisfiedByMeasure=\"true\""));
    // The rule alone, with no essential question, changes nothing.
    b.meta.pass_requires_essential = true;
    assert!(manifest(&b).contains("satisfiedByMeasure=\"true\""));
    // A score over the pass mark with an essential question missed is
    // failed: the LMS must not mark it satisfied by the measure.
    b.questions[1].essential = true;
    let m = manifest(&b);
    assert!(m.contains("satisfiedByMeasure=\"false\""), "{m}");
    assert!(m.contains("<imsss:minNormalizedMeasure>0.60</imsss:minNormalizedMeasure>"));
}
