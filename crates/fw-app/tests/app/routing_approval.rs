//! A second supervisor: an admin sets the team's approval policy, one lead asks for a
//! centre-wide mode, and another approves (or refuses) it from their own console.

use fw_app::{RoutingError, RoutingRequest, SettingsError};
use fw_domain::{RoutingMode, RoutingScope};
use fw_routing::{ApprovalPolicy, RuleError};
use fw_store::Store;

use crate::monitoring::{frame_where, hub_with_team};
use crate::routing::{TEAM, activate, audit_actions, ready};

fn asks_for_centre() -> ApprovalPolicy {
    ApprovalPolicy {
        second_approver_for_centre: true,
        second_approver_for_sites: false,
        approval_minutes: 20,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_asks_and_another_approves_from_their_own_console() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let zhao_console = hub_with_team(store.clone(), TEAM);
    let admin_console = hub_with_team(store.clone(), TEAM);
    let mut zhao_frames = zhao_console.frames();
    let mut admin_frames = admin_console.frames();
    ready(&mut zhao_frames).await;
    ready(&mut admin_frames).await;

    admin_asks_for_a_second_supervisor(&zhao_console, &admin_console).await;
    // The other console takes the policy with the plan, whose version the save moved.
    frame_where(&mut zhao_frames, |l| {
        l.routing.policy.second_approver_for_centre && l.routing.version == 1
    })
    .await;

    // Zhao asks: nothing goes on, the request is shared.
    let closure = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Centre,
    };
    let asked = zhao_console
        .change_routing("zhao", activate(closure.clone(), "earthquake, evacuate"), 1)
        .await
        .unwrap();
    assert!(asked.awaiting_approval);
    let live = frame_where(&mut admin_frames, |l| !l.routing.pending.is_empty()).await;
    assert!(live.routing.active.is_empty());
    let request = &live.routing.pending[0];
    assert_eq!(request.request.activated_by.name, "赵敏");
    assert_eq!(
        request.expires_at.0 - request.request.activated_at.0,
        20 * 60_000
    );

    // Zhao may not approve their own request; a floor supervisor may not approve at all.
    let own = zhao_console
        .change_routing("zhao", RoutingRequest::Approve { id: asked.id }, 2)
        .await;
    assert!(
        matches!(
            own,
            Err(RoutingError::Rejected(RuleError::SelfApproval { .. }))
        ),
        "{own:?}"
    );
    assert!(matches!(
        admin_console
            .change_routing("li", RoutingRequest::Approve { id: asked.id }, 2)
            .await,
        Err(RoutingError::NotPermitted { .. })
    ));

    // The admin approves from the other console: on, with both names, at every console.
    let approved = admin_console
        .change_routing("admin", RoutingRequest::Approve { id: asked.id }, 2)
        .await
        .unwrap();
    assert!(!approved.awaiting_approval);
    let live = frame_where(&mut zhao_frames, |l| l.routing.version == 3).await;
    let on = &live.routing.active[0];
    assert_eq!(on.mode, closure);
    assert_eq!(on.activated_by.name, "赵敏");
    assert_eq!(
        on.approved_by.as_ref().map(|a| a.name.as_str()),
        Some("admin")
    );
    assert!(live.routing.pending.is_empty());

    // A second request, refused with a reason: it never goes on.
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    let asked = zhao_console
        .change_routing("zhao", activate(night, "typhoon: merge onto night team"), 3)
        .await
        .unwrap();
    let refuse = RoutingRequest::Decline {
        id: asked.id,
        reason: "the night team is not in yet".into(),
    };
    admin_console
        .change_routing("admin", refuse, 4)
        .await
        .unwrap();
    let live = frame_where(&mut zhao_frames, |l| l.routing.version == 5).await;
    assert!(live.routing.pending.is_empty());
    assert_eq!(live.routing.active.len(), 1);

    the_trail_has_every_decision(&store).await;
}

/// Only an admin sets the policy; a refusal is audited like any settings change.
async fn admin_asks_for_a_second_supervisor(
    zhao_console: &fw_app::Hub,
    admin_console: &fw_app::Hub,
) {
    assert!(matches!(
        zhao_console
            .set_routing_policy("li", asks_for_centre())
            .await,
        Err(SettingsError::NotPermitted { .. })
    ));
    let mut bad = asks_for_centre();
    bad.approval_minutes = 0;
    assert!(matches!(
        admin_console.set_routing_policy("admin", bad).await,
        Err(SettingsError::Invalid(_))
    ));
    admin_console
        .set_routing_policy("admin", asks_for_centre())
        .await
        .unwrap();
}

async fn the_trail_has_every_decision(store: &Store) {
    let trail = audit_actions(store).await;
    let actions: Vec<(&str, &str, &str)> = trail
        .iter()
        .map(|(a, u, o)| (a.as_str(), u.as_str(), o.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("routing.request", "zhao", "allowed"),
            ("routing.approve", "zhao", "denied"),
            ("routing.approve", "li", "denied"),
            ("routing.approve", "admin", "allowed"),
            ("routing.request", "zhao", "allowed"),
            ("routing.refuse", "admin", "allowed"),
        ]
    );
    let settings = store.audit_page(None, 100).await.unwrap();
    let saved: Vec<_> = settings
        .iter()
        .filter(|r| r.entry.action == "settings.routing_policy")
        .map(|r| (r.entry.user.as_str(), r.entry.outcome.as_str()))
        .collect();
    assert_eq!(
        saved,
        [("admin", "allowed"), ("li", "denied")],
        "newest first"
    );
}
