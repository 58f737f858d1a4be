//! A second supervisor: requests filed, approved from another console, refused, withdrawn,
//! lapsed; and the policy deciding which modes wait.

use fw_domain::RoutingScope;
use fw_routing::{
    Approval, ApprovalPolicy, ModeId, PlanChange, PlanError, PlanEvent, Refusal, RequestEnding,
    RoutingPlan, RuleError,
};

use crate::support::{
    activate, activation, admin, approved, at, closure, failover, lead, night, plan,
    plan_with_approval, priority, site, three_sites,
};

fn approve(id: ModeId, by: fw_routing::Actor) -> PlanChange {
    PlanChange::Approve(Approval { id, by })
}

fn refuse(id: ModeId, by: fw_routing::Actor, reason: &str) -> PlanChange {
    PlanChange::Decline(Refusal {
        id,
        by,
        reason: reason.to_owned(),
    })
}

#[test]
fn a_centre_wide_mode_waits_for_another_supervisor_then_goes_on_when_approved() {
    let topology = three_sites();
    let mut plan = plan_with_approval(&topology);
    let filed = plan
        .apply(
            activate(closure(RoutingScope::Centre), Some(at(120))),
            0,
            at(0),
        )
        .unwrap();
    assert!(filed.awaiting_approval);
    assert_eq!((filed.version, filed.id), (1, ModeId(1)));
    assert_eq!(filed.entries[0].event, PlanEvent::Requested);
    assert_eq!(filed.entries[0].platform_command(), None, "nothing on yet");
    assert!(plan.active().is_empty());
    assert_eq!(plan.in_force(at(1)).count(), 0);
    let [request] = plan.pending() else {
        panic!("one request: {:?}", plan.pending())
    };
    assert_eq!(request.expires_at, at(15), "the default window: 15 minutes");
    assert_eq!(request.request.activated_by, lead());

    // The requester cannot approve their own request.
    let own = approve(ModeId(1), lead());
    assert_eq!(
        plan.apply(own, 1, at(1)).unwrap_err(),
        PlanError::Rejected(RuleError::SelfApproval {
            name: "Li Na".into()
        })
    );
    // Asking again for the same mode while it waits is refused, naming the request.
    let twice = plan
        .apply(activate(closure(RoutingScope::Centre), None), 1, at(1))
        .unwrap_err();
    assert_eq!(
        twice.to_string(),
        "emergency closure of the whole centre is already waiting for approval (mode #1)"
    );

    let approval = approve(ModeId(1), admin());
    let applied = plan.apply(approval, 1, at(3)).unwrap();
    assert!(!applied.awaiting_approval);
    assert_eq!((applied.version, applied.id), (2, ModeId(1)));
    assert_eq!(applied.entries[0].event, PlanEvent::Activated);
    assert!(applied.entries[0].platform_command().is_some());
    let on = plan.mode(ModeId(1)).unwrap();
    assert_eq!(
        (&on.activated_by, on.approved_by.as_ref(), on.activated_at),
        (&lead(), Some(&admin()), at(3)),
        "on from the approval, with both names"
    );
    assert_eq!(on.revert_at, Some(at(120)));
    assert!(plan.pending().is_empty());
    // Approving it again finds nothing to approve.
    let again = approve(ModeId(1), admin());
    assert_eq!(
        plan.apply(again, 2, at(4)).unwrap_err(),
        PlanError::Rejected(RuleError::NoSuchRequest(ModeId(1)))
    );
}

