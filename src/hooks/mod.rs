//! Effects: loading the bank, saving progress. Components stay pure renderers.

mod bank;
mod document;
mod progress;
pub mod storage;

pub use bank::{use_bank, BankState, Detail, LoadError};
pub use document::{browser_languages, use_document};
pub use progress::{use_quiz, Notice};

/// A fresh seed for shuffling. Not for security; only varies the order.
pub fn random_seed() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        (hi << 32) | lo
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0x5eed
    }
}
