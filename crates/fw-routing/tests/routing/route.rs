//! What the plan does to one call.

use fw_domain::RoutingScope;
use fw_routing::{
    ClosedBecause, ModeId, QueueRoute, REGIONAL_PRIORITY_BOOST, RouteDecision, night_queue,
    route_with,
};

use crate::support::{
    at, caller, centre, closure, failover, night, plan, priority, queue, site, three_sites, turn_on,
};

fn queued(decision: RouteDecision) -> QueueRoute {
    match decision {
        RouteDecision::Queue(route) => route,
        other @ RouteDecision::EmergencyAnnouncementAndCallback { .. } => {
            panic!("expected a queue, got {other:?}")
        }
    }
}

#[test]
fn without_modes_a_call_joins_the_queue_it_asked_for() {
    let topology = three_sites();
    let plan = plan(&topology);
    let east_phones = queue(&topology, "east.phones");
    let route = queued(plan.route(east_phones, &caller("13812345678", "Jiangsu"), at(0)));
    assert_eq!(route.candidates, [east_phones]);
    assert_eq!(
        (route.priority_boost, route.priority_mode, route.waive_fees),
        (0, None, false)
    );
}

#[test]
fn failover_sends_calls_to_the_same_skill_at_sites_still_up_and_open() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let someone = caller("13812345678", "Jiangsu");
    let east_repairs = queue(&topology, "east.repairs");
    turn_on(&mut plan, failover(site(&topology, "east")), at(0));
    let route = queued(plan.route(east_repairs, &someone, at(1)));
    assert_eq!(
        route.candidates,
        [
            queue(&topology, "north.repairs"),
            queue(&topology, "south.repairs")
        ]
    );
    // A closed queue is no target; with none left the caller gets the announcement.
    turn_on(
        &mut plan,
        closure(RoutingScope::Queue(queue(&topology, "north.repairs"))),
        at(2),
    );
    let route = queued(plan.route(east_repairs, &someone, at(3)));
    assert_eq!(route.candidates, [queue(&topology, "south.repairs")]);
    turn_on(&mut plan, failover(site(&topology, "south")), at(4));
    assert_eq!(
        plan.route(east_repairs, &someone, at(5)),
        RouteDecision::EmergencyAnnouncementAndCallback {
            mode: ModeId(1),
            because: ClosedBecause::NoFailoverTarget,
        }
    );
    // North's own phones calls are untouched.
    let north_phones = queue(&topology, "north.phones");
    assert_eq!(
        queued(plan.route(north_phones, &someone, at(5))).candidates,
        [north_phones]
    );
}

#[test]
fn closure_wins_over_night_mode_both_where_the_call_starts_and_where_it_would_go() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let someone = caller("13812345678", "Jiangsu");
    let east_phones = queue(&topology, "east.phones");
    let north_phones = queue(&topology, "north.phones");
    let night_id = turn_on(&mut plan, night(RoutingScope::Centre), at(0));
    assert_eq!(night_queue(&topology, east_phones), north_phones);
    assert_eq!(
        queued(plan.route(east_phones, &someone, at(1))).candidates,
        [north_phones]
    );
    let closed = turn_on(&mut plan, closure(RoutingScope::Queue(north_phones)), at(2));
    for asked in [east_phones, north_phones] {
        assert_eq!(
            plan.route(asked, &someone, at(3)),
            RouteDecision::EmergencyAnnouncementAndCallback {
                mode: closed,
                because: ClosedBecause::EmergencyClosure,
            },
            "{asked}"
        );
    }
    assert_ne!(night_id, closed);
}

#[test]
fn night_mode_then_failover_of_the_night_site_reaches_the_other_sites() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    turn_on(&mut plan, night(RoutingScope::Centre), at(0));
    turn_on(&mut plan, failover(site(&topology, "north")), at(1));
    let route = queued(plan.route(queue(&topology, "south.tier2"), &caller("", ""), at(2)));
    assert_eq!(
        route.candidates,
        [
            queue(&topology, "east.tier2"),
            queue(&topology, "south.tier2")
        ]
    );
}

#[test]
fn callers_from_a_prioritised_region_are_boosted_and_flagged() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let q = queue(&topology, "south.phones");
    let id = turn_on(&mut plan, priority(&["0898", "Hainan"], true), at(0));
    for from in [
        caller("+86 898 6611 2233", ""),
        caller("13800001111", "hainan"),
    ] {
        let route = queued(plan.route(q, &from, at(1)));
        assert_eq!(
            (route.priority_boost, route.priority_mode, route.waive_fees),
            (REGIONAL_PRIORITY_BOOST, Some(id), true),
            "{from:?}"
        );
        assert_eq!(route.candidates, [q], "priority moves no call");
    }
    let route = queued(plan.route(q, &caller("02088887777", "Guangdong"), at(1)));
    assert_eq!(route.priority_boost, 0);
}

#[test]
fn a_platform_that_keeps_only_the_modes_routes_the_same() {
    let topology = centre(&["a", "b"], &["phones"]);
    let mode = failover(fw_domain::SiteId(0));
    let route = route_with(
        &topology,
        [(ModeId(9), &mode)],
        fw_domain::QueueId(0),
        &caller("", ""),
    );
    assert_eq!(queued(route).candidates, [fw_domain::QueueId(1)]);
}
