//! The plan: versions, conflicts between two leads, history, automatic reverts.

use fw_domain::{PlatformCommand, RoutingScope};
use fw_routing::{
    Deactivation, Ending, HISTORY_KEPT, ModeId, PlanChange, PlanError, PlanEvent, RouteDecision,
    RoutingPlan, RuleError,
};

use crate::support::{
    activate, activation, at, caller, closure, deactivate, failover, lead, night, plan, queue,
    site, three_sites, turn_on,
};

#[test]
fn an_activation_moves_the_version_and_records_what_who_when_and_why() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east = site(&topology, "east");
    let mut change = activation(failover(east), Some(at(90)));
    change.reason = "  east data centre lost power  ".into();
    let applied = plan.apply(PlanChange::Activate(change), 0, at(0)).unwrap();
    assert_eq!((applied.version, applied.id), (1, ModeId(1)));
    let mode = plan.mode(ModeId(1)).unwrap();
    assert_eq!(mode.reason.as_str(), "east data centre lost power");
    assert_eq!(
        (&mode.activated_by, mode.activated_at, mode.revert_at),
        (&lead(), at(0), Some(at(90)))
    );
    let [entry] = applied.entries.as_slice() else {
        panic!("one entry: {:?}", applied.entries)
    };
    assert_eq!(
        (entry.version, entry.event.clone()),
        (1, PlanEvent::Activated)
    );
    assert_eq!(
        entry.platform_command(),
        Some(PlatformCommand::ActivateRoutingMode {
            mode: failover(east),
            revert_at: Some(at(90)),
        })
    );
    assert_eq!(plan.history().count(), 1);
}

#[test]
fn the_second_of_two_leads_sees_what_changed_and_nothing_of_theirs_is_applied() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east = site(&topology, "east");
    // Both looked at version 0.
    plan.apply(activate(failover(east), None), 0, at(0))
        .unwrap();
    let loser = plan.apply(activate(closure(RoutingScope::Site(east)), None), 0, at(1));
    let Err(PlanError::Conflict {
        expected_version: 0,
        current_version: 1,
        changes_since,
        earlier_changes_dropped: false,
    }) = loser
    else {
        panic!("a conflict, got {loser:?}")
    };
    assert_eq!(changes_since.len(), 1);
    assert_eq!(changes_since[0].mode.mode, failover(east));
    assert_eq!((plan.version(), plan.active().len()), (1, 1), "unchanged");
    // Deciding again on the current version works.
    plan.apply(activate(closure(RoutingScope::Site(east)), None), 1, at(2))
        .unwrap();
    assert_eq!(plan.version(), 2);
}

#[test]
fn a_refused_change_changes_nothing() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    turn_on(&mut plan, failover(site(&topology, "east")), at(0));
    let before: Vec<_> = plan.history().cloned().collect();
    let refused = plan.apply(activate(failover(site(&topology, "east")), None), 1, at(1));
    assert!(matches!(
        refused,
        Err(PlanError::Rejected(RuleError::AlreadyActive { .. }))
    ));
    assert_eq!(plan.version(), 1);
    assert_eq!(plan.history().cloned().collect::<Vec<_>>(), before);
}

#[test]
fn turning_a_mode_off_records_who_and_why_and_a_second_try_is_told_it_is_off() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let id = turn_on(&mut plan, failover(site(&topology, "east")), at(0));
    let applied = plan.apply(deactivate(id), 1, at(30)).unwrap();
    assert_eq!(applied.version, 2);
    let PlanEvent::Ended(Ending::TurnedOff { by, reason }) = &applied.entries[0].event else {
        panic!("{:?}", applied.entries)
    };
    assert_eq!(
        (by.name.as_str(), reason.as_str()),
        ("Wang Wei", "power back at east")
    );
    assert!(matches!(
        applied.entries[0].platform_command(),
        Some(PlatformCommand::DeactivateRoutingMode { .. })
    ));
    assert!(plan.active().is_empty());
    assert_eq!(
        plan.apply(deactivate(id), 2, at(31)),
        Err(PlanError::Rejected(RuleError::NotActive(id)))
    );
    // Turning off needs a reason as well.
    let again = turn_on(&mut plan, failover(site(&topology, "east")), at(40));
    let curt = PlanChange::Deactivate(Deactivation {
        id: again,
        by: lead(),
        reason: "ok".into(),
    });
    assert!(matches!(
        plan.apply(curt, 3, at(41)),
        Err(PlanError::Rejected(RuleError::ReasonTooShort {
            chars: 2,
            ..
        }))
    ));
}

