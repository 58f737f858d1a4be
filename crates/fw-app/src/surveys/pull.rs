//! Surveys pulled from a survey service's JSON API: on a timer and when a user asks, by a
//! task of its own. The cursor the service hands out is kept in the store, and moved only
//! after the items it covers are stored, in that order: a crash between the two means the
//! next pull asks for the same items again, and the store skips calls it already holds, so
//! nothing is lost and nothing is counted twice.

use std::time::Duration;

use fw_store::{AuditEntry, AuditOutcome, SettingRecord, Store, TEAM_OWNER};
use fw_survey::ColumnMapping;
use fw_survey::import::{parse_records, record_keys};
use fw_survey_pull::{PullError, SurveyPull};
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use super::pull_status::{PullReport, PullState, PullTrigger, SurveyPullStatus};
use crate::config::SurveyServiceSettings;
use crate::routing_audit::{SYSTEM_ROLE, SYSTEM_USER};

/// Where the survey service's bearer token may come from where no keyring runs (containers,
/// CI). On a desktop, `floorwalker-credentials set --survey URL` keeps it in the keyring.
pub const SURVEY_TOKEN_ENV: &str = "FLOORWALKER_SURVEY_TOKEN";
/// The keyring service the token is stored under (the account is the service's URL).
pub const SURVEY_KEYRING_SERVICE: &str = "floorwalker-survey";
/// The team setting holding the service's URL and the cursor to resume from.
pub const SURVEY_PULL_CURSOR_SETTING: &str = "surveys.pull_cursor";

/// Pages one pull takes at most (500 items each). A bigger backlog is taken by the pulls
/// that follow at once, so one pull never holds more than this in memory.
pub const PULL_MAX_PAGES: u32 = 200;
/// The first scheduled pull waits this long, so the console's start is not slowed by it.
const FIRST_PULL_DELAY: Duration = Duration::from_secs(5);

/// What the task is asked to do.
struct PullRequest {
    trigger: PullTrigger,
    reply: oneshot::Sender<PullReport>,
}

/// The running pull as the survey desk holds it.
#[derive(Clone, Debug)]
pub(crate) struct PullHandle {
    status: watch::Receiver<SurveyPullStatus>,
    /// `None` when the pull cannot run (the status says why).
    requests: Option<mpsc::Sender<PullRequest>>,
}

impl PullHandle {
    /// Starts pulling from `service` on the current runtime; with `client` an error (no
    /// token, a URL the client refuses), only the status runs, saying why.
    pub fn start(
        store: Store,
        service: &SurveyServiceSettings,
        client: Result<SurveyPull, String>,
    ) -> PullHandle {
        let (state, client) = match client {
            Ok(client) => (PullState::Idle, Some(client)),
            Err(reason) => {
                tracing::warn!(url = %service.url, %reason, "surveys will not be pulled");
                (PullState::Unavailable(reason), None)
            }
        };
        let (status_tx, status) = watch::channel(SurveyPullStatus {
            url: service.url.clone(),
            every_minutes: service.every_minutes,
            state,
            last: None,
            last_success_at_ms: None,
        });
        let requests = client.map(|client| {
            let (requests, inbox) = mpsc::channel(8);
            let every = Duration::from_secs(u64::from(service.every_minutes) * 60);
            tokio::spawn(run(store, client, every, status_tx, inbox));
            requests
        });
        PullHandle { status, requests }
    }

    pub fn status(&self) -> SurveyPullStatus {
        self.status.borrow().clone()
    }

    /// Pulls now and waits for the result; `Err` with the reason when it cannot run.
    pub async fn pull_now(&self, user: &str) -> Result<PullReport, String> {
        let requests = self
            .requests
            .as_ref()
            .ok_or_else(|| match &self.status().state {
                PullState::Unavailable(reason) => reason.clone(),
                _ => "the survey pull is not running".to_owned(),
            })?;
        let (reply, done) = oneshot::channel();
        let request = PullRequest {
            trigger: PullTrigger::User(user.to_owned()),
            reply,
        };
        requests
            .send(request)
            .await
            .map_err(|_| "the survey pull stopped".to_owned())?;
        done.await.map_err(|_| "the survey pull stopped".to_owned())
    }
}

