//! When a mode ends: the calls it sent elsewhere go back to the queue they chose, and the
//! metrics engine counts every call once. And the fee-waiver mark a regional priority puts
//! on the calls it covers.

use std::collections::{BTreeMap, BTreeSet};

use fw_domain::{
    CallId, CallPhase, DomainEvent, LeaveReason, PlatformCommand, QueueId, RoutingMode,
};
use fw_engine::{Anomalies, Counters, Engine, EngineConfig, Window};
use fw_routing::REGIONAL_PRIORITY_BOOST;
use fw_sim::{SimConfig, Simulator, Surge};

use super::{Run, activate, busy, run, site_calls, site_named, switch_time, waiting_in};
use crate::support::{HOUR_MS, MINUTE_MS, china};

/// [`busy`] with demand tripled from 10:00: callers wait long enough that some moved away
/// at 10:30 are still waiting ten minutes later.
fn swamped() -> SimConfig {
    SimConfig {
        surge: Some(Surge {
            at: china(10, 0),
            duration_ms: 2 * HOUR_MS,
            factor: 3.0,
            site: None,
        }),
        ..busy()
    }
}

/// Feeds the whole run to the metrics engine (the day so far) and checks that every call
/// is accounted once: no anomaly; in each queue every call that entered it is answered,
/// abandoned, called back, gone (timed out or moved on) or still waiting there; in the
/// centre every queue visit is offered once (a move is not a new offer) and has one outcome.
/// Returns the centre's counters.
fn assert_every_call_counted_once(run: &Run) -> Counters {
    let topology = &run.initial.topology;
    let config = EngineConfig {
        window: Window::Day,
        ..EngineConfig::default()
    };
    let mut engine = Engine::new(topology.clone(), config).unwrap();
    engine.resync(&run.initial, run.initial.taken_at).unwrap();
    for envelope in &run.events {
        engine.apply(envelope, envelope.at);
    }
    assert_eq!(engine.anomalies(), Anomalies::default());
    assert_eq!(engine.live_call_count(), run.sim.snapshot().calls.len());
    let mut waiting = vec![0_u32; topology.queues.len()];
    for call in engine.live_calls() {
        if let (true, Some(queue)) = (call.phase.is_waiting(), call.queue) {
            waiting[queue.index()] += 1;
        }
    }
    let frame = engine.frame(run.sim.now());
    let outcomes = |c: &Counters| c.answered + c.abandoned + c.callbacks + c.left_other;
    let mut moved_in = 0;
    for queue in &frame.queues {
        let c = &queue.figures.counters;
        let here = waiting[queue.queue.index()];
        assert_eq!(
            c.offered,
            outcomes(c) + here,
            "queue {}: {c:?}",
            queue.queue
        );
        moved_in += c.moved_in;
    }
    let total = frame.total.counters;
    let waiting_now: u32 = waiting.iter().sum();
    assert_eq!(total.offered, outcomes(&total) + waiting_now, "{total:?}");
    // Offered once per queue visit: each call that reached a queue, and each escalation.
    let queued: BTreeSet<CallId> = run
        .events
        .iter()
        .filter_map(|e| match e.event {
            DomainEvent::CallQueued { call, .. } => Some(call),
            _ => None,
        })
        .collect();
    assert_eq!(
        total.offered as usize,
        queued.len() + run.tally.escalations as usize
    );
    assert_eq!(moved_in, run.tally.withdrawn, "every move counted as one");
    total
}

/// The calls a run withdrew at `at` and the queue each waited in just before.
fn withdrawn_at(run: &Run, mark: usize, at: fw_domain::Timestamp) -> Vec<CallId> {
    run.events[mark..]
        .iter()
        .take_while(|e| e.at == at)
        .filter_map(|e| match e.event {
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Withdrawn,
            } => Some(call),
            _ => None,
        })
        .collect()
}

/// Where each call moved at `at` (from `mark` on) was queued again, in stream order.
fn requeued_at(run: &Run, mark: usize, at: fw_domain::Timestamp) -> Vec<(CallId, QueueId)> {
    let moved: BTreeSet<CallId> = withdrawn_at(run, mark, at).into_iter().collect();
    run.events[mark..]
        .iter()
        .take_while(|e| e.at == at)
        .filter_map(|e| match e.event {
            DomainEvent::CallQueued { call, queue, .. } if moved.contains(&call) => {
                Some((call, queue))
            }
            _ => None,
        })
        .collect()
}

