//! Why a survey action did not go through.

use crate::roles::{Permission, Role};

/// Every refusal names what is wrong; screens translate by [`SurveyError::code`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SurveyError {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("the {role} role may not {}", permission.name())]
    NotPermitted { role: Role, permission: Permission },
    #[error("there is no survey {0}")]
    NoSuchSurvey(i64),
    #[error("{0}")]
    Invalid(String),
    /// The import was refused as a whole; the report says which rows and why.
    #[error("the import was refused: {0}")]
    ImportRejected(String),
    #[error("the audit trail cannot be written, so the action is refused: {0}")]
    AuditUnavailable(String),
    #[error("the survey store failed: {0}")]
    Store(String),
    #[error("this console has no survey store (the store could not be opened)")]
    NotAvailable,
}

impl SurveyError {
    /// A stable code for screens (they translate by code, not by message).
    pub fn code(&self) -> &'static str {
        match self {
            SurveyError::UnknownUser(_) => "survey.unknown_user",
            SurveyError::NotPermitted { .. } => "survey.not_permitted",
            SurveyError::NoSuchSurvey(_) => "survey.no_such_survey",
            SurveyError::Invalid(_) => "survey.invalid",
            SurveyError::ImportRejected(_) => "survey.import_rejected",
            SurveyError::AuditUnavailable(_) => "survey.audit_unavailable",
            SurveyError::Store(_) => "survey.store",
            SurveyError::NotAvailable => "survey.not_available",
        }
    }
}

impl From<fw_store::StoreError> for SurveyError {
    fn from(error: fw_store::StoreError) -> Self {
        match error {
            fw_store::StoreError::InvalidInput(reason) => SurveyError::Invalid(reason),
            other => SurveyError::Store(other.to_string()),
        }
    }
}
