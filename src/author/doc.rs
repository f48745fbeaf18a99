//! Edits to a bank's TOML text that keep the instructor's comments and
//! layout: every change goes through `toml_edit`, which rewrites only the
//! values it is told to. Lists (`[[questions]]`, or `choices = [ { … } ]`)
//! are handled in both of the forms TOML allows.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// One value written by a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Int(i64),
    Bool(bool),
    Texts(Vec<String>),
    /// The key is removed (an optional field left empty).
    Absent,
}

impl Field {
    fn value(&self) -> Option<Value> {
        Some(match self {
            Field::Text(s) => Value::from(s.as_str()),
            Field::Int(n) => Value::from(*n),
            Field::Bool(b) => Value::from(*b),
            Field::Texts(items) => {
                let mut a = Array::new();
                for s in items {
                    a.push(s.as_str());
                }
                Value::Array(a)
            }
            Field::Absent => return None,
        })
    }
}

/// Sets `key` in a table, keeping the comments around an existing value.
pub fn set(t: &mut dyn TableLike, key: &str, field: &Field) {
    let Some(mut new) = field.value() else {
        t.remove(key);
        return;
    };
    if let Some(Item::Value(old)) = t.get(key) {
        *new.decor_mut() = old.decor().clone();
        if let (Value::Array(a), Value::Array(b)) = (old, &mut new) {
            b.set_trailing(a.trailing().clone());
            b.set_trailing_comma(a.trailing_comma());
        }
    }
    // In place, so the key keeps the comment lines written above it.
    match t.get_mut(key) {
        Some(item) => *item = Item::Value(new),
        None => {
            t.insert(key, Item::Value(new));
        }
    }
}

/// The `[bank]` table, created when missing.
pub fn bank(doc: &mut DocumentMut) -> Option<&mut dyn TableLike> {
    if doc.get("bank").is_none() {
        doc.insert("bank", Item::Table(Table::new()));
    }
    doc.get_mut("bank")?.as_table_like_mut()
}

/// How many entries a list item holds.
pub fn len(item: Option<&Item>) -> usize {
    match item {
        Some(Item::ArrayOfTables(a)) => a.len(),
        Some(Item::Value(Value::Array(a))) => a.len(),
        _ => 0,
    }
}

/// Entry `i` of a list item, in either form.
pub fn entry(item: Option<&mut Item>, i: usize) -> Option<&mut dyn TableLike> {
    match item? {
        Item::ArrayOfTables(a) => a.get_mut(i).map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(a)) => a
            .get_mut(i)?
            .as_inline_table_mut()
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

/// Entry `j` of list `sub` inside entry `i` of top-level list `list`.
pub fn nested<'d>(
    doc: &'d mut DocumentMut,
    list: &str,
    i: usize,
    sub: &str,
    j: usize,
) -> Option<&'d mut dyn TableLike> {
    entry(entry(doc.get_mut(list), i)?.get_mut(sub), j)
}

/// Whether a new list should be written inline (`choices = [ … ]`): as the
/// document's other lists of that name are, or inline for a new document.
pub fn inline_style(doc: &DocumentMut, sub: &str) -> bool {
    match doc.get("questions") {
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .find_map(|q| q.get(sub))
            .is_none_or(|item| !matches!(item, Item::ArrayOfTables(_))),
        _ => true,
    }
}

/// A new entry: its fields, in order, and lists of entries inside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub fields: Vec<(&'static str, Field)>,
    pub lists: Vec<(&'static str, Vec<Entry>)>,
}

impl Entry {
    fn inline(&self) -> InlineTable {
        let mut t = InlineTable::new();
        for (k, f) in &self.fields {
            if let Some(v) = f.value() {
                t.insert(*k, v);
            }
        }
        for (k, entries) in &self.lists {
            t.insert(*k, Value::Array(multi_line(entries)));
        }
        t.fmt();
        t
    }

    fn table(&self, inline_lists: bool) -> Table {
        let mut t = Table::new();
        for (k, f) in &self.fields {
            if let Some(v) = f.value() {
                t.insert(k, Item::Value(v));
            }
        }
        for (k, entries) in &self.lists {
            // Citations are always short enough to sit inline.
            if inline_lists || *k == "cites" {
                t.insert(k, Item::Value(Value::Array(multi_line(entries))));
            } else {
                let mut a = ArrayOfTables::new();
                for e in entries {
                    a.push(e.table(true));
                }
                t.insert(k, Item::ArrayOfTables(a));
            }
        }
        t
    }
}

