//! Post-call survey review: the quality manager's workspace over the store.

mod desk;
mod review;
mod survey_error;

pub use desk::SurveyDesk;
pub use review::{ReviewAction, SurveyDetail};
pub use survey_error::SurveyError;
