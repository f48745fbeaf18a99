//! A small JSON reader and string quoting, used instead of serde_json on the
//! quiz page: it is a fraction of the size in the wasm, and every value keeps
//! its byte offset, so problems in a bank are reported at line:column.
//!
//! Numbers are read as whole numbers only (nothing in a bank or a saved
//! session is fractional); anything else is kept as [`Value::Number`] with
//! `None`, so the caller can say which field wanted a whole number.

use std::borrow::Cow;

/// A value and the byte offset where it starts. Texts without escapes borrow
/// from the input, so reading allocates little.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'t> {
    pub at: usize,
    pub value: Value<'t>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'t> {
    Null,
    Bool(bool),
    /// A whole number from -u64::MAX to u64::MAX, or `None` (a fraction,
    /// an exponent, or too large).
    Number(Option<i128>),
    String(Cow<'t, str>),
    Array(Vec<Node<'t>>),
    /// Members in file order; duplicates are kept for the caller to refuse.
    Object(Vec<(Cow<'t, str>, Node<'t>)>),
}

/// The first syntax error in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// How the message of a text that stops in the middle of a value begins
/// (a cut-off download).
pub const ENDS_EARLY: &str = "the text ends early";

/// Parses a whole JSON text. `max_depth` bounds array and object nesting.
pub fn parse(text: &str, max_depth: usize) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
        max_depth,
    };
    p.space();
    let node = p.value()?;
    p.space();
    if p.i < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the data"));
    }
    Ok(node)
}

/// Appends `s` to `out` as a JSON string, quotes included.
pub fn quote(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'t> {
    bytes: &'t [u8],
    text: &'t str,
    i: usize,
    depth: usize,
    max_depth: usize,
}