/// How many of `calls` an agent of `site` answered from the event at `mark` on.
fn answered_at(
    run: &Run,
    mark: usize,
    site: fw_domain::SiteId,
    calls: &BTreeMap<CallId, QueueId>,
) -> usize {
    let topology = &run.initial.topology;
    let answered: BTreeSet<CallId> = run.events[mark..]
        .iter()
        .filter_map(|e| match e.event {
            DomainEvent::CallAnswered { call, agent }
                if calls.contains_key(&call) && topology.agents[agent.index()].site == site =>
            {
                Some(call)
            }
            _ => None,
        })
        .collect();
    answered.len()
}

#[test]
fn east_failed_over_for_ten_minutes_gets_its_waiting_callers_back_and_answers_again() {
    let t = switch_time();
    let off = t.plus_ms(10 * MINUTE_MS);
    let end = off.plus_ms(15 * MINUTE_MS);
    let topology = Simulator::new(swamped()).unwrap().topology().clone();
    let east = site_named(&topology, "east");
    let mode = RoutingMode::SiteFailover { site: east };
    let commands = [
        (t, activate(mode.clone(), None)),
        (
            off,
            PlatformCommand::DeactivateRoutingMode { mode: mode.clone() },
        ),
    ];
    let failover = run(swamped(), &commands, end);
    let at_east = |queue: QueueId| topology.queues[queue.index()].site == east;
    let skill = |queue: QueueId| topology.queues[queue.index()].skill.clone();

    // Who moved away at the switch, from which east queue.
    let (mark_on, before_on) = &failover.marks[0];
    let moved_away: BTreeMap<CallId, QueueId> = withdrawn_at(&failover, *mark_on, t)
        .into_iter()
        .map(|call| (call, waiting_in(before_on, |_| true)[&call].0))
        .collect();
    assert!(moved_away.len() >= 5, "{} moved away", moved_away.len());

    // At the switch-off, every one of them still waiting goes back to the queue it left,
    // at that very instant, the first thing after the mode's end is announced.
    let (mark_off, before_off) = &failover.marks[1];
    let waiting_before_off = waiting_in(before_off, |_| true);
    let still_waiting: BTreeMap<CallId, QueueId> = moved_away
        .iter()
        .filter(|(call, _)| waiting_before_off.contains_key(call))
        .map(|(call, queue)| (*call, *queue))
        .collect();
    assert_eq!(
        failover.events[*mark_off].event,
        DomainEvent::RoutingModeChanged {
            mode,
            active: false
        }
    );
    let returned = requeued_at(&failover, *mark_off, off);
    let returned_to: BTreeMap<CallId, QueueId> = returned.iter().copied().collect();
    for (call, queue) in &still_waiting {
        assert_eq!(
            returned_to.get(call),
            Some(queue),
            "{call} back where it waited"
        );
    }
    // Also back: the callers the IVR sent away while east was failed over. Every return
    // is to an east queue of the skill the caller waited for elsewhere.
    for (call, queue) in &returned {
        let (waited_in, _, _) = &waiting_before_off[call];
        assert!(
            at_east(*queue) && !at_east(*waited_in),
            "{call}: {waited_in} -> {queue}"
        );
        assert_eq!(skill(*queue), skill(*waited_in));
    }
    // Oldest in line first: those who waited at east before the failover lead.
    let earlier = |(call, _): &(CallId, QueueId)| moved_away.contains_key(call);
    let first_later = returned
        .iter()
        .position(|r| !earlier(r))
        .unwrap_or(returned.len());
    assert!(
        returned[first_later..].iter().all(|r| !earlier(r)),
        "{returned:?}"
    );

    // East rings and answers again: nothing rang there during the failover.
    let ten_before = failover
        .events
        .partition_point(|e| e.at < t.plus_ms(-10 * MINUTE_MS));
    let before = site_calls(&failover, east, ten_before, Some(*mark_on));
    let during = site_calls(&failover, east, *mark_on, Some(*mark_off));
    let after = site_calls(&failover, east, *mark_off, None);
    assert_eq!(during.rung_after, 0, "{during:?}");
    assert!(after.answered_after_a_later_ring > 20, "{after:?}");
    let answered_back = answered_at(&failover, *mark_off, east, &returned_to);
    let totals = assert_every_call_counted_once(&failover);
    println!(
        "failover of east for 10 min: {} moved away, {} of them still waiting at the \
         switch-off; {} moved back in all at the switch-off ({} then answered at east); east \
         answered {} calls rung in the 10 min before, {} during the failover, {} rung in the \
         15 min after; the centre offered {} (queue entries from the IVR and moves: {}, of \
         which moves: {})",
        moved_away.len(),
        still_waiting.len(),
        returned.len(),
        answered_back,
        before.answered_after_a_later_ring,
        during.answered_after,
        after.answered_after_a_later_ring,
        totals.offered,
        failover.tally.arrivals.len(),
        failover.tally.withdrawn,
    );
    assert!(returned.len() >= 10, "{} moved back", returned.len());
    assert!(
        answered_back * 2 > returned.len(),
        "{answered_back} of {}",
        returned.len()
    );
}

