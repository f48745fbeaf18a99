//! The `bank` command as an instructor uses it.

use std::process::Command;

fn bank(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bank"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn check_passes_the_shipped_banks_and_fails_a_broken_one_with_positions() {
    let (code, _, err) = bank(&[
        "check",
        "questions/microneedling.toml",
        "questions/microneedling.fr.toml",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("questions/microneedling.toml: ok: 37 questions, 0 warnings"),
        "{err}"
    );

    let dir = std::env::temp_dir().join(format!("bank-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let broken = dir.join("broken.toml");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank")
    .replacen("pass_mark = 70", "pass_mark = 170", 1)
    .replacen("topic = \"how\"", "topic = \"hwo\"", 1);
    std::fs::write(&broken, text).expect("write");
    let (code, _, err) = bank(&["check", broken.to_str().expect("path")]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].ends_with(":12:13: error: pass_mark is a percentage from 0 to 100, not 170"),
        "{err}"
    );
    assert!(
        lines[1].contains(": error: topic \"hwo\" is not declared"),
        "{err}"
    );
}

#[test]
fn stats_counts_topics_kinds_difficulty_and_citations() {
    let (code, out, _) = bank(&["stats", "questions/microneedling.toml"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("questions: 37\n"), "{out}");
    assert!(out.contains("by topic") && out.contains("How it works"));
    assert!(out.contains("by kind") && out.contains("true_false"));
    assert!(out.contains("citations per source") && out.contains("statpearls (Microneedling)"));
}

#[test]
fn import_writes_toml_and_reports_what_it_left_out() {
    let (code, out, err) = bank(&[
        "import",
        "--from",
        "gift",
        "questions/examples/skin-care.gift",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("[[questions]]") && out.contains("id = \"healing-basics\""),
        "{out}"
    );
    assert!(
        err.contains("skin-care.gift:35:1: warning: matching questions are not supported; skipped"),
        "{err}"
    );
    assert!(err.contains("imported 5 questions; 5 notes"), "{err}");
    // Step 1 of the file's own instructions: uncomment the example source.
    let at = out
        .rfind("# [[sources]]")
        .expect("an example source at the end");
    let tail: Vec<&str> = out[at..]
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect();
    let uncommented = format!("{}{}", &out[..at], tail.join("\n"));
    let parsed: toml::Table = toml::from_str(&uncommented).expect("still TOML");
    assert_eq!(
        parsed["sources"].as_array().map(Vec::len),
        Some(1),
        "{uncommented}"
    );
    assert!(parsed["bank"].get("id").is_some() && parsed.get("questions").is_some());
    let (code, out, _) = bank(&[
        "import",
        "--from",
        "aiken",
        "questions/examples/skin-care.aiken.txt",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Shorter, duller needles"));
}

#[test]
fn import_reads_moodle_xml_and_fails_when_nothing_comes_in() {
    let (code, out, err) = bank(&[
        "import",
        "--from",
        "moodle",
        "questions/examples/aftercare.moodle.xml",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 12 questions"), "{err}");
    assert!(
        out.contains("[[questions]]") && !out.contains("<p"),
        "{out}"
    );

    // A Moodle XML file given to the GIFT importer, and an empty file.
    let dir = std::env::temp_dir().join(format!("bank-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let empty = dir.join("empty.gift");
    std::fs::write(&empty, "// nothing here\n").expect("write");
    for args in [
        [
            "import",
            "--from",
            "gift",
            "questions/examples/aftercare.moodle.xml",
        ],
        ["import", "--from", "gift", empty.to_str().expect("path")],
    ] {
        let (code, out, err) = bank(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("no bank written"), "{err}");
    }
}

#[test]
fn check_on_a_moodle_export_says_to_import_it() {
    for (file, from) in [
        ("questions/examples/skin-care.gift", "gift"),
        ("questions/examples/aftercare.moodle.xml", "moodle"),
    ] {
        let (code, _, err) = bank(&["check", file]);
        assert_eq!(code, 1);
        assert!(
            err.contains(&format!("bank import --from {from} {file}")),
            "{err}"
        );
        assert!(err.contains(": 1 error\n"), "{err}");
    }
}

#[test]
fn export_writes_gift_and_moodle_xml() {
    let (code, out, _) = bank(&["export", "--to", "gift", "questions/microneedling.toml"]);
    assert_eq!(code, 0);
    assert!(out.contains("::how-healing-response::[plain]"));
    assert!(out.contains("####"));
    let (code, out, _) = bank(&["export", "--to", "moodle", "questions/microneedling.toml"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<?xml") && out.contains("<question type=\"multichoice\">"));
}

#[test]
fn help_exits_0_and_bad_usage_exits_2() {
    let (code, out, _) = bank(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("bank import FILE"), "{out}");
    assert!(
        out.contains("bank import --from moodle|gift|aiken|json|toml FILE"),
        "{out}"
    );
    assert!(
        out.contains("bank export --to qti FILE --out FILE.zip"),
        "{out}"
    );
    assert_eq!(bank(&["frobnicate"]).0, 2);
    assert_eq!(bank(&["import", "--from", "xml", "x"]).0, 2);
    assert_eq!(bank(&["export", "--to", "pdf", "x"]).0, 2);
    // A zip is not printed: the QTI export needs --out.
    let (code, out, err) = bank(&["export", "--to", "qti", "questions/microneedling.toml"]);
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("--out FILE.zip"), "{err}");
}

#[test]
fn review_writes_a_printable_pack_with_every_question_source_and_a_sign_off() {
    let dir = std::env::temp_dir().join(format!("bank-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let out = dir.join("review.html");
    let (code, _, err) = bank(&[
        "review",
        "questions/microneedling.toml",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("review pack of 37 questions"), "{err}");
    let html = std::fs::read_to_string(&out).expect("written");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let b = quiz_core::toml_source::from_toml(&text)
        .expect("valid")
        .bank;
    let esc = quiz_core::review::esc;
    for q in &b.questions {
        assert!(html.contains(&esc(&q.prompt)), "{} prompt", q.id);
        assert!(html.contains(&esc(&q.explanation)), "{} explanation", q.id);
        for c in &q.choices {
            assert!(html.contains(&esc(&c.text)), "{} choice {}", q.id, c.id);
            if let Some(f) = &c.feedback {
                assert!(html.contains(&esc(f)), "{} feedback {}", q.id, c.id);
            }
        }
        for c in &q.cites {
            assert!(html.contains(&esc(&c.locator)), "{} locator", q.id);
        }
    }
    for s in &b.sources {
        assert!(html.contains(&esc(&s.url)), "{}", s.url);
    }
    assert_eq!(html.matches("class=\"question").count(), 37);
    assert_eq!(html.matches("class=\"question essential\"").count(), 5);
    assert_eq!(
        html.matches("Needs change").count(),
        37 + 2,
        "a box per question"
    );
    assert!(html.contains("Sign-off") && html.contains("Credentials"));
    assert!(html.contains("none yet"), "no medical review is claimed");
    assert!(!html.contains("<script"), "a pack runs no script");
    // Printed to stdout without --out; an invalid bank writes nothing.
    let (code, stdout, _) = bank(&["review", "questions/microneedling.fr.toml"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Dossier de relecture médicale") && stdout.contains("À modifier"));
    let broken = dir.join("broken.toml");
    std::fs::write(
        &broken,
        text.replacen("pass_mark = 70", "pass_mark = 170", 1),
    )
    .expect("write");
    let (code, _, err) = bank(&[
        "review",
        broken.to_str().expect("path"),
        "--out",
        "/dev/null",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("pass_mark is a percentage"), "{err}");
}

#[test]
fn a_changed_copy_of_the_default_bank_that_keeps_its_id_is_warned_about() {
    let dir = std::env::temp_dir().join(format!("bank-copy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    let copy = dir.join("clinic.toml");
    std::fs::write(&copy, text.replacen("pass_mark = 70", "pass_mark = 80", 1)).expect("write");
    let (code, _, err) = bank(&[
        "compile",
        copy.to_str().expect("path"),
        "--out",
        dir.join("banks").to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("clinic.toml:7:1: warning: this bank keeps the id \"microneedling\""),
        "{err}"
    );
    // Its own id: no warning. The shipped bank itself: none either.
    std::fs::write(
        &copy,
        text.replacen("id = \"microneedling\"", "id = \"clinic\"", 1)
            .replacen("pass_mark = 70", "pass_mark = 80", 1),
    )
    .expect("write");
    let (_, _, err) = bank(&["check", copy.to_str().expect("path")]);
    assert!(err.contains("ok: 37 questions, 0 warnings"), "{err}");
}

#[test]
fn package_makes_scorm_and_site_zips_from_a_built_site_and_says_what_is_missing() {
    let dir = std::env::temp_dir().join(format!("bank-package-{}", std::process::id()));
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("author")).expect("tmp");
    let files: [(&str, &str); 6] = [
        ("index.html", "<html lang=en><head><title>x</title><meta name=description content=x><meta name=\"quiz-boot\" content=\"microneedling en\"></head><body><div id=quiz-root><div class=\"prerendered\"><p class=\"boot-failed boot-note\">x</p></div></div><noscript>x</noscript></body></html>"),
        ("i18n.json", r#"{"en":{"percent":"{n}%","start_questions":"{n} questions"}}"#),
        ("_headers", "/*\n  Content-Security-Policy: default-src 'self'\n"),
        ("scorm.js", "adapter"),
        ("app_bg.wasm", "wasm"),
        ("author/index.html", "studio"),
    ];
    for (name, text) in files {
        std::fs::write(site.join(name), text).expect("write");
    }
    let site_arg = site.to_string_lossy().to_string();
    for to in ["scorm12", "scorm2004", "site"] {
        let out = dir.join(format!("{to}.zip"));
        let out_arg = out.to_string_lossy().to_string();
        let (code, _, err) = bank(&[
            "package",
            "--to",
            to,
            "questions/microneedling.toml",
            "--out",
            &out_arg,
            "--site",
            &site_arg,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains(&format!("-> {out_arg}")), "{err}");
        let files = quiz_core::zip::read_zip(&std::fs::read(&out).expect("zip")).expect("reads");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"bank.json") && names.contains(&"app_bg.wasm"),
            "{names:?}"
        );
        assert_eq!(
            names.contains(&"imsmanifest.xml"),
            to != "site",
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.starts_with("author")), "{names:?}");
        let page = &files
            .iter()
            .find(|(n, _)| n == "index.html")
            .expect("page")
            .1;
        assert!(String::from_utf8_lossy(page).contains("Microneedling: what do you know?"));
    }
    // No build, an unknown target, a bank with errors.
    let (code, _, err) = bank(&[
        "package",
        "--to",
        "site",
        "questions/microneedling.toml",
        "--out",
        "x.zip",
        "--site",
        "no-such-dir",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("no-such-dir"), "{err}");
    let (code, _, err) = bank(&[
        "package",
        "--to",
        "scorm3",
        "questions/microneedling.toml",
        "--out",
        "x.zip",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("scorm12, scorm2004 or site"), "{err}");
    let broken = dir.join("broken.toml");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank")
    .replacen("pass_mark = 70", "pass_mark = 170", 1);
    std::fs::write(&broken, text).expect("write");
    let (code, _, err) = bank(&[
        "package",
        "--to",
        "site",
        &broken.to_string_lossy(),
        "--out",
        "x.zip",
        "--site",
        &site_arg,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("not packaged"), "{err}");
    assert!(!std::path::Path::new("x.zip").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_warns_when_a_visit_could_outgrow_scorm_12s_saved_progress() {
    let dir = std::env::temp_dir().join(format!("bank-suspend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../questions/microneedling.toml"
    ))
    .expect("bank");
    // Every question asked, many times over: 37 questions are still small.
    let mut many = text.replacen("draw = 12", "", 1);
    let body = &text[text.find("[[questions]]").expect("questions")..];
    for i in 0..12 {
        many.push_str(&body.replace("id = \"", &format!("id = \"copy{i}-")));
    }
    let file = dir.join("many.toml");
    std::fs::write(&file, many).expect("write");
    let (code, _, err) = bank(&["check", &file.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("more than the 4096 that SCORM 1.2 keeps") && err.contains("SCORM 2004"),
        "{err}"
    );
    let (code, _, err) = bank(&["check", "questions/microneedling.toml"]);
    assert_eq!(code, 0);
    assert!(!err.contains("SCORM"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_recognises_each_format_by_content_and_says_which() {
    for (file, format, imported) in [
        (
            "questions/examples/aftercare.moodle.xml",
            "Moodle XML",
            "imported 12 questions",
        ),
        (
            "questions/examples/skin-care.gift",
            "GIFT",
            "imported 5 questions",
        ),
        (
            "questions/examples/skin-care.aiken.txt",
            "Aiken",
            "imported 2 questions",
        ),
    ] {
        let (code, out, err) = bank(&["import", file]);
        assert_eq!(code, 0, "{file}: {err}");
        assert!(
            err.starts_with(&format!("bank: reading {file} as {format}\n")),
            "{err}"
        );
        assert!(err.contains(imported), "{err}");
        assert!(out.contains("[[questions]]"), "{out}");
    }
    // A TOML bank needs no import: it is checked and said so.
    let (code, out, err) = bank(&["import", "questions/microneedling.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("as a TOML bank"), "{err}");
    assert!(
        err.contains("already a bank in TOML, nothing to import: 37 questions, 0 warnings"),
        "{err}"
    );
}

#[test]
fn import_converts_a_json_bank_to_toml_and_refuses_nonsense() {
    let dir = std::env::temp_dir().join(format!("bank-detect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let (code, _, err) = bank(&[
        "compile",
        "questions/microneedling.toml",
        "--out",
        dir.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    let json = dir.join("microneedling.json");
    let (code, out, err) = bank(&["import", json.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("as a JSON bank") && err.contains("0 errors"),
        "{err}"
    );
    let back = quiz_core::toml_source::from_toml(&out).map(|l| l.bank.questions.len());
    assert_eq!(back.ok(), Some(37));

    let nonsense = dir.join("notes.txt");
    std::fs::write(&nonsense, "Dear all,\nthe meeting moves to Monday.\n").expect("write");
    let (code, out, err) = bank(&["import", nonsense.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    for format in [
        "Moodle XML",
        "JSON bank",
        "TOML bank",
        "Aiken",
        "GIFT",
        "--from",
    ] {
        assert!(err.contains(format), "{format}: {err}");
    }
    let pdf = dir.join("questions.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\xff\xfe binary").expect("write");
    let (code, _, err) = bank(&["import", pdf.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(err.contains("is a PDF document"), "{err}");
}

#[test]
fn from_overrides_what_the_content_says() {
    // The GIFT example read as Moodle XML, as asked: it is not XML, and nothing is written.
    let (code, out, err) = bank(&[
        "import",
        "questions/examples/skin-care.gift",
        "--from",
        "moodle",
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(
            "bank: reading questions/examples/skin-care.gift as Moodle XML (--from moodle)\n"
        ),
        "{err}"
    );
    assert!(err.contains("not well-formed XML"), "{err}");
    // Either order of arguments.
    let (code, _, err) = bank(&[
        "import",
        "--from",
        "aiken",
        "questions/examples/skin-care.aiken.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("as Aiken (--from aiken)"), "{err}");
}

#[test]
fn export_to_qti_writes_a_zip_canvas_can_import() {
    let dir = std::env::temp_dir().join(format!("bank-qti-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let zip = dir.join("microneedling.zip");
    let (code, out, err) = bank(&[
        "export",
        "--to",
        "qti",
        "questions/microneedling.toml",
        "--out",
        zip.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("QTI 1.2 package of 37 questions; in Canvas: Settings > Import Course Content > QTI .zip file"),
        "{err}"
    );
    assert!(err.contains("warning: draw = 12 is not kept"), "{err}");
    let bytes = std::fs::read(&zip).expect("written");
    let back = quiz_core::qti::read::read_zip(&bytes).expect("a package");
    assert_eq!(back.questions.len(), 37);
    // A bank with errors is not exported.
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "format = 1\n").expect("write");
    let (code, _, _) = bank(&[
        "export",
        "--to",
        "qti",
        broken.to_str().expect("path"),
        "--out",
        dir.join("broken.zip").to_str().expect("path"),
    ]);
    assert_eq!(code, 1);
    assert!(!dir.join("broken.zip").exists());
}
