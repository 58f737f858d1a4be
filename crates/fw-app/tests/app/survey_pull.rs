//! Surveys pulled from a survey service over HTTP (a scripted server on 127.0.0.1): paged
//! by cursor, retried past a 500, stored once however often a page comes back, held back
//! whole when an item is bad, and kept when a later page fails.

use std::time::Duration;

use fw_app::{Hub, PullState, PullTrigger, SurveyError, SurveyServiceSettings};
use fw_domain::Timestamp;
use fw_store::Store;
use fw_survey::SurveyFilter;
use fw_survey_pull::{BearerToken, PullSettings, SurveyPull};
use serde_json::{Value, json};

use crate::monitoring::hub_with_team;
// The pull crate's scripted server, shared rather than copied.
#[allow(dead_code)]
#[path = "../../../fw-survey-pull/tests/pull/server.rs"]
mod server;

use server::{Reply, TestServer};

const TEAM: &str = r#"
    [[user]]
    name = "qa1"
    role = "quality_manager"
    [[user]]
    name = "li"
    role = "floor_supervisor"
"#;

const AT: Timestamp = Timestamp(1_762_070_400_000);
const TOKEN: &str = "tok-3f9a";

/// The pulled surveys only (answered in November 2025): the simulator's live ones come later.
fn pulled() -> SurveyFilter {
    SurveyFilter {
        to_ms: Some(1_765_000_000_000),
        ..SurveyFilter::default()
    }
}

/// Survey items as a service sends them, numbered from `first`.
fn items(first: u32, count: u32) -> Vec<Value> {
    (first..first + count)
        .map(|n| {
            json!({
                "call_id": format!("call-{n}"),
                "submitted_at": format!("2025-11-02T10:{:02}:00+08:00", n % 60),
                "csat": n % 5 + 1,
                "nps": n % 11,
                "comment": if n % 2 == 0 { Some("退款很快") } else { None },
                "queue": "Billing",
            })
        })
        .collect()
}

fn client(url: &str) -> Result<SurveyPull, String> {
    let settings = PullSettings {
        base_url: url.to_owned(),
        page_size: 3,
        request_timeout: Duration::from_secs(5),
        max_attempts: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        max_pages: 50,
    };
    SurveyPull::new(settings, BearerToken::new(TOKEN.into()).unwrap()).map_err(|e| e.to_string())
}

async fn hub_pulling_from(server: &TestServer) -> (Hub, Store) {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let mut hub = hub_with_team(store.clone(), TEAM);
    let service = SurveyServiceSettings {
        url: server.url(),
        // Only the pulls the test asks for.
        every_minutes: 1_440,
    };
    hub.start_survey_pull(&service, client(&server.url()));
    (hub, store)
}

