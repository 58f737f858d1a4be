//! The impact preview on a small centre whose figures are easy to follow.
#![allow(clippy::float_cmp)] // compared values are sums of the same few inputs, exactly representable

use fw_domain::{QueueId, RoutingScope, SiteId, Topology};
use fw_routing::{
    ClosedBecause, Destination, Impact, Interaction, LiveLoad, ModeId, Outlook, QueueLoad,
    QueueRole, RoutingPlan, RuleError, Share, SiteLoad, Target, WaitingCaller,
};

use crate::support::{
    at, caller, centre, closure, failover, night, plan, priority, queue, site, three_sites, turn_on,
};

fn load(queue: QueueId, arrivals: f64, staffed: u32, waiting: u32) -> QueueLoad {
    QueueLoad {
        queue,
        waiting,
        staffed,
        available: staffed / 4,
        arrivals_per_hour: arrivals,
        aht_secs: Some(240.0),
    }
}

/// Phones is busy; repairs and tier 2 are quiet. East's 20 people staff its 22 queue seats
/// (some work two queues).
fn live(topology: &Topology) -> LiveLoad {
    let q = |name| queue(topology, name);
    LiveLoad {
        queues: vec![
            load(q("north.phones"), 120.0, 10, 2),
            load(q("east.phones"), 200.0, 14, 5),
            load(q("south.phones"), 60.0, 30, 0),
            load(q("north.repairs"), 12.0, 3, 0),
            load(q("east.repairs"), 24.0, 6, 1),
            load(q("south.repairs"), 12.0, 3, 0),
            load(q("east.tier2"), 6.0, 2, 0),
        ],
        sites: vec![SiteLoad {
            site: site(topology, "east"),
            staffed: 20,
        }],
        waiting_callers: None,
    }
}

fn impact_on(impact: &Impact, queue: QueueId) -> &fw_routing::QueueImpact {
    impact
        .queues
        .iter()
        .find(|q| q.queue == queue)
        .unwrap_or_else(|| panic!("{queue} not in the preview"))
}

fn total_before(impact: &Impact) -> f64 {
    impact
        .queues
        .iter()
        .map(|q| q.before.arrivals_per_hour)
        .sum()
}

fn total_after(impact: &Impact) -> f64 {
    let queued: f64 = impact
        .queues
        .iter()
        .filter_map(|q| q.after.map(|a| a.arrivals_per_hour))
        .sum();
    queued + impact.callbacks_per_hour
}

#[test]
fn failover_sends_the_site_s_calls_to_the_other_sites_by_their_staffing() {
    let topology = three_sites();
    let plan = plan(&topology);
    let q = |name| queue(&topology, name);
    let impact = plan
        .preview(&failover(site(&topology, "east")), &live(&topology), at(0))
        .unwrap();
    assert_eq!(impact.calls_waiting_affected, 6);
    assert_eq!(impact.agents_affected, 20, "the site's own head count");
    assert_eq!(
        impact.destinations[0],
        Destination {
            from: q("east.phones"),
            to: Target::Queues(vec![
                Share {
                    queue: q("north.phones"),
                    share: 0.25,
                },
                Share {
                    queue: q("south.phones"),
                    share: 0.75,
                },
            ]),
        }
    );
    let east = impact_on(&impact, q("east.phones"));
    assert_eq!((east.role, east.after), (QueueRole::Sends, None));
    let north = impact_on(&impact, q("north.phones"));
    assert_eq!(north.role, QueueRole::Receives);
    let after = north.after.unwrap();
    assert_eq!((after.arrivals_per_hour, after.staffed), (170.0, 10));
    assert_eq!(
        impact_on(&impact, q("south.phones"))
            .after
            .unwrap()
            .arrivals_per_hour,
        210.0
    );
    let sl = |o: Outlook| o.service_level().unwrap();
    assert!(sl(after.outlook) < sl(north.before.outlook));
    assert!(after.agents_required > north.before.agents_required);
    // East's tier 2 (6 an hour) goes to the other tier-2 queues, whom nobody staffs: evenly.
    let tier2 = impact
        .destinations
        .iter()
        .find(|d| d.from == q("east.tier2"))
        .unwrap();
    assert_eq!(
        tier2.to,
        Target::Queues(vec![
            Share {
                queue: q("north.tier2"),
                share: 0.5
            },
            Share {
                queue: q("south.tier2"),
                share: 0.5
            },
        ])
    );
    assert_eq!(
        impact_on(&impact, q("south.tier2")).after.unwrap().outlook,
        Outlook::Overloaded,
        "calls and nobody to take them"
    );
    assert_eq!(total_before(&impact), total_after(&impact));
    assert_eq!(impact.callbacks_per_hour, 0.0);
    assert!(impact.interactions.is_empty());
}

