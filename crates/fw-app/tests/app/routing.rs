//! Disaster-mode routing through the hub: previews, changes checked by role and rule,
//! audited, shared with every console through the store, and reverted on time.

use std::sync::Arc;

use fw_app::{LiveFrame, RoutingError, RoutingRequest, SYSTEM_USER};
use fw_domain::{RoutingMode, RoutingScope, Timestamp};
use fw_routing::{ModeId, RuleError};
use fw_store::Store;
use tokio::sync::watch;

use crate::monitoring::{frame_where, hub_with_team};

pub(crate) const TEAM: &str = r#"
    [[user]]
    name = "zhao"
    display_name = "赵敏"
    role = "night_shift_lead"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    [[user]]
    name = "admin"
    role = "admin"
"#;

/// The first frame with the plan read and the centre's figures in.
pub(crate) async fn ready(frames: &mut watch::Receiver<Arc<LiveFrame>>) -> Arc<LiveFrame> {
    frame_where(frames, |l| l.routing.known && l.frame.is_some()).await
}

fn now_of(live: &LiveFrame) -> Timestamp {
    live.frame.as_ref().map(|f| f.at).unwrap()
}

fn east(live: &LiveFrame) -> fw_domain::SiteId {
    live.topology
        .sites
        .iter()
        .find(|s| s.name == "east")
        .unwrap()
        .id
}

pub(crate) fn activate(mode: RoutingMode, reason: &str) -> RoutingRequest {
    RoutingRequest::Activate {
        mode,
        reason: reason.to_owned(),
        revert_at: None,
    }
}

pub(crate) async fn audit_actions(store: &Store) -> Vec<(String, String, String)> {
    let mut page = store.audit_page(None, 100).await.unwrap();
    page.reverse();
    page.into_iter()
        .filter(|r| r.entry.action.starts_with("routing."))
        .map(|r| {
            (
                r.entry.action,
                r.entry.user,
                r.entry.outcome.as_str().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_previews_and_turns_failover_on_and_another_console_sees_it() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let lead = hub_with_team(store.clone(), TEAM);
    let other = hub_with_team(store.clone(), TEAM);
    let mut frames = lead.frames();
    let live = ready(&mut frames).await;
    assert_eq!(live.routing.version, 0);
    assert!(live.routing.active.is_empty());
    let failover = RoutingMode::SiteFailover { site: east(&live) };

    let impact = lead
        .preview_routing("zhao", failover.clone())
        .await
        .unwrap();
    assert!(impact.agents_affected > 0, "east has staff: {impact:?}");
    assert!(!impact.destinations.is_empty());
    assert!(matches!(
        lead.preview_routing("li", failover.clone()).await,
        Err(RoutingError::NotPermitted { .. })
    ));

    let changed = lead
        .change_routing(
            "zhao",
            activate(failover.clone(), "typhoon: east site flooded"),
            0,
        )
        .await
        .unwrap();
    assert_eq!((changed.version, changed.id), (1, ModeId(1)));

    let mut theirs = other.frames();
    let seen = frame_where(&mut theirs, |l| l.routing.version == 1).await;
    let mode = &seen.routing.active[0];
    assert_eq!(mode.mode, failover);
    assert_eq!(mode.activated_by.name, "赵敏");
    assert_eq!(mode.reason.as_str(), "typhoon: east site flooded");

    assert_eq!(
        audit_actions(&store).await,
        [("routing.activate".into(), "zhao".into(), "allowed".into())]
    );
    let record = &store.audit_page(None, 1).await.unwrap()[0].entry;
    assert_eq!(record.mode.as_deref(), Some("site failover"));
    assert!(
        record.detail.contains("failover of site east"),
        "{}",
        record.detail
    );
    assert!(record.detail.contains("typhoon"), "{}", record.detail);

    // Turned off from the other console, with a reason.
    other
        .change_routing(
            "admin",
            RoutingRequest::Deactivate {
                id: ModeId(1),
                reason: "power is back at east".into(),
            },
            1,
        )
        .await
        .unwrap();
    frame_where(&mut frames, |l| {
        l.routing.version == 2 && l.routing.active.is_empty()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_change_nothing_and_are_audited() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);
    let mut frames = hub.frames();
    let live = ready(&mut frames).await;
    let closure = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Site(east(&live)),
    };

    let refused = hub
        .change_routing("li", activate(closure.clone(), "fire alarm at east"), 0)
        .await;
    assert!(
        matches!(refused, Err(RoutingError::NotPermitted { .. })),
        "{refused:?}"
    );
    let refused = hub
        .change_routing("zhao", activate(closure.clone(), "x"), 0)
        .await;
    assert!(
        matches!(
            refused,
            Err(RoutingError::Rejected(RuleError::ReasonTooShort { .. }))
        ),
        "{refused:?}"
    );
    let unknown = hub
        .change_routing("nobody", activate(closure.clone(), "fire alarm"), 0)
        .await;
    assert_eq!(unknown, Err(RoutingError::UnknownUser("nobody".into())));

    hub.change_routing("zhao", activate(closure.clone(), "fire alarm at east"), 0)
        .await
        .unwrap();
    // A second lead who still saw version 0 loses and is told what is on now.
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    match hub
        .change_routing("admin", activate(night, "early night plan"), 0)
        .await
    {
        Err(RoutingError::Conflict {
            expected_version: 0,
            current_version: 1,
            active,
        }) => assert_eq!(active[0].mode, closure),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let live = frame_where(&mut frames, |l| l.routing.version == 1).await;
    assert_eq!(live.routing.active.len(), 1);
    assert_eq!(
        audit_actions(&store).await,
        [
            ("routing.activate".into(), "li".into(), "denied".into()),
            ("routing.activate".into(), "zhao".into(), "denied".into()),
            ("routing.activate".into(), "zhao".into(), "allowed".into()),
            ("routing.activate".into(), "admin".into(), "denied".into()),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mode_reverts_on_time_after_the_console_that_set_it_closed() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let setter = hub_with_team(store.clone(), TEAM);
    let watcher = hub_with_team(store.clone(), TEAM);
    let mut frames = setter.frames();
    let live = ready(&mut frames).await;
    // Twenty simulated seconds per real second: two simulated minutes pass in six.
    let revert_at = now_of(&live).plus_ms(120_000);
    setter
        .change_routing(
            "zhao",
            RoutingRequest::Activate {
                mode: RoutingMode::NightMode {
                    scope: RoutingScope::Site(east(&live)),
                },
                reason: "storm: east team sent home".into(),
                revert_at: Some(revert_at),
            },
            0,
        )
        .await
        .unwrap();
    drop(frames);
    drop(setter);

    let mut theirs = watcher.frames();
    frame_where(&mut theirs, |l| l.routing.version == 1).await;
    let reverted = frame_where(&mut theirs, |l| l.routing.version == 2).await;
    assert!(reverted.routing.active.is_empty());
    assert!(now_of(&reverted) >= revert_at);
    let trail = audit_actions(&store).await;
    assert_eq!(
        trail.last().unwrap(),
        &(
            "routing.revert".into(),
            SYSTEM_USER.into(),
            "allowed".into()
        )
    );
    assert_eq!(
        trail.iter().filter(|t| t.0 == "routing.revert").count(),
        1,
        "recorded once: {trail:?}"
    );
}
