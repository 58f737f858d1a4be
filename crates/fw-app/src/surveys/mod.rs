//! Post-call survey review: the quality manager's workspace over the store.

mod agreement;
mod desk;
mod export;
mod import;
mod intake;
mod qa;
mod review;
mod survey_error;
mod trends;

pub use agreement::{FormAgreement, ItemAgreement};
pub use desk::SurveyDesk;
pub use import::{DuplicateRow, ImportReport, ImportRequest, MAX_IMPORT_BYTES};
pub(crate) use intake::SurveyIntake;
pub use qa::RoundView;
pub use review::{ReviewAction, SurveyDetail};
pub use survey_error::SurveyError;
pub use trends::{MAX_TREND_LINES, TrendInterval, TrendSeries};