/// `[\n  { … },\n  { … },\n]`, as the shipped banks write lists.
fn multi_line(entries: &[Entry]) -> Array {
    let mut a = Array::new();
    for e in entries {
        let mut v = Value::InlineTable(e.inline());
        v.decor_mut().set_prefix("\n  ");
        a.push_formatted(v);
    }
    if !a.is_empty() {
        a.set_trailing_comma(true);
        a.set_trailing("\n");
    }
    a
}

/// Inserts `entry` at `at` (or the end) of the list `key` of `t`, written in
/// the list's own form; a missing list is created.
pub fn insert(t: &mut dyn TableLike, key: &str, at: Option<usize>, e: &Entry, top: bool) {
    let inline_lists = !top;
    match t.get_mut(key) {
        Some(Item::ArrayOfTables(a)) => {
            let mut table = e.table(inline_lists || inline_children(a));
            table.set_position(None);
            let at = at.unwrap_or(a.len()).min(a.len());
            a.insert(at, table);
            clear_positions(a);
        }
        Some(Item::Value(Value::Array(a))) => {
            let mut v = Value::InlineTable(e.inline());
            let prefix = a
                .get(0)
                .and_then(|x| x.decor().prefix())
                .and_then(|p| p.as_str())
                .unwrap_or(" ")
                .to_string();
            v.decor_mut().set_prefix(prefix.clone());
            let at = at.unwrap_or(a.len()).min(a.len());
            a.insert_formatted(at, v);
            if prefix.contains('\n') {
                a.set_trailing_comma(true);
                a.set_trailing("\n");
            }
        }
        _ if top => {
            // A new document writes lists inside entries inline.
            let mut a = ArrayOfTables::new();
            a.push(e.table(true));
            t.insert(key, Item::ArrayOfTables(a));
        }
        _ => {
            t.insert(
                key,
                Item::Value(Value::Array(multi_line(std::slice::from_ref(e)))),
            );
        }
    }
}

/// Whether the tables of a list write their own lists inline (the first one
/// that has a `choices` list decides).
fn inline_children(a: &ArrayOfTables) -> bool {
    a.iter()
        .find_map(|t| t.get("choices"))
        .is_none_or(|item| !matches!(item, Item::ArrayOfTables(_)))
}

/// Removes entry `i` of list `key`.
pub fn remove(t: &mut dyn TableLike, key: &str, i: usize) {
    match t.get_mut(key) {
        Some(Item::ArrayOfTables(a)) if i < a.len() => {
            a.remove(i);
        }
        Some(Item::Value(Value::Array(a))) if i < a.len() => {
            let first = a.get(0).map(|v| v.decor().clone());
            a.remove(i);
            // The new first entry takes the old first one's indentation.
            if let (Some(decor), Some(v)) = (first, a.get_mut(0)) {
                *v.decor_mut() = decor;
            }
        }
        _ => {}
    }
}

/// Moves entry `from` of list `key` to position `to`.
pub fn move_entry(t: &mut dyn TableLike, key: &str, from: usize, to: usize) {
    match t.get_mut(key) {
        Some(Item::ArrayOfTables(a)) if from < a.len() && to < a.len() => {
            let table = a.remove(from);
            a.insert(to, table);
            clear_positions(a);
        }
        Some(Item::Value(Value::Array(a))) if from < a.len() && to < a.len() => {
            let v = a.remove(from);
            a.insert_formatted(to, v);
        }
        _ => {}
    }
}

/// A copy of entry `i` of list `key`, inserted after it; `edit` changes the
/// copy (a new id) before it goes in.
pub fn duplicate(
    t: &mut dyn TableLike,
    key: &str,
    i: usize,
    edit: impl FnOnce(&mut dyn TableLike),
) {
    match t.get_mut(key) {
        Some(Item::ArrayOfTables(a)) if i < a.len() => {
            let Some(mut copy) = a.get(i).cloned() else {
                return;
            };
            edit(&mut copy);
            a.insert(i + 1, copy);
            clear_positions(a);
        }
        Some(Item::Value(Value::Array(a))) if i < a.len() => {
            let Some(mut copy) = a.get(i).cloned() else {
                return;
            };
            if let Some(t) = copy.as_inline_table_mut() {
                edit(t);
            }
            a.insert_formatted(i + 1, copy);
        }
        _ => {}
    }
}

