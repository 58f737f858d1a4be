//! The survey service pull as the UI sees it: what it is doing, what its last pull did, and
//! the report of a pull asked for on screen.

use fw_app::{PullReport, PullState, PullTrigger, SurveyPullStatus};
use serde::Serialize;
use ts_rs::TS;

use super::RowProblemDto;

/// Whether the console can pull.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum PullStateDto {
    /// Waiting for the next pull.
    Idle,
    Pulling,
    /// It cannot pull until someone fixes this (no token, a bad URL).
    Unavailable {
        reason: String,
    },
}

impl From<&PullState> for PullStateDto {
    fn from(state: &PullState) -> Self {
        match state {
            PullState::Idle => PullStateDto::Idle,
            PullState::Pulling => PullStateDto::Pulling,
            PullState::Unavailable(reason) => PullStateDto::Unavailable {
                reason: reason.clone(),
            },
        }
    }
}

/// Who asked for a pull: the timer, or a user (by login name and the name the team shows).
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum PullTriggerDto {
    Scheduled,
    // Fields named per variant: the enum's `rename_all` renames only the variants.
    #[serde(rename_all = "camelCase")]
    User {
        name: String,
        display_name: String,
    },
}

/// One pull, start to end. Nothing is half-stored: either what arrived was stored and the
/// cursor moved past it, or nothing was and the next pull asks for the same items again.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PullReportDto {
    pub trigger: PullTriggerDto,
    pub started_at_ms: f64,
    pub finished_at_ms: f64,
    /// Items the service sent.
    pub received: f64,
    /// New surveys stored.
    pub stored: f64,
    /// Calls already stored (a page sent twice, a survey also imported by hand).
    pub duplicates: f64,
    pub pages: f64,
    /// Requests retried (timeouts, 5xx, 429) on the way.
    pub retries: f64,
    /// Why the pull stopped early or stored nothing.
    pub error: Option<String>,
    /// Items that cannot be read as surveys (the first ones; `totalProblems` counts all);
    /// `line` is the item's record number. Any bad item holds back the whole pull.
    pub problems: Vec<RowProblemDto>,
    pub total_problems: f64,
    /// Whether the next pull starts after these items.
    pub cursor_advanced: bool,
    /// The pull did all it set out to (no error, no bad item): fw-app's rule, so the UI
    /// does not restate it.
    pub succeeded: bool,
}

impl PullReportDto {
    /// `shown` names a user as the team shows them (their login name when unknown).
    pub fn new(report: &PullReport, shown: impl Fn(&str) -> String) -> PullReportDto {
        PullReportDto {
            trigger: match &report.trigger {
                PullTrigger::Scheduled => PullTriggerDto::Scheduled,
                PullTrigger::User(name) => PullTriggerDto::User {
                    name: name.clone(),
                    display_name: shown(name),
                },
            },
            started_at_ms: report.started_at_ms as f64,
            finished_at_ms: report.finished_at_ms as f64,
            received: report.received as f64,
            stored: report.stored as f64,
            duplicates: report.duplicates as f64,
            pages: f64::from(report.pages),
            retries: f64::from(report.retries),
            error: report.error.clone(),
            problems: report.problems.iter().map(RowProblemDto::from).collect(),
            total_problems: report.total_problems as f64,
            cursor_advanced: report.cursor_advanced,
            succeeded: report.succeeded(),
        }
    }
}

/// The survey pull as the console shows it (`null` over IPC when no service is configured).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyPullStatusDto {
    /// The service's collection URL (it carries no secret: the token is a header).
    pub url: String,
    pub every_minutes: f64,
    pub state: PullStateDto,
    pub last: Option<PullReportDto>,
    /// When a pull last did all it set out to.
    pub last_success_at_ms: Option<f64>,
}

impl SurveyPullStatusDto {
    pub fn new(status: &SurveyPullStatus, shown: impl Fn(&str) -> String) -> SurveyPullStatusDto {
        SurveyPullStatusDto {
            url: status.url.clone(),
            every_minutes: f64::from(status.every_minutes),
            state: PullStateDto::from(&status.state),
            last: status
                .last
                .as_ref()
                .map(|report| PullReportDto::new(report, &shown)),
            last_success_at_ms: status.last_success_at_ms.map(|ms| ms as f64),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(trigger: PullTrigger) -> PullReport {
        PullReport {
            trigger,
            started_at_ms: 1_741_916_400_000,
            finished_at_ms: 1_741_916_402_500,
            received: 120,
            stored: 0,
            duplicates: 3,
            pages: 2,
            retries: 1,
            error: None,
            problems: vec![fw_survey::RowProblem {
                line: 17,
                reason: "CSAT 9 is outside 1–5".to_owned(),
            }],
            total_problems: 2_048,
            cursor_advanced: false,
        }
    }

    fn shown(name: &str) -> String {
        format!("{name} (shown)")
    }

    #[test]
    fn a_report_keeps_its_counts_and_says_bad_items_held_it_back() {
        let dto = PullReportDto::new(&report(PullTrigger::User("wang.fang".to_owned())), shown);
        assert_eq!(
            (
                dto.received,
                dto.stored,
                dto.duplicates,
                dto.pages,
                dto.retries
            ),
            (120.0, 0.0, 3.0, 2.0, 1.0)
        );
        assert_eq!((dto.problems[0].line, dto.total_problems), (17.0, 2_048.0));
        assert!(!dto.succeeded && !dto.cursor_advanced);
        assert_eq!(
            (dto.started_at_ms, dto.finished_at_ms),
            (1_741_916_400_000.0, 1_741_916_402_500.0)
        );
        // The wire shape the UI's bindings promise: tagged, camelCase inside the variant too.
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(
            json["trigger"],
            serde_json::json!({"kind": "user", "name": "wang.fang", "displayName": "wang.fang (shown)"})
        );
        assert_eq!(json["totalProblems"], 2_048.0);
        assert_eq!(json["problems"][0]["line"], 17.0);
    }

    #[test]
    fn the_status_words_each_state_and_a_scheduled_success() {
        let mut last = report(PullTrigger::Scheduled);
        last.problems.clear();
        last.total_problems = 0;
        last.stored = 117;
        last.cursor_advanced = true;
        let status = SurveyPullStatus {
            url: "https://surveys.example.com/v1/responses".to_owned(),
            every_minutes: 5,
            state: PullState::Unavailable("no token for the survey service".to_owned()),
            last: Some(last),
            last_success_at_ms: Some(1_741_916_402_500),
        };
        let dto = SurveyPullStatusDto::new(&status, shown);
        assert_eq!(dto.last_success_at_ms, Some(1_741_916_402_500.0));
        let last = dto.last.as_ref().unwrap();
        assert_eq!(last.trigger, PullTriggerDto::Scheduled);
        assert!(last.succeeded && last.cursor_advanced);
        assert_eq!((dto.every_minutes, last.stored), (5.0, 117.0));
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(
            json["state"],
            serde_json::json!({"kind": "unavailable", "reason": "no token for the survey service"})
        );
        assert_eq!(json["everyMinutes"], 5.0);
        assert_eq!(json["lastSuccessAtMs"], 1_741_916_402_500.0);
        for (state, kind) in [(PullState::Idle, "idle"), (PullState::Pulling, "pulling")] {
            let json = serde_json::to_value(PullStateDto::from(&state)).unwrap();
            assert_eq!(json, serde_json::json!({ "kind": kind }));
        }
    }
}
