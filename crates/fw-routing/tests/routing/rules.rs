//! Every rule, refused with a message that names the problem.

use fw_domain::{QueueId, RoutingScope, SiteId};
use fw_routing::{Activation, MAX_REGIONS, PlanChange, PlanError, RoutingPlan, RuleError};

use crate::support::{
    HOUR, activation, at, centre, closure, failover, night, plan, priority, queue, site,
    three_sites, turn_on,
};

/// The error `activation` gets from `plan` at 02:00.
fn refusal(plan: &mut RoutingPlan, activation: Activation) -> RuleError {
    let version = plan.version();
    match plan.apply(PlanChange::Activate(activation), version, at(0)) {
        Err(PlanError::Rejected(error)) => error,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn message(plan: &mut RoutingPlan, mode: fw_domain::RoutingMode) -> String {
    refusal(plan, activation(mode, None)).to_string()
}

#[test]
fn a_reason_is_required_and_trimmed_before_counting() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let mut change = activation(failover(site(&topology, "east")), None);
    change.reason = "   ".into();
    assert_eq!(refusal(&mut plan, change.clone()), RuleError::ReasonMissing);
    change.reason = " flood ".into();
    assert!(plan.check(&change, at(0)).is_ok());
    change.reason = " fire ".into();
    assert_eq!(
        refusal(&mut plan, change).to_string(),
        "the reason is too short (4 characters): say why in at least 5 characters"
    );
}

#[test]
fn the_revert_time_must_be_ahead_and_within_72_hours() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let east = site(&topology, "east");
    let past = activation(failover(east), Some(at(-2)));
    assert_eq!(
        refusal(&mut plan, past),
        RuleError::RevertNotInFuture { secs_ago: 120 }
    );
    let now = activation(failover(east), Some(at(0)));
    assert_eq!(
        refusal(&mut plan, now),
        RuleError::RevertNotInFuture { secs_ago: 0 }
    );
    let far = activation(failover(east), Some(at(0).plus_ms(72 * HOUR + 1)));
    assert_eq!(
        refusal(&mut plan, far).to_string(),
        "the revert time is 73 h ahead: at most 72 h is allowed (turn it on again later if it must last longer)"
    );
    let limit = activation(failover(east), Some(at(0).plus_ms(72 * HOUR)));
    assert!(plan.check(&limit, at(0)).is_ok());
}

#[test]
fn failover_needs_a_real_site_and_another_one_left_to_take_the_calls() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    assert_eq!(
        message(&mut plan, failover(SiteId(7))),
        "there is no site SiteId#7 in this centre"
    );
    turn_on(&mut plan, failover(site(&topology, "east")), at(0));
    assert_eq!(
        message(&mut plan, failover(site(&topology, "east"))),
        "failover of site east is already on (mode #1)"
    );
    turn_on(&mut plan, failover(site(&topology, "south")), at(0));
    assert_eq!(
        message(&mut plan, failover(site(&topology, "north"))),
        "failing over site north would leave no site to take the calls (site east, site south already failed over)"
    );
    let single = centre(&["north"], &["phones"]);
    let mut alone = crate::support::plan(&single);
    assert_eq!(
        message(&mut alone, failover(SiteId(0))),
        "failing over site north would leave no site to take the calls (no other site already failed over)"
    );
}

#[test]
fn closure_and_night_mode_scopes_must_exist_and_may_not_repeat_or_nest_inside_a_wider_one() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    assert_eq!(
        refusal(
            &mut plan,
            activation(closure(RoutingScope::Queue(QueueId(99))), None)
        ),
        RuleError::UnknownQueue(QueueId(99))
    );
    assert_eq!(
        refusal(
            &mut plan,
            activation(night(RoutingScope::Site(SiteId(5))), None)
        ),
        RuleError::UnknownSite(SiteId(5))
    );
    let east = RoutingScope::Site(site(&topology, "east"));
    turn_on(&mut plan, closure(east.clone()), at(0));
    assert_eq!(
        message(&mut plan, closure(east)),
        "emergency closure of site east is already on (mode #1)"
    );
    let east_phones = RoutingScope::Queue(queue(&topology, "east.phones"));
    assert_eq!(
        message(&mut plan, closure(east_phones.clone())),
        "emergency closure of queue east.phones is already covered by emergency closure of site east (mode #1); turn that off first to narrow it"
    );
    // Night mode is another kind: it may overlap, with closure taking precedence.
    assert!(
        plan.check(&activation(night(east_phones), None), at(0))
            .is_ok()
    );
}

#[test]
fn night_mode_where_the_night_team_already_works_is_refused_as_changing_nothing() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    assert_eq!(
        message(
            &mut plan,
            night(RoutingScope::Site(site(&topology, "north")))
        ),
        "night mode on site north changes nothing: its queues are already where the night team works"
    );
    assert!(
        plan.check(
            &activation(
                night(RoutingScope::Queue(queue(&topology, "south.repairs"))),
                None
            ),
            at(0)
        )
        .is_ok()
    );
}

#[test]
fn regional_priority_needs_well_written_regions_each_once_and_not_already_prioritised() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    assert_eq!(
        message(&mut plan, priority(&[], false)),
        "regional priority needs at least one region: an area code such as 0898, or a province such as Hainan"
    );
    assert_eq!(
        message(&mut plan, priority(&["0898", "898"], false)),
        "region \"898\": an area code starts with 0, e.g. 0898 for Hainan or 010 for Beijing"
    );
    assert_eq!(
        message(&mut plan, priority(&["Hainan", "hainan "], false)),
        "region hainan is listed twice"
    );
    let many: Vec<String> = (0..=MAX_REGIONS)
        .map(|i| format!("0{:03}", i + 100))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(matches!(
        refusal(&mut plan, activation(priority(&many, false), None)),
        RuleError::TooManyRegions { .. }
    ));
    turn_on(&mut plan, priority(&["0898", " Hainan "], false), at(0));
    assert_eq!(
        plan.active()[0].mode,
        priority(&["0898", "Hainan"], false),
        "stored tidied"
    );
    assert_eq!(
        message(&mut plan, priority(&["hainan", "0898"], false)),
        "regional priority for hainan, 0898 is already on (mode #1)"
    );
    assert_eq!(
        message(&mut plan, priority(&["Hainan", "Guangdong"], false)),
        "region Hainan already has priority under mode #1; turn that off first, or include all of its regions to replace it"
    );
}

#[test]
fn regional_priority_for_the_same_regions_and_more_or_another_fee_rule_replaces_the_old() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let first = turn_on(&mut plan, priority(&["0898", "Hainan"], false), at(0));
    let wider = turn_on(
        &mut plan,
        priority(&["0898", "Hainan", "Guangdong"], false),
        at(1),
    );
    assert_eq!(plan.active().len(), 1);
    assert!(plan.mode(first).is_none() && plan.mode(wider).is_some());
    turn_on(
        &mut plan,
        priority(&["0898", "Hainan", "Guangdong"], true),
        at(2),
    );
    assert_eq!(plan.active().len(), 1, "the fee waiver replaced it");
}
