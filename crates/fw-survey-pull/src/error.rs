//! [`PullError`]: why a pull failed, and what of it arrived anyway.

use std::time::Duration;

use crate::batch::PullBatch;

/// Why a pull failed. [`PullError::code`] gives a stable machine-readable code, so
/// callers (and the console) classify failures without matching message text.
///
/// A failure after at least one page arrived is wrapped in [`PullError::Interrupted`],
/// which carries those pages: store them and resume from `partial.next_cursor`. A
/// failure on the first page is returned bare, since nothing arrived that could be lost.
///
/// No variant ever holds the bearer token; a server that echoes it into an error body
/// has it replaced by `***` in the excerpt.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PullError {
    #[error("invalid survey pull settings: {0}")]
    InvalidSettings(String),
    #[error("invalid bearer token: {0}")]
    InvalidToken(&'static str),
    #[error("could not set up the HTTP client: {0}")]
    Client(String),
    /// 401 or 403: not retried, since the same token will be refused again.
    #[error("the survey service refused the bearer token (HTTP {status}); check or renew it")]
    Unauthorized { status: u16 },
    /// The URL that was asked for, with its `limit` and `cursor`.
    #[error("the survey endpoint was not found (HTTP 404): {0}")]
    NotFound(String),
    /// Any other unexpected status; `body_excerpt` is at most 200 characters of the
    /// body with control characters stripped.
    #[error("the survey service answered HTTP {status}: {body_excerpt}")]
    Http { status: u16, body_excerpt: String },
    /// The connection could not be made or broke off.
    #[error("could not reach the survey service: {0}")]
    Transport(String),
    #[error("the survey service did not answer within {0:?}")]
    Timeout(Duration),
    /// Not JSON, no item array, a non-object item, a cursor of the wrong type, or a
    /// page over the size limit. Not retried: the server would send the same again.
    #[error("survey page {page} is malformed: {reason}")]
    Malformed { page: u32, reason: String },
    /// A server bug: a cursor came back that this pull had already followed. Going on
    /// would loop, so the page that repeated it is dropped and the pull stops.
    #[error(
        "survey page {page} handed out cursor {cursor:?} a second time; stopped rather than loop"
    )]
    RepeatedCursor { page: u32, cursor: String },
    /// `max_pages` pages arrived and the service still had more.
    #[error("stopped after max_pages ({max_pages}) pages with more to come")]
    PageLimit { max_pages: u32 },
    /// Every attempt at one page failed with a retryable cause.
    #[error("gave up on survey page {page} after {attempts} attempts; last cause: {last}")]
    AttemptsExhausted {
        page: u32,
        attempts: u32,
        last: Box<PullError>,
    },
    /// A later page failed; `partial` holds every page before it.
    #[error(
        "survey pull interrupted after {} items in {} pages (resume from the partial batch): {cause}",
        partial.items.len(),
        partial.pages
    )]
    Interrupted {
        partial: PullBatch,
        cause: Box<PullError>,
    },
}

impl PullError {
    /// A stable, machine-readable code for the variant.
    pub fn code(&self) -> &'static str {
        match self {
            PullError::InvalidSettings(_) => "invalid_settings",
            PullError::InvalidToken(_) => "invalid_token",
            PullError::Client(_) => "client",
            PullError::Unauthorized { .. } => "unauthorized",
            PullError::NotFound(_) => "not_found",
            PullError::Http { .. } => "http",
            PullError::Transport(_) => "transport",
            PullError::Timeout(_) => "timeout",
            PullError::Malformed { .. } => "malformed",
            PullError::RepeatedCursor { .. } => "repeated_cursor",
            PullError::PageLimit { .. } => "page_limit",
            PullError::AttemptsExhausted { .. } => "attempts_exhausted",
            PullError::Interrupted { .. } => "interrupted",
        }
    }

    /// The pages that arrived before the failure, if any did.
    pub fn partial(&self) -> Option<&PullBatch> {
        match self {
            PullError::Interrupted { partial, .. } => Some(partial),
            _ => None,
        }
    }

    /// Takes the pages that arrived before the failure, if any did.
    pub fn into_partial(self) -> Option<PullBatch> {
        match self {
            PullError::Interrupted { partial, .. } => Some(partial),
            _ => None,
        }
    }

    /// What went wrong underneath the wrappers: the cause of an interruption and the
    /// last cause of exhausted attempts.
    pub fn root_cause(&self) -> &PullError {
        match self {
            PullError::Interrupted { cause, .. } => cause.root_cause(),
            PullError::AttemptsExhausted { last, .. } => last.root_cause(),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrupted_carries_the_partial_batch_and_names_the_cause() {
        let err = PullError::Interrupted {
            partial: PullBatch {
                items: vec![serde_json::json!({"id": 1})],
                next_cursor: Some("c1".to_owned()),
                pages: 1,
                retries: 4,
            },
            cause: Box::new(PullError::AttemptsExhausted {
                page: 2,
                attempts: 5,
                last: Box::new(PullError::Http {
                    status: 503,
                    body_excerpt: "busy".to_owned(),
                }),
            }),
        };
        let text = err.to_string();
        assert!(text.contains("1 items in 1 pages"), "{text}");
        assert!(text.contains("after 5 attempts"), "{text}");
        assert!(text.contains("HTTP 503: busy"), "{text}");
        assert_eq!(err.code(), "interrupted");
        assert_eq!(err.root_cause().code(), "http");
        assert_eq!(err.partial().unwrap().next_cursor.as_deref(), Some("c1"));
        assert_eq!(err.into_partial().unwrap().items.len(), 1);
    }
}
