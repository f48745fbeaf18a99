//! Validates every bank in questions/ and embeds the default one, as compact
//! JSON, in the app. An invalid bank fails the build with file:line:column.

use std::path::Path;

use quiz_core::toml_source::from_toml;

const DEFAULT_BANK: &str = "questions/microneedling.toml";

fn main() {
    println!("cargo:rerun-if-changed=questions");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let mut files: Vec<_> = std::fs::read_dir("questions")
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut failed = false;
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match from_toml(&text) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    println!("cargo:warning={}", w.render(&name));
                }
                if path == Path::new(DEFAULT_BANK) {
                    let json = serde_json::to_string(&loaded.bank).unwrap_or_default();
                    let target = Path::new(&out_dir).join("default_bank.json");
                    if std::fs::write(&target, json).is_err() {
                        eprintln!("error: cannot write {}", target.display());
                        failed = true;
                    }
                }
            }
            Err(diagnostics) => {
                failed = true;
                for d in diagnostics {
                    eprintln!("{}", d.render(&name));
                }
            }
        }
    }
    if failed {
        eprintln!("error: fix the question bank problems above (see questions/README.md)");
        std::process::exit(1);
    }
}
