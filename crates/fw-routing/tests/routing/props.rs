//! Property tests: whatever the supervisors do, in whatever order, the plan keeps its
//! promises.

use std::collections::BTreeSet;

use fw_domain::{CallerInfo, QueueId, RoutingMode, RoutingScope, SiteId, Timestamp, Topology};
use fw_routing::{
    LiveLoad, ModeId, PlanChange, PlanEntry, PlanError, Projection, QueueLoad, RoutingPlan,
    SiteLoad,
};
use proptest::prelude::*;

use crate::support::{T0, activation, centre, deactivate, plan};

const REGIONS: [&str; 5] = ["0898", "010", "Hainan", "Guangdong", "Sichuan"];

/// A request as drawn: indices are taken modulo what the topology has.
#[derive(Clone, Debug)]
enum Step {
    Activate {
        kind: u8,
        target: usize,
        scope: u8,
        regions: Vec<usize>,
        revert_minutes: Option<i64>,
    },
    Deactivate(usize),
    Wait(i64),
    Stale(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (
            0u8..4,
            0usize..64,
            0u8..3,
            proptest::collection::vec(0usize..REGIONS.len(), 0..4),
            proptest::option::of(-5i64..200),
        )
            .prop_map(|(kind, target, scope, regions, revert_minutes)| Step::Activate {
                kind,
                target,
                scope,
                regions,
                revert_minutes,
            }),
        2 => (0usize..8).prop_map(Step::Deactivate),
        2 => (1i64..90).prop_map(Step::Wait),
        1 => (1u64..5).prop_map(Step::Stale),
    ]
}

fn topology() -> impl Strategy<Value = Topology> {
    (2usize..=4, 1usize..=3).prop_map(|(sites, skills)| {
        let names = ["north", "east", "south", "west"];
        let skill_names = ["phones", "repairs", "tier2"];
        centre(&names[..sites], &skill_names[..skills])
    })
}

fn mode_of(
    topology: &Topology,
    kind: u8,
    target: usize,
    scope: u8,
    regions: &[usize],
) -> RoutingMode {
    let site = SiteId((target % topology.sites.len()) as u16);
    let scope = match scope {
        0 => RoutingScope::Centre,
        1 => RoutingScope::Site(site),
        _ => RoutingScope::Queue(QueueId((target % topology.queues.len()) as u16)),
    };
    match kind {
        0 => RoutingMode::SiteFailover { site },
        1 => RoutingMode::EmergencyClosure { scope },
        2 => RoutingMode::NightMode { scope },
        _ => RoutingMode::RegionalPriority {
            regions: regions.iter().map(|i| REGIONS[*i].to_owned()).collect(),
            waive_fees: target.is_multiple_of(2),
        },
    }
}

fn loads(topology: &Topology, seed: &[(u16, u16, u16)]) -> LiveLoad {
    LiveLoad {
        queues: topology
            .queues
            .iter()
            .zip(seed.iter().cycle())
            .map(|(q, (arrivals, staffed, aht))| QueueLoad {
                queue: q.id,
                waiting: u32::from(*arrivals % 7),
                staffed: u32::from(*staffed),
                available: u32::from(*staffed / 3),
                arrivals_per_hour: f64::from(*arrivals),
                aht_secs: (*aht > 0).then_some(f64::from(*aht)),
            })
            .collect(),
        sites: topology
            .sites
            .iter()
            .map(|s| SiteLoad {
                site: s.id,
                staffed: 10,
            })
            .collect(),
        waiting_callers: None,
    }
}

fn active_ids(plan: &RoutingPlan) -> Vec<ModeId> {
    plan.active().iter().map(|m| m.id).collect()
}