async fn run(
    store: Store,
    client: SurveyPull,
    every: Duration,
    status: watch::Sender<SurveyPullStatus>,
    mut inbox: mpsc::Receiver<PullRequest>,
) {
    let mut next = Instant::now() + FIRST_PULL_DELAY;
    loop {
        let (trigger, reply) = tokio::select! {
            () = tokio::time::sleep_until(next) => (PullTrigger::Scheduled, None),
            request = inbox.recv() => match request {
                Some(request) => (request.trigger, Some(request.reply)),
                // Every desk is gone: the console is closing.
                None => return,
            },
        };
        status.send_modify(|s| s.state = PullState::Pulling);
        let report = pull_once(&store, &client, trigger).await;
        tracing::info!(url = %client.settings().base_url, result = %report.summary(), "survey pull");
        if report.trigger == PullTrigger::Scheduled && report.stored > 0 {
            audit_scheduled(&store, &client.settings().base_url, &report).await;
        }
        // A pull that stopped at its page limit leaves a backlog: the next one starts now.
        let backlog = report.cursor_advanced && report.pages >= client.settings().max_pages;
        status.send_modify(|s| {
            s.state = PullState::Idle;
            if report.succeeded() {
                s.last_success_at_ms = Some(report.finished_at_ms);
            }
            s.last = Some(report.clone());
        });
        if let Some(reply) = reply {
            // The user may have stopped waiting; the status holds the report anyway.
            let _ = reply.send(report);
        }
        next = Instant::now() + if backlog { Duration::ZERO } else { every };
    }
}

/// The stored cursor and the URL it belongs to: a cursor of another service (the URL was
/// changed) means nothing here.
#[derive(Debug, Serialize, Deserialize)]
struct StoredCursor {
    url: String,
    cursor: Option<String>,
}

/// One pull: fetch, read every item, store them, then move the cursor.
async fn pull_once(store: &Store, client: &SurveyPull, trigger: PullTrigger) -> PullReport {
    let url = client.settings().base_url.clone();
    let mut report = PullReport::new(trigger, fw_connect::wall_clock().0);
    let cursor = match load_cursor(store, &url).await {
        Ok(cursor) => cursor,
        Err(error) => return finish(report, Some(error)),
    };
    let (batch, error) = match client.pull(cursor.as_deref()).await {
        Ok(batch) => (Some(batch), None),
        Err(error) => {
            let message = describe_pull_error(&error);
            (error.into_partial(), Some(message))
        }
    };
    report.error = error;
    let Some(batch) = batch else {
        return finish(report, None);
    };
    report.pages = batch.pages;
    report.retries = batch.retries;
    report.received = batch.items.len();
    if !batch.items.is_empty() {
        let origin = format!("pull:{}", host_of(&url));
        let items = batch.items;
        // A few hundred thousand items take a moment of CPU: off the async workers.
        let parsed = tokio::task::spawn_blocking(move || {
            let keys = record_keys(&items);
            let headers: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mapping = ColumnMapping::guess(&headers);
            let (items, repeats) = first_per_call(items, &mapping.call_ref);
            parse_records(&items, &mapping, &origin).map(|rows| (rows, repeats))
        })
        .await;
        let rows = match parsed {
            Ok(Ok((rows, repeats))) => {
                // Counted with the calls already stored: delivered again, not new.
                report.duplicates += repeats;
                rows
            }
            Ok(Err(rejected)) => {
                report.total_problems = rejected.total_problems;
                report.problems = rejected.problems;
                let held = rejected.file_error.map_or_else(
                    || "the items were not stored; the next pull asks for them again".to_owned(),
                    |e| format!("the items cannot be read: {e}"),
                );
                return finish(report, Some(held));
            }
            Err(e) => return finish(report, Some(format!("reading the items stopped: {e}"))),
        };
        let records: Vec<_> = rows.into_iter().map(|row| row.record).collect();
        match store
            .import_surveys(&records, true, report.started_at_ms)
            .await
        {
            Ok(outcome) => {
                report.stored = outcome.stored;
                report.duplicates += outcome.duplicates.len();
            }
            Err(e) => return finish(report, Some(format!("storing the surveys failed: {e}"))),
        }
    }
    if batch.next_cursor != cursor {
        let at = fw_connect::wall_clock().0;
        if let Err(error) = save_cursor(store, &url, batch.next_cursor, at).await {
            // Stored but not moved past: the next pull fetches them again and skips them.
            return finish(report, Some(error));
        }
        report.cursor_advanced = true;
    }
    finish(report, None)
}

/// Ends the report; `error` (if any) comes before one the service gave, which the pull
/// stored around.
fn finish(mut report: PullReport, error: Option<String>) -> PullReport {
    if let Some(error) = error {
        report.error = Some(match report.error.take() {
            Some(earlier) => format!("{error} ({earlier})"),
            None => error,
        });
    }
    report.finished_at_ms = fw_connect::wall_clock().0.max(report.started_at_ms);
    report
}

