//! How urgently a survey needs review: the review queue's first sort key.

use serde::{Deserialize, Serialize};

use crate::SurveyAnswers;

/// Detractors and low CSAT first, then surveys with a comment, then the rest. Stored as a
/// small integer beside each survey so the queue is an index scan, not a computed sort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewNeed {
    /// An NPS detractor (0–6) or a CSAT of 1 or 2.
    Unhappy = 0,
    /// Not unhappy, but the caller wrote something.
    Commented = 1,
    Rest = 2,
}

/// CSAT at or below this is "low".
pub const LOW_CSAT: u8 = 2;

impl ReviewNeed {
    pub fn of(answers: &SurveyAnswers) -> ReviewNeed {
        let detractor = answers.nps.is_some_and(|nps| nps <= 6);
        if detractor || answers.csat <= LOW_CSAT {
            ReviewNeed::Unhappy
        } else if answers
            .comment
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            ReviewNeed::Commented
        } else {
            ReviewNeed::Rest
        }
    }

    /// The stored rank: lower is reviewed first.
    pub const fn rank(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(csat: u8, nps: Option<u8>, comment: Option<&str>) -> SurveyAnswers {
        SurveyAnswers {
            csat,
            nps,
            first_contact_resolution: None,
            comment: comment.map(str::to_owned),
        }
    }

    #[test]
    fn detractors_and_low_csat_come_before_comments_before_the_rest() {
        assert_eq!(
            ReviewNeed::of(&answers(5, Some(3), None)),
            ReviewNeed::Unhappy
        );
        assert_eq!(
            ReviewNeed::of(&answers(2, Some(10), None)),
            ReviewNeed::Unhappy
        );
        assert_eq!(
            ReviewNeed::of(&answers(4, Some(8), Some("等太久"))),
            ReviewNeed::Commented
        );
        assert_eq!(
            ReviewNeed::of(&answers(4, None, Some("  "))),
            ReviewNeed::Rest
        );
        assert_eq!(ReviewNeed::of(&answers(3, None, None)), ReviewNeed::Rest);
        assert!(ReviewNeed::Unhappy < ReviewNeed::Commented);
    }
}