#[test]
fn closure_turns_a_queue_s_calls_and_its_waiting_callers_into_callback_offers() {
    let topology = three_sites();
    let plan = plan(&topology);
    let east_phones = queue(&topology, "east.phones");
    let impact = plan
        .preview(
            &closure(RoutingScope::Queue(east_phones)),
            &live(&topology),
            at(0),
        )
        .unwrap();
    assert_eq!(
        (impact.callbacks_per_hour, impact.callbacks_waiting),
        (200.0, 5)
    );
    assert_eq!(
        (impact.calls_waiting_affected, impact.agents_affected),
        (5, 14)
    );
    let [only] = impact.queues.as_slice() else {
        panic!("{:?}", impact.queues)
    };
    assert_eq!(
        (only.queue, only.after),
        (east_phones, None),
        "not applicable"
    );
    assert_eq!(
        impact.destinations[0].to,
        Target::AnnouncementAndCallback {
            mode: ModeId::PROPOSED,
            because: ClosedBecause::EmergencyClosure,
        }
    );
}

#[test]
fn night_mode_pools_calls_and_agents_on_the_night_queues() {
    let topology = three_sites();
    let plan = plan(&topology);
    let q = |name| queue(&topology, name);
    let impact = plan
        .preview(&night(RoutingScope::Centre), &live(&topology), at(0))
        .unwrap();
    let phones = impact_on(&impact, q("north.phones")).after.unwrap();
    assert_eq!((phones.arrivals_per_hour, phones.staffed), (380.0, 54));
    assert_eq!(phones.aht_secs, Some(240.0));
    let Outlook::Stable { service_level, .. } = phones.outlook else {
        panic!("{:?}", phones.outlook)
    };
    assert!((0.0..=1.0).contains(&service_level));
    assert_eq!(impact_on(&impact, q("east.phones")).after, None);
    // East's whole site (20 people) and south's queues (33 seats, no site figure given).
    assert_eq!(impact.agents_affected, 20 + 33);
    assert_eq!(total_before(&impact), total_after(&impact));
}

#[test]
fn regional_priority_changes_the_order_not_the_totals() {
    let topology = three_sites();
    let plan = plan(&topology);
    let mode = priority(&["0898", "Hainan"], false);
    let mut state = live(&topology);
    let blind = plan.preview(&mode, &state, at(0)).unwrap();
    let regional = blind.regional.clone().unwrap();
    assert_eq!((regional.share, regional.waiting_prioritised), (None, None));
    assert!(regional.queues.is_empty() && blind.queues.is_empty());
    assert_eq!(
        (blind.calls_waiting_affected, blind.agents_affected),
        (0, 0)
    );

    let east_phones = queue(&topology, "east.phones");
    let waiting = |region: &str| WaitingCaller {
        queue: east_phones,
        caller: caller("13800000000", region),
    };
    state.waiting_callers = Some(vec![
        waiting("Hainan"),
        waiting("Jiangsu"),
        waiting("Zhejiang"),
        waiting("Anhui"),
    ]);
    let seen = plan.preview(&mode, &state, at(0)).unwrap();
    let regional = seen.regional.unwrap();
    assert_eq!(
        (regional.share, regional.waiting_prioritised),
        (Some(0.25), Some(1))
    );
    assert_eq!(seen.calls_waiting_affected, 1);
    let east = regional
        .queues
        .iter()
        .find(|r| r.queue == east_phones)
        .unwrap();
    assert_eq!(east.waiting_prioritised, 1);
    let (first, others) = (
        east.asa_prioritised_secs.unwrap(),
        east.asa_others_secs.unwrap(),
    );
    let before = blind_asa(&plan, &state, east_phones);
    assert!(first < before && before < others);
    assert!((0.25 * first + 0.75 * others - before).abs() < 1e-9);
}