/// The error as a quality manager can act on it; an interruption names what was kept.
fn describe_pull_error(error: &PullError) -> String {
    match error {
        PullError::Interrupted { partial, cause } => format!(
            "stopped after {} pages ({} items kept): {cause}",
            partial.pages,
            partial.items.len()
        ),
        other => other.to_string(),
    }
}

async fn load_cursor(store: &Store, url: &str) -> Result<Option<String>, String> {
    let setting = store
        .setting(TEAM_OWNER, SURVEY_PULL_CURSOR_SETTING)
        .await
        .map_err(|e| format!("the pull cursor cannot be read: {e}"))?;
    let Some(setting) = setting else {
        return Ok(None);
    };
    match serde_json::from_str::<StoredCursor>(&setting.value) {
        Ok(stored) if stored.url == url => Ok(stored.cursor),
        Ok(_) => Ok(None),
        Err(e) => {
            tracing::warn!(error = %e, "the stored survey pull cursor is unreadable; starting over");
            Ok(None)
        }
    }
}

async fn save_cursor(
    store: &Store,
    url: &str,
    cursor: Option<String>,
    at_ms: i64,
) -> Result<(), String> {
    let value = serde_json::to_string(&StoredCursor {
        url: url.to_owned(),
        cursor,
    })
    .map_err(|e| e.to_string())?;
    store
        .put_setting(&SettingRecord {
            owner: TEAM_OWNER.to_owned(),
            key: SURVEY_PULL_CURSOR_SETTING.to_owned(),
            value,
            updated_at_ms: at_ms,
            updated_by: SYSTEM_USER.to_owned(),
        })
        .await
        .map_err(|e| format!("the surveys were stored but the pull cursor was not saved: {e}"))
}

/// Data that came in by itself still goes in the audit trail, under the console's name.
async fn audit_scheduled(store: &Store, url: &str, report: &PullReport) {
    let entry = AuditEntry::general(
        report.finished_at_ms,
        SYSTEM_USER,
        SYSTEM_ROLE,
        "survey.pull",
        AuditOutcome::Allowed,
        format!("{url}: {}", report.summary()),
    );
    if let Err(e) = store.append_audit(&entry).await {
        tracing::warn!(error = %e, "a scheduled survey pull was not audited");
    }
}

/// The URL's host (and port), for the surveys' origin: short, and never a query string
/// that might carry something private.
/// The items with the first of each call kept: a service that delivers an item again (on a
/// later page, at least once) must not hold back the pull the way a file's repeated row
/// holds back an import. Items without the call reference go through, to be reported.
fn first_per_call(
    items: Vec<serde_json::Value>,
    call_ref_key: &str,
) -> (Vec<serde_json::Value>, usize) {
    let mut seen = std::collections::HashSet::new();
    let before = items.len();
    let kept: Vec<serde_json::Value> = items
        .into_iter()
        .filter(|item| match item.get(call_ref_key) {
            Some(serde_json::Value::String(call)) => seen.insert(call.trim().to_owned()),
            Some(serde_json::Value::Number(call)) => seen.insert(call.to_string()),
            _ => true,
        })
        .collect();
    let repeats = before - kept.len();
    (kept, repeats)
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_delivered_again_is_kept_once() {
        let items = vec![
            serde_json::json!({"call": "c-1", "csat": 5}),
            serde_json::json!({"call": " c-1 ", "csat": 1}),
            serde_json::json!({"call": 7, "csat": 4}),
            serde_json::json!({"call": 7, "csat": 4}),
            serde_json::json!({"csat": 3}),
            serde_json::json!({"csat": 3}),
        ];
        let (kept, repeats) = first_per_call(items, "call");
        assert_eq!(repeats, 2);
        assert_eq!(
            kept.len(),
            4,
            "the first of each call, and both without one"
        );
        assert_eq!(kept[0]["csat"], 5, "the first delivery wins");
    }

    #[test]
    fn the_origin_names_only_the_host() {
        assert_eq!(
            host_of("https://surveys.example.cn/api/v1/responses?key=secret"),
            "surveys.example.cn"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/s"), "127.0.0.1:8080");
    }

    #[test]
    fn a_later_error_is_named_before_the_services() {
        let mut report = PullReport::new(PullTrigger::Scheduled, 10);
        report.error = Some("stopped after 2 pages".into());
        let report = finish(report, Some("storing failed".into()));
        assert_eq!(
            report.error.as_deref(),
            Some("storing failed (stopped after 2 pages)")
        );
        assert!(report.finished_at_ms >= 10);
    }
}
