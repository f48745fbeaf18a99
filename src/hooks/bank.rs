//! `use_bank`: the compiled-in bank, or a JSON bank fetched from `?bank=`,
//! with a size limit, a timeout and a readable error for every failure.

use std::rc::Rc;

use quiz_core::validate::limits::MAX_BYTES;
use quiz_core::{from_json, Loaded};
use yew::prelude::*;

use crate::config::BankSource;

/// Longest wait for a bank, in milliseconds.
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// What went wrong, in one sentence.
    pub summary: String,
    /// Each problem, with its line and column where known.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BankState {
    Loading,
    Ready(Rc<Loaded>),
    Failed(Rc<LoadError>),
}

fn failed(summary: impl Into<String>, problems: Vec<String>) -> BankState {
    BankState::Failed(Rc::new(LoadError {
        summary: summary.into(),
        problems,
    }))
}

/// Parses and validates bank text into a state.
pub fn parse_bank(text: &str) -> BankState {
    match from_json(text) {
        Ok(loaded) => BankState::Ready(Rc::new(loaded)),
        Err(diagnostics) => failed(
            "The question bank has problems, so the quiz cannot start.",
            diagnostics.iter().map(ToString::to_string).collect(),
        ),
    }
}

fn initial(source: &BankSource) -> BankState {
    match source {
        BankSource::Default => parse_bank(crate::DEFAULT_BANK_JSON),
        BankSource::Url(_) => BankState::Loading,
        BankSource::Invalid(why) => failed(
            "The address of the question bank is not allowed.",
            vec![why.clone()],
        ),
    }
}

/// The bank for `source`, and a callback that tries loading it again.
#[hook]
pub fn use_bank(source: BankSource) -> (UseStateHandle<BankState>, Callback<()>) {
    let state = use_state(|| initial(&source));
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((source, *attempt), move |(source, _)| {
            if let BankSource::Url(url) = source.clone() {
                state.set(BankState::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(fetch_bank(&url).await);
                });
            }
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    (state, retry)
}

async fn fetch_bank(url: &str) -> BankState {
    use std::cell::Cell;

    let timed_out = Rc::new(Cell::new(false));
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let _timer = controller.map(|c| {
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(FETCH_TIMEOUT_MS, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let cannot = "The question bank could not be loaded.";
    let response = match gloo::net::http::Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
    {
        Ok(r) => r,
        Err(_) if timed_out.get() => {
            return failed(
                cannot,
                vec![format!(
                    "The server did not answer within {} seconds.",
                    FETCH_TIMEOUT_MS / 1000
                )],
            )
        }
        Err(_) => {
            return failed(
                cannot,
                vec![format!(
                    "{url} could not be reached: the network may be down, or the server does not allow this site to load it."
                )],
            )
        }
    };
    if !response.ok() {
        return failed(
            cannot,
            vec![format!(
                "{url} answered with HTTP status {}.",
                response.status()
            )],
        );
    }
    let declared: Option<usize> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse().ok());
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return too_large();
    }
    match response.text().await {
        Ok(text) if text.len() > MAX_BYTES => too_large(),
        Ok(text) => parse_bank(&text),
        Err(_) if timed_out.get() => failed(
            cannot,
            vec![format!(
                "The download did not finish within {} seconds.",
                FETCH_TIMEOUT_MS / 1000
            )],
        ),
        Err(_) => failed(cannot, vec!["The download was interrupted.".to_string()]),
    }
}

fn too_large() -> BankState {
    failed(
        "The question bank is too large.",
        vec![format!("Banks may be at most {} KB.", MAX_BYTES / 1024)],
    )
}
