//! Regional priority, automatic reverts, and the same commands giving the same stream.

use std::collections::BTreeMap;

use fw_domain::{CallId, DomainEvent, PlatformCommand, QueueId, RoutingMode, RoutingScope};
use fw_engine::{Anomalies, Engine, EngineConfig};
use fw_routing::{ModeId, REGIONAL_PRIORITY_BOOST};
use fw_sim::{SimCommandError, Simulator};

use super::{Run, activate, busy, queue_named, run, site_named, switch_time, waiting_in};
use crate::support::{Checker, MINUTE_MS};

/// One queue visit: where the call joined the line and where it was first rung for
/// (positions in the stream, so calls at the same millisecond still have an order).
struct Visit {
    queue: QueueId,
    joined: usize,
    served: Option<usize>,
    from_region: bool,
}

/// Every visit that starts in the stream (re-announcements are not new visits).
fn visits(run: &Run, region: &str) -> Vec<Visit> {
    let mut regions: BTreeMap<CallId, bool> = run
        .initial
        .calls
        .iter()
        .map(|c| (c.call, c.caller.region == region))
        .collect();
    let mut current: BTreeMap<CallId, usize> = BTreeMap::new();
    let mut visits: Vec<Visit> = Vec::new();
    for (index, envelope) in run.events.iter().enumerate() {
        match &envelope.event {
            DomainEvent::CallOffered { call, caller } => {
                regions.insert(*call, caller.region == region);
            }
            DomainEvent::CallQueued { call, queue, .. } => {
                let open = current
                    .get(call)
                    .map(|v| &visits[*v])
                    .is_some_and(|v| v.queue == *queue && v.served.is_none());
                if !open {
                    current.insert(*call, visits.len());
                    visits.push(Visit {
                        queue: *queue,
                        joined: index,
                        served: None,
                        from_region: regions.get(call).copied().unwrap_or(false),
                    });
                }
            }
            DomainEvent::AgentRinging { call, .. } => {
                if let Some(visit) = current.get(call).map(|v| &mut visits[*v]) {
                    visit.served.get_or_insert(index);
                }
            }
            _ => {}
        }
    }
    visits
}

/// Of the pairs of callers who waited together in one queue, both taken from the line after
/// `mark`, with the later one (`later` filter) having joined after the earlier one
/// (`earlier` filter): how many times the later one went first, and how many pairs.
fn overtakes(
    visits: &[Visit],
    mark: usize,
    later: impl Fn(&Visit) -> bool,
    earlier: impl Fn(&Visit) -> bool,
) -> (usize, usize) {
    let served: Vec<(&Visit, usize)> = visits
        .iter()
        .filter_map(|v| v.served.filter(|s| *s >= mark).map(|s| (v, s)))
        .collect();
    let (mut overtaken, mut pairs) = (0, 0);
    for (x, x_served) in served.iter().filter(|(v, _)| earlier(v)) {
        for (y, y_served) in served.iter().filter(|(v, _)| later(v)) {
            if x.queue == y.queue && x.joined < y.joined && y.joined < *x_served {
                pairs += 1;
                overtaken += usize::from(y_served < x_served);
            }
        }
    }
    (overtaken, pairs)
}

fn share((part, whole): (usize, usize)) -> f64 {
    part as f64 / whole.max(1) as f64
}

#[test]
fn callers_from_a_priority_region_move_up_and_are_answered_before_earlier_callers() {
    let t = switch_time();
    let end = t.plus_ms(30 * MINUTE_MS);
    let mode = RoutingMode::RegionalPriority {
        regions: vec!["Guangdong".into()],
        waive_fees: false,
    };
    let raised = run(busy(), &[(t, activate(mode, None))], end);
    let plain = run(busy(), &[], end);

    // The Guangdong callers already waiting are re-announced with the boost, no one else.
    let (mark, before) = &raised.marks[0];
    let waiting = waiting_in(before, |_| true);
    let expected: Vec<(CallId, QueueId, u8)> = waiting
        .iter()
        .filter(|(_, (_, caller, _))| caller.region == "Guangdong")
        .map(|(call, (queue, _, priority))| (*call, *queue, priority + REGIONAL_PRIORITY_BOOST))
        .collect();
    let announced: Vec<(CallId, QueueId, u8)> = raised.events[*mark..]
        .iter()
        .take_while(|e| e.at == t)
        .filter_map(|e| match e.event {
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                ..
            } => Some((call, queue, priority)),
            _ => None,
        })
        .collect();
    assert!(!expected.is_empty(), "{} waiting", waiting.len());
    assert_eq!(announced, expected);
    assert_eq!(raised.tally.reannounced as usize, expected.len());

    // In line, a Guangdong caller goes before callers who joined earlier; others keep order.
    let with = visits(&raised, "Guangdong");
    let from = |v: &Visit| v.from_region;
    let other = |v: &Visit| !v.from_region;
    let priority_first = overtakes(&with, *mark, from, other);
    let others_first = overtakes(&with, *mark, other, other);
    let without = visits(&plain, "Guangdong");
    let plain_mark = plain.events.partition_point(|e| e.at <= t);
    let before_mode = overtakes(&without, plain_mark, from, other);
    println!(
        "regional priority Guangdong, 30 min: a later Guangdong caller went first in \
         {priority_first:?} pairs (without the mode: {before_mode:?}); a later other caller \
         in {others_first:?}"
    );
    assert!(priority_first.1 >= 30, "{priority_first:?} pairs");
    assert!(share(priority_first) > 0.9, "{priority_first:?}");
    assert!(share(others_first) < 0.2, "{others_first:?}");
    assert!(share(before_mode) < 0.2, "{before_mode:?}");
}

