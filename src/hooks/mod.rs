//! Effects: loading the bank, saving progress. Components stay pure renderers.

mod bank;
mod document;
pub mod host;
mod offline;
mod progress;
pub mod storage;
mod theme;

pub use bank::{use_bank, BankState, Detail, LoadError};
pub use document::{browser_languages, use_document};
pub use host::{use_auto_resize, use_host_events};
pub use offline::register_service_worker;
pub use progress::{use_quiz, Notice};
pub use theme::{scheme_attribute, theme_properties, use_theme};

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

/// Today's date in the visitor's time zone, `YYYY-MM-DD` (none outside a browser).
pub fn today() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        Some(format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        ))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Opens the browser's print dialog (where "Save as PDF" is offered too).
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
