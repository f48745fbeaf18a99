//! `use_quiz`: the quiz reducer, restored from and saved to browser storage.

use std::rc::Rc;

use quiz_core::compact::encode;
use quiz_core::progress::{decode, key, legacy_key, prefix, saved_hash, Restore};
use quiz_core::{Loaded, Options};
use yew::prelude::*;

use super::storage;
use crate::state::QuizState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Saved progress belonged to another version of the bank (kept, under
    /// its own key, but not usable with this one).
    BankChanged,
    /// Storage is blocked or full: progress lives only in this page.
    NotSaved,
}

impl Notice {
    /// Catalogue key of the notice text.
    pub fn key(self) -> &'static str {
        match self {
            Notice::BankChanged => "notice_bank_changed",
            Notice::NotSaved => "notice_not_saved",
        }
    }
}

/// Quiz state for `bank`. With `persist`, earlier progress is restored and
/// every change is saved; storage problems become a [`Notice`].
#[hook]
pub fn use_quiz(
    bank: Rc<Loaded>,
    seed: u64,
    options: Options,
    persist: bool,
) -> (UseReducerHandle<QuizState>, Option<Notice>) {
    let storage_key = key(&bank.bank.meta.id, &bank.hash);
    // In a SCORM package with an LMS, progress lives in the LMS instead.
    let lms = use_memo((), move |_| persist.then(storage::lms_progress).flatten());
    let restored = {
        let bank = bank.clone();
        let storage_key = storage_key.clone();
        let lms = lms.clone();
        use_memo((), move |_| {
            if !persist {
                return (Restore::Nothing, None);
            }
            if let Some(resume) = &*lms {
                let r = decode(resume.as_deref(), &bank.bank, &bank.hash);
                let notice = (r == Restore::Discarded).then_some(Notice::BankChanged);
                return (r, notice);
            }
            let damaged = move_legacy_entry(&bank.bank.meta.id);
            match storage::read(&storage_key) {
                Ok(stored) => {
                    let r = decode(stored.as_deref(), &bank.bank, &bank.hash);
                    let other_version = r == Restore::Nothing
                        && storage::keys_starting(&prefix(&bank.bank.meta.id))
                            .is_ok_and(|keys| !keys.is_empty());
                    let notice = (r == Restore::Discarded || other_version || damaged)
                        .then_some(Notice::BankChanged);
                    (r, notice)
                }
                Err(storage::Unavailable) => (Restore::Nothing, Some(Notice::NotSaved)),
            }
        })
    };
    let state = {
        let restored = restored.clone();
        use_reducer(move || match &restored.0 {
            Restore::Resumed(session) => QuizState::resumed(bank, session.clone(), options),
            _ => QuizState::new(bank, seed, options),
        })
    };
    let notice = use_state(|| restored.1);
    // What to write: (key, text), kept current for the pagehide listener.
    let pending = use_mut_ref(|| None::<(String, String)>);
    {
        let notice = notice.clone();
        let pending = pending.clone();
        let bank = state.bank.clone();
        let lms = lms.clone();
        // Saved on every change of answers or position, and on Start itself.
        use_effect_with(
            (state.session.clone(), state.started),
            move |(session, started)| {
                if !*started {
                    return;
                }
                let text = encode(&bank.bank, &bank.hash, session);
                if lms.is_some() {
                    super::host::dispatch("progress", &text.as_str().into());
                } else if persist {
                    if storage::write(&storage_key, &text).is_err() {
                        notice.set(Some(Notice::NotSaved));
                    }
                    *pending.borrow_mut() = Some((storage_key, text));
                }
            },
        );
    }
    // Saved once more when the page is hidden or left (tab closed, app switch).
    let local = persist && lms.is_none();
    use_effect_with(local, move |local| {
        let listener = local.then(web_sys::window).flatten().map(|w| {
            gloo::events::EventListener::new(&w, "pagehide", move |_| {
                if let Some((key, text)) = &*pending.borrow() {
                    let _ = storage::write(key, text);
                }
            })
        });
        move || drop(listener)
    });
    (state, *notice)
}

/// Progress saved by earlier releases, under the bank id alone, moves to the
/// key of the bank version it was saved for. True when it could not be read
/// and was dropped.
fn move_legacy_entry(bank_id: &str) -> bool {
    let legacy = legacy_key(bank_id);
    let Ok(Some(text)) = storage::read(&legacy) else {
        return false;
    };
    match saved_hash(&text) {
        Some(hash) => {
            if storage::write(&key(bank_id, &hash), &text).is_ok() {
                let _ = storage::remove(&legacy);
            }
            false
        }
        None => {
            let _ = storage::remove(&legacy);
            true
        }
    }
}
