//! The pure core of post-call survey review: what a stored survey is, how urgently it needs a
//! quality manager's eyes, the review workflow, the filters a review queue takes, importing
//! and exporting surveys, joining live surveys to their calls' facts, survey scores, the
//! rules of blind multi-rater QA scoring and the agreement between raters. No IO, no clock.

pub mod agreement;
pub mod export;
mod filter;
mod formula_guard;
pub mod import;
pub mod ledger;
mod nps_group;
mod record;
mod review_need;
mod review_status;
pub mod scoring;
mod search_terms;
pub mod tally;

pub use filter::{Range, SurveyFilter, SurveySort};
pub use nps_group::NpsGroup;
pub use record::{
    CallFacts, MAX_COMMENT_CHARS, MAX_NAME_BYTES, SurveyAnswers, SurveyRecord, SurveyRecordError,
};
pub use review_need::ReviewNeed;
pub use review_status::ReviewStatus;
pub use search_terms::{MAX_PREFIX_CHARS, MIN_LATIN_CHARS, SearchQuery, index_terms};

pub use agreement::{ItemSpread, Metric, krippendorff_alpha, spread};
pub use import::{
    ColumnMapping, ImportFormat, ImportRejected, ImportedRow, RowProblem, SourceEncoding,
};
pub use ledger::{CallFactsLedger, LedgeredSurvey};
pub use scoring::{
    CalibrationRound, FormError, FormItem, MIN_RATERS, ScoreSheet, ScoreVisibility, ScoringError,
    ScoringForm, SheetError, sample_for_calibration,
};
pub use tally::{MIN_RELIABLE_SAMPLE, SurveyTally};
