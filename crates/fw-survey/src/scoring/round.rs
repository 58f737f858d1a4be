//! Who sees which scores while a calibration round is being scored.
//!
//! Raters score blind: seeing a colleague's score first anchors your own, and agreement
//! measured on anchored scores flatters the team. So nobody sees another rater's sheet
//! until every assigned rater has handed theirs in.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A round needs at least this many raters: agreement between two says little about a
/// team, and with two each rater could work out the other's score from the summary.
pub const MIN_RATERS: usize = 3;

/// What one person may see of a round's sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreVisibility {
    /// Their own sheet only (nothing, for someone who has no sheet in the round).
    OwnOnly,
    /// Who has scored, but no scores: a manager following a round still being scored.
    ProgressOnly,
    /// Every sheet.
    All,
}

/// A round of several raters scoring the same call. Stored as it is: `raters` as assigned
/// (trimmed, distinct), `scored_by` in the order sheets came in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationRound {
    pub raters: Vec<String>,
    pub scored_by: Vec<String>,
}

/// Why a round cannot be set up or updated as asked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScoringError {
    #[error("a calibration round needs at least {MIN_RATERS} different raters; {0} were given")]
    TooFewRaters(usize),
    #[error("a rater's name is empty")]
    EmptyRaterName,
    #[error("{0} is not a rater in this round")]
    NotARater(String),
}

impl CalibrationRound {
    /// A round for these raters (names trimmed, repeats dropped), nobody scored yet.
    pub fn new<I, S>(raters: I) -> Result<CalibrationRound, ScoringError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut distinct: Vec<String> = Vec::new();
        for rater in raters {
            let rater: String = rater.into();
            let name = rater.trim();
            if name.is_empty() {
                return Err(ScoringError::EmptyRaterName);
            }
            if !distinct.iter().any(|known| known == name) {
                distinct.push(name.to_owned());
            }
        }
        if distinct.len() < MIN_RATERS {
            return Err(ScoringError::TooFewRaters(distinct.len()));
        }
        Ok(CalibrationRound {
            raters: distinct,
            scored_by: Vec::new(),
        })
    }

    pub fn is_rater(&self, name: &str) -> bool {
        let name = name.trim();
        self.raters.iter().any(|rater| rater == name)
    }

    pub fn has_scored(&self, name: &str) -> bool {
        let name = name.trim();
        self.scored_by.iter().any(|scorer| scorer == name)
    }

    /// Notes that a rater handed in their sheet (again is a no-op: a rater may correct
    /// their sheet until the round is complete, which the store decides).
    pub fn record_scored(&mut self, rater: &str) -> Result<(), ScoringError> {
        let rater = rater.trim();
        if !self.is_rater(rater) {
            return Err(ScoringError::NotARater(rater.to_owned()));
        }
        if !self.has_scored(rater) {
            self.scored_by.push(rater.to_owned());
        }
        Ok(())
    }

    /// The raters still to score, in assignment order.
    pub fn waiting_for(&self) -> Vec<&str> {
        self.raters
            .iter()
            .filter(|rater| !self.has_scored(rater))
            .map(String::as_str)
            .collect()
    }

    /// Every assigned rater has scored. A stored round that somehow has fewer than
    /// [`MIN_RATERS`] raters never completes, so it never unblinds.
    pub fn is_complete(&self) -> bool {
        let distinct: HashSet<&str> = self.raters.iter().map(String::as_str).collect();
        distinct.len() >= MIN_RATERS && self.raters.iter().all(|rater| self.has_scored(rater))
    }

    /// What `viewer` may see now. An assigned rater sees their own sheet until the round is
    /// complete, then all; a manager who is not a rater sees who has scored until then,
    /// then all; a manager who is also a rater scores blind like any rater. Anyone else
    /// sees only their own sheet, that is nothing.
    pub fn visibility(&self, viewer: &str, viewer_is_manager: bool) -> ScoreVisibility {
        let complete = self.is_complete();
        if self.is_rater(viewer) {
            if complete {
                ScoreVisibility::All
            } else {
                ScoreVisibility::OwnOnly
            }
        } else if viewer_is_manager {
            if complete {
                ScoreVisibility::All
            } else {
                ScoreVisibility::ProgressOnly
            }
        } else {
            ScoreVisibility::OwnOnly
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round() -> CalibrationRound {
        CalibrationRound::new(["wang", "li", " zhao "]).expect("three raters")
    }

    #[test]
    fn fewer_than_three_distinct_raters_is_refused() {
        assert_eq!(
            CalibrationRound::new(["wang", "li", "wang "]),
            Err(ScoringError::TooFewRaters(2))
        );
        assert_eq!(
            CalibrationRound::new(vec!["a".to_owned(), String::new(), "b".to_owned()]),
            Err(ScoringError::EmptyRaterName)
        );
        assert_eq!(round().raters, ["wang", "li", "zhao"]);
    }

    #[test]
    fn nobody_sees_another_sheet_until_the_last_rater_scores() {
        let mut round = round();
        round.record_scored("wang").expect("a rater");
        round.record_scored("li").expect("a rater");
        assert_eq!(round.visibility("wang", false), ScoreVisibility::OwnOnly);
        assert_eq!(round.visibility("zhao", true), ScoreVisibility::OwnOnly);
        assert_eq!(
            round.visibility("boss", true),
            ScoreVisibility::ProgressOnly
        );
        assert_eq!(round.visibility("someone", false), ScoreVisibility::OwnOnly);
        assert_eq!(round.waiting_for(), ["zhao"]);
        round.record_scored("zhao").expect("a rater");
        assert!(round.is_complete());
        assert_eq!(round.visibility("wang", false), ScoreVisibility::All);
        assert_eq!(round.visibility("boss", true), ScoreVisibility::All);
        assert_eq!(round.visibility("someone", false), ScoreVisibility::OwnOnly);
    }

    #[test]
    fn only_assigned_raters_score_and_scoring_twice_counts_once() {
        let mut round = round();
        assert_eq!(
            round.record_scored("boss"),
            Err(ScoringError::NotARater("boss".to_owned()))
        );
        round.record_scored("li").expect("a rater");
        round.record_scored("li").expect("again");
        assert_eq!(round.scored_by, ["li"]);
    }

    #[test]
    fn a_tampered_round_with_too_few_raters_never_unblinds() {
        let round = CalibrationRound {
            raters: vec!["a".to_owned(), "b".to_owned()],
            scored_by: vec!["a".to_owned(), "b".to_owned()],
        };
        assert!(!round.is_complete());
        assert_eq!(round.visibility("a", false), ScoreVisibility::OwnOnly);
    }
}
