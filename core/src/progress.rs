//! Saved progress: what is written to browser storage, and the rules for
//! taking it back. Pure, so the rules are tested natively.

use crate::bank::Bank;
use crate::diagnostic::Seg;
use crate::json::{self, quote, Node};
use crate::read::Reader;
use crate::session::{Session, Slot};

/// Bumped when the saved form changes; older saves are then ignored.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub schema: u32,
    /// Content hash of the bank the session was taken on.
    pub bank_hash: String,
    pub session: Session,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Restore {
    /// Nothing saved: start fresh.
    Nothing,
    /// The saved session fits this bank.
    Resumed(Session),
    /// Something was saved but cannot be used (bank edited, other version,
    /// damaged data): it is dropped and the visitor is told.
    Discarded,
}

/// The storage key for one version of a bank: its id and content hash, so
/// two banks that share an id (a customised copy of the default one, say)
/// never overwrite each other's progress.
pub fn key(bank_id: &str, bank_hash: &str) -> String {
    format!("{}{bank_hash}", prefix(bank_id))
}

/// What every key of this bank id starts with.
pub fn prefix(bank_id: &str) -> String {
    format!("microneedling-quiz:v{SCHEMA}:{bank_id}:")
}

/// The key earlier releases used (the id alone); its entries are moved to
/// [`key`] on the next visit.
pub fn legacy_key(bank_id: &str) -> String {
    format!("microneedling-quiz:v{SCHEMA}:{bank_id}")
}

/// The bank version a stored entry was saved for, if it can be read.
pub fn saved_hash(stored: &str) -> Option<String> {
    if crate::compact::is_compact(stored) {
        return stored.split('~').nth(2).map(str::to_string);
    }
    read_saved(stored).map(|s| s.bank_hash)
}

/// The form earlier releases saved (progress is now saved in the compact
/// form of [`crate::compact`]; this one is still read):
/// `{"schema":1,"bank_hash":"…","session":{…}}`.
pub fn encode(bank_hash: &str, session: &Session) -> String {
    let mut out = format!("{{\"schema\":{SCHEMA},\"bank_hash\":");
    quote(bank_hash, &mut out);
    out.push_str(&format!(
        ",\"session\":{{\"seed\":{},\"slots\":[",
        session.seed
    ));
    for (i, slot) in session.slots.iter().enumerate() {
        out.push_str(if i == 0 {
            "{\"question\":"
        } else {
            ",{\"question\":"
        });
        quote(&slot.question, &mut out);
        for (key, ids) in [("order", &slot.order), ("selected", &slot.selected)] {
            out.push_str(&format!(",\"{key}\":["));
            for (j, id) in ids.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                quote(id, &mut out);
            }
            out.push(']');
        }
        out.push_str(&format!(",\"checked\":{}}}", slot.checked));
    }
    out.push_str(&format!(
        "],\"current\":{},\"finished\":{}}}}}",
        session.current, session.finished
    ));
    out
}

/// Reads the saved form back; `None` for anything that is not exactly it.
fn read_saved(text: &str) -> Option<Saved> {
    let root = json::parse(text, 8).ok()?;
    let r = &mut Reader::new(text);
    let f = r.object(
        &root,
        vec![],
        "saved progress",
        &["schema", "bank_hash", "session"],
    )?;
    let schema = r.int(&f, "schema", 0, u32::MAX.into())?;
    let bank_hash = r.string(&f, "bank_hash")?;
    let session = r.required(&f, "session")?;
    let s = r.object(
        session,
        vec![],
        "a session",
        &["seed", "slots", "current", "finished"],
    )?;
    let seed = r.int(&s, "seed", 0, u64::MAX.into())?;
    let slots = r.list(&s, "slots", true, read_slot)?;
    let current = r.int(&s, "current", 0, u32::MAX.into())?;
    let finished = r.bool_or(&s, "finished", false)?;
    r.is_clean().then_some(Saved {
        schema: u32::try_from(schema).ok()?,
        bank_hash,
        session: Session {
            seed: u64::try_from(seed).ok()?,
            slots,
            current: usize::try_from(current).ok()?,
            finished,
        },
    })
}

fn read_slot(r: &mut Reader, n: &Node, path: Vec<Seg>) -> Option<Slot> {
    let f = r.object(
        n,
        path,
        "a slot",
        &["question", "order", "selected", "checked"],
    )?;
    Some(Slot {
        question: r.string(&f, "question")?,
        order: r.strings(&f, "order", true)?,
        selected: r.strings(&f, "selected", false)?,
        checked: r.bool_or(&f, "checked", false)?,
    })
}

/// Decides what to do with stored text, in the compact form or the earlier
/// JSON one. Never attaches answers to a bank that changed: the content hash
/// must match and every id must still fit.
pub fn decode(stored: Option<&str>, bank: &Bank, bank_hash: &str) -> Restore {
    let Some(text) = stored else {
        return Restore::Nothing;
    };
    let session = if crate::compact::is_compact(text) {
        crate::compact::read(text, bank, bank_hash)
    } else {
        read_saved(text)
            .filter(|saved| saved.schema == SCHEMA && saved.bank_hash == bank_hash)
            .map(|saved| saved.session)
    };
    match session.and_then(|s| Session::restore(bank, s)) {
        Some(session) => Restore::Resumed(session),
        None => Restore::Discarded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            seed: u64::MAX,
            slots: vec![
                Slot {
                    question: "q\"1".into(),
                    order: vec!["a".into(), "b\\".into()],
                    selected: vec!["b\\".into()],
                    checked: true,
                },
                Slot {
                    question: "q2".into(),
                    order: vec!["x".into(), "y".into()],
                    selected: vec![],
                    checked: false,
                },
            ],
            current: 1,
            finished: false,
        }
    }

    #[test]
    fn encode_and_read_round_trip() {
        let text = encode("abc", &session());
        let saved = read_saved(&text).expect("reads back");
        assert_eq!(saved.schema, SCHEMA);
        assert_eq!(saved.bank_hash, "abc");
        assert_eq!(saved.session, session());
    }

    #[test]
    fn anything_else_is_not_a_save() {
        let good = encode("abc", &session());
        for bad in [
            "",
            "null",
            "[]",
            &good[..good.len() - 1],
            &good.replace("\"current\":1", "\"current\":-1"),
            &good.replace("\"checked\":true", "\"checked\":1"),
            &good.replace("\"seed\"", "\"sed\""),
        ] {
            assert_eq!(read_saved(bad), None, "{bad}");
        }
    }
}
