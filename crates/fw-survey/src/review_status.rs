//! Where a survey is in the quality manager's workflow.

use serde::{Deserialize, Serialize};

/// New → in review → follow-up (someone calls the customer back) → closed. Any status may be
/// set from any other: a closed case reopens when the customer calls again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    New,
    InReview,
    FollowUp,
    Closed,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::New,
        ReviewStatus::InReview,
        ReviewStatus::FollowUp,
        ReviewStatus::Closed,
    ];

    /// Stable name, as stored and sent over IPC.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::New => "new",
            ReviewStatus::InReview => "in_review",
            ReviewStatus::FollowUp => "follow_up",
            ReviewStatus::Closed => "closed",
        }
    }

    pub fn parse(name: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }

    /// "Reviewed" in the queue's filter: someone has looked at it.
    pub const fn is_reviewed(self) -> bool {
        !matches!(self, ReviewStatus::New)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for status in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ReviewStatus::parse("done"), None);
    }
}
