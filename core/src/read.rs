//! Typed reading of a JSON tree ([`crate::json`]): fields are checked one by
//! one, so every missing, unknown or mistyped field in a bank is reported at
//! once, each at its own byte offset.

use std::borrow::Cow;

use crate::diagnostic::{positions_of, Diagnostic, Seg};
use crate::json::{Node, Value};

/// Whether a field must be there, may be left out, or may also be `null`
/// (only where serde reads an `Option`, so both readers agree).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Need {
    Required,
    Optional,
    Nullable,
}

/// Collects problems while reading; the caller builds a value only when
/// there were none.
pub struct Reader<'t> {
    text: &'t str,
    /// Each problem with its byte offset (placed at line:column at the end).
    problems: Vec<(usize, Diagnostic)>,
    /// Places whose value could not be read (a default stands in for it):
    /// rule checks under them would only repeat the problem.
    taints: Vec<Vec<Seg>>,
}

/// The members of one JSON object, with where it is.
pub struct Fields<'n, 't> {
    node: &'n Node<'t>,
    members: &'n [(Cow<'t, str>, Node<'t>)],
    path: Vec<Seg>,
}

impl<'n, 't> Fields<'n, 't> {
    fn get(&self, key: &'static str) -> Option<&'n Node<'t>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn path(&self, key: &'static str) -> Vec<Seg> {
        let mut p = self.path.clone();
        p.push(Seg::Key(key));
        p
    }
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str) -> Self {
        Reader {
            text,
            problems: Vec::new(),
            taints: Vec::new(),
        }
    }

    /// Marks a place whose value stands in for one that could not be read.
    pub fn taint(&mut self, path: Vec<Seg>) {
        self.taints.push(path);
    }

    /// The problems (placed at line:column) and the tainted places.
    pub fn into_parts(self) -> (Vec<Diagnostic>, Vec<Vec<Seg>>) {
        let taints = self.taints.clone();
        (self.into_problems(), taints)
    }

    fn problem(&mut self, at: usize, path: Vec<Seg>, message: String) {
        self.problems.push((at, Diagnostic::error(path, message)));
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every problem found, each at its line and column.
    pub fn into_problems(self) -> Vec<Diagnostic> {
        let offsets: Vec<usize> = self.problems.iter().map(|(at, _)| *at).collect();
        let places = positions_of(self.text, &offsets);
        self.problems
            .into_iter()
            .zip(places)
            .map(|((_, d), pos)| d.at(pos))
            .collect()
    }

    /// An object with only the `allowed` fields, each at most once.
    pub fn object<'n, 'v>(
        &mut self,
        node: &'n Node<'v>,
        path: Vec<Seg>,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'n, 'v>> {
        let Value::Object(members) = &node.value else {
            self.problem(
                node.at,
                path.clone(),
                format!("{what} should be an object {{ … }}"),
            );
            self.taint(path);
            return None;
        };
        for (i, (key, value)) in members.iter().enumerate() {
            if !allowed.contains(&key.as_ref()) {
                let expected = allowed.join("\", \"");
                self.problem(
                    value.at,
                    path.clone(),
                    format!("unknown field \"{key}\" in {what}; the fields are \"{expected}\""),
                );
            } else if members[..i].iter().any(|(k, _)| k == key) {
                self.problem(
                    value.at,
                    path.clone(),
                    format!("field \"{key}\" is given twice"),
                );
            }
        }
        Some(Fields {
            node,
            members,
            path,
        })
    }

    pub fn required<'n, 'v>(
        &mut self,
        f: &Fields<'n, 'v>,
        key: &'static str,
    ) -> Option<&'n Node<'v>> {
        let found = f.get(key);
        if found.is_none() {
            self.problem(f.node.at, f.path(key), format!("missing field \"{key}\""));
            self.taint(f.path(key));
        }
        found
    }

    fn wrong(&mut self, f: &Fields, key: &'static str, node: &Node, should: &str) {
        self.problem(
            node.at,
            f.path(key),
            format!("\"{key}\" should be {should}"),
        );
        self.taint(f.path(key));
    }

    pub fn string(&mut self, f: &Fields, key: &'static str) -> Option<String> {
        let node = self.required(f, key)?;
        self.as_string(f, key, node)
    }

    pub fn opt_string(&mut self, f: &Fields, key: &'static str) -> Option<Option<String>> {
        match f.get(key) {
            None
            | Some(Node {
                value: Value::Null, ..
            }) => Some(None),
            Some(node) => self.as_string(f, key, node).map(Some),
        }
    }

    fn as_string(&mut self, f: &Fields, key: &'static str, node: &Node) -> Option<String> {
        match &node.value {
            Value::String(s) => Some(s.to_string()),
            _ => {
                self.wrong(f, key, node, "text in double quotes");
                None
            }
        }
    }

    /// A whole number from `min` to `max`.
    pub fn int(&mut self, f: &Fields, key: &'static str, min: i128, max: i128) -> Option<i128> {
        let node = self.required(f, key)?;
        self.as_int(f, key, node, min, max)
    }

    /// [`Reader::int`], saying what the field should be in the instructor's
    /// terms when it is not a number at all.
    pub fn int_as(
        &mut self,
        f: &Fields,
        key: &'static str,
        min: i128,
        max: i128,
        should: &str,
    ) -> Option<i128> {
        let node = self.required(f, key)?;
        match node.value {
            Value::Number(Some(n)) if (min..=max).contains(&n) => Some(n),
            Value::Number(Some(_)) => self.as_int(f, key, node, min, max),
            _ => {
                self.wrong(f, key, node, should);
                None
            }
        }
    }

    /// A whole number, or `default` when the field is absent (not null).
    pub fn int_or(
        &mut self,
        f: &Fields,
        key: &'static str,
        max: i128,
        default: i128,
    ) -> Option<i128> {
        match f.get(key) {
            None => Some(default),
            Some(node) => self.as_int(f, key, node, 0, max),
        }
    }

    pub fn opt_int(
        &mut self,
        f: &Fields,
        key: &'static str,
        min: i128,
        max: i128,
    ) -> Option<Option<i128>> {
        match f.get(key) {
            None
            | Some(Node {
                value: Value::Null, ..
            }) => Some(None),
            Some(node) => self.as_int(f, key, node, min, max).map(Some),
        }
    }

    fn as_int(
        &mut self,
        f: &Fields,
        key: &'static str,
        node: &Node,
        min: i128,
        max: i128,
    ) -> Option<i128> {
        match node.value {
            Value::Number(Some(n)) if (min..=max).contains(&n) => Some(n),
            _ => {
                // i64 is enough for every limit a bank has, and keeps i128
                // formatting out of the page.
                let (min, max) = (min as i64, i64::try_from(max).unwrap_or(i64::MAX));
                self.wrong(f, key, node, &format!("a whole number from {min} to {max}"));
                None
            }
        }
    }

    pub fn bool_or(&mut self, f: &Fields, key: &'static str, default: bool) -> Option<bool> {
        match f.get(key) {
            None => Some(default),
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => Some(*b),
            Some(node) => {
                self.wrong(f, key, node, "true or false");
                None
            }
        }
    }

    /// One of `names` (by index), or `None` when absent or null and allowed
    /// to be.
    pub fn pick(
        &mut self,
        f: &Fields,
        key: &'static str,
        names: &[&str],
        need: Need,
    ) -> Option<Option<usize>> {
        let node = match (f.get(key), need) {
            (None, Need::Optional | Need::Nullable)
            | (
                Some(Node {
                    value: Value::Null, ..
                }),
                Need::Nullable,
            ) => return Some(None),
            _ => self.required(f, key)?,
        };
        let found = match &node.value {
            Value::String(s) => names.iter().position(|n| n == s),
            _ => None,
        };
        if found.is_none() {
            let names = names.join("\", \"");
            self.wrong(f, key, node, &format!("one of \"{names}\""));
            return None;
        }
        Some(found)
    }

    /// The items of an array field, each read by `item` (all are read, so
    /// every problem is found). Absent counts as empty when not `required`.
    pub fn list<T>(
        &mut self,
        f: &Fields,
        key: &'static str,
        required: bool,
        mut item: impl FnMut(&mut Self, &Node, Vec<Seg>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = match f.get(key) {
            None if !required => return Some(Vec::new()),
            _ => self.required(f, key)?,
        };
        let Value::Array(items) = &node.value else {
            self.wrong(f, key, node, "a list [ … ]");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, n) in items.iter().enumerate() {
            let mut path = f.path(key);
            path.push(Seg::Index(i));
            match item(self, n, path) {
                Some(v) => out.push(v),
                // Later items move up one place: rules about this list
                // would point at the wrong ones.
                None => self.taint(f.path(key)),
            }
        }
        Some(out)
    }

    /// A list of texts.
    pub fn strings(
        &mut self,
        f: &Fields,
        key: &'static str,
        required: bool,
    ) -> Option<Vec<String>> {
        self.list(f, key, required, |r, n, path| match &n.value {
            Value::String(s) => Some(s.to_string()),
            _ => {
                r.problem(n.at, path, format!("each item of \"{key}\" should be text"));
                None
            }
        })
    }
}

/// Byte offset of the deepest part of `path` present under `root`.
pub fn locate(root: &Node, path: &[Seg]) -> usize {
    let mut here = root;
    for seg in path {
        let next = match (seg, &here.value) {
            (Seg::Key(k), Value::Object(m)) => m.iter().find(|(key, _)| key == k).map(|(_, v)| v),
            (Seg::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => here = n,
            None => break,
        }
    }
    here.at
}