#[test]
fn a_mode_reverts_at_its_time_and_routing_stops_using_it_at_once() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east_phones = queue(&topology, "east.phones");
    let version = plan.version();
    plan.apply(
        activate(closure(RoutingScope::Queue(east_phones)), Some(at(60))),
        version,
        at(0),
    )
    .unwrap();
    assert_eq!(plan.next_revert_at(), Some(at(60)));
    assert!(plan.due_reverts(at(59)).is_empty());
    let someone = caller("13812345678", "Hainan");
    assert!(matches!(
        plan.route(east_phones, &someone, at(59)),
        RouteDecision::EmergencyAnnouncementAndCallback { .. }
    ));
    // At its time the closure no longer acts, even before the revert is recorded.
    assert!(matches!(
        plan.route(east_phones, &someone, at(60)),
        RouteDecision::Queue(_)
    ));
    assert_eq!(plan.due_reverts(at(60)).len(), 1);
    let entries = plan.revert_due(at(61));
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].version, entries[0].at, entries[0].event.clone()),
        (2, at(60), PlanEvent::Ended(Ending::RevertedAutomatically))
    );
    assert!(plan.active().is_empty() && plan.revert_due(at(62)).is_empty());
    assert_eq!(plan.next_revert_at(), None);
}

#[test]
fn a_change_records_the_reverts_that_came_due_before_it() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east = site(&topology, "east");
    plan.apply(activate(failover(east), Some(at(10))), 0, at(0))
        .unwrap();
    // The hub has not ticked since 00:10; the lead fails east over again at 00:20.
    let applied = plan
        .apply(activate(failover(east), None), 1, at(20))
        .unwrap();
    let events: Vec<_> = applied
        .entries
        .iter()
        .map(|e| (e.version, e.id(), e.event.clone()))
        .collect();
    assert_eq!(
        events,
        [
            (
                2,
                ModeId(1),
                PlanEvent::Ended(Ending::RevertedAutomatically)
            ),
            (3, ModeId(2), PlanEvent::Activated),
        ]
    );
}

#[test]
fn a_wider_mode_supersedes_a_narrower_one_of_the_same_kind() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east_night = turn_on(
        &mut plan,
        night(RoutingScope::Site(site(&topology, "east"))),
        at(0),
    );
    let applied = plan
        .apply(activate(night(RoutingScope::Centre), None), 1, at(1))
        .unwrap();
    assert_eq!(applied.version, 2);
    assert_eq!(applied.entries.len(), 2);
    assert_eq!(
        applied.entries[1].event,
        PlanEvent::Ended(Ending::Superseded { by: applied.id })
    );
    assert_eq!(applied.entries[1].id(), east_night);
    assert_eq!(applied.entries[1].version, 2);
    assert_eq!(plan.active().len(), 1);
}

#[test]
fn the_history_keeps_the_last_200_entries_and_a_conflict_says_when_it_reaches_further() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east = site(&topology, "east");
    for i in 0..150 {
        let id = turn_on(&mut plan, failover(east), at(i));
        let v = plan.version();
        plan.apply(deactivate(id), v, at(i)).unwrap();
    }
    assert_eq!(plan.history().count(), HISTORY_KEPT);
    assert_eq!(plan.history().next().unwrap().version, 101);
    let (recent, dropped) = plan.changes_since(250);
    assert_eq!((recent.len(), dropped), (50, false));
    let (_, dropped) = plan.changes_since(100);
    assert!(!dropped, "101 onwards are all kept");
    let (all_kept, dropped) = plan.changes_since(5);
    assert_eq!((all_kept.len(), dropped), (HISTORY_KEPT, true));
}

#[test]
fn a_restored_plan_keeps_its_version_and_numbers_new_modes_after_the_old() {
    let topology = three_sites();
    let mut first = plan(&topology);
    turn_on(&mut first, failover(site(&topology, "east")), at(0));
    turn_on(&mut first, night(RoutingScope::Centre), at(1));
    let mut restored = RoutingPlan::restore(
        &topology,
        first.policy(),
        first.version(),
        first.active().to_vec(),
    );
    assert_eq!(restored.version(), 2);
    let (_, dropped) = restored.changes_since(1);
    assert!(dropped, "a restored plan has no history");
    let id = turn_on(
        &mut restored,
        closure(RoutingScope::Queue(queue(&topology, "south.tier2"))),
        at(2),
    );
    assert_eq!(id, ModeId(3));
}
