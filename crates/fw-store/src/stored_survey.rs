//! A survey as the review queue reads it back.

use fw_survey::{ReviewStatus, SurveyRecord};

/// One stored survey with its review state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSurvey {
    pub id: i64,
    pub record: SurveyRecord,
    pub status: ReviewStatus,
    /// Who calls the customer back, and by when (ms since the epoch).
    pub follow_up_owner: Option<String>,
    pub follow_up_due_ms: Option<i64>,
    /// Tag names, sorted.
    pub tags: Vec<String>,
    pub stored_at_ms: i64,
    pub updated_at_ms: i64,
}

/// One page of the review queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyPage {
    pub rows: Vec<StoredSurvey>,
    /// How many surveys match, counted up to [`SURVEY_COUNT_CAP`].
    pub total: u64,
    /// `true` when there are more than [`SURVEY_COUNT_CAP`] (the count stops there: counting
    /// a million rows on every keystroke would cost more than the page itself).
    pub total_capped: bool,
}

/// Where the review queue stops counting matches.
pub const SURVEY_COUNT_CAP: u64 = 10_000;
/// Longest page the store returns.
pub const MAX_SURVEY_PAGE: u32 = 500;

/// A survey the store already holds (same call), met during an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateCall {
    /// Position in the imported slice.
    pub index: usize,
    pub call_ref: String,
    /// The stored survey for that call.
    pub existing_id: i64,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyImportOutcome {
    /// Surveys written.
    pub stored: u64,
    /// Calls already stored. When the import was not told to skip them, nothing was written.
    pub duplicates: Vec<DuplicateCall>,
}

/// A note a reviewer wrote on a survey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyNote {
    pub id: i64,
    pub survey_id: i64,
    pub author: String,
    pub at_ms: i64,
    pub body: String,
}

/// One tag of the managed list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyTagRecord {
    /// Stable key, e.g. `product_defect`.
    pub name: String,
    pub label_en: String,
    pub label_zh: String,
    /// Retired tags stay on surveys but cannot be added again.
    pub retired: bool,
}

/// Longest note, in bytes.
pub const MAX_NOTE_BYTES: usize = 8_000;
