//! Drafts kept in the browser as the instructor types: each one under its
//! own `localStorage` key, restored after a reload or a crash. The tab that
//! was editing a draft remembers which one (`sessionStorage`), so a reload
//! reopens it; the start page lists them all.

use quiz_core::{Diagnostic, Pos};
use serde_json::{json, Value};

const PREFIX: &str = "bank-studio:draft:";
const CURRENT: &str = "bank-studio:current";

/// One saved draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub id: String,
    pub stem: String,
    pub text: String,
    /// The import's notes, by line of the original file.
    pub notes: Vec<Diagnostic>,
    /// When it was last saved (milliseconds since 1970).
    pub updated: f64,
    /// Whether every change was downloaded.
    pub downloaded: bool,
}

impl Saved {
    pub fn encode(&self) -> String {
        let notes: Vec<Value> = self
            .notes
            .iter()
            .map(|n| json!([n.pos.map_or(0, |p| p.line), n.is_error(), n.message]))
            .collect();
        json!({
            "stem": self.stem,
            "text": self.text,
            "notes": notes,
            "updated": self.updated,
            "downloaded": self.downloaded,
        })
        .to_string()
    }

    pub fn decode(id: &str, stored: &str) -> Option<Saved> {
        let v: Value = serde_json::from_str(stored).ok()?;
        let notes = v["notes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|n| {
                        let line = n[0].as_u64()? as usize;
                        let message = n[2].as_str()?;
                        let d = if n[1].as_bool()? {
                            Diagnostic::error(vec![], message)
                        } else {
                            Diagnostic::warning(vec![], message)
                        };
                        Some(if line > 0 {
                            d.at(Pos { line, column: 1 })
                        } else {
                            d
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Saved {
            id: id.to_string(),
            stem: v["stem"].as_str()?.to_string(),
            text: v["text"].as_str()?.to_string(),
            notes,
            updated: v["updated"].as_f64().unwrap_or(0.0),
            downloaded: v["downloaded"].as_bool().unwrap_or(false),
        })
    }

    /// How many questions the draft holds (for the list), read loosely.
    pub fn questions(&self) -> usize {
        self.text
            .lines()
            .filter(|l| l.trim_start().starts_with("[[questions]]"))
            .count()
    }
}

/// A new draft id: the time, and a random part for two tabs in one moment.
pub fn new_id() -> String {
    format!(
        "{:x}-{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 65536.0) as u32
    )
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Saves a draft; false when storage is blocked or full.
pub fn save(d: &Saved) -> bool {
    local().is_some_and(|s| {
        s.set_item(&format!("{PREFIX}{}", d.id), &d.encode())
            .is_ok()
    })
}

pub fn remove(id: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(&format!("{PREFIX}{id}"));
    }
}

/// Every saved draft, the most recent first.
pub fn list() -> Vec<Saved> {
    let Some(s) = local() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    let mut drafts: Vec<Saved> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| {
            let id = k.strip_prefix(PREFIX)?.to_string();
            Saved::decode(&id, &s.get_item(&k).ok().flatten()?)
        })
        .collect();
    drafts.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    drafts
}

/// The draft this tab was editing, if any.
pub fn current() -> Option<Saved> {
    let id = session()?.get_item(CURRENT).ok().flatten()?;
    let text = local()?.get_item(&format!("{PREFIX}{id}")).ok().flatten()?;
    Saved::decode(&id, &text)
}

pub fn set_current(id: Option<&str>) {
    if let Some(s) = session() {
        let _ = match id {
            Some(id) => s.set_item(CURRENT, id),
            None => s.remove_item(CURRENT),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_with_their_notes() {
        let d = Saved {
            id: "x".into(),
            stem: "skin \"care\"".into(),
            text: "[[questions]]\nid = \"a\"\n[[questions]]\n".into(),
            notes: vec![
                Diagnostic::warning(vec![], "matching questions are not supported").at(Pos {
                    line: 35,
                    column: 1,
                }),
                Diagnostic::error(vec![], "unreadable"),
            ],
            updated: 1.5e12,
            downloaded: false,
        };
        assert_eq!(Saved::decode("x", &d.encode()), Some(d.clone()));
        assert_eq!(d.questions(), 2);
        assert_eq!(Saved::decode("x", "not json"), None);
    }
}