fn within_bounds(projection: &Projection) -> bool {
    projection
        .outlook
        .service_level()
        .is_none_or(|sl| (0.0..=1.0).contains(&sl))
        && projection.outlook.asa_secs().is_none_or(|asa| asa >= 0.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The version only ever moves up, by one per recorded change; a stale version always
    /// conflicts and changes nothing; a refusal changes nothing; an automatic revert removes
    /// exactly the modes that are due; one key per mode and queue in AstDB.
    #[test]
    fn the_plan_keeps_its_promises(
        topology in topology(),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut plan = plan(&topology);
        let mut now = T0;
        for step in steps {
            let version = plan.version();
            let active = active_ids(&plan);
            let history = plan.history().count();
            match step {
                Step::Activate { kind, target, scope, regions, revert_minutes } => {
                    let mode = mode_of(&topology, kind, target, scope, &regions);
                    let revert = revert_minutes.map(|m| now.plus_ms(m * 60_000));
                    let change = PlanChange::Activate(activation(mode, revert));
                    match plan.apply(change, version, now) {
                        Ok(applied) => {
                            prop_assert!(applied.version > version);
                            prop_assert_eq!(applied.version, plan.version());
                            let versions: Vec<u64> = applied.entries.iter().map(|e| e.version).collect();
                            prop_assert!(versions.windows(2).all(|w| w[0] <= w[1]));
                            prop_assert_eq!(versions.last().copied(), Some(plan.version()));
                        }
                        Err(PlanError::Rejected(_)) => {
                            prop_assert_eq!(plan.version(), version);
                            prop_assert_eq!(active_ids(&plan), active);
                            prop_assert_eq!(plan.history().count(), history);
                        }
                        Err(conflict) => prop_assert!(false, "unexpected {conflict:?}"),
                    }
                }
                Step::Deactivate(index) => {
                    if let Some(id) = active.get(index % active.len().max(1)).copied() {
                        let outcome = plan.apply(deactivate(id), version, now);
                        let still_in_force = plan.mode(id).is_some_and(|m| m.in_force(now));
                        prop_assert!(outcome.is_ok() || !still_in_force, "{outcome:?}");
                    }
                }
                Step::Wait(minutes) => {
                    now = now.plus_ms(minutes * 60_000);
                    let due: BTreeSet<ModeId> = plan.due_reverts(now).iter().map(|m| m.id).collect();
                    let expected: BTreeSet<ModeId> = plan
                        .active()
                        .iter()
                        .filter(|m| m.revert_at.is_some_and(|at| at <= now))
                        .map(|m| m.id)
                        .collect();
                    prop_assert_eq!(&due, &expected);
                    let entries = plan.revert_due(now);
                    let reverted: BTreeSet<ModeId> = entries.iter().map(PlanEntry::id).collect();
                    prop_assert_eq!(&reverted, &due);
                    prop_assert_eq!(plan.version(), version + entries.len() as u64);
                    let left: BTreeSet<ModeId> = active_ids(&plan).into_iter().collect();
                    let kept: BTreeSet<ModeId> = active.iter().copied().filter(|id| !due.contains(id)).collect();
                    prop_assert_eq!(left, kept);
                }
                Step::Stale(behind) => {
                    let stale = if behind > version { version + behind } else { version - behind };
                    let change = PlanChange::Activate(activation(RoutingMode::SiteFailover { site: SiteId(0) }, None));
                    let outcome = plan.apply(change, stale, now);
                    let is_conflict = matches!(
                        outcome,
                        Err(PlanError::Conflict { current_version, .. }) if current_version == version
                    );
                    prop_assert!(is_conflict, "{:?}", outcome);
                    prop_assert_eq!(plan.version(), version);
                    prop_assert_eq!(active_ids(&plan), active);
                    prop_assert_eq!(plan.history().count(), history);
                }
            }
            prop_assert!(plan.version() >= version);
            let keys = plan.astdb_entries().unwrap();
            let unique: BTreeSet<(&str, &str)> = keys.iter().map(|e| (e.family, e.key.as_str())).collect();
            prop_assert_eq!(unique.len(), keys.len(), "two modes wrote one key");
            for queue in &topology.queues {
                let _ = plan.route(queue.id, &CallerInfo { number: "089866112233".into(), region: "Hainan".into() }, now);
            }
        }
    }

    /// Failing a site over moves its traffic and loses none: what arrived before arrives
    /// after, at a queue or as a callback offer. Every projection stays within bounds.
    #[test]
    fn failover_conserves_traffic_and_projections_stay_in_bounds(
        topology in topology(),
        seed in proptest::collection::vec((0u16..400, 0u16..40, 0u16..600), 1..8),
        failed in 0usize..4,
        already in proptest::option::of(0usize..4),
    ) {
        let mut plan = plan(&topology);
        let sites = topology.sites.len();
        if let Some(other) = already {
            let mode = RoutingMode::EmergencyClosure { scope: RoutingScope::Site(SiteId((other % sites) as u16)) };
            plan.apply(PlanChange::Activate(activation(mode, None)), 0, T0).unwrap();
        }
        let load = loads(&topology, &seed);
        let mode = RoutingMode::SiteFailover { site: SiteId((failed % sites) as u16) };
        let impact = plan.preview(&mode, &load, T0).unwrap();
        let before: f64 = impact.queues.iter().map(|q| q.before.arrivals_per_hour).sum();
        let after: f64 = impact.queues.iter().filter_map(|q| q.after.map(|a| a.arrivals_per_hour)).sum::<f64>()
            + impact.callbacks_per_hour;
        prop_assert!((before - after).abs() <= 1e-9 * before.max(1.0), "{before} vs {after}");
        for q in &impact.queues {
            prop_assert!(within_bounds(&q.before));
            if let Some(after) = &q.after {
                prop_assert!(within_bounds(after));
            }
        }
    }

    /// No preview of any mode projects a service level outside [0, 1].
    #[test]
    fn no_preview_projects_a_service_level_outside_0_to_1(
        topology in topology(),
        seed in proptest::collection::vec((0u16..2_000, 0u16..300, 0u16..3_000), 1..8),
        kind in 0u8..4,
        target in 0usize..64,
        scope in 0u8..3,
        regions in proptest::collection::vec(0usize..REGIONS.len(), 1..3),
    ) {
        let plan = plan(&topology);
        let load = loads(&topology, &seed);
        let mode = mode_of(&topology, kind, target, scope, &regions);
        if let Ok(impact) = plan.preview(&mode, &load, Timestamp(0)) {
            for q in &impact.queues {
                prop_assert!(within_bounds(&q.before));
                prop_assert!(q.after.as_ref().is_none_or(within_bounds));
            }
            for r in impact.regional.iter().flat_map(|r| &r.queues) {
                prop_assert!(r.asa_prioritised_secs.is_none_or(|a| a >= 0.0));
            }
        }
    }
}
