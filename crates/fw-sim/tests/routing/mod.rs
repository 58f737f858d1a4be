//! Disaster-mode routing in the simulated centre: each mode measured against the same
//! seeded morning without it.

mod priority;
mod random;
mod returns;

use std::collections::BTreeMap;

use fw_domain::{
    AgentId, CallId, CallPhase, CallerInfo, DomainEvent, EventEnvelope, LeaveReason,
    PlatformCommand, QueueId, RoutingMode, RoutingScope, SiteId, Snapshot, Timestamp, Topology,
};
use fw_engine::{Anomalies, Engine, EngineConfig};
use fw_sim::{SimConfig, Simulator, Surge};

use crate::support::{Checker, HOUR_MS, MINUTE_MS, Tally, china};

/// A busy morning at 300 agents: calls from 09:30, the whole centre's demand doubled from
/// 10:00, so every site has callers waiting when a mode is switched on at 10:30.
pub fn busy() -> SimConfig {
    let surge = Surge {
        at: china(10, 0),
        duration_ms: 2 * HOUR_MS,
        factor: 2.0,
        site: None,
    };
    SimConfig {
        surge: Some(surge),
        ..SimConfig::new(11, 300, china(9, 30))
    }
}

/// When the modes go on.
pub const SWITCH_HOUR: (i64, i64) = (10, 30);

pub fn switch_time() -> Timestamp {
    china(SWITCH_HOUR.0, SWITCH_HOUR.1)
}

pub fn site_named(topology: &Topology, name: &str) -> SiteId {
    topology.sites.iter().find(|s| s.name == name).unwrap().id
}

pub fn queue_named(topology: &Topology, name: &str) -> QueueId {
    topology.queues.iter().find(|q| q.name == name).unwrap().id
}

pub fn activate(mode: RoutingMode, revert_at: Option<Timestamp>) -> PlatformCommand {
    PlatformCommand::ActivateRoutingMode { mode, revert_at }
}

/// A checked run: every invariant held from the first snapshot to the end.
pub struct Run {
    pub sim: Simulator,
    pub initial: Snapshot,
    pub events: Vec<EventEnvelope>,
    pub tally: Tally,
    /// Per command: where its events start in `events`, and the snapshot just before it.
    pub marks: Vec<(usize, Snapshot)>,
}

/// Runs `config` to `until`, carrying out each command at its time (after every event up
/// to it), and checks the whole stream.
pub fn run(config: SimConfig, commands: &[(Timestamp, PlatformCommand)], until: Timestamp) -> Run {
    let mut sim = Simulator::new(config).unwrap();
    let initial = sim.snapshot();
    let mut events = Vec::new();
    let mut marks = Vec::new();
    for (at, command) in commands {
        assert!(*at >= sim.now(), "commands in time order");
        sim.advance_to(*at, &mut events);
        let before = sim.snapshot();
        sim.execute(command)
            .unwrap_or_else(|e| panic!("{command:?}: {e}"));
        marks.push((events.len(), before));
    }
    sim.advance_to(until, &mut events);
    let mut checker = Checker::from_snapshot(&initial, &initial.topology);
    checker.check_all(&events);
    let tally = checker.tally.clone();
    Run {
        sim,
        initial,
        events,
        tally,
        marks,
    }
}

/// Calls reaching a queue matching `wanted` (from the IVR, or moved by a failover) in
/// `(from, to)`: the engine's offered count.
pub fn arrivals(
    run: &Run,
    from: Timestamp,
    to: Timestamp,
    wanted: impl Fn(QueueId) -> bool,
) -> usize {
    run.tally
        .arrivals
        .iter()
        .filter(|(at, queue)| *at > from && *at < to && wanted(*queue))
        .count()
}

/// The calls waiting (not ringing) in a queue matching `wanted`, with their queue and caller.
pub fn waiting_in(
    snapshot: &Snapshot,
    wanted: impl Fn(QueueId) -> bool,
) -> BTreeMap<CallId, (QueueId, CallerInfo, u8)> {
    snapshot
        .calls
        .iter()
        .filter(|c| c.phase == CallPhase::Queued)
        .filter_map(|c| Some((c.call, (c.queue?, c.caller.clone(), c.priority))))
        .filter(|(_, (queue, _, _))| wanted(*queue))
        .collect()
}