/// Tables print in the order of their recorded positions; without one, a
/// table prints after the one before it. Clearing the positions of a list
/// that changed order makes it print in its new order, where it was.
fn clear_positions(a: &mut ArrayOfTables) {
    fn clear(t: &mut Table) {
        t.set_position(None);
        for (_, item) in t.iter_mut() {
            match item {
                Item::Table(t) => clear(t),
                Item::ArrayOfTables(a) => a.iter_mut().for_each(clear),
                _ => {}
            }
        }
    }
    a.iter_mut().for_each(clear);
}

/// The string value of `key`, if it is one.
pub fn text(t: &dyn TableLike, key: &str) -> Option<String> {
    t.get(key)?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> DocumentMut {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn setting_a_value_keeps_comments() {
        let mut d = doc("# top\n[bank]\n# the title\ntitle = \"Old\" # was here\npass_mark = 70\n");
        if let Some(b) = bank(&mut d) {
            set(b, "title", &Field::Text("New".into()));
            set(b, "pass_mark", &Field::Absent);
        }
        assert_eq!(
            d.to_string(),
            "# top\n[bank]\n# the title\ntitle = \"New\" # was here\n"
        );
    }

    #[test]
    fn questions_move_in_either_form_and_keep_their_comments() {
        let text = "[[questions]]\nid = \"a\"\n\n# second\n[[questions]]\nid = \"b\"\n\n[[questions.choices]]\nid = \"x\"\n\n[[sources]]\nid = \"s\"\n";
        let mut d = doc(text);
        move_entry(d.as_table_mut(), "questions", 1, 0);
        let out = d.to_string();
        let (b, a, s) = (
            out.find("id = \"b\"").unwrap_or(usize::MAX),
            out.find("id = \"a\"").unwrap_or(0),
            out.find("id = \"s\"").unwrap_or(0),
        );
        assert!(b < a && a < s, "{out}");
        assert!(
            out.contains(
                "# second\n[[questions]]\nid = \"b\"\n\n[[questions.choices]]\nid = \"x\""
            ),
            "{out}"
        );
        assert_eq!(out.parse::<DocumentMut>().map(|_| ()), Ok(()));

        let mut d = doc("choices = [\n  { id = \"a\" },\n  { id = \"b\" },\n]\n");
        move_entry(d.as_table_mut(), "choices", 1, 0);
        assert_eq!(
            d.to_string(),
            "choices = [\n  { id = \"b\" },\n  { id = \"a\" },\n]\n"
        );
    }

    #[test]
    fn new_entries_follow_the_list_form() {
        let choice = Entry {
            fields: vec![
                ("id", Field::Text("c".into())),
                ("text", Field::Text("C".into())),
            ],
            lists: vec![],
        };
        let mut d = doc("choices = [\n  { id = \"a\", text = \"A\" },\n]\n");
        insert(d.as_table_mut(), "choices", None, &choice, false);
        assert_eq!(
            d.to_string(),
            "choices = [\n  { id = \"a\", text = \"A\" },\n  { id = \"c\", text = \"C\" },\n]\n"
        );
        let question = Entry {
            fields: vec![("id", Field::Text("q2".into()))],
            lists: vec![("choices", vec![choice.clone()])],
        };
        let mut d = doc("[[questions]]\nid = \"q1\"\n\n[[questions.choices]]\nid = \"a\"\n");
        insert(d.as_table_mut(), "questions", None, &question, true);
        let out = d.to_string();
        assert!(
            out.ends_with(
                "[[questions]]\nid = \"q2\"\n\n[[questions.choices]]\nid = \"c\"\ntext = \"C\"\n"
            ),
            "{out}"
        );
        let mut d = doc("");
        insert(d.as_table_mut(), "questions", None, &question, true);
        assert_eq!(
            d.to_string(),
            "[[questions]]\nid = \"q2\"\nchoices = [\n  { id = \"c\", text = \"C\" },\n]\n"
        );
    }

    #[test]
    fn removing_and_duplicating() {
        let mut d = doc("xs = [\n  { id = \"a\" },\n  { id = \"b\" },\n]\n");
        duplicate(d.as_table_mut(), "xs", 0, |t| {
            set(t, "id", &Field::Text("a2".into()))
        });
        remove(d.as_table_mut(), "xs", 0);
        assert_eq!(
            d.to_string(),
            "xs = [\n  { id = \"a2\" },\n  { id = \"b\" },\n]\n"
        );
        assert_eq!(len(d.get("xs")), 2);
        assert_eq!(
            entry(d.get_mut("xs"), 1).and_then(|t| text(t, "id")),
            Some("b".into())
        );
    }
}
