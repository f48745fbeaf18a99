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
        err.contains("questions/microneedling.toml: ok: 28 questions, 0 warnings"),
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
    assert!(out.starts_with("questions: 28\n"), "{out}");
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
    assert!(err.contains("imported 5 questions; 5 left out"), "{err}");
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
fn export_writes_gift() {
    let (code, out, _) = bank(&["export", "--to", "gift", "questions/microneedling.toml"]);
    assert_eq!(code, 0);
    assert!(out.contains("::how-healing-response::[plain]"));
    assert!(out.contains("####"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(bank(&["frobnicate"]).0, 2);
    assert_eq!(bank(&["import", "--from", "xml", "x"]).0, 2);
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
    assert!(err.contains("review pack of 28 questions"), "{err}");
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
    assert_eq!(html.matches("class=\"question\"").count(), 28);
    assert_eq!(
        html.matches("Needs change").count(),
        28 + 2,
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