#[test]
fn callers_moved_away_go_back_to_the_queue_they_left_with_their_place_in_line() {
    // Two minutes: callers moved away at the switch are still waiting when it goes off.
    let t = switch_time();
    let off = t.plus_ms(2 * MINUTE_MS);
    let mut sim = Simulator::new(busy()).unwrap();
    let east = site_named(sim.topology(), "east");
    let mode = RoutingMode::SiteFailover { site: east };
    let mut events = Vec::new();
    sim.advance_to(t, &mut events);
    let before_on = sim.snapshot();
    let mark_on = events.len();
    sim.execute(&activate(mode.clone(), None)).unwrap();
    sim.advance_to(off, &mut events);
    let before_off = sim.snapshot();
    sim.execute(&PlatformCommand::DeactivateRoutingMode { mode })
        .unwrap();
    // The command's effects are decided at once: the snapshot shows them.
    let after_off = sim.snapshot();

    let moved: Vec<CallId> = events[mark_on..]
        .iter()
        .take_while(|e| e.at == t)
        .filter_map(|e| match e.event {
            DomainEvent::CallLeftQueue { call, .. } => Some(call),
            _ => None,
        })
        .collect();
    let live = |snapshot: &fw_domain::Snapshot, call: CallId| {
        snapshot.calls.iter().find(|c| c.call == call).cloned()
    };
    let mut back = 0;
    for call in &moved {
        let (Some(was), Some(waiting)) = (live(&before_on, *call), live(&before_off, *call)) else {
            continue;
        };
        if waiting.phase != CallPhase::Queued {
            continue;
        }
        let now = live(&after_off, *call).expect("still live");
        assert_eq!(now.queue, was.queue, "{call} back in the queue it left");
        assert_eq!(
            now.queued_at, was.queued_at,
            "{call} keeps its place from then"
        );
        assert!(
            matches!(now.phase, CallPhase::Queued | CallPhase::Ringing),
            "{now:?}"
        );
        back += 1;
    }
    println!(
        "failover of east for 2 min: {} moved away, {back} of them back in their queue with \
         their first join time",
        moved.len()
    );
    assert!(back >= 3, "{back} of {} back", moved.len());
    // No one waits away from east who was routed there by the failover: every caller
    // waiting at north or south after the switch-off was waiting there before it as well,
    // or came back... i.e. the only calls that left north and south went to east.
    for call in waiting_in(&before_off, |_| true).keys() {
        let Some(now) = live(&after_off, *call) else {
            continue;
        };
        let site_of = |queue: Option<QueueId>| queue.map(|q| sim.topology().queues[q.index()].site);
        let was = live(&before_off, *call).unwrap();
        if site_of(now.queue) != site_of(was.queue) {
            assert_eq!(site_of(now.queue), Some(east), "{call}: {was:?} -> {now:?}");
        }
    }
}

