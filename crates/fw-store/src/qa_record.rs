//! Blind QA scoring as stored: forms, rounds and the raters' sheets.

/// A scoring form; `definition` is fw-survey's form as JSON (fw-app owns its meaning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QaFormRecord {
    pub id: i64,
    pub name: String,
    pub definition: String,
    pub created_at_ms: i64,
    pub created_by: String,
    pub retired: bool,
}

/// One rater's sheet in a round; `sheet` is fw-survey's score sheet as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QaScoreRecord {
    pub round_id: i64,
    pub rater: String,
    pub sheet: String,
    pub scored_at_ms: i64,
}

/// A calibration round: one surveyed call scored by three or more raters on one form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QaRoundRecord {
    pub id: i64,
    pub survey_id: i64,
    pub form_id: i64,
    pub raters: Vec<String>,
    pub created_at_ms: i64,
    pub created_by: String,
    /// Every sheet handed in so far. The store returns them all; fw-app decides who may see
    /// which (blind until every rater has scored).
    pub scores: Vec<QaScoreRecord>,
}
