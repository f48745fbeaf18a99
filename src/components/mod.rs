//! Small components that render state and emit actions.

mod citations;
mod error;
mod question;
mod quiz;
mod results;
mod start;

pub use citations::{Bibliography, Citations, Disclaimer};
pub use error::{BankError, Loading};
pub use question::QuestionView;
pub use quiz::Quiz;
pub use results::Results;
pub use start::Start;
