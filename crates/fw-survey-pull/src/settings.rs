//! [`PullSettings`]: where the survey service is and how hard to try.

use std::time::Duration;

use crate::error::PullError;

/// Where the survey service is and how hard to try before giving up.
///
/// `base_url` has no useful default: [`SurveyPull::new`](crate::SurveyPull::new) refuses
/// an empty one, so a forgotten setting fails at start-up rather than at the first pull.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullSettings {
    /// The collection URL, e.g. `http://127.0.0.1:8080/api/v1/surveys`. `limit` and
    /// `cursor` are appended to its query; other query parameters it carries are kept.
    pub base_url: String,
    /// Items asked for per page (`limit`).
    pub page_size: u32,
    /// The whole of one request: connect, headers and body.
    pub request_timeout: Duration,
    /// Tries per page, the first one included.
    pub max_attempts: u32,
    /// The ceiling of the first retry's random wait; it doubles per retry.
    pub initial_backoff: Duration,
    /// No wait is longer, a server's `Retry-After` included.
    pub max_backoff: Duration,
    /// Pages per pull at most; a backlog beyond it is picked up by the next pull.
    pub max_pages: u32,
}

impl Default for PullSettings {
    fn default() -> Self {
        PullSettings {
            base_url: String::new(),
            page_size: 500,
            request_timeout: Duration::from_secs(15),
            max_attempts: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_pages: 10_000,
        }
    }
}

impl PullSettings {
    /// Refuses settings that could only fail (or spin) later.
    pub(crate) fn validate(&self) -> Result<(), PullError> {
        let invalid = |reason: &str| Err(PullError::InvalidSettings(reason.to_owned()));
        if self.base_url.trim().is_empty() {
            return invalid("base_url is empty");
        }
        if self.page_size == 0 {
            return invalid("page_size must be at least 1");
        }
        if self.max_attempts == 0 {
            return invalid("max_attempts must be at least 1");
        }
        if self.max_pages == 0 {
            return invalid("max_pages must be at least 1");
        }
        if self.request_timeout.is_zero() {
            return invalid("request_timeout must be longer than zero");
        }
        if self.initial_backoff > self.max_backoff {
            return invalid("initial_backoff must not exceed max_backoff");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_url() -> PullSettings {
        PullSettings {
            base_url: "http://127.0.0.1:8080/api/v1/surveys".to_owned(),
            ..PullSettings::default()
        }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let s = PullSettings::default();
        assert_eq!(s.page_size, 500);
        assert_eq!(s.request_timeout, Duration::from_secs(15));
        assert_eq!(s.max_attempts, 5);
        assert_eq!(s.initial_backoff, Duration::from_millis(500));
        assert_eq!(s.max_backoff, Duration::from_secs(30));
        assert_eq!(s.max_pages, 10_000);
        assert!(with_url().validate().is_ok());
    }

    #[test]
    fn refuses_settings_that_cannot_work() {
        type Breaker = fn(&mut PullSettings);
        let cases: [(&str, Breaker); 6] = [
            ("base_url", |s| s.base_url = "  ".to_owned()),
            ("page_size", |s| s.page_size = 0),
            ("max_attempts", |s| s.max_attempts = 0),
            ("max_pages", |s| s.max_pages = 0),
            ("request_timeout", |s| s.request_timeout = Duration::ZERO),
            ("initial_backoff", |s| {
                s.initial_backoff = Duration::from_mins(1);
            }),
        ];
        for (field, break_it) in cases {
            let mut s = with_url();
            break_it(&mut s);
            let err = s.validate().expect_err(field).to_string();
            assert!(err.contains(field), "{err}");
        }
    }
}
