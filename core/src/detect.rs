//! What kind of file a bank arrives in: our own TOML or JSON bank, or one of
//! Moodle's exports (Moodle XML, GIFT, Aiken). Shared by the `bank` tool
//! (`bank import FILE`) and the studio's file opener, so both recognise the
//! same files and refuse documents with the same words.

use crate::diagnostic::Diagnostic;
use crate::gift::looks_like_aiken;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Gift,
    Aiken,
    MoodleXml,
}

/// Every format, in the order [`sniff`] tries them.
pub const ALL: [Format; 5] = [
    Format::MoodleXml,
    Format::Json,
    Format::Toml,
    Format::Aiken,
    Format::Gift,
];

impl Format {
    /// How the studio names the file it opened ("a Moodle XML export").
    pub fn label(self) -> &'static str {
        match self {
            Format::Toml => "bank (TOML)",
            Format::Json => "compiled bank (JSON)",
            Format::Gift => "Moodle GIFT export",
            Format::Aiken => "Aiken export",
            Format::MoodleXml => "Moodle XML export",
        }
    }

    /// The format's own name: "reading FILE as Moodle XML".
    pub fn title(self) -> &'static str {
        match self {
            Format::Toml => "a TOML bank",
            Format::Json => "a JSON bank",
            Format::Gift => "GIFT",
            Format::Aiken => "Aiken",
            Format::MoodleXml => "Moodle XML",
        }
    }

    /// The name `bank import --from` takes.
    pub fn flag(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
            Format::Gift => "gift",
            Format::Aiken => "aiken",
            Format::MoodleXml => "moodle",
        }
    }

    pub fn from_flag(flag: &str) -> Option<Format> {
        ALL.into_iter().find(|f| f.flag() == flag)
    }
}

/// Why a file cannot hold a bank at all (a PDF, a word-processor document),
/// by its name or its first bytes; `None` for anything else.
pub fn refusal(name: &str, text: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    if text.starts_with("%PDF") || ext == "pdf" {
        return Some(format!(
            "{name} is a PDF document, which holds pages, not questions. Export the questions from Moodle (Question bank > Export, as Moodle XML or GIFT), or start a blank bank and type them in."
        ));
    }
    if text.starts_with("PK\u{3}\u{4}")
        || text.starts_with("{\\rtf")
        || matches!(ext, "doc" | "docx" | "odt" | "rtf")
    {
        return Some(format!(
            "{name} is a word-processor document. Save the questions as Moodle XML, GIFT or Aiken (plain text) first, or start a blank bank and paste them in."
        ));
    }
    None
}

/// Why a file is too large to open at all (checked before reading it as a
/// bank or an export): over [`crate::validate::limits::MAX_IMPORT_BYTES`].
pub fn too_big(name: &str, bytes: usize) -> Option<String> {
    use crate::validate::{limits::MAX_IMPORT_BYTES, size};
    (bytes > MAX_IMPORT_BYTES).then(|| {
        format!(
            "{name} is {}; the most the studio and the bank tool read is {}. Export the questions from Moodle in parts (Question bank > Export, one category at a time), then make a bank of each part, or split the file by topic.",
            size(bytes),
            size(MAX_IMPORT_BYTES)
        )
    })
}

/// The format of a file by its content alone, or `None` when it looks like
/// none of them.
pub fn sniff(text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.starts_with("<?xml") || start.starts_with("<quiz") {
        return Some(Format::MoodleXml);
    }
    if start.starts_with('{') {
        return Some(Format::Json);
    }
    if text
        .lines()
        .map(str::trim)
        .any(|l| l == "[bank]" || l == "[[questions]]")
    {
        return Some(Format::Toml);
    }
    if looks_like_aiken(text) {
        return Some(Format::Aiken);
    }
    looks_like_gift(text).then_some(Format::Gift)
}

/// What the studio opens a file as: a document is refused; otherwise the
/// extension decides (`.toml`, `.json`, `.gift`, `.xml`), then the content,
/// and text that looks like nothing is read as GIFT (whose importer then
/// says what it could not read).
pub fn detect(name: &str, text: &str) -> Result<Format, String> {
    if let Some(why) = refusal(name, text) {
        return Err(why);
    }
    let lower = name.to_ascii_lowercase();
    Ok(match lower.rsplit_once('.').map_or("", |(_, e)| e) {
        "toml" => Format::Toml,
        "json" => Format::Json,
        "gift" => Format::Gift,
        "xml" => Format::MoodleXml,
        _ => sniff(text).unwrap_or(Format::Gift),
    })
}

