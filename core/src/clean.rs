//! Moodle stores nearly every text as HTML (and some as Markdown). Imports
//! turn it into the plain text a bank holds, with a real HTML tokenizer
//! (html5gum, WHATWG tokenization): tags go, character references are
//! decoded, paragraphs and line breaks stay as paragraphs and lines, images
//! are counted as not imported. The counts become one summary note, so the
//! instructor sees what was cleaned. Bank text stays text: nothing imported is
//! ever rendered as HTML.

use html5gum::{Token, Tokenizer};

/// What cleaning did, added up over the texts of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaning {
    /// Texts that held HTML or Markdown.
    pub texts: usize,
    pub tags: usize,
    pub entities: usize,
    pub images: usize,
    pub markdown: usize,
}

impl Cleaning {
    pub fn add(&mut self, other: Cleaning) {
        self.texts += other.texts;
        self.tags += other.tags;
        self.entities += other.entities;
        self.images += other.images;
        self.markdown += other.markdown;
    }

    /// One sentence for the import's notes, or none when nothing was cleaned.
    pub fn summary(&self) -> Option<String> {
        if self.texts == 0 {
            return None;
        }
        let mut parts = Vec::new();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if self.tags > 0 {
            parts.push(format!(
                "{} removed",
                plural(self.tags, "HTML tag", "HTML tags")
            ));
        }
        if self.entities > 0 {
            parts.push(format!(
                "{} decoded (such as &nbsp; or &#39;)",
                plural(self.entities, "character reference", "character references")
            ));
        }
        if self.markdown > 0 {
            parts.push(format!(
                "{} removed",
                plural(
                    self.markdown,
                    "Markdown mark (** or __)",
                    "Markdown marks (** or __)"
                )
            ));
        }
        let mut s = format!(
            "cleaned the formatting of {}: {}",
            plural(self.texts, "text", "texts"),
            if parts.is_empty() {
                "whitespace tidied".to_string()
            } else {
                parts.join(", ")
            }
        );
        if self.images == 1 {
            s.push_str("; 1 image was not imported: add it to its question yourself if it matters");
        } else if self.images > 1 {
            s.push_str(&format!(
                "; {} images were not imported: add them to their questions yourself if they matter",
                self.images
            ));
        }
        Some(s)
    }
}

/// Elements whose start and end separate paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "hr",
];

/// Plain text of an HTML fragment: paragraphs separated by a blank line,
/// `<br>` as a line break, runs of whitespace (and no-break spaces) as one
/// space, script and style contents dropped.
pub fn html_to_text(html: &str) -> (String, Cleaning) {
    let mut stats = Cleaning {
        texts: 1,
        entities: count_references(html),
        ..Cleaning::default()
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<Vec<u8>> = None;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = tidy(current);
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                stats.tags += 1;
                if skipping.is_some() {
                    continue;
                }
                match name.as_slice() {
                    b"script" | b"style" => skipping = Some(name),
                    b"br" => current.push('\n'),
                    b"img" => stats.images += 1,
                    n if BLOCKS.iter().any(|b| b.as_bytes() == n) => {
                        flush(&mut current, &mut paragraphs)
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(open) = &skipping {
                    if *open == name {
                        skipping = None;
                    }
                    continue;
                }
                if BLOCKS.iter().any(|b| b.as_bytes() == name.as_slice()) {
                    flush(&mut current, &mut paragraphs);
                }
            }
            Token::String(text) if skipping.is_none() => {
                current.push_str(&String::from_utf8_lossy(&text));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (paragraphs.join("\n\n"), stats)
}

/// Whitespace of one paragraph: runs become one space, line breaks from
/// `<br>` stay (without spaces around them).
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split(|c: char| c.is_whitespace() || c == '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Character references in raw HTML: `&name;`, `&#123;`, `&#x1F;`.
fn count_references(html: &str) -> usize {
    let b = html.as_bytes();
    let mut n = 0;
    for (i, _) in html.match_indices('&') {
        let rest = &b[i + 1..];
        let body = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
            .count();
        if body > 0 && rest.get(body) == Some(&b';') {
            n += 1;
        }
    }
    n
}

/// Removes Markdown emphasis marks (`**bold**`, `__bold__`) that would reach
/// students as raw characters, counting them.
pub fn strip_markdown(text: &str) -> (String, Cleaning) {
    let mut stats = Cleaning {
        texts: 1,
        ..Cleaning::default()
    };
    let mut out = text.to_string();
    for mark in ["**", "__"] {
        let n = out.matches(mark).count();
        // Only in pairs: a lone "**" may be meant.
        let pairs = n / 2 * 2;
        if pairs > 0 {
            let mut left = pairs;
            let mut s = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(i) = rest.find(mark).filter(|_| left > 0) {
                s.push_str(&rest[..i]);
                rest = &rest[i + mark.len()..];
                left -= 1;
            }
            s.push_str(rest);
            stats.markdown += pairs;
            out = s;
        }
    }
    (tidy_paragraphs(&out), stats)
}

/// Tidies whitespace, keeping blank lines as paragraph breaks.
fn tidy_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(tidy)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether a text holds markup worth cleaning (for formats that may or may not).
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<span", "<strong", "<em", "<b>", "<i>", "<img", "<ul", "<li",
        "&nbsp;", "&#",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moodle_html_becomes_paragraphs_of_plain_text() {
        let (text, s) = html_to_text(
            "<p dir=\"ltr\" style=\"text-align: left;\">Microneedling&nbsp;makes <strong>tiny</strong> wounds.<br>It&#39;s controlled.</p><p>Second&amp;last <img src=\"@@PLUGINFILE@@/a.png\" alt=\"x\"></p>",
        );
        assert_eq!(
            text,
            "Microneedling makes tiny wounds.\nIt's controlled.\n\nSecond&last"
        );
        assert_eq!((s.tags, s.entities, s.images), (5, 3, 1));
        let summary = Cleaning { texts: 2, ..s }.summary().unwrap_or_default();
        assert!(summary.contains("5 HTML tags removed"), "{summary}");
        assert!(summary.contains("1 image was not imported"), "{summary}");
    }

    #[test]
    fn scripts_and_styles_leave_nothing_and_broken_markup_is_text() {
        let (text, _) = html_to_text("<script>alert(1)</script><style>p{}</style>Safe <b>text");
        assert_eq!(text, "Safe text");
        let (text, _) = html_to_text("1 < 2 & 3 > 2");
        assert_eq!(text, "1 < 2 & 3 > 2");
    }

    #[test]
    fn markdown_marks_go_in_pairs() {
        let (text, s) = strip_markdown("**Redness** is __expected__.\n\nA lone ** stays.");
        assert_eq!(text, "Redness is expected.\n\nA lone ** stays.");
        assert_eq!(s.markdown, 4);
    }
}
