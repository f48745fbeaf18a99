#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
//! The quiz engine: bank model, parsing and validation, quiz session and scoring.
//! No web dependencies: randomness (a seed) is passed in, so everything here is
//! tested natively.

pub mod bank;
pub mod card;
#[cfg(feature = "toml")]
pub mod clean;
pub mod compact;
#[cfg(feature = "toml")]
pub mod detect;
pub mod diagnostic;
#[cfg(feature = "toml")]
pub mod draft;
#[cfg(feature = "toml")]
pub mod gift;
pub mod json;
pub mod lint;
#[cfg(feature = "toml")]
pub mod moodle;
pub mod package;
pub mod parse;
pub mod progress;
pub mod qti;
pub mod read;
pub mod review;
pub mod rng;
pub mod score;
pub mod session;
pub mod stats;
pub mod validate;
pub mod zip;

#[cfg(feature = "toml")]
pub mod toml_source;

pub use bank::{Bank, Choice, Cite, Kind, Question, Source, Topic};
pub use diagnostic::{Diagnostic, Pos, Severity};
pub use parse::{from_json, from_json_checked, Loaded};
pub use score::{report, Report};
pub use session::{Options, Session};