/// What `bank import FILE` reads a file as: by its content only. The error
/// names every format tried, and why each did not fit.
pub fn detect_content(name: &str, text: &str) -> Result<Format, String> {
    if let Some(why) = refusal(name, text) {
        return Err(why);
    }
    sniff(text).ok_or_else(|| {
        format!(
            "{name} is in none of the formats a bank can be imported from. Tried: \
             Moodle XML (starts with <?xml or <quiz>), \
             a JSON bank (starts with {{), \
             a TOML bank (a [bank] or [[questions]] line), \
             Aiken (options \"A.\" or \"A)\" and an \"ANSWER:\" line), \
             GIFT (answers in {{…}} such as {{=right ~wrong}}, or $CATEGORY: lines). \
             If you know the format, name it: --from moodle|json|toml|aiken|gift"
        )
    })
}

/// True for text with GIFT's shape: a `$CATEGORY:` line, a `::title::`, or
/// an answer block `{…}` holding `=`, `~`, `#` or T/F.
pub fn looks_like_gift(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .collect();
    if lines
        .iter()
        .any(|l| l.starts_with("$CATEGORY:") || (l.starts_with("::") && l[2..].contains("::")))
    {
        return true;
    }
    let body = lines.join("\n");
    let mut rest = body.as_str();
    while let Some(open) = unescaped(rest, '{') {
        let after = &rest[open + 1..];
        let Some(close) = unescaped(after, '}') else {
            return false;
        };
        let inside = after[..close].trim();
        let head = inside.split('#').next().unwrap_or("").trim();
        if inside.starts_with(['=', '~', '#']) || matches!(head, "T" | "F" | "TRUE" | "FALSE") {
            return true;
        }
        rest = &after[close + 1..];
    }
    false
}

/// Byte offset of the first `c` not escaped with a backslash.
fn unescaped(text: &str, c: char) -> Option<usize> {
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == c {
            return Some(i);
        }
    }
    None
}

/// A JSON bank as TOML, read as far as it can be: field and rule problems
/// come back as notes (with line and column), so an unfinished bank can
/// still be opened and fixed. An error when the text is not JSON, or not a
/// bank.
pub fn json_to_toml(text: &str) -> Result<(String, Vec<Diagnostic>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = crate::json::parse(text, crate::validate::limits::MAX_DEPTH).map_err(|e| {
        let at = crate::diagnostic::pos_of(text, e.at);
        format!(
            "This is not readable JSON (line {}, column {}: {}).",
            at.line, at.column, e.message
        )
    })?;
    let (bank, result) = crate::parse::read_tree(text, &root, crate::lint::authoring, false, true);
    let bank = bank.ok_or("This JSON is not a question bank.")?;
    let notes = match result {
        Ok(loaded) => loaded.warnings,
        Err(problems) => problems,
    };
    Ok((crate::toml_source::bank_toml(&bank), notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_and_nonsense_names_every_format() {
        assert_eq!(
            sniff("\u{feff} <?xml version=\"1.0\"?><quiz/>"),
            Some(Format::MoodleXml)
        );
        assert_eq!(sniff("{\"format\": 1}"), Some(Format::Json));
        assert_eq!(sniff("format = 1\n[bank]\nid = \"x\""), Some(Format::Toml));
        assert_eq!(sniff("Q?\nA. x\nB. y\nANSWER: A"), Some(Format::Aiken));
        assert_eq!(sniff("::q::Q{=a ~b}"), Some(Format::Gift));
        assert_eq!(sniff("Is it?{T}"), Some(Format::Gift));
        assert_eq!(sniff("Is it?{FALSE#no}"), Some(Format::Gift));
        assert_eq!(sniff("Braces \\{=a\\} escaped"), None);
        assert_eq!(sniff("// {=a}\nplain words"), None);
        assert_eq!(sniff("Just some notes {about} a day."), None);
        assert_eq!(sniff(""), None);
        let e = detect_content("notes.txt", "Dear all, see you on Monday.");
        let e = e.err().unwrap_or_default();
        for name in ["Moodle XML", "JSON", "TOML", "Aiken", "GIFT", "--from"] {
            assert!(e.contains(name), "{name}: {e}");
        }
        assert!(detect_content("a.pdf", "%PDF-1.7").is_err_and(|m| m.contains("PDF")));
        assert!(detect_content("a.rtf", "{\\rtf1").is_err_and(|m| m.contains("word")));
    }

    #[test]
    fn the_studio_trusts_the_extension_first() {
        assert_eq!(detect("a.TOML", ""), Ok(Format::Toml));
        assert_eq!(detect("a.gift", "<?xml"), Ok(Format::Gift));
        assert_eq!(detect("x.txt", "nothing"), Ok(Format::Gift));
        assert!(detect("quiz.docx", "").is_err());
    }

    #[test]
    fn flags_name_each_format_once() {
        for f in ALL {
            assert_eq!(Format::from_flag(f.flag()), Some(f));
        }
        assert_eq!(Format::from_flag("xml"), None);
    }
}
