//! Problems found in a bank, with where they are.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One step into the bank document: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A 1-based line and column. Columns count UTF-16 code units, as browsers'
/// text areas and most editors do, so an emoji (two units) moves the column
/// the same way in the error message and under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where in the document the problem is (for locating it in the source text).
    pub path: Vec<Seg>,
    /// Filled in when the source text is known.
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: Vec<Seg>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path,
            pos: None,
            message: message.into(),
        }
    }

    pub fn warning(path: Vec<Seg>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.pos = Some(pos);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: error: message`, the form editors and CI understand.
    pub fn render(&self, file: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some(p) => format!("{file}:{}:{}: {sev}: {}", p.line, p.column, self.message),
            None => format!("{file}: {sev}: {}", self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "line {}, column {}: {}", p.line, p.column, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Path builder shorthand: `path!["questions", 3, "choices"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {
        vec![$($crate::diagnostic::IntoSeg::into_seg($seg)),*]
    };
}

pub trait IntoSeg {
    fn into_seg(self) -> Seg;
}

impl IntoSeg for &'static str {
    fn into_seg(self) -> Seg {
        Seg::Key(self)
    }
}

impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}

/// Line and column of a byte offset in `text` (clamped to the text).
pub fn pos_of(text: &str, offset: usize) -> Pos {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        column: before[line_start..].encode_utf16().count() + 1,
    }
}

/// The indices of `keys` in ascending order of key, ties in index order.
/// Every sort of the quiz page goes through this one function, so the page
/// carries one sort routine instead of one per type and closure.
pub fn sorted_order(keys: &[u64]) -> Vec<usize> {
    let mut order: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}

/// Line and column of many byte offsets in one pass over `text` (placing
/// each of thousands of problems on its own would read the text each time).
pub fn positions_of(text: &str, offsets: &[usize]) -> Vec<Pos> {
    let keys: Vec<u64> = offsets.iter().map(|&o| o as u64).collect();
    let order = sorted_order(&keys);
    let mut out = vec![Pos { line: 1, column: 1 }; offsets.len()];
    let (mut at, mut pos) = (0, Pos { line: 1, column: 1 });
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = offsets[i].min(text.len());
        while let Some(&(j, c)) = chars.peek() {
            if j + c.len_utf8() > target {
                break;
            }
            chars.next();
            at = j + c.len_utf8();
            if c == '\n' {
                pos = Pos {
                    line: pos.line + 1,
                    column: 1,
                };
            } else {
                pos.column += c.len_utf16();
            }
        }
        debug_assert!(at <= target);
        out[i] = pos;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\ncdé f\n";
        assert_eq!(pos_of(text, 0), Pos { line: 1, column: 1 });
        assert_eq!(pos_of(text, 3), Pos { line: 2, column: 1 });
        // 'f' comes after a two-byte 'é' and a space
        assert_eq!(pos_of(text, 8), Pos { line: 2, column: 5 });
        assert_eq!(pos_of(text, 999), Pos { line: 3, column: 1 });
    }

    #[test]
    fn columns_count_utf16_units_like_a_text_area() {
        // The emoji is two UTF-16 units: the 'x' after it is column 4.
        let text = "a😀x";
        assert_eq!(pos_of(text, "a😀".len()), Pos { line: 1, column: 4 });
        assert_eq!(
            positions_of(text, &["a😀".len()]),
            vec![Pos { line: 1, column: 4 }]
        );
    }

    #[test]
    fn many_positions_at_once_agree_with_one_at_a_time() {
        let text = "ab\ncdé😀 f\n\nxyz";
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().collect();
        let expected: Vec<Pos> = offsets.iter().map(|&o| pos_of(text, o)).collect();
        assert_eq!(positions_of(text, &offsets), expected);
    }

    #[test]
    fn render_uses_file_line_column() {
        let d = Diagnostic::error(path!["bank"], "bad").at(Pos { line: 4, column: 2 });
        assert_eq!(d.render("q.toml"), "q.toml:4:2: error: bad");
        assert_eq!(d.to_string(), "line 4, column 2: bad");
    }
}
