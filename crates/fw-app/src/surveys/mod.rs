//! Post-call survey review: the quality manager's workspace over the store.

mod agreement;
mod desk;
mod export;
mod import;
mod import_preview;
mod intake;
mod pull;
mod pull_status;
mod qa;
mod review;
mod service;
mod survey_error;
mod trends;

pub use agreement::{FormAgreement, ItemAgreement};
pub use desk::SurveyDesk;
pub use import::{DuplicateRow, ImportReport, ImportRequest, MAX_IMPORT_BYTES};
pub(crate) use intake::SurveyIntake;
pub use pull::{
    PULL_MAX_PAGES, SURVEY_KEYRING_SERVICE, SURVEY_PULL_CURSOR_SETTING, SURVEY_TOKEN_ENV,
};
pub use pull_status::{PullReport, PullState, PullTrigger, SurveyPullStatus};
pub use qa::RoundView;
pub use review::{ReviewAction, SurveyDetail};
pub use survey_error::SurveyError;
pub use trends::{MAX_TREND_LINES, TrendInterval, TrendSeries};