#[test]
fn a_mode_reverts_by_itself_at_its_time_and_routing_is_back_to_normal() {
    let t = switch_time();
    let mut sim = Simulator::new(busy()).unwrap();
    let initial = sim.snapshot();
    let phones = queue_named(&initial.topology, "north.phones");
    let mode = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Queue(phones),
    };
    let mut events = Vec::new();
    sim.advance_to(t, &mut events);
    let switched_on = events.len();
    sim.execute(&activate(mode.clone(), Some(t.plus_ms(5 * MINUTE_MS))))
        .unwrap();
    sim.advance_to(t.plus_ms(MINUTE_MS), &mut events);
    // The console re-sends its plan after a reconnect: only the revert time moves.
    let seq = sim.snapshot().last_seq;
    let revert_at = t.plus_ms(10 * MINUTE_MS);
    sim.execute(&activate(mode.clone(), Some(revert_at)))
        .unwrap();
    assert_eq!(sim.snapshot().last_seq, seq, "a re-sent mode is silent");
    let held = sim.routing_modes();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (held[0].id, held[0].revert_at),
        (ModeId(1), Some(revert_at))
    );

    sim.advance_to(revert_at.plus_ms(-1), &mut events);
    assert_eq!(
        sim.routing_modes().len(),
        1,
        "the old revert time passed by"
    );
    let reverted_from = events.len();
    sim.advance_to(revert_at, &mut events);
    let off = DomainEvent::RoutingModeChanged {
        mode: mode.clone(),
        active: false,
    };
    let offs: Vec<_> = events
        .iter()
        .filter(|e| e.event == off)
        .map(|e| e.at)
        .collect();
    assert_eq!(offs, [revert_at]);
    assert!(events[reverted_from..].iter().any(|e| e.event == off));
    assert!(sim.routing_modes().is_empty());

    // Switching off a mode no longer in force is refused and emits nothing.
    let seq = sim.snapshot().last_seq;
    let refused = sim.execute(&PlatformCommand::DeactivateRoutingMode { mode: mode.clone() });
    let Err(SimCommandError::RoutingModeNotActive {
        mode: named,
        description,
    }) = refused
    else {
        panic!("{refused:?}")
    };
    assert_eq!(named, mode);
    assert_eq!(description, "emergency closure of queue north.phones");
    assert_eq!(sim.snapshot().last_seq, seq);

    sim.advance_to(revert_at.plus_ms(15 * MINUTE_MS), &mut events);
    Checker::from_snapshot(&initial, &initial.topology).check_all(&events);
    // Every call for the queue was turned away while closed, none after.
    let mut turned_away = (0, 0);
    let mut queued_after = 0;
    for (index, envelope) in events.iter().enumerate().skip(switched_on) {
        let DomainEvent::CallQueued { call, queue, .. } = envelope.event else {
            continue;
        };
        let callback = events.get(index + 1).is_some_and(|next| {
            next.at == envelope.at && next.event == DomainEvent::CallbackRequested { call }
        });
        if queue != phones {
            continue;
        }
        if envelope.at < revert_at {
            turned_away.0 += usize::from(callback);
            turned_away.1 += 1;
        } else {
            queued_after += 1;
            assert!(!callback, "{call} turned away after the revert");
        }
    }
    println!(
        "closure reverting after 10 min: {turned_away:?} turned away, then {queued_after} queued"
    );
    assert!(turned_away.1 > 10 && turned_away.0 == turned_away.1);
    assert!(queued_after > 10);
}

#[test]
fn the_same_modes_at_the_same_times_give_the_same_stream_and_the_engine_agrees() {
    let topology = Simulator::new(busy()).unwrap().topology().clone();
    let site = |name| site_named(&topology, name);
    let closure = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Queue(queue_named(&topology, "south.orders")),
    };
    let at = |minute: i64| switch_time().plus_ms((minute - 30) * MINUTE_MS);
    let priority = RoutingMode::RegionalPriority {
        regions: vec!["Guangdong".into(), "020".into()],
        waive_fees: true,
    };
    let failover = RoutingMode::SiteFailover { site: site("east") };
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Site(site("south")),
    };
    let commands = [
        (at(10), activate(closure.clone(), None)),
        (at(15), activate(failover, Some(at(35)))),
        (at(20), activate(priority, None)),
        (at(25), activate(night, Some(at(40)))),
        (
            at(30),
            PlatformCommand::DeactivateRoutingMode { mode: closure },
        ),
    ];
    let first = run(busy(), &commands, at(50));
    let second = run(busy(), &commands, at(50));
    assert_eq!(first.events, second.events);
    assert!(
        first.tally.withdrawn > 0 && first.tally.reannounced > 0,
        "{} moved, {} raised",
        first.tally.withdrawn,
        first.tally.reannounced
    );
    let changes: Vec<bool> = first
        .tally
        .routing_changes
        .iter()
        .map(|(_, _, on)| *on)
        .collect();
    assert_eq!(changes, [true, true, true, true, false, false, false]);
    let plain = run(busy(), &[], at(50));
    assert_ne!(first.events, plain.events);

    let mut engine = Engine::new(topology.clone(), EngineConfig::default()).unwrap();
    engine
        .resync(&first.initial, first.initial.taken_at)
        .unwrap();
    for envelope in &first.events {
        engine.apply(envelope, envelope.at);
    }
    assert_eq!(engine.anomalies(), Anomalies::default());
}
