//! One rater's filled-in form for one call.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::form::ScoringForm;
use crate::record::MAX_COMMENT_CHARS;

/// A rater's scores for one call, by item key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheet {
    pub rater: String,
    /// (item key, score), one per item of the form.
    pub values: Vec<(String, u8)>,
    pub comment: Option<String>,
}

/// Why a sheet does not fit its form.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SheetError {
    #[error("the sheet has no rater")]
    NoRater,
    #[error("\"{0}\" is not an item of this form")]
    UnknownItem(String),
    #[error("\"{0}\" is scored more than once")]
    ScoredTwice(String),
    #[error("\"{0}\" is not scored")]
    Unscored(String),
    #[error("\"{key}\" is scored {value}; its scale is {min}–{max}")]
    OutOfRange {
        key: String,
        value: u8,
        min: u8,
        max: u8,
    },
    #[error("the comment is {0} characters long; at most {MAX_COMMENT_CHARS} are kept")]
    CommentTooLong(usize),
}

impl ScoreSheet {
    /// The score given to the item `key`, as a number for agreement figures.
    pub fn value(&self, key: &str) -> Option<f64> {
        self.values
            .iter()
            .find(|(item, _)| item == key)
            .map(|(_, v)| f64::from(*v))
    }
}

impl ScoringForm {
    /// Checks a sheet against this form: a rater, every item scored exactly once within
    /// its scale, no other keys. Problems are reported in the sheet's order, then the
    /// form's (for unscored items).
    pub fn check_sheet(&self, sheet: &ScoreSheet) -> Result<(), SheetError> {
        if sheet.rater.trim().is_empty() {
            return Err(SheetError::NoRater);
        }
        let mut scored = HashSet::with_capacity(sheet.values.len());
        for (key, value) in &sheet.values {
            let item = self
                .item(key)
                .ok_or_else(|| SheetError::UnknownItem(key.clone()))?;
            if !scored.insert(key.as_str()) {
                return Err(SheetError::ScoredTwice(key.clone()));
            }
            if !(item.min..=item.max).contains(value) {
                return Err(SheetError::OutOfRange {
                    key: key.clone(),
                    value: *value,
                    min: item.min,
                    max: item.max,
                });
            }
        }
        if let Some(item) = self
            .items
            .iter()
            .find(|item| !scored.contains(item.key.as_str()))
        {
            return Err(SheetError::Unscored(item.key.clone()));
        }
        if let Some(comment) = &sheet.comment {
            let chars = comment.chars().count();
            if chars > MAX_COMMENT_CHARS {
                return Err(SheetError::CommentTooLong(chars));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_sheet(form: &ScoringForm, score: u8) -> ScoreSheet {
        ScoreSheet {
            rater: "li.na".to_owned(),
            values: form.items.iter().map(|i| (i.key.clone(), score)).collect(),
            comment: None,
        }
    }

    #[test]
    fn a_complete_sheet_in_range_passes() {
        let form = ScoringForm::default_form();
        assert_eq!(form.check_sheet(&full_sheet(&form, 4)), Ok(()));
    }

    #[test]
    fn missing_extra_repeated_and_out_of_range_scores_are_refused() {
        let form = ScoringForm::default_form();
        let mut sheet = full_sheet(&form, 4);
        sheet.values.pop();
        assert_eq!(
            form.check_sheet(&sheet),
            Err(SheetError::Unscored("closing".to_owned()))
        );
        let mut sheet = full_sheet(&form, 4);
        sheet.values.push(("greeting".to_owned(), 3));
        assert_eq!(
            form.check_sheet(&sheet),
            Err(SheetError::ScoredTwice("greeting".to_owned()))
        );
        let mut sheet = full_sheet(&form, 4);
        sheet.values.push(("speed".to_owned(), 3));
        assert_eq!(
            form.check_sheet(&sheet),
            Err(SheetError::UnknownItem("speed".to_owned()))
        );
        let sheet = full_sheet(&form, 6);
        assert_eq!(
            form.check_sheet(&sheet),
            Err(SheetError::OutOfRange {
                key: "greeting".to_owned(),
                value: 6,
                min: 1,
                max: 5
            })
        );
        let mut sheet = full_sheet(&form, 3);
        sheet.rater = " ".to_owned();
        assert_eq!(form.check_sheet(&sheet), Err(SheetError::NoRater));
    }
}
