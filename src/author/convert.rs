//! What the studio does with an opened file, kept pure so it is tested
//! natively: recognise the format, refuse what cannot be a bank with a clear
//! message, and turn everything else into bank TOML (GIFT, Aiken and Moodle
//! XML through their importers; JSON as plain TOML).

pub use quiz_core::detect::Format;
use quiz_core::detect::{detect, json_to_toml, too_big};
pub use quiz_core::gift::Category;
use quiz_core::gift::{from_aiken, from_gift_only, gift_categories};
use quiz_core::moodle::{from_moodle_xml_only, moodle_categories};
use quiz_core::toml_source::imported_toml;
use quiz_core::Diagnostic;

/// A Moodle export with at least this many questions, in two categories
/// or more, is opened through the choice of its categories.
pub const CHOOSE_FROM: usize = 200;

/// A file turned into bank TOML, with what the conversion reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The file name without folders or extension.
    pub stem: String,
    pub format: Format,
    pub toml: String,
    /// What an import cleaned, left out or could not read, by line of the
    /// original file.
    pub notes: Vec<Diagnostic>,
}

/// The categories to choose from before opening a large Moodle export
/// (Moodle XML or GIFT with [`CHOOSE_FROM`] questions or more, in two
/// categories or more); `None` for any other file, opened at once.
pub fn categories(name: &str, text: &str) -> Result<Option<Vec<Category>>, String> {
    if let Some(why) = too_big(name, text.len()) {
        return Err(why);
    }
    let listed = match detect(name, text)? {
        Format::MoodleXml => moodle_categories(text).unwrap_or_default(),
        Format::Gift => gift_categories(text),
        _ => return Ok(None),
    };
    let total: usize = listed.iter().map(|c| c.questions).sum();
    Ok((listed.len() > 1 && total >= CHOOSE_FROM).then_some(listed))
}

/// Opens a file for the studio.
pub fn open(name: &str, text: &str) -> Result<Opened, String> {
    open_only(name, text, None)
}

