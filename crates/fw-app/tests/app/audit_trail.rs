//! The audit trail beyond the request itself: what the platform reports afterwards (a phone
//! that never answers), a colleague's barge seen from this console, and reading the trail
//! back by role, with CSV export.

use fw_app::{MonitorDenial, MonitorError, MonitorRequest, colleague_barges_in};
use fw_domain::{MonitorMode, Topology};
use fw_store::{AuditOutcome, AuditQuery, Store};

use crate::monitoring::{a_talking_call, frame_where, hub_with_team};

const TEAM: &str = r#"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    endpoint = "PJSIP/9001"
    [[user]]
    name = "far"
    role = "floor_supervisor"
    endpoint = "PJSIP/noanswer"
    [[user]]
    name = "lead"
    role = "night_shift_lead"
    endpoint = "PJSIP/9009"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_that_never_answers_is_recorded_as_failed() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);
    let mut frames = hub.frames();
    let call = a_talking_call(&mut frames).await;
    hub.monitor("far", MonitorRequest::Start { call: call.call })
        .await
        .expect("the request itself is allowed");
    // The platform gives up ringing; the console records what happened, not what was asked.
    let wait = async {
        loop {
            let ends = store
                .audit_search(
                    &AuditQuery {
                        action_prefix: Some("monitor.end".into()),
                        ..AuditQuery::default()
                    },
                    10,
                )
                .await
                .unwrap();
            if let Some(end) = ends.into_iter().next() {
                return end;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    let end = tokio::time::timeout(std::time::Duration::from_secs(30), wait)
        .await
        .expect("the failure is recorded within 30 s");
    assert_eq!(end.entry.user, "far");
    assert_eq!(end.entry.call, Some(call.call.0));
    assert_eq!(
        end.entry.outcome,
        AuditOutcome::Failed {
            reason: "the supervisor's phone did not answer".into()
        }
    );
    assert!(frames.borrow().monitors.is_empty(), "nobody is listening");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleagues_barge_blocks_ours_and_the_trail_reads_back_by_role() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);
    let mut frames = hub.frames();
    let call = a_talking_call(&mut frames).await;

    let ours = hub
        .monitor("li", MonitorRequest::Start { call: call.call })
        .await
        .unwrap();
    frame_where(&mut frames, |l| {
        l.monitors.iter().any(|m| m.session == ours)
    })
    .await;
    let theirs = colleague_barges_in(&hub, call.call).await.unwrap();
    frame_where(&mut frames, |l| {
        l.monitors
            .iter()
            .any(|m| m.session == theirs && m.mode == MonitorMode::Barge)
    })
    .await;
    let refused = hub
        .monitor(
            "li",
            MonitorRequest::ChangeMode {
                session: ours,
                mode: MonitorMode::Barge,
            },
        )
        .await;
    assert_eq!(
        refused,
        Err(MonitorError::Denied(MonitorDenial::BargeTaken))
    );
    // The night lead tries something too, so there is someone else's record to hide.
    let _ = hub
        .monitor("lead", MonitorRequest::Start { call: call.call })
        .await;

    let audit = hub.audit().unwrap();
    let everything = AuditQuery::default();
    // A floor supervisor reads only their own records, whatever the filter asks.
    let own = audit.search("li", &everything, 100).await.unwrap();
    assert!(own.iter().all(|r| r.entry.user == "li"));
    let asked_for_lead = AuditQuery {
        user: Some("lead".into()),
        ..AuditQuery::default()
    };
    assert!(
        audit
            .search("li", &asked_for_lead, 100)
            .await
            .unwrap()
            .is_empty()
    );
    let denied = own
        .iter()
        .find(|r| matches!(r.entry.outcome, AuditOutcome::Denied { .. }))
        .expect("the refused barge is in the trail");
    assert_eq!(denied.entry.action, "monitor.mode");
    assert_eq!(denied.entry.mode.as_deref(), Some("barge"));
    assert_eq!(denied.entry.call, Some(call.call.0));
    // The night lead reads everyone's.
    let all = audit.search("lead", &everything, 100).await.unwrap();
    assert!(all.iter().any(|r| r.entry.user == "li"));
    assert!(all.iter().any(|r| r.entry.user == "lead"));
    assert!(audit.search("stranger", &everything, 10).await.is_err());

    // The export holds what the view shows, and is itself recorded.
    let export = audit
        .export_csv(
            "li",
            &everything,
            &Topology::default(),
            fw_domain::Timestamp(1),
        )
        .await
        .unwrap();
    assert_eq!(export.records, own.len());
    assert_eq!(export.csv.lines().count(), own.len() + 1);
    assert!(export.csv.starts_with("id,time_utc,user,role,action"));
    let latest = audit.search("li", &everything, 1).await.unwrap();
    assert_eq!(latest[0].entry.action, "audit.export");
    assert_eq!(
        store.verify_audit().await.unwrap(),
        fw_store::AuditVerification::Intact {
            records: store.audit_search(&everything, 500).await.unwrap().len() as u64,
        }
    );
}
