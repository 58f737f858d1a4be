//! A supervisor's own phone: changed through the hub, audited, saved, and rung from then on.

use std::time::Duration;

use fw_app::{ENDPOINT_SETTING, EndpointError, MonitorRequest, ProfileError, Role};
use fw_store::{AuditOutcome, SettingRecord, Store};

use crate::monitoring::{
    PRESENT, a_talking_call, frame_where, hub_with_team, supervisor_hub_from_files,
};

const TEAM: &str = r#"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    endpoint = "PJSIP/9001"
    [[user]]
    name = "board"
    role = "wallboard"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_changes_their_phone_and_the_next_session_rings_it() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);

    // A phone that never answers, so the platform's report proves which phone it rang.
    hub.set_endpoint("li", " PJSIP/NoAnswer-9101 ")
        .await
        .unwrap();
    let team = hub.team();
    assert_eq!(
        team.user("li").unwrap().endpoint.as_deref(),
        Some("PJSIP/NoAnswer-9101")
    );
    let saved = store
        .setting("li", ENDPOINT_SETTING)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.value, "PJSIP/NoAnswer-9101");
    assert_eq!(saved.updated_by, "li");

    let mut frames = hub.frames();
    let call = a_talking_call(&mut frames).await.call;
    let session = hub
        .monitor("li", MonitorRequest::Start { call })
        .await
        .unwrap();
    // The simulated platform gives up on the phone after its ring timeout.
    let ended = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let trail = store.audit_page(None, 20).await.unwrap();
            if let Some(end) = trail.iter().find(|r| r.entry.action == "monitor.end") {
                return end.entry.clone();
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await
    .expect("the platform reported the unanswered phone");
    assert!(
        matches!(&ended.outcome, AuditOutcome::Failed { reason } if reason.contains("did not answer")),
        "{ended:?}"
    );
    frame_where(&mut frames, |l| {
        l.monitors.iter().all(|m| m.session != session)
    })
    .await;

    let trail = store.audit_page(None, 20).await.unwrap();
    let change = trail
        .iter()
        .find(|r| r.entry.action == "profile.endpoint")
        .unwrap();
    assert_eq!(change.entry.outcome, AuditOutcome::Allowed);
    assert_eq!(change.entry.detail, "PJSIP/9001 → PJSIP/NoAnswer-9101");
    assert!(
        change.id
            < trail
                .iter()
                .find(|r| r.entry.action == "monitor.start")
                .unwrap()
                .id
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_changes_leave_the_phone_as_it_was() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);

    // A wallboard never monitors: refused, and the refusal audited.
    assert_eq!(
        hub.set_endpoint("board", "PJSIP/9009").await,
        Err(ProfileError::NotPermitted(Role::Wallboard))
    );
    // A phone that would ring two handsets: refused before anything is written.
    assert_eq!(
        hub.set_endpoint("li", "PJSIP/9001&PJSIP/6666").await,
        Err(ProfileError::InvalidEndpoint(EndpointError::BadCharacter(
            '&'
        )))
    );
    assert!(matches!(
        hub.set_endpoint("nobody", "PJSIP/1").await,
        Err(ProfileError::UnknownUser(_))
    ));
    let trail = store.audit_page(None, 20).await.unwrap();
    let rows: Vec<(&str, &str, &str)> = trail
        .iter()
        .map(|r| {
            (
                r.entry.user.as_str(),
                r.entry.action.as_str(),
                r.entry.outcome.as_str(),
            )
        })
        .collect();
    assert_eq!(rows, [("board", "profile.endpoint", "denied")]);

    // Without an audit trail the change is refused, not made unaudited.
    store.close().await;
    let result = hub.set_endpoint("li", "PJSIP/9101").await;
    assert!(
        matches!(result, Err(ProfileError::AuditUnavailable(_))),
        "{result:?}"
    );
    assert_eq!(
        hub.team().user("li").unwrap().endpoint.as_deref(),
        Some("PJSIP/9001")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_set_in_the_console_outlives_a_restart() {
    let dir = std::env::temp_dir().join(format!("fw-app-phone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team_file = dir.join("team.toml");
    std::fs::write(&team_file, TEAM).unwrap();
    let db_url = format!("sqlite://{}", dir.join("floorwalker.db").display());
    let store = Store::open(&db_url).await.unwrap();
    store
        .put_setting(&SettingRecord {
            owner: "li".into(),
            key: ENDPOINT_SETTING.into(),
            value: "PJSIP/9101".into(),
            updated_at_ms: PRESENT.0,
            updated_by: "li".into(),
        })
        .await
        .unwrap();
    let hub = supervisor_hub_from_files(&team_file, &db_url).await;
    assert_eq!(
        hub.team().user("li").unwrap().endpoint.as_deref(),
        Some("PJSIP/9101")
    );
    drop(hub);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
