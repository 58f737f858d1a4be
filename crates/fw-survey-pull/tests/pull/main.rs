//! fw-survey-pull's integration tests: the real client against a scripted HTTP/1.1
//! server on 127.0.0.1 (see `server`). Backoffs are a few milliseconds so the suite
//! stays fast; no test asserts on timing beyond "it retried".

mod errors;
mod paging;
mod retries;
mod server;

use std::time::Duration;

use fw_survey_pull::{BearerToken, PullSettings, SurveyPull};

/// The token every test sends; distinctive, so a leak into a message is easy to find.
pub const TOKEN: &str = "tok-S3cr3t-0042";

/// Small pages and quick retries.
pub fn settings(base_url: String) -> PullSettings {
    PullSettings {
        base_url,
        page_size: 2,
        request_timeout: Duration::from_secs(5),
        max_attempts: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        max_pages: 50,
    }
}

pub fn client(settings: PullSettings) -> SurveyPull {
    SurveyPull::new(settings, BearerToken::new(TOKEN.to_owned()).unwrap()).unwrap()
}
