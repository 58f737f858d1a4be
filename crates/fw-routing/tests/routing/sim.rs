//! The simulator's own centre: a preview filled from a real engine frame, as the app will
//! fill it, and the routing of the simulated queues.

use fw_domain::{RoutingScope, Timestamp};
use fw_engine::{Engine, EngineConfig};
use fw_routing::{LiveLoad, QueueRole, Target};
use fw_sim::{SimConfig, Simulator};

use crate::support::{caller, failover, night, plan, queue, site};

/// 2026-11-22 10:00 in Shanghai, a busy morning.
const MORNING: Timestamp = Timestamp(1_795_312_800_000);

#[test]
fn failing_over_east_on_a_simulated_morning_moves_its_load_to_north_and_south() {
    let mut simulator = Simulator::new(SimConfig::new(11, 300, MORNING)).unwrap();
    let topology = simulator.topology().clone();
    let mut engine = Engine::new(topology.clone(), EngineConfig::default()).unwrap();
    engine
        .resync(&simulator.snapshot(), simulator.now())
        .unwrap();
    let now = MORNING.plus_ms(45 * 60_000);
    let mut events = Vec::new();
    simulator.advance_to(now, &mut events);
    for event in &events {
        engine.apply(event, event.at);
    }
    let load = LiveLoad::from_engine(&engine, now);
    let plan = plan(&topology);
    let east = site(&topology, "east");
    let impact = plan.preview(&failover(east), &load, now).unwrap();

    let east_site = load.sites.iter().find(|s| s.site == east).unwrap();
    assert!(east_site.staffed > 0);
    assert_eq!(impact.agents_affected, east_site.staffed);
    let east_waiting: u32 = load
        .queues
        .iter()
        .filter(|q| topology.queue(q.queue).unwrap().site == east)
        .map(|q| q.waiting)
        .sum();
    assert_eq!(impact.calls_waiting_affected, east_waiting);
    assert_eq!(impact.destinations.len(), 7, "every east queue");
    for destination in &impact.destinations {
        let from = topology.queue(destination.from).unwrap();
        let Target::Queues(shares) = &destination.to else {
            panic!("{destination:?}")
        };
        assert_eq!(shares.len(), 2);
        for share in shares {
            let to = topology.queue(share.queue).unwrap();
            assert_eq!(to.skill, from.skill);
            assert_ne!(to.site, east);
        }
    }
    let before: f64 = impact
        .queues
        .iter()
        .map(|q| q.before.arrivals_per_hour)
        .sum();
    let after: f64 = impact
        .queues
        .iter()
        .filter_map(|q| q.after.map(|a| a.arrivals_per_hour))
        .sum();
    assert!(before > 0.0);
    assert!((before - after).abs() < 1e-9 * before);
    for q in &impact.queues {
        if q.role == QueueRole::Receives {
            let after = q.after.unwrap();
            assert!(after.arrivals_per_hour >= q.before.arrivals_per_hour);
            if let Some(level) = after.outlook.service_level() {
                assert!((0.0..=1.0).contains(&level));
            }
        }
    }
}

#[test]
fn night_mode_on_the_simulated_centre_merges_onto_north() {
    let simulator = Simulator::new(SimConfig::new(3, 60, MORNING)).unwrap();
    let topology = simulator.topology();
    let mut plan = plan(topology);
    let version = plan.version();
    plan.apply(
        crate::support::activate(night(RoutingScope::Centre), None),
        version,
        MORNING,
    )
    .unwrap();
    let decision = plan.route(
        queue(topology, "south.claims"),
        &caller("13800000000", "Guangdong"),
        MORNING,
    );
    let fw_routing::RouteDecision::Queue(route) = decision else {
        panic!("{decision:?}")
    };
    assert_eq!(route.candidates, [queue(topology, "north.claims")]);
    let keys = plan.astdb_entries().unwrap();
    assert!(
        keys.iter()
            .any(|e| e.key == "east.tier2" && e.value.ends_with("|north.tier2"))
    );
}
