//! What the instructor page does with a file, kept pure so it is tested
//! natively: detect the format, convert GIFT/Aiken to TOML, check.

use quiz_core::gift::{from_aiken, from_gift};
use quiz_core::toml_source::from_toml;
use quiz_core::{from_json_checked, Diagnostic, Loaded};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Gift,
    Aiken,
}

impl Format {
    /// By extension; a `.txt` file is Aiken when it has "ANSWER:" lines.
    pub fn detect(name: &str, text: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Format::Toml
        } else if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".gift") {
            Format::Gift
        } else if text.lines().any(|l| l.trim_start().starts_with("ANSWER:")) {
            Format::Aiken
        } else if text.trim_start().starts_with('{') {
            Format::Json
        } else if text.contains("[[questions]]") || text.contains("[bank]") {
            Format::Toml
        } else {
            Format::Gift
        }
    }
}

/// A bank being edited: its text (TOML or JSON), and what checking found.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub name: String,
    pub format: Format,
    pub text: String,
    /// What an import left out, by line of the original file.
    pub notes: Vec<Diagnostic>,
    pub loaded: Option<Loaded>,
    /// Every error and warning, with line and column in `text`.
    pub problems: Vec<Diagnostic>,
}

impl Draft {
    /// Opens a file: GIFT and Aiken are converted to TOML first.
    pub fn open(name: &str, text: &str) -> Draft {
        let format = Format::detect(name, text);
        let (format, text, notes) = match format {
            Format::Gift | Format::Aiken => {
                let imported = if format == Format::Gift {
                    from_gift(text, name)
                } else {
                    from_aiken(text, name)
                };
                let toml_text = quiz_core::toml_source::imported_toml(&imported.bank, name);
                (Format::Toml, toml_text, imported.notes)
            }
            other => (other, text.to_string(), Vec::new()),
        };
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem.split('.').next().unwrap_or("bank");
        Draft::check(stem, format, text, notes)
    }

    /// Checks `text` as a bank in `format`.
    pub fn check(name: &str, format: Format, text: String, notes: Vec<Diagnostic>) -> Draft {
        let result = match format {
            Format::Json => from_json_checked(&text),
            _ => from_toml(&text),
        };
        let (loaded, problems) = match result {
            Ok(l) => {
                let warnings = l.warnings.clone();
                (Some(l), warnings)
            }
            Err(p) => (None, p),
        };
        Draft {
            name: name.to_string(),
            format,
            text,
            notes,
            loaded,
            problems,
        }
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    /// The compact JSON the quiz page loads (only for a valid bank).
    pub fn compiled(&self) -> Option<String> {
        self.loaded
            .as_ref()
            .and_then(|l| serde_json::to_string(&l.bank).ok())
    }
}

/// Character offset of a 1-based line and column in `text`.
pub fn offset(text: &str, line: usize, column: usize) -> usize {
    // Text areas count UTF-16 code units, as the diagnostics' columns do.
    let mut units = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            return units + column.saturating_sub(1).min(l.encode_utf16().count());
        }
        units += l.encode_utf16().count() + 1;
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use quiz_core::from_json;

    fn example(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/questions/examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_default()
    }

    #[test]
    fn formats_are_detected() {
        assert_eq!(Format::detect("a.TOML", ""), Format::Toml);
        assert_eq!(Format::detect("a.json", ""), Format::Json);
        assert_eq!(Format::detect("a.gift", ""), Format::Gift);
        assert_eq!(
            Format::detect("a.txt", "Q?\nA. x\nB. y\nANSWER: A"),
            Format::Aiken
        );
        assert_eq!(Format::detect("a.txt", "::q::Q{=a ~b}"), Format::Gift);
    }

    #[test]
    fn a_gift_file_becomes_toml_with_its_problems_placed() {
        let d = Draft::open("skin-care.gift", &example("skin-care.gift"));
        assert_eq!(d.format, Format::Toml);
        assert!(d.text.contains("[[questions]]"));
        assert_eq!(d.notes.len(), 5);
        assert!(d.loaded.is_none());
        assert!(d.errors() >= 6, "sources and a disclaimer are missing");
        assert!(d.problems.iter().all(|p| p.pos.is_some()));
        assert_eq!(d.compiled(), None);
    }

    #[test]
    fn a_valid_bank_compiles_to_json() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/questions/microneedling.toml"
        ))
        .unwrap_or_default();
        let d = Draft::open("microneedling.toml", &text);
        assert_eq!(d.errors(), 0);
        let json = d.compiled().unwrap_or_default();
        assert_eq!(
            from_json(&json).map(|l| l.bank.questions.len()).ok(),
            Some(28)
        );
    }

    #[test]
    fn offsets_count_characters() {
        let t = "ab\ncdé\nf";
        assert_eq!(offset(t, 1, 1), 0);
        assert_eq!(offset(t, 2, 3), 5);
        assert_eq!(offset(t, 3, 1), 7);
    }
}