#[test]
fn a_priority_that_waives_fees_marks_the_calls_it_covers_and_the_mark_stays_after_it() {
    let t = switch_time();
    let off = t.plus_ms(10 * MINUTE_MS);
    let end = off.plus_ms(10 * MINUTE_MS);
    let mode = RoutingMode::RegionalPriority {
        regions: vec!["Guangdong".into()],
        waive_fees: true,
    };
    let commands = [
        (t, activate(mode.clone(), None)),
        (off, PlatformCommand::DeactivateRoutingMode { mode }),
    ];
    let waived = run(busy(), &commands, end);
    let (mark_on, mark_off) = (waived.marks[0].0, waived.marks[1].0);
    let mut engine = Engine::new(waived.initial.topology.clone(), EngineConfig::default()).unwrap();
    engine
        .resync(&waived.initial, waived.initial.taken_at)
        .unwrap();
    let mut region: BTreeMap<CallId, String> = BTreeMap::new();
    let mut marked: BTreeSet<CallId> = BTreeSet::new();
    let (mut routed_in_force, mut routed_after, mut raised_at_off) = (0, 0, 0);
    for (index, envelope) in waived.events.iter().enumerate() {
        if index == mark_off {
            // The mode ends here (ending it changes no call): the engine's call list marks
            // exactly the marked calls still live, and those waiting keep their priority.
            let live = engine.live_calls();
            let ids: BTreeSet<CallId> = live.iter().map(|c| c.call).collect();
            let expected: Vec<CallId> = marked.intersection(&ids).copied().collect();
            assert_eq!(waived_calls(&engine), expected);
            for call in live.iter().filter(|c| marked.contains(&c.call)) {
                assert!(call.priority >= REGIONAL_PRIORITY_BOOST, "{call:?}");
                raised_at_off += 1;
            }
        }
        engine.apply(envelope, envelope.at);
        match &envelope.event {
            DomainEvent::CallOffered { call, caller } => {
                region.insert(*call, caller.region.clone());
            }
            DomainEvent::CallQueued {
                call,
                priority,
                fees_waived,
                ..
            } => {
                let from_region = region.get(call).is_some_and(|r| r == "Guangdong");
                let in_force = (mark_on..mark_off).contains(&index);
                if *fees_waived {
                    // Only the region's callers, and only those routed (or waiting) while it
                    // was in force; the mark, once given, is repeated on every later visit.
                    assert!(from_region, "{call} marked");
                    assert!(
                        in_force || marked.contains(call),
                        "{call} marked at {index}"
                    );
                    assert!(*priority >= REGIONAL_PRIORITY_BOOST);
                    marked.insert(*call);
                } else {
                    assert!(!marked.contains(call), "{call} lost its mark");
                    assert!(
                        !(from_region && in_force),
                        "{call} from the region, unmarked"
                    );
                }
                if from_region {
                    routed_in_force += usize::from(in_force);
                    routed_after += usize::from(index >= mark_off);
                }
            }
            _ => {}
        }
    }
    let live: BTreeSet<CallId> = engine.live_calls().iter().map(|c| c.call).collect();
    let expected: Vec<CallId> = marked.intersection(&live).copied().collect();
    assert_eq!(waived_calls(&engine), expected);
    println!(
        "regional priority Guangdong with fees waived for 10 min: {} calls marked ({} \
         Guangdong queue visits while in force, {} after, unmarked); at the switch-off {} \
         marked calls were live, their priority still raised; {} marked calls live at \
         the end",
        marked.len(),
        routed_in_force,
        routed_after,
        raised_at_off,
        expected.len(),
    );
    assert!(raised_at_off > 0);
    assert!(marked.len() >= 20, "{} marked", marked.len());
    assert!(
        routed_after > 0,
        "the region's later callers are not marked"
    );
    assert_every_call_counted_once(&waived);
}

/// The live calls the engine marks as fee-waived, in id order.
fn waived_calls(engine: &Engine) -> Vec<CallId> {
    let mut calls: Vec<CallId> = engine
        .live_calls()
        .into_iter()
        .filter(|c| c.fees_waived)
        .map(|c| c.call)
        .collect();
    calls.sort_unstable();
    calls
}
