//! `use_bank`: the compiled-in bank, or a JSON bank fetched from `?bank=`,
//! with a size limit, a timeout and a readable error for every failure.

use std::rc::Rc;

use quiz_core::validate::limits::MAX_BYTES;
use quiz_core::{from_json, Loaded};
use yew::prelude::*;

use crate::config::BankSource;

/// Longest wait for a bank, in milliseconds.
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

/// One line of an error: an interface message, or text from the validator
/// (with its line and column), which is shown as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Message(&'static str, Vec<(&'static str, String)>),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// Catalogue key of the one-sentence summary.
    pub summary: &'static str,
    pub details: Vec<Detail>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BankState {
    Loading,
    Ready(Rc<Loaded>),
    Failed(Rc<LoadError>),
}

fn failed(summary: &'static str, details: Vec<Detail>) -> BankState {
    BankState::Failed(Rc::new(LoadError { summary, details }))
}

fn message(key: &'static str, args: &[(&'static str, String)]) -> Detail {
    Detail::Message(key, args.to_vec())
}

/// Parses and validates bank text into a state.
pub fn parse_bank(text: &str) -> BankState {
    // For the benchmark: parse + validate shows as the "bank-parse" measure.
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("bank-parse-start");
    }
    let result = from_json(text);
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark("bank-parse", "bank-parse-start");
    }
    match result {
        Ok(loaded) => BankState::Ready(Rc::new(loaded)),
        Err(diagnostics) => failed(
            if diagnostics.iter().any(quiz_core::parse::is_truncated) {
                "error_bank_truncated"
            } else {
                "error_bank_invalid"
            },
            // Visitors see the errors; warnings are for the bank's author.
            diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| Detail::Text(d.to_string()))
                .collect(),
        ),
    }
}

fn initial(source: &BankSource) -> BankState {
    match source {
        BankSource::Default => parse_bank(crate::DEFAULT_BANK_JSON),
        BankSource::Url(_) => BankState::Loading,
        BankSource::Invalid(why) => failed("error_bank_address", vec![Detail::Text(why.clone())]),
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
    let cannot = "error_bank_unreachable";
    let seconds = (FETCH_TIMEOUT_MS / 1000).to_string();
    let response = match gloo::net::http::Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
    {
        Ok(r) => r,
        Err(_) if timed_out.get() => {
            return failed(cannot, vec![message("error_timeout", &[("n", seconds)])])
        }
        Err(_) => {
            return failed(
                cannot,
                vec![message("error_network", &[("url", url.to_string())])],
            )
        }
    };
    if !response.ok() {
        return failed(
            cannot,
            vec![message(
                "error_http",
                &[
                    ("url", url.to_string()),
                    ("status", response.status().to_string()),
                ],
            )],
        );
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("html") {
        return failed(
            cannot,
            vec![message(
                "error_not_a_bank",
                &[("url", url.to_string()), ("type", content_type)],
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
        Err(_) if timed_out.get() => {
            failed(cannot, vec![message("error_timeout", &[("n", seconds)])])
        }
        Err(_) => failed(cannot, vec![message("error_interrupted", &[])]),
    }
}

fn too_large() -> BankState {
    failed(
        "error_bank_too_large",
        vec![message(
            "error_max_size",
            &[("n", (MAX_BYTES / (1024 * 1024)).to_string())],
        )],
    )
}
