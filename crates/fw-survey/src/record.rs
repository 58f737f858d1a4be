//! One stored survey: the caller's answers and the facts of the call they answered about.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest comment kept, in characters. Longer comments are refused at import (an export that
/// puts a whole transcript in the comment column is a mapping mistake, not a comment).
pub const MAX_COMMENT_CHARS: usize = 4_000;
/// Longest call reference, queue, site or agent name, in bytes.
pub const MAX_NAME_BYTES: usize = 200;

/// What the caller answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyAnswers {
    /// 1–5.
    pub csat: u8,
    /// 0–10, when asked.
    pub nps: Option<u8>,
    /// "Was it resolved on first contact?", when asked.
    pub first_contact_resolution: Option<bool>,
    pub comment: Option<String>,
}

/// The call the survey is about, as the platform (or the exporting tool) knew it. Names, not
/// interned ids: a survey outlives the topology it was taken under.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFacts {
    pub site: String,
    pub queue: String,
    /// The agent who answered (empty when unknown).
    pub agent: String,
    /// Seconds the caller waited in queues, when known.
    pub wait_secs: Option<u32>,
    /// Seconds of talk, when known.
    pub talk_secs: Option<u32>,
    /// The call went to another tier.
    pub escalated: bool,
    /// The caller asked to be called back at some point.
    pub callback: bool,
}

/// A survey ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRecord {
    /// The platform's own reference for the call (Asterisk Uniqueid, the sim's call key, the
    /// exporting tool's call id): one survey per call, so it is the duplicate key.
    pub call_ref: String,
    /// When the call ended or the survey was answered, ms since the epoch.
    pub answered_at_ms: i64,
    pub facts: CallFacts,
    pub answers: SurveyAnswers,
    /// Where it came from: "live", "import:<file>", "http:<service>".
    pub origin: String,
}

/// Why a survey cannot be stored as given.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SurveyRecordError {
    #[error("the call reference is empty")]
    MissingCallRef,
    #[error("CSAT {0} is outside 1–5")]
    CsatOutOfRange(i64),
    #[error("NPS {0} is outside 0–10")]
    NpsOutOfRange(i64),
    #[error("the comment is {0} characters long; at most {MAX_COMMENT_CHARS} are kept")]
    CommentTooLong(usize),
    #[error("{field} is longer than {MAX_NAME_BYTES} bytes")]
    NameTooLong { field: &'static str },
}

impl SurveyRecord {
    /// Checks the ranges a stored survey must respect.
    pub fn validate(&self) -> Result<(), SurveyRecordError> {
        if self.call_ref.trim().is_empty() {
            return Err(SurveyRecordError::MissingCallRef);
        }
        if !(1..=5).contains(&self.answers.csat) {
            return Err(SurveyRecordError::CsatOutOfRange(i64::from(
                self.answers.csat,
            )));
        }
        if let Some(nps) = self.answers.nps.filter(|nps| *nps > 10) {
            return Err(SurveyRecordError::NpsOutOfRange(i64::from(nps)));
        }
        if let Some(comment) = &self.answers.comment {
            let chars = comment.chars().count();
            if chars > MAX_COMMENT_CHARS {
                return Err(SurveyRecordError::CommentTooLong(chars));
            }
        }
        for (field, value) in [
            ("the call reference", &self.call_ref),
            ("the site", &self.facts.site),
            ("the queue", &self.facts.queue),
            ("the agent", &self.facts.agent),
        ] {
            if value.len() > MAX_NAME_BYTES {
                return Err(SurveyRecordError::NameTooLong { field });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SurveyRecord {
        SurveyRecord {
            call_ref: "1700000000.42".to_owned(),
            answered_at_ms: 1_700_000_000_000,
            facts: CallFacts {
                site: "north".to_owned(),
                queue: "billing".to_owned(),
                agent: "王芳".to_owned(),
                wait_secs: Some(31),
                talk_secs: Some(240),
                escalated: false,
                callback: false,
            },
            answers: SurveyAnswers {
                csat: 4,
                nps: Some(9),
                first_contact_resolution: Some(true),
                comment: Some("很好".to_owned()),
            },
            origin: "live".to_owned(),
        }
    }

    #[test]
    fn a_well_formed_record_passes_and_each_range_is_checked() {
        assert_eq!(record().validate(), Ok(()));
        let mut bad = record();
        bad.answers.csat = 0;
        assert_eq!(bad.validate(), Err(SurveyRecordError::CsatOutOfRange(0)));
        let mut bad = record();
        bad.answers.nps = Some(11);
        assert_eq!(bad.validate(), Err(SurveyRecordError::NpsOutOfRange(11)));
        let mut bad = record();
        bad.call_ref = " ".to_owned();
        assert_eq!(bad.validate(), Err(SurveyRecordError::MissingCallRef));
        let mut bad = record();
        bad.answers.comment = Some("好".repeat(MAX_COMMENT_CHARS + 1));
        assert_eq!(
            bad.validate(),
            Err(SurveyRecordError::CommentTooLong(MAX_COMMENT_CHARS + 1))
        );
    }
}
