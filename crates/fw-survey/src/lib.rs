//! The pure core of post-call survey review: what a stored survey is, how urgently it needs a
//! quality manager's eyes, the review workflow, the filters a review queue takes, the rules of
//! blind multi-rater QA scoring and the agreement between raters. No IO, no clock.

mod filter;
mod nps_group;
mod record;
mod review_need;
mod review_status;
mod search_terms;

pub use filter::{Range, SurveyFilter, SurveySort};
pub use nps_group::NpsGroup;
pub use record::{CallFacts, SurveyAnswers, SurveyRecord, SurveyRecordError};
pub use review_need::ReviewNeed;
pub use review_status::ReviewStatus;
pub use search_terms::{MAX_PREFIX_CHARS, MIN_LATIN_CHARS, SearchQuery, index_terms};
