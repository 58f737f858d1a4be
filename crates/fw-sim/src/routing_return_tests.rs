//! Modes switched on, off and reverting at random over a simulated hour: no call is lost
//! or counted twice, and once every mode has ended no call waits away from the queue it
//! chose. In the crate, because the queue a call chose is the simulator's own knowledge.

use fw_domain::{
    CallId, DomainEvent, PlatformCommand, QueueId, RoutingMode, RoutingScope, SiteId, Timestamp,
};
use fw_engine::{Anomalies, Counters, Engine, EngineConfig, Window};
use proptest::prelude::*;

use crate::call_table::CallStage;
use crate::config::SimConfig;
use crate::error::SimCommandError;
use crate::simulator::Simulator;

const MINUTE_MS: i64 = 60_000;
/// 2025-03-03 00:00 in China (UTC+8).
const MIDNIGHT_CHINA: i64 = 1_740_931_200_000;

fn china(hour: i64, minute: i64) -> Timestamp {
    Timestamp(MIDNIGHT_CHINA + (hour * 60 + minute) * MINUTE_MS)
}

fn mode(queues: u16) -> impl Strategy<Value = RoutingMode> {
    let scope = prop_oneof![
        Just(RoutingScope::Centre),
        (0_u16..3).prop_map(|s| RoutingScope::Site(SiteId(s))),
        (0..queues).prop_map(|q| RoutingScope::Queue(QueueId(q))),
    ];
    prop_oneof![
        4 => (0_u16..3).prop_map(|site| RoutingMode::SiteFailover { site: SiteId(site) }),
        2 => scope.clone().prop_map(|scope| RoutingMode::EmergencyClosure { scope }),
        3 => scope.prop_map(|scope| RoutingMode::NightMode { scope }),
        2 => any::<bool>().prop_map(|waive_fees| RoutingMode::RegionalPriority {
            regions: vec!["Guangdong".to_owned()],
            waive_fees,
        }),
    ]
}

/// (minute, mode, reverts after so many minutes, switch off instead of on).
type Op = (i64, RoutingMode, Option<i64>, bool);

fn ops(queues: u16) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(
        (
            0_i64..60,
            mode(queues),
            proptest::option::of(1_i64..30),
            prop::bool::weighted(0.35),
        ),
        1..14,
    )
}

/// Waiting calls away from the queue they chose.
fn displaced(sim: &Simulator) -> Vec<(CallId, QueueId, QueueId)> {
    sim.calls
        .iter()
        .filter(|r| r.stage == CallStage::Waiting && r.queue != r.chosen_queue)
        .map(|r| (r.id, r.chosen_queue, r.queue))
        .collect()
}

/// Every call the stream shows is accounted once by the engine (see the integration
/// test's `assert_every_call_counted_once`): per queue and for the centre.
fn check_accounts(
    sim: &Simulator,
    initial: &fw_domain::Snapshot,
    events: &[fw_domain::EventEnvelope],
) -> Result<(), TestCaseError> {
    let config = EngineConfig {
        window: Window::Day,
        ..EngineConfig::default()
    };
    let mut engine = Engine::new(initial.topology.clone(), config).unwrap();
    engine.resync(initial, initial.taken_at).unwrap();
    for envelope in events {
        engine.apply(envelope, envelope.at);
    }
    prop_assert_eq!(engine.anomalies(), Anomalies::default());
    prop_assert_eq!(engine.live_call_count(), sim.snapshot().calls.len());
    let mut waiting = vec![0_u32; initial.topology.queues.len()];
    for call in engine.live_calls() {
        if let (true, Some(queue)) = (call.phase.is_waiting(), call.queue) {
            waiting[queue.index()] += 1;
        }
    }
    let frame = engine.frame(sim.now());
    let outcomes = |c: &Counters| c.answered + c.abandoned + c.callbacks + c.left_other;
    for queue in &frame.queues {
        let c = &queue.figures.counters;
        prop_assert_eq!(c.offered, outcomes(c) + waiting[queue.queue.index()]);
    }
    let total = frame.total.counters;
    prop_assert_eq!(
        total.offered,
        outcomes(&total) + waiting.iter().sum::<u32>()
    );
    let mut queued: Vec<CallId> = Vec::new();
    let mut escalations = 0_u32;
    let mut withdrawn = 0_u32;
    for envelope in events {
        match envelope.event {
            DomainEvent::CallQueued { call, .. } => queued.push(call),
            DomainEvent::CallEscalated { .. } => escalations += 1,
            DomainEvent::CallLeftQueue {
                reason: fw_domain::LeaveReason::Withdrawn,
                ..
            } => withdrawn += 1,
            _ => {}
        }
    }
    queued.sort_unstable();
    queued.dedup();
    // Offered once per queue visit: a move is no new offer.
    prop_assert_eq!(total.offered, queued.len() as u32 + escalations);
    let moved_in: u32 = frame
        .queues
        .iter()
        .map(|q| q.figures.counters.moved_in)
        .sum();
    prop_assert_eq!(moved_in, withdrawn);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn modes_on_off_and_reverting_lose_no_call_and_send_every_caller_back(
        seed in any::<u64>(),
        agents in 20_u32..=240,
        start_hour in 0_i64..23,
        ops in ops(21),
    ) {
        let start = china(start_hour, 0);
        let mut sim = Simulator::new(SimConfig::new(seed, agents, start)).unwrap();
        let initial = sim.snapshot();
        let mut events = Vec::new();
        let mut ops = ops;
        ops.sort_by_key(|op| op.0);
        for (minute, mode, revert_after, off) in &ops {
            sim.advance_to(start.plus_ms(minute * MINUTE_MS), &mut events);
            let now = sim.now();
            let command = if *off {
                PlatformCommand::DeactivateRoutingMode { mode: mode.clone() }
            } else {
                PlatformCommand::ActivateRoutingMode {
                    mode: mode.clone(),
                    revert_at: revert_after.map(|m| now.plus_ms(m * MINUTE_MS)),
                }
            };
            match sim.execute(&command) {
                Ok(()) | Err(SimCommandError::RoutingModeNotActive { .. }) => {}
                Err(error) => prop_assert!(false, "{command:?} refused: {error}"),
            }
            if sim.routing.none_acting(sim.now()) {
                prop_assert_eq!(displaced(&sim), vec![], "no mode left at {}", minute);
            }
        }
        // The hour runs out; whatever is still on is switched off.
        sim.advance_to(start.plus_ms(60 * MINUTE_MS), &mut events);
        let still_on: Vec<RoutingMode> =
            sim.routing_modes().iter().map(|m| m.mode.clone()).collect();
        for mode in still_on {
            sim.execute(&PlatformCommand::DeactivateRoutingMode { mode }).unwrap();
        }
        prop_assert_eq!(displaced(&sim), vec![]);
        // Calls ringing or talking elsewhere stay; any that rings unanswered later comes back.
        for minutes in [1, 3, 5] {
            sim.advance_to(start.plus_ms((60 + minutes) * MINUTE_MS), &mut events);
            prop_assert_eq!(displaced(&sim), vec![], "{} min after", minutes);
        }
        prop_assert_eq!(sim.snapshot().last_seq, events.len() as u64);
        check_accounts(&sim, &initial, &events)?;
    }
}
