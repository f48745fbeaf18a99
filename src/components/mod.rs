//! Small components that render state and emit actions.

mod citations;
mod error;
mod question;
mod quiz;
mod results;
mod start;

pub use citations::{Bibliography, Citations, Disclaimer};
pub use error::{BankError, BankErrorProps, Loading};
pub use question::{QuestionProps, QuestionView};
pub use quiz::{Quiz, QuizProps};
pub use results::{Results, ResultsProps};
pub use start::Start;