/// Opens a file for the studio; of a Moodle export, only the categories
/// labelled `only`, when given.
pub fn open_only(name: &str, text: &str, only: Option<&[String]>) -> Result<Opened, String> {
    if let Some(why) = too_big(name, text.len()) {
        return Err(why);
    }
    let format = detect(name, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (toml, notes) = match format {
        Format::Toml => (text.to_string(), Vec::new()),
        Format::Json => json_to_toml(text)?,
        Format::Gift | Format::Aiken | Format::MoodleXml => {
            let imported = match format {
                Format::Gift => from_gift_only(text, name, only),
                Format::Aiken => from_aiken(text, name),
                _ => from_moodle_xml_only(text, name, only),
            };
            if imported.bank.questions.is_empty() {
                let why = imported
                    .notes
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                return Err(format!(
                    "No question could be read from {name} as a {}: {why}",
                    format.label()
                ));
            }
            (imported_toml(&imported.bank, name), imported.notes)
        }
    };
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("bank");
    Ok(Opened {
        stem: stem.to_string(),
        format,
        toml,
        notes,
    })
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

    fn example(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/questions/examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_default()
    }

    #[test]
    fn formats_are_detected_and_documents_refused() {
        assert_eq!(detect("a.TOML", ""), Ok(Format::Toml));
        assert_eq!(detect("a.json", ""), Ok(Format::Json));
        assert_eq!(detect("a.gift", ""), Ok(Format::Gift));
        assert_eq!(detect("export.xml", ""), Ok(Format::MoodleXml));
        assert_eq!(
            detect("quiz.txt", "\u{feff}<?xml version=\"1.0\"?><quiz></quiz>"),
            Ok(Format::MoodleXml)
        );
        assert_eq!(
            detect("a.txt", "Q?\nA. x\nB. y\nANSWER: A"),
            Ok(Format::Aiken)
        );
        assert_eq!(detect("a.txt", "::q::Q{=a ~b}"), Ok(Format::Gift));
        let pdf = detect("questions.pdf", "%PDF-1.7 ...");
        assert!(pdf.is_err_and(|m| m.contains("PDF") && m.contains("Moodle XML")));
        let word = detect("quiz.bin", "PK\u{3}\u{4}word/document.xml");
        assert!(word.is_err_and(|m| m.contains("word-processor")));
        assert!(detect("quiz.docx", "").is_err());
    }

    #[test]
    fn imports_become_toml_with_their_notes() {
        let o =
            open("skin-care.gift", &example("skin-care.gift")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((o.stem.as_str(), o.format), ("skin-care", Format::Gift));
        assert!(o.toml.contains("[[questions]]"));
        assert_eq!(o.notes.len(), 5);
        let o = open("aftercare.moodle.xml", &example("aftercare.moodle.xml"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (o.stem.as_str(), o.format),
            ("aftercare", Format::MoodleXml)
        );
        assert_eq!(o.toml.matches("[[questions]]").count(), 12);
        assert!(
            o.notes.iter().any(|n| n.message.contains("cleaned")),
            "{:?}",
            o.notes
        );
        // A GIFT import of a Moodle XML file's text finds nothing: said plainly.
        let e = open("export.gift", &example("aftercare.moodle.xml"));
        assert!(e.is_err_and(|m| m.starts_with("No question could be read from export.gift")));
    }

    #[test]
    fn json_banks_open_as_toml_even_with_problems() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/questions/microneedling.toml"
        ))
        .unwrap_or_default();
        let bank = quiz_core::toml_source::from_toml(&text).map(|l| l.bank);
        let json = bank
            .as_ref()
            .map(|b| serde_json::to_string(b).unwrap_or_default())
            .unwrap_or_default();
        let o = open("microneedling.json", &json).unwrap_or_else(|e| panic!("{e}"));
        let back = quiz_core::toml_source::from_toml(&o.toml).map(|l| l.bank);
        assert_eq!(back.ok(), bank.ok());
        assert!(o.notes.is_empty());
        let broken = json.replacen("\"pass_mark\":70", "\"pass_mark\":\"x\"", 1);
        let o = open("b.json", &broken).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.notes.len(), 1, "{:?}", o.notes);
        assert!(o.toml.contains("[[questions]]"));
        assert!(open("b.json", "{ oops").is_err_and(|m| m.contains("line 1, column 3")));
    }

    #[test]
    fn a_large_export_offers_its_categories_first() {
        let category = |c: &str| {
            format!("  <question type=\"category\"><category><text>$course$/top/{c}</text></category></question>\n")
        };
        let question = |n: usize| {
            format!("  <question type=\"truefalse\"><name><text>Q{n}</text></name><questiontext><text>Statement {n}.</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question>\n")
        };
        let mut xml = String::from("<?xml version=\"1.0\"?>\n<quiz>\n");
        for (c, range) in [("Safety", 0..150), ("Aftercare", 150..250)] {
            xml.push_str(&category(c));
            range.for_each(|n| xml.push_str(&question(n)));
        }
        xml.push_str("</quiz>\n");
        let listed = categories("big.xml", &xml)
            .unwrap_or_default()
            .unwrap_or_default();
        let counts: Vec<(&str, usize)> = listed
            .iter()
            .map(|c| (c.label.as_str(), c.questions))
            .collect();
        assert_eq!(counts, [("Safety", 150), ("Aftercare", 100)]);
        let o = open_only("big.xml", &xml, Some(&["Aftercare".to_string()]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.toml.matches("[[questions]]").count(), 100);
        assert!(o.notes[0].message.contains("left out: \"Safety\""));
        // Small files and banks open at once.
        assert_eq!(
            categories("aftercare.moodle.xml", &example("aftercare.moodle.xml")),
            Ok(None)
        );
        assert_eq!(categories("b.toml", "[bank]\n"), Ok(None));
    }

    #[test]
    fn offsets_count_characters() {
        let t = "ab\ncdé\nf";
        assert_eq!(offset(t, 1, 1), 0);
        assert_eq!(offset(t, 2, 3), 5);
        assert_eq!(offset(t, 3, 1), 7);
    }
}