/// What the agents of `site` did with calls from the event at `mark` (up to the one at
/// `until`, if given).
#[derive(Debug, Default)]
struct SiteCalls {
    rung_after: usize,
    answered_after: usize,
    answered_after_a_later_ring: usize,
}

fn site_calls(run: &Run, site: SiteId, mark: usize, until: Option<usize>) -> SiteCalls {
    let topology = &run.initial.topology;
    let at_site = |agent: AgentId| topology.agents[agent.index()].site == site;
    let mut rung_at = BTreeMap::new();
    let mut seen = SiteCalls::default();
    let end = until.unwrap_or(run.events.len());
    for (index, envelope) in run.events.iter().enumerate().take(end) {
        match envelope.event {
            DomainEvent::AgentRinging { call, agent } => {
                rung_at.insert(call, index);
                seen.rung_after += usize::from(at_site(agent) && index >= mark);
            }
            DomainEvent::CallAnswered { call, agent } if at_site(agent) && index >= mark => {
                seen.answered_after += 1;
                seen.answered_after_a_later_ring += usize::from(rung_at[&call] >= mark);
            }
            _ => {}
        }
    }
    seen
}

#[test]
fn failing_over_east_moves_its_callers_to_the_other_sites_and_rings_no_one_there() {
    let t = switch_time();
    let end = t.plus_ms(30 * MINUTE_MS);
    let topology = Simulator::new(busy()).unwrap().topology().clone();
    let east = site_named(&topology, "east");
    let mode = RoutingMode::SiteFailover { site: east };
    let failover = run(busy(), &[(t, activate(mode.clone(), None))], end);
    let plain = run(busy(), &[], end);
    let at_east = |queue: QueueId| topology.queues[queue.index()].site == east;
    let skill = |queue: QueueId| topology.queues[queue.index()].skill.clone();

    // Every caller waiting at east moves at once, to the same skill at another site.
    let (mark, before) = &failover.marks[0];
    let waiting = waiting_in(before, at_east);
    let at_switch: Vec<&EventEnvelope> = failover.events[*mark..]
        .iter()
        .take_while(|e| e.at == t)
        .collect();
    assert_eq!(
        at_switch[0].event,
        DomainEvent::RoutingModeChanged { mode, active: true }
    );
    let withdrawn: Vec<CallId> = at_switch
        .iter()
        .filter_map(|e| match e.event {
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Withdrawn,
            } => Some(call),
            _ => None,
        })
        .collect();
    assert!(waiting.len() >= 5, "{} waiting at east", waiting.len());
    assert_eq!(withdrawn, waiting.keys().copied().collect::<Vec<_>>());
    for (call, (from, caller, _)) in &waiting {
        let story: Vec<&DomainEvent> = at_switch
            .iter()
            .map(|e| &e.event)
            .filter(|e| e.call() == Some(*call))
            .collect();
        let [
            DomainEvent::CallLeftQueue { .. },
            DomainEvent::CallOffered { caller: again, .. },
            DomainEvent::CallQueued { queue: to, .. },
            ..,
        ] = story.as_slice()
        else {
            panic!("{call}: {story:?}")
        };
        assert_eq!(again, caller);
        assert!(
            !at_east(*to) && skill(*to) == skill(*from),
            "{from} -> {to}"
        );
    }
    assert_eq!(failover.tally.withdrawn as usize, waiting.len());

    // No agent at east is rung after the failover: what they answer rang before it.
    let east_calls = site_calls(&failover, east, *mark, None);
    assert_eq!(east_calls.rung_after, 0, "{east_calls:?}");
    assert_eq!(east_calls.answered_after_a_later_ring, 0, "{east_calls:?}");

    // East takes no call; north and south take its share.
    assert_eq!(arrivals(&failover, t, end, at_east), 0);
    let others = |run: &Run| arrivals(run, t.plus_ms(-1), end, |q| !at_east(q));
    let (with, without) = (others(&failover), others(&plain));
    let east_without = arrivals(&plain, t, end, at_east);
    println!(
        "failover of east, 30 min: north+south offered {with} (without: {without}; east \
         without: {east_without}); moved at once {}; east answered {} rung before",
        waiting.len(),
        east_calls.answered_after
    );
    assert!(
        with as f64 > 1.4 * without as f64,
        "north+south offered {with} with the failover, {without} without"
    );
    assert!(with as f64 > 0.85 * (without + east_without) as f64);

    // The metrics engine takes the whole stream, moves included, without an anomaly.
    let mut engine = Engine::new(topology.clone(), EngineConfig::default()).unwrap();
    engine
        .resync(&failover.initial, failover.initial.taken_at)
        .unwrap();
    for envelope in &failover.events {
        engine.apply(envelope, envelope.at);
    }
    assert_eq!(engine.anomalies(), Anomalies::default());
    assert_eq!(
        engine.live_call_count(),
        failover.sim.snapshot().calls.len()
    );
}

