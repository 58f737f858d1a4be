//! A survey from the platform's event stream, joined to the facts of its call.

use fw_domain::{CallId, Survey};

use crate::{CallFacts, SurveyAnswers, SurveyRecord};

/// What [`super::CallFactsLedger::observe`] hands out: ready to become a stored
/// [`SurveyRecord`] once the connector supplies the platform's reference for the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgeredSurvey {
    pub call: CallId,
    /// The platform's lasting reference for the call (see [`Survey::reference`]).
    pub reference: String,
    /// When the survey arrived, or when its call ended if that was later (a survey that
    /// overtook its call's end was answered after it).
    pub answered_at_ms: i64,
    /// Empty (`CallFacts::default()`) for a call the ledger never saw or has forgotten.
    pub facts: CallFacts,
    pub answers: SurveyAnswers,
}

impl LedgeredSurvey {
    /// The record to store, under the platform's reference for the call (the interned
    /// `CallId` means nothing outside this process) and with its origin (e.g. "live").
    pub fn to_record(&self, origin: impl Into<String>) -> SurveyRecord {
        SurveyRecord {
            call_ref: self.reference.clone(),
            answered_at_ms: self.answered_at_ms,
            facts: self.facts.clone(),
            answers: self.answers.clone(),
            origin: origin.into(),
        }
    }
}

impl From<&Survey> for SurveyAnswers {
    fn from(survey: &Survey) -> SurveyAnswers {
        SurveyAnswers {
            csat: survey.csat,
            nps: survey.nps,
            first_contact_resolution: survey.first_contact_resolution,
            comment: survey.comment.clone(),
        }
    }
}
