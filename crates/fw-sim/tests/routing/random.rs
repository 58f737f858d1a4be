//! Random routing modes switched on and off at random times, on centres of any size and
//! line count: every stream invariant holds, the metrics engine sees no anomaly, and the
//! simulator only refuses what it should.

use fw_domain::{PlatformCommand, QueueId, RoutingMode, RoutingScope, SiteId, Timestamp};
use fw_engine::{Anomalies, Engine, EngineConfig};
use fw_sim::{SimCommandError, SimConfig, Simulator};
use proptest::prelude::*;

use crate::support::{Checker, MINUTE_MS, china};

/// Regions callers really come from, by province and by area code.
const REGIONS: [&str; 4] = ["Guangdong", "Sichuan", "020", "010"];

/// A mode drawn small enough that the same one comes up again (re-sends, deactivations).
fn mode(queues: u16) -> impl Strategy<Value = RoutingMode> {
    let site = (0_u16..3).prop_map(SiteId);
    let scope = prop_oneof![
        Just(RoutingScope::Centre),
        (0_u16..3).prop_map(|s| RoutingScope::Site(SiteId(s))),
        (0..queues).prop_map(|q| RoutingScope::Queue(QueueId(q))),
    ];
    prop_oneof![
        3 => site.prop_map(|site| RoutingMode::SiteFailover { site }),
        2 => scope.clone().prop_map(|scope| RoutingMode::EmergencyClosure { scope }),
        2 => scope.prop_map(|scope| RoutingMode::NightMode { scope }),
        2 => (0..REGIONS.len(), any::<bool>()).prop_map(|(r, waive_fees)| {
            RoutingMode::RegionalPriority {
                regions: vec![REGIONS[r].to_owned()],
                waive_fees,
            }
        }),
    ]
}

/// (minute, mode, revert after so many minutes or never, switch off instead of on).
type Op = (i64, RoutingMode, Option<i64>, bool);

fn ops(queues: u16) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(
        (
            0_i64..40,
            mode(queues),
            proptest::option::of(1_i64..20),
            prop::bool::weighted(0.3),
        ),
        0..10,
    )
}

fn command((_, mode, revert_after, off): &Op, now: Timestamp) -> PlatformCommand {
    if *off {
        PlatformCommand::DeactivateRoutingMode { mode: mode.clone() }
    } else {
        PlatformCommand::ActivateRoutingMode {
            mode: mode.clone(),
            revert_at: revert_after.map(|minutes| now.plus_ms(minutes * MINUTE_MS)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_modes_at_any_times_keep_every_invariant(
        seed in any::<u64>(),
        agents in 20_u32..=300,
        lines in 1_u16..=2,
        start_hour in 0_i64..24,
        ops in ops(42),
    ) {
        // Two lines need their head count (fw_sim::AGENTS_PER_LINE a line).
        let lines = if agents >= 2 * fw_sim::AGENTS_PER_LINE { lines } else { 1 };
        let config = SimConfig { lines, ..SimConfig::new(seed, agents, china(start_hour, 0)) };
        let mut sim = Simulator::new(config).unwrap();
        let initial = sim.snapshot();
        let queues = initial.topology.queues.len() as u16;
        let mut events = Vec::new();
        let mut ops = ops;
        ops.sort_by_key(|op| op.0);
        for op in &ops {
            sim.advance_to(china(start_hour, op.0), &mut events);
            let refused = match (&op.1, sim.execute(&command(op, sim.now()))) {
                (_, Ok(())) => continue,
                (_, Err(SimCommandError::RoutingModeNotActive { .. })) if op.3 => continue,
                (
                    RoutingMode::EmergencyClosure { scope: RoutingScope::Queue(q) }
                    | RoutingMode::NightMode { scope: RoutingScope::Queue(q) },
                    Err(SimCommandError::UnknownQueue(unknown)),
                ) if q.0 >= queues && unknown == *q => continue,
                (_, Err(error)) => error,
            };
            prop_assert!(false, "{op:?} refused: {refused}");
        }
        sim.advance_to(china(start_hour, 45), &mut events);
        Checker::from_snapshot(&initial, &initial.topology).check_all(&events);
        prop_assert_eq!(sim.snapshot().last_seq, events.len() as u64);
        let mut engine = Engine::new(initial.topology.clone(), EngineConfig::default()).unwrap();
        engine.resync(&initial, initial.taken_at).unwrap();
        for envelope in &events {
            engine.apply(envelope, envelope.at);
        }
        prop_assert_eq!(engine.anomalies(), Anomalies::default());
        prop_assert_eq!(engine.live_call_count(), sim.snapshot().calls.len());
    }
}