impl<'t> Parser<'t> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            at: self.i,
            message: message.to_string(),
        }
    }

    /// An error at the current byte, or "ends early" at the end of the text.
    fn expected(&self, what: &str) -> SyntaxError {
        if self.i >= self.bytes.len() {
            SyntaxError {
                at: self.i,
                message: format!("{ENDS_EARLY}, where {what} was expected"),
            }
        } else {
            self.error(&format!("expected {what}"))
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'t>, SyntaxError> {
        let at = self.i;
        let value = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            _ => return Err(self.expected("a value")),
        };
        Ok(Node { at, value })
    }

    fn word(&mut self, word: &str, value: Value<'t>) -> Result<Value<'t>, SyntaxError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.expected(&format!("\"{word}\"")));
            }
            self.i += 1;
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.error(&format!(
                "the data is nested more than {} levels deep",
                self.max_depth
            )));
        }
        self.i += 1;
        self.space();
        Ok(())
    }

    fn array(&mut self) -> Result<Value<'t>, SyntaxError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() != Some(b']') {
            loop {
                items.push(self.value()?);
                self.space();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        self.space();
                    }
                    Some(b']') => break,
                    _ => return Err(self.expected("\",\" or \"]\"")),
                }
            }
        }
        self.i += 1;
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value<'t>, SyntaxError> {
        self.enter()?;
        let mut members = Vec::new();
        if self.peek() != Some(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.expected("a field name in double quotes"));
                }
                let key = self.string()?;
                self.space();
                if self.peek() != Some(b':') {
                    return Err(self.expected("\":\""));
                }
                self.i += 1;
                self.space();
                members.push((key, self.value()?));
                self.space();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        self.space();
                    }
                    Some(b'}') => break,
                    _ => return Err(self.expected("\",\" or \"}\"")),
                }
            }
        }
        self.i += 1;
        self.depth -= 1;
        Ok(Value::Object(members))
    }

    fn number(&mut self) -> Result<Value<'t>, SyntaxError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let digits_start = self.i;
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.expected("a digit")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.expected("a digit"));
            }
            self.digits();
            whole = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.expected("a digit"));
            }
            self.digits();
            whole = false;
        }
        let digits = &self.text[digits_start..self.i];
        let value = whole
            .then(|| digits.parse::<u64>().ok())
            .flatten()
            .map(|n| {
                if negative {
                    -i128::from(n)
                } else {
                    i128::from(n)
                }
            });
        Ok(Value::Number(value))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    fn string(&mut self) -> Result<Cow<'t, str>, SyntaxError> {
        self.i += 1; // the opening quote
        let mut out: Option<String> = None;
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // Stops only at ASCII bytes, so both ends are char boundaries.
            let run = &self.text[start..self.i];
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.escape()?;
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(run);
                    s.push(c);
                }
                Some(_) => {
                    return Err(self
                        .error("a line break or control character inside text (write it as \\n)"))
                }
                None => return Err(self.expected("the closing quote of a text")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.i += 1;
                let first = self.hex4()?;
                return match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.i..self.i + 2) != Some(b"\\u") {
                            return Err(self.expected("the second half of a \\u escape pair"));
                        }
                        self.i += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("an invalid \\u escape pair"));
                        }
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.error("an invalid \\u escape"))
                    }
                    _ => char::from_u32(first)
                        .ok_or_else(|| self.error("an invalid \\u escape (a lone half of a pair)")),
                };
            }
            _ => return Err(self.expected("an escape such as \\n, \\\" or \\u00e9")),
        };
        self.i += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.expected("four hex digits after \\u")),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Value<'_> {
        parse(text, 64).expect("valid").value
    }

    #[test]
    fn reads_every_kind_of_value_with_offsets() {
        let n = parse(r#" {"a": [1, -2, true, null, "x"], "b": {}} "#, 64).expect("valid");
        assert_eq!(n.at, 1);
        let Value::Object(m) = n.value else {
            panic!("object")
        };
        assert_eq!(m[0].0, "a");
        assert_eq!(m[0].1.at, 7);
        let Value::Array(items) = &m[0].1.value else {
            panic!("array")
        };
        let values: Vec<_> = items.iter().map(|n| n.value.clone()).collect();
        assert_eq!(
            values,
            [
                Value::Number(Some(1)),
                Value::Number(Some(-2)),
                Value::Bool(true),
                Value::Null,
                Value::String("x".into())
            ]
        );
        assert_eq!(m[1].1.value, Value::Object(vec![]));
    }

    #[test]
    fn numbers_are_whole_or_none() {
        assert_eq!(
            v("18446744073709551615"),
            Value::Number(Some(u64::MAX.into()))
        );
        assert_eq!(v("18446744073709551616"), Value::Number(None));
        assert_eq!(v("1.5"), Value::Number(None));
        assert_eq!(v("1e3"), Value::Number(None));
        assert_eq!(v("-0"), Value::Number(Some(0)));
        assert!(parse("01", 64).is_err());
        assert!(parse("-", 64).is_err());
        assert!(parse("1.", 64).is_err());
    }

    #[test]
    fn escapes_and_unicode() {
        assert_eq!(
            v(r#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00é""#),
            Value::String("a\"b\\c/d\n\té😀é".into())
        );
        assert!(parse(r#""\ud83d""#, 64).is_err());
        assert!(parse(r#""\x""#, 64).is_err());
        assert!(parse("\"a\nb\"", 64).is_err());
    }

    #[test]
    fn errors_say_where_and_whether_the_text_was_cut() {
        let e = parse("{\"a\": [1, 2", 64).expect_err("cut");
        assert_eq!(e.at, 11);
        assert!(e.message.starts_with(ENDS_EARLY), "{}", e.message);
        let e = parse("{\"a\": oops}", 64).expect_err("bad");
        assert_eq!((e.at, e.message.as_str()), (6, "expected a value"));
        let e = parse("[1] 2", 64).expect_err("trailing");
        assert_eq!(e.at, 4);
        let e = parse("{'a': 1}", 64).expect_err("single quotes");
        assert!(e.message.contains("double quotes"));
        assert!(parse("[1,]", 64).is_err());
        assert!(parse("", 64)
            .expect_err("empty")
            .message
            .starts_with(ENDS_EARLY));
    }

    #[test]
    fn nesting_is_bounded() {
        assert!(parse(&"[".repeat(100_000), 64)
            .expect_err("deep")
            .message
            .contains("nested"));
        assert!(parse("[[[]]]", 3).is_ok());
        assert!(parse("[[[[]]]]", 3).is_err());
    }

    #[test]
    fn quote_round_trips() {
        let s = "a\"b\\c\n\r\t\u{1}é😀";
        let mut out = String::new();
        quote(s, &mut out);
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\r\\t\\u0001é😀\"");
        assert_eq!(v(&out), Value::String(s.into()));
    }
}
