//! Saved progress: what is written to browser storage, and the rules for
//! taking it back. Pure, so the rules are tested natively.

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::session::Session;

/// Bumped when the saved form changes; older saves are then ignored.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// The storage key for a bank.
pub fn key(bank_id: &str) -> String {
    format!("microneedling-quiz:v{SCHEMA}:{bank_id}")
}

pub fn encode(bank_hash: &str, session: &Session) -> String {
    let saved = Saved {
        schema: SCHEMA,
        bank_hash: bank_hash.to_string(),
        session: session.clone(),
    };
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Decides what to do with stored text. Never attaches answers to a bank that
/// changed: the content hash must match and every id must still fit.
pub fn decode(stored: Option<&str>, bank: &Bank, bank_hash: &str) -> Restore {
    let Some(text) = stored else {
        return Restore::Nothing;
    };
    let Ok(saved) = serde_json::from_str::<Saved>(text) else {
        return Restore::Discarded;
    };
    if saved.schema != SCHEMA || saved.bank_hash != bank_hash {
        return Restore::Discarded;
    }
    match Session::restore(bank, saved.session) {
        Some(session) => Restore::Resumed(session),
        None => Restore::Discarded,
    }
}
