//! What a review queue page asks for: filters and an order.

use serde::{Deserialize, Serialize};

use crate::{NpsGroup, ReviewStatus};

/// An inclusive range; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

impl<T: PartialOrd + Copy> Range<T> {
    pub fn contains(&self, value: T) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }

    pub fn is_open(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// The review queue's filters. Every field narrows; the default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyFilter {
    /// Answered at, ms since the epoch: `[from, to)`.
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub site: Option<String>,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub csat: Range<u8>,
    pub nps: Range<u8>,
    pub nps_group: Option<NpsGroup>,
    pub first_contact_resolution: Option<bool>,
    pub has_comment: Option<bool>,
    /// `Some(false)`: only new surveys; `Some(true)`: only those someone has looked at.
    pub reviewed: Option<bool>,
    pub status: Option<ReviewStatus>,
    pub tag: Option<String>,
    /// Full-text search over comments (Chinese or English); at least 3 characters for the
    /// index to help, shorter terms scan.
    pub text: Option<String>,
}

/// The order of a page. The review queue's own order is [`SurveySort::Need`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveySort {
    /// Unhappy first, then commented, then the rest; newest first within each.
    #[default]
    Need,
    Newest,
    Oldest,
    CsatAscending,
    NpsAscending,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ends_accept_everything() {
        let open = Range::<u8>::default();
        assert!(open.is_open() && open.contains(0) && open.contains(255));
        let two_to_four = Range {
            min: Some(2),
            max: Some(4),
        };
        assert!(!two_to_four.contains(1) && two_to_four.contains(2) && !two_to_four.contains(5));
    }
}