#[test]
fn an_emergency_closure_sends_every_new_caller_to_a_callback_and_no_one_waits() {
    let t = switch_time();
    let end = t.plus_ms(20 * MINUTE_MS);
    let topology = Simulator::new(busy()).unwrap().topology().clone();
    let phones = queue_named(&topology, "north.phones");
    let mode = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Queue(phones),
    };
    let closed = run(busy(), &[(t, activate(mode, None))], end);
    let (mark, before) = &closed.marks[0];
    let after = &closed.events[*mark..];
    let mut turned_away = 0_usize;
    for (index, envelope) in after.iter().enumerate() {
        let DomainEvent::CallQueued { call, queue, .. } = envelope.event else {
            continue;
        };
        if queue != phones {
            continue;
        }
        let next = &after[index + 1];
        assert_eq!(
            (next.at, &next.event),
            (envelope.at, &DomainEvent::CallbackRequested { call }),
            "{call} queued on the closed queue"
        );
        turned_away += 1;
    }
    let plain = run(busy(), &[], end);
    let offered_without = arrivals(&plain, t, end, |q| q == phones);
    println!(
        "closure of north.phones, 20 min: {turned_away} callbacks ({offered_without} offered without)"
    );
    assert!(turned_away as f64 > 0.7 * offered_without as f64);
    // Callers already waiting stayed (they are answered or give up as usual); no one joined.
    assert_eq!(closed.tally.withdrawn, 0);
    let still_waiting = waiting_in(&closed.sim.snapshot(), |q| q == phones);
    assert!(
        still_waiting
            .keys()
            .all(|call| before.calls.iter().any(|c| c.call == *call)),
        "{still_waiting:?}"
    );
}

#[test]
fn night_mode_on_east_merges_its_new_calls_onto_the_night_queues() {
    let t = switch_time();
    let end = t.plus_ms(20 * MINUTE_MS);
    let topology = Simulator::new(busy()).unwrap().topology().clone();
    let east = site_named(&topology, "east");
    let mode = RoutingMode::NightMode {
        scope: RoutingScope::Site(east),
    };
    let night = run(busy(), &[(t, activate(mode, None))], end);
    let plain = run(busy(), &[], end);
    let at_east = |queue: QueueId| topology.queues[queue.index()].site == east;
    let night_queues: Vec<QueueId> = topology
        .queues
        .iter()
        .filter(|q| q.site == east)
        .map(|q| fw_routing::night_queue(&topology, q.id))
        .collect();
    for (east_queue, night_queue) in topology
        .queues
        .iter()
        .filter(|q| q.site == east)
        .zip(&night_queues)
    {
        let expected = east_queue.name.replace("east.", "north.");
        assert_eq!(topology.queues[night_queue.index()].name, expected);
    }
    assert_eq!(arrivals(&night, t, end, at_east), 0, "nothing new at east");
    let on_night_queues = |run: &Run| arrivals(run, t, end, |q| night_queues.contains(&q));
    let (with, without) = (on_night_queues(&night), on_night_queues(&plain));
    let east_without = arrivals(&plain, t, end, at_east);
    println!(
        "night mode on east, 20 min: night queues offered {with} (without: {without}; east \
         without: {east_without})"
    );
    assert!(with as f64 > 0.85 * (without + east_without) as f64);
    assert!(with as f64 > 1.4 * without as f64);
    // The callers already waiting at east stay and are answered there.
    let (_, before) = &night.marks[0];
    assert!(!waiting_in(before, at_east).is_empty());
    assert_eq!(night.tally.withdrawn, 0);
    let answered_at_east = night
        .tally
        .answered
        .iter()
        .filter(|(at, queue)| *at > t && at_east(*queue))
        .count();
    assert!(answered_at_east > 0);
}
