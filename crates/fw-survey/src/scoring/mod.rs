//! Blind multi-rater QA scoring: the form raters fill in, the checks on a filled-in sheet,
//! who may see which scores during a calibration round, and which calls go to calibration.

mod default_form;
mod form;
mod round;
mod sample;
mod sheet;

pub use form::{FormError, FormItem, MAX_FORM_ITEMS, MAX_SCALE, ScoringForm};
pub use round::{CalibrationRound, MIN_RATERS, ScoreVisibility, ScoringError};
pub use sample::{SplitMix64, sample_for_calibration};
pub use sheet::{ScoreSheet, SheetError};