/// The queue's ASA without priority, from a preview that touches it (closing it).
fn blind_asa(plan: &RoutingPlan, state: &LiveLoad, queue: QueueId) -> f64 {
    let impact = plan
        .preview(&closure(RoutingScope::Queue(queue)), state, at(0))
        .unwrap();
    impact_on(&impact, queue).before.outlook.asa_secs().unwrap()
}

#[test]
fn the_preview_explains_how_the_proposed_mode_meets_those_already_on() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let q = |name| queue(&topology, name);
    let night_id = turn_on(&mut plan, night(RoutingScope::Centre), at(0));
    let east_closure = plan
        .preview(
            &closure(RoutingScope::Site(site(&topology, "east"))),
            &live(&topology),
            at(1),
        )
        .unwrap();
    assert_eq!(
        east_closure.interactions,
        [Interaction::ClosureOverridesNight {
            closure: ModeId::PROPOSED,
            night: night_id,
            queues: vec![q("east.phones"), q("east.repairs"), q("east.tier2")],
        }]
    );
    let night_queue_closed = plan
        .preview(
            &closure(RoutingScope::Queue(q("north.phones"))),
            &live(&topology),
            at(1),
        )
        .unwrap();
    let [note] = night_queue_closed.interactions.as_slice() else {
        panic!("{:?}", night_queue_closed.interactions)
    };
    assert_eq!(
        note.explain(&topology),
        "mode #1 merges queue east.phones, queue south.phones onto a night queue that the proposed mode closes: callers hear the emergency announcement"
    );
    // Closing north.phones under night mode stops the east and south phones traffic too.
    assert_eq!(night_queue_closed.callbacks_per_hour, 120.0 + 200.0 + 60.0);
}

#[test]
fn failover_with_no_open_queue_of_the_skill_elsewhere_is_explained_and_offers_callbacks() {
    let topology = centre(&["north", "east"], &["phones", "repairs"]);
    let mut plan = plan(&topology);
    let q = |name| queue(&topology, name);
    turn_on(
        &mut plan,
        closure(RoutingScope::Queue(q("north.repairs"))),
        at(0),
    );
    let state = LiveLoad {
        queues: vec![
            load(q("east.repairs"), 30.0, 4, 2),
            load(q("east.phones"), 90.0, 8, 1),
        ],
        ..LiveLoad::default()
    };
    let impact = plan.preview(&failover(SiteId(1)), &state, at(1)).unwrap();
    assert_eq!(
        impact.interactions,
        [Interaction::NoFailoverTarget {
            failover: ModeId::PROPOSED,
            queues: vec![q("east.repairs")],
        }]
    );
    assert_eq!(
        (impact.callbacks_per_hour, impact.callbacks_waiting),
        (30.0, 2)
    );
    assert_eq!(
        impact.agents_affected, 12,
        "no site figure: the queues' sum"
    );
    assert_eq!(total_before(&impact), total_after(&impact));
}

#[test]
fn the_preview_refuses_what_the_activation_would_refuse() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    turn_on(&mut plan, failover(site(&topology, "east")), at(0));
    assert!(matches!(
        plan.preview(&failover(site(&topology, "east")), &live(&topology), at(1)),
        Err(RuleError::AlreadyActive { .. })
    ));
    // Nonsense figures count as none rather than poisoning the sums.
    let mut odd = live(&topology);
    odd.queues[1].arrivals_per_hour = f64::NAN;
    odd.queues[1].aht_secs = Some(-3.0);
    odd.queues.push(load(QueueId(500), 10.0, 1, 1));
    let impact = plan
        .preview(&closure(RoutingScope::Centre), &odd, at(1))
        .unwrap();
    assert!(impact.callbacks_per_hour.is_finite());
}
