#![deny(clippy::unwrap_used, clippy::expect_used)]
//! Validates every bank in questions/ and embeds the default one, as compact
//! JSON, in the app. An invalid bank fails the build with file:line:column.
//! Compiles every interface catalogue in i18n/*.txt into a lookup table.

use std::path::Path;

use quiz_core::toml_source::from_toml;

const DEFAULT_BANK: &str = "questions/microneedling.toml";

fn main() {
    println!("cargo:rerun-if-changed=questions");
    println!("cargo:rerun-if-changed=i18n");
    let out_dir_path = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = catalogs(Path::new(&out_dir_path)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
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

/// `i18n/LANG.txt` files of `key = text` lines become
/// `CATALOGS: &[(lang, &[(key, text)])]`, keys sorted for binary search.
fn catalogs(out_dir: &Path) -> Result<(), String> {
    let mut files: Vec<_> = std::fs::read_dir("i18n")
        .map_err(|e| format!("i18n/: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut code = String::from("pub static CATALOGS: &[(&str, &[(&str, &str)])] = &[\n");
    for path in files {
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .split_once(" = ")
                .or_else(|| line.split_once('='))
                .ok_or_else(|| {
                    format!(
                        "{}:{}:1: error: expected \"key = text\"",
                        path.display(),
                        n + 1
                    )
                })?;
            entries.push((key.trim().to_string(), value.trim().to_string()));
        }
        entries.sort();
        if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(format!(
                "{}: key \"{}\" appears twice",
                path.display(),
                w[0].0
            ));
        }
        code.push_str(&format!("    ({lang:?}, &[\n"));
        for (k, v) in entries {
            code.push_str(&format!("        ({k:?}, {v:?}),\n"));
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("catalogs.rs"), code).map_err(|e| e.to_string())
}
