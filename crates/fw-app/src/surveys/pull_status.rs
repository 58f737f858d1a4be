//! What the survey pull is doing and what its last pull did, for the console to show.

use std::fmt::Write as _;

use fw_survey::import::RowProblem;

/// Who asked for a pull.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullTrigger {
    /// The timer (or a backlog the previous pull left).
    Scheduled,
    /// A user pressed "pull now".
    User(String),
}

/// One pull, start to end. Nothing is half-stored: either the items that arrived were all
/// stored (calls already stored skipped) and the cursor moved past them, or nothing was
/// stored and the cursor stayed, so the next pull asks for the same items again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PullReport {
    pub trigger: PullTrigger,
    pub started_at_ms: i64,
    pub finished_at_ms: i64,
    /// Items the service sent.
    pub received: usize,
    /// New surveys stored.
    pub stored: u64,
    /// Calls already stored (a page sent twice, a survey also imported by hand).
    pub duplicates: usize,
    pub pages: u32,
    /// Requests retried (timeouts, 5xx, 429) on the way.
    pub retries: u32,
    /// Why the pull stopped early or stored nothing; what arrived before it is stored.
    pub error: Option<String>,
    /// Items the console cannot read as surveys (the first ones; `total_problems` counts
    /// all). Any bad item holds back the whole pull, as a bad row holds back an import.
    pub problems: Vec<RowProblem>,
    pub total_problems: usize,
    /// Whether the next pull starts after these items.
    pub cursor_advanced: bool,
}

impl PullReport {
    pub(super) fn new(trigger: PullTrigger, started_at_ms: i64) -> PullReport {
        PullReport {
            trigger,
            started_at_ms,
            finished_at_ms: started_at_ms,
            received: 0,
            stored: 0,
            duplicates: 0,
            pages: 0,
            retries: 0,
            error: None,
            problems: Vec::new(),
            total_problems: 0,
            cursor_advanced: false,
        }
    }

    /// Whether the pull did all it set out to.
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.total_problems == 0
    }

    /// One line for the audit trail and the log.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} received in {} pages, {} stored, {} already stored, {} retries",
            self.received, self.pages, self.stored, self.duplicates, self.retries
        );
        if self.total_problems > 0 {
            let _ = write!(
                text,
                "; held back: {} items cannot be read",
                self.total_problems
            );
        }
        if let Some(error) = &self.error {
            text.push_str("; ");
            text.push_str(error);
        }
        text
    }
}

/// Whether the console can pull at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullState {
    /// Waiting for the next pull.
    Idle,
    Pulling,
    /// It cannot pull until someone fixes this (no token, a bad URL); the console still
    /// runs without it.
    Unavailable(String),
}

/// The survey pull as the console shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyPullStatus {
    /// The survey service's collection URL (it carries no secret: the token is a header).
    pub url: String,
    pub every_minutes: u32,
    pub state: PullState,
    pub last: Option<PullReport>,
    /// When a pull last did all it set out to.
    pub last_success_at_ms: Option<i64>,
}