async fn stored(hub: &Hub) -> u64 {
    let desk = hub.surveys().unwrap();
    let page = desk
        .page("qa1", &pulled(), fw_survey::SurveySort::Newest, 0, 100)
        .await
        .unwrap();
    page.total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_surveys_are_stored_once_and_the_cursor_is_kept() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 3), Some("p2")),
        Reply::status(500, "busy"),
        Reply::page(&items(4, 2), None),
        // The next pull resumes at p2 and gets the same last page again.
        Reply::page(&items(4, 2), None),
    ])
    .await;
    let (hub, store) = hub_pulling_from(&server).await;
    let desk = hub.surveys().unwrap();

    let first = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!(first.trigger, PullTrigger::User("qa1".into()));
    assert_eq!((first.received, first.stored, first.duplicates), (5, 5, 0));
    assert_eq!((first.pages, first.retries), (2, 1));
    assert!(first.succeeded() && first.cursor_advanced, "{first:?}");
    assert_eq!(stored(&hub).await, 5);

    let second = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!(
        (second.received, second.stored, second.duplicates),
        (2, 0, 2),
        "a page sent again is not counted again"
    );
    assert_eq!(stored(&hub).await, 5);

    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/api/v1/surveys?limit=3",
            "/api/v1/surveys?limit=3&cursor=p2",
            "/api/v1/surveys?limit=3&cursor=p2",
            "/api/v1/surveys?limit=3&cursor=p2",
        ]
    );
    assert!(
        requests
            .iter()
            .all(|r| r.header("authorization") == Some("Bearer tok-3f9a"))
    );

    let status = desk.pull_status("qa1").unwrap().expect("a service is set");
    assert_eq!(status.state, PullState::Idle);
    assert_eq!(status.last, Some(second));
    assert!(status.last_success_at_ms.is_some());

    let audit = store.audit_page(None, 500).await.unwrap();
    let pulls: Vec<_> = audit
        .iter()
        .filter(|r| r.entry.action == "survey.pull")
        .collect();
    assert_eq!(pulls.len(), 2);
    assert!(pulls.iter().all(|r| r.entry.user == "qa1"));
    assert!(
        audit.iter().all(|r| !r.entry.detail.contains(TOKEN)),
        "the token never reaches the audit trail"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_item_holds_back_the_whole_pull_and_the_cursor() {
    let mut bad = items(1, 3);
    bad[1]["csat"] = json!(9);
    let server = TestServer::start(vec![
        Reply::page(&bad, None),
        // Fixed by the vendor: the same items, good.
        Reply::page(&items(1, 3), None),
    ])
    .await;
    let (hub, _store) = hub_pulling_from(&server).await;
    let desk = hub.surveys().unwrap();

    let refused = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!((refused.received, refused.stored), (3, 0));
    assert_eq!(refused.total_problems, 1);
    assert_eq!(refused.problems[0].line, 2);
    assert_eq!(refused.problems[0].reason, "CSAT 9 is outside 1–5");
    assert!(!refused.cursor_advanced && !refused.succeeded());
    assert_eq!(
        stored(&hub).await,
        0,
        "nothing of a held-back pull is stored"
    );

    let retried = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!(retried.stored, 3);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets[1], "/api/v1/surveys?limit=3",
        "the same items are asked for again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_arrived_before_a_failed_page_is_kept() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 3), Some("p2")),
        Reply::status(404, "gone"),
        Reply::page(&items(4, 1), None),
    ])
    .await;
    let (hub, _store) = hub_pulling_from(&server).await;
    let desk = hub.surveys().unwrap();

    let cut = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!((cut.received, cut.stored, cut.pages), (3, 3, 1));
    assert!(cut.cursor_advanced);
    let error = cut.error.as_deref().unwrap();
    assert!(
        error.starts_with("stopped after 1 pages (3 items kept)"),
        "{error}"
    );
    assert_eq!(stored(&hub).await, 3);

    let resumed = desk.pull_now("qa1", AT).await.unwrap();
    assert_eq!(resumed.stored, 1);
    assert_eq!(
        server.requests()[2].target,
        "/api/v1/surveys?limit=3&cursor=p2"
    );
    assert_eq!(stored(&hub).await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_managers_pull_and_a_missing_token_is_named() {
    let server = TestServer::start(vec![]).await;
    let store = Store::open("sqlite::memory:").await.unwrap();
    let mut hub = hub_with_team(store.clone(), TEAM);
    let desk = hub.surveys().unwrap();
    assert_eq!(
        desk.pull_status("qa1").unwrap(),
        None,
        "no service configured"
    );
    assert!(matches!(
        desk.pull_now("qa1", AT).await,
        Err(SurveyError::Invalid(_))
    ));

    let service = SurveyServiceSettings {
        url: server.url(),
        every_minutes: 5,
    };
    hub.start_survey_pull(&service, Err("no token for the survey service".into()));
    let desk = hub.surveys().unwrap();
    let status = desk.pull_status("li").unwrap().unwrap();
    assert_eq!(
        status.state,
        PullState::Unavailable("no token for the survey service".into())
    );
    assert!(matches!(
        desk.pull_now("li", AT).await,
        Err(SurveyError::NotPermitted { .. })
    ));
    assert_eq!(
        desk.pull_now("qa1", AT).await,
        Err(SurveyError::Invalid(
            "no token for the survey service".into()
        ))
    );
    assert!(server.requests().is_empty());

    let audit = store.audit_page(None, 500).await.unwrap();
    let outcomes: Vec<(&str, &str)> = audit
        .iter()
        .rev()
        .filter(|r| r.entry.action == "survey.pull")
        .map(|r| (r.entry.user.as_str(), r.entry.outcome.as_str()))
        .collect();
    assert_eq!(
        outcomes,
        [("li", "denied"), ("qa1", "allowed"), ("qa1", "failed")]
    );
}
