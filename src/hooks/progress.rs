//! `use_quiz`: the quiz reducer, restored from and saved to browser storage.

use std::rc::Rc;

use quiz_core::progress::{decode, encode, key, Restore};
use quiz_core::{Loaded, Options};
use yew::prelude::*;

use super::storage;
use crate::state::QuizState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Saved progress belonged to another version of the bank.
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
    let storage_key = key(&bank.bank.meta.id);
    let restored = {
        let bank = bank.clone();
        let storage_key = storage_key.clone();
        use_memo((), move |_| {
            if !persist {
                return (Restore::Nothing, None);
            }
            match storage::read(&storage_key) {
                Ok(stored) => {
                    let r = decode(stored.as_deref(), &bank.bank, &bank.hash);
                    let notice = (r == Restore::Discarded).then_some(Notice::BankChanged);
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
    {
        let notice = notice.clone();
        let started = state.started;
        let hash = state.bank.hash.clone();
        use_effect_with(state.session.clone(), move |session| {
            if persist && started && storage::write(&storage_key, &encode(&hash, session)).is_err()
            {
                notice.set(Some(Notice::NotSaved));
            }
        });
    }
    (state, *notice)
}