#[test]
fn a_request_refused_withdrawn_or_left_too_long_never_goes_on() {
    let topology = three_sites();
    let mut plan = plan_with_approval(&topology);
    let first = plan
        .apply(activate(night(RoutingScope::Centre), None), 0, at(0))
        .unwrap()
        .id;
    let refused = plan
        .apply(
            refuse(first, admin(), "the night team is not in yet"),
            1,
            at(1),
        )
        .unwrap();
    let PlanEvent::RequestClosed(RequestEnding::Refused { by, reason }) = &refused.entries[0].event
    else {
        panic!("{:?}", refused.entries)
    };
    assert_eq!(
        (by, reason.as_str()),
        (&admin(), "the night team is not in yet")
    );

    let second = plan
        .apply(activate(night(RoutingScope::Centre), None), 2, at(2))
        .unwrap()
        .id;
    let withdrawn = plan
        .apply(refuse(second, lead(), "asked by mistake, sorry"), 3, at(2))
        .unwrap();
    assert!(matches!(
        withdrawn.entries[0].event,
        PlanEvent::RequestClosed(RequestEnding::Withdrawn { .. })
    ));
    // A refusal needs a reason like any change.
    let third = plan
        .apply(activate(night(RoutingScope::Centre), None), 4, at(3))
        .unwrap()
        .id;
    assert!(matches!(
        plan.apply(refuse(third, admin(), " "), 5, at(3)),
        Err(PlanError::Rejected(RuleError::ReasonMissing))
    ));

    // Nobody approves it: it lapses at 15 minutes, on the next tick, and cannot be approved.
    assert!(!plan.has_due(at(17)));
    assert!(plan.has_due(at(18)));
    let late = approve(third, admin());
    assert_eq!(
        plan.apply(late, 5, at(18)).unwrap_err(),
        PlanError::Rejected(RuleError::NoSuchRequest(third))
    );
    let lapsed = plan.revert_due(at(18));
    assert_eq!(lapsed.len(), 1);
    assert_eq!(lapsed[0].at, at(18), "recorded at the end of its window");
    assert_eq!(
        lapsed[0].event,
        PlanEvent::RequestClosed(RequestEnding::Lapsed)
    );
    assert!(plan.pending().is_empty() && plan.active().is_empty());
    assert_eq!(plan.version(), 6);
}

#[test]
fn an_approval_is_checked_against_the_modes_in_force_when_it_is_given() {
    let topology = three_sites();
    let mut plan = plan_with_approval(&topology);
    let east = site(&topology, "east");
    let id = plan
        .apply(
            activate(night(RoutingScope::Centre), Some(at(10))),
            0,
            at(0),
        )
        .unwrap()
        .id;
    // Meanwhile a site's night mode goes on (a site needs no second approver here).
    plan.apply(activate(night(RoutingScope::Site(east)), None), 1, at(1))
        .unwrap();
    // The centre's night mode supersedes it when approved.
    let applied = plan.apply(approve(id, admin()), 2, at(2)).unwrap();
    assert_eq!(applied.entries.len(), 2, "{:?}", applied.entries);
    assert_eq!(plan.active().len(), 1);

    // A request whose revert time has passed cannot go on: the lead asks again.
    let mut plan = plan_with_approval(&topology);
    let id = plan
        .apply(
            activate(closure(RoutingScope::Centre), Some(at(5))),
            0,
            at(0),
        )
        .unwrap()
        .id;
    let late = plan.apply(approve(id, admin()), 1, at(6));
    assert!(
        matches!(
            late,
            Err(PlanError::Rejected(RuleError::RevertNotInFuture { .. }))
        ),
        "{late:?}"
    );
}

#[test]
fn the_policy_decides_which_modes_wait_and_for_how_long() {
    let topology = three_sites();
    let east = site(&topology, "east");
    let sites_too = ApprovalPolicy {
        second_approver_for_centre: false,
        second_approver_for_sites: true,
        approval_minutes: 5,
    };
    let mut plan = RoutingPlan::new(&topology, sites_too);
    let filed = plan
        .apply(activate(failover(east), None), 0, at(0))
        .unwrap();
    assert!(filed.awaiting_approval);
    assert_eq!(plan.pending()[0].expires_at, at(5));
    // Regional priority is centre-wide: not asked for under this policy.
    let direct = plan
        .apply(activate(priority(&["0898"], false), None), 1, at(0))
        .unwrap();
    assert!(!direct.awaiting_approval);
    // Without a policy nothing waits.
    let mut relaxed = plan_default(&topology);
    assert!(
        !relaxed
            .apply(activate(closure(RoutingScope::Centre), None), 0, at(0))
            .unwrap()
            .awaiting_approval
    );
}

fn plan_default(topology: &fw_domain::Topology) -> RoutingPlan {
    plan(topology)
}

#[test]
fn requests_survive_a_restore_with_their_numbers() {
    let topology = three_sites();
    let mut plan = plan_with_approval(&topology);
    approved(
        &mut plan,
        activation(closure(RoutingScope::Centre), None),
        admin(),
        at(0),
    );
    plan.apply(activate(night(RoutingScope::Centre), None), 2, at(1))
        .unwrap();
    let restored = RoutingPlan::restore(
        &topology,
        plan.policy(),
        plan.version(),
        plan.active().to_vec(),
    )
    .with_pending(plan.pending().to_vec());
    assert_eq!(restored.pending(), plan.pending());
    assert_eq!(
        restored.next_mode_id(),
        3,
        "the request's number is not reused"
    );
}
