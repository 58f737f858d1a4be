//! fw-engine's integration tests: the incremental engine against a brute-force reference.
// A call's whole story in one test reads better than split helpers.
#![allow(clippy::too_many_lines)]

mod reference;
mod streams;
mod trends;

use fw_domain::{EventEnvelope, Timestamp, Topology};
use fw_engine::{Engine, EngineConfig, Frame, Window};
use fw_sim::{SimConfig, Simulator};
use proptest::prelude::*;

fn engine_frame(
    stream: &[(EventEnvelope, Timestamp)],
    window: Window,
    frame_now: Timestamp,
) -> (Engine, Frame) {
    engine_frame_on(streams::topology(), stream, window, frame_now)
}

fn engine_frame_on(
    topology: Topology,
    stream: &[(EventEnvelope, Timestamp)],
    window: Window,
    frame_now: Timestamp,
) -> (Engine, Frame) {
    let mut engine = Engine::new(topology, EngineConfig::default()).unwrap();
    for (envelope, now) in stream {
        engine.apply(envelope, *now);
    }
    let frame = engine.frame_for(window, frame_now);
    (engine, frame)
}

fn assert_agrees(stream: &[(EventEnvelope, Timestamp)], window: Window, frame_now: Timestamp) {
    assert_agrees_on(&streams::topology(), stream, window, frame_now);
}

fn assert_agrees_on(
    topology: &Topology,
    stream: &[(EventEnvelope, Timestamp)],
    window: Window,
    frame_now: Timestamp,
) {
    let (_, frame) = engine_frame_on(topology.clone(), stream, window, frame_now);
    let expected = reference::recompute(
        topology,
        &EngineConfig::default(),
        window,
        stream,
        frame_now,
    );
    for queue in &frame.queues {
        let i = queue.queue.index();
        assert_eq!(
            queue.figures.counters, expected.queues[i],
            "counters of queue {i} over {window:?}"
        );
        assert_eq!(
            queue.figures.live.waiting, expected.queue_waiting[i].0,
            "waiting in queue {i}"
        );
        assert_eq!(
            queue.figures.live.longest_wait_ms, expected.queue_waiting[i].1,
            "longest wait in queue {i}"
        );
        assert_eq!(
            queue.figures.live.agents, expected.queue_agents[i],
            "agents of queue {i}"
        );
    }
    for site in &frame.sites {
        let (busy, idle) = expected.site_busy_idle[site.site.index()];
        assert_eq!(
            (site.figures.counters.busy_ms, site.figures.counters.idle_ms),
            (busy, idle),
            "agent time of site {}",
            site.site
        );
    }
    assert_eq!(frame.anomalies.duplicates, expected.duplicates);
    assert_eq!(frame.anomalies.gaps, expected.gaps);
}

/// The latest applying clock of a stream: no event counts after it.
fn latest_now(stream: &[(EventEnvelope, Timestamp)]) -> Timestamp {
    stream
        .iter()
        .map(|(_, now)| *now)
        .max()
        .unwrap_or(streams::START)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn incremental_engine_agrees_with_brute_force(stream in streams::stream(), window_index in 0usize..5, extra_ms in 0i64..600_000) {
        let window = Window::ALL[window_index];
        let frame_now = latest_now(&stream).plus_ms(extra_ms);
        assert_agrees(&stream, window, frame_now);
    }

    #[test]
    fn replaying_any_prefix_twice_changes_nothing(stream in streams::stream(), cut in 0.0f64..1.0) {
        let frame_now = latest_now(&stream).plus_ms(1);
        let (_, once) = engine_frame(&stream, Window::Day, frame_now);
        let prefix = (stream.len() as f64 * cut) as usize;
        let mut replayed = stream.clone();
        let again: Vec<_> = stream[..prefix].to_vec();
        replayed.splice(prefix..prefix, again);
        let (_, twice) = engine_frame(&replayed, Window::Day, frame_now);
        let mut expected = once.clone();
        expected.anomalies.duplicates += prefix as u64;
        prop_assert_eq!(twice, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The simulator's realistic streams (holds, escalations, wrap-ups, breaks, shift
    /// changes), with replayed events mixed in, agree with the brute force too.
    #[test]
    fn engine_agrees_with_brute_force_on_simulated_centres(
        seed in any::<u64>(),
        agents in 20u32..80,
        start_hour in 0i64..24,
        replays in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0), 0..20),
        window_index in 0usize..5,
    ) {
        let start = streams::START.plus_ms(start_hour * 3_600_000);
        let mut simulator = Simulator::new(SimConfig::new(seed, agents, start)).unwrap();
        let mut events = Vec::new();
        simulator.advance_to(start.plus_ms(90 * 60_000), &mut events);
        let mut stream: Vec<_> = events.into_iter().map(|e| { let at = e.at; (e, at) }).collect();
        for (from, to) in replays {
            if stream.is_empty() { break; }
            let replayed = stream[((stream.len() - 1) as f64 * from) as usize].clone();
            let position = ((stream.len() as f64) * to) as usize;
            let now = stream.get(position).map_or(replayed.1, |(_, now)| *now).max(replayed.1);
            stream.insert(position, (replayed.0, now));
        }
        let frame_now = latest_now(&stream).plus_ms(30_000);
        assert_agrees_on(simulator.topology(), &stream, Window::ALL[window_index], frame_now);
    }
}

#[test]
fn an_answered_call_counts_once_with_its_wait_and_handle_time() {
    use fw_domain::{
        AgentId, AgentState, CallId, CallerInfo, CompletionReason, DomainEvent, QueueId, SourceId,
    };
    let t0 = streams::START;
    let events = [
        (
            0,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::Available,
            },
        ),
        (
            1_000,
            DomainEvent::CallOffered {
                call: CallId(7),
                caller: CallerInfo {
                    number: "13800000000".into(),
                    region: "Hubei".into(),
                },
            },
        ),
        (
            11_000,
            DomainEvent::CallQueued {
                call: CallId(7),
                queue: QueueId(0),
                priority: 0,
                fees_waived: false,
            },
        ),
        (
            25_000,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::Ringing,
            },
        ),
        (
            25_000,
            DomainEvent::AgentRinging {
                call: CallId(7),
                agent: AgentId(0),
            },
        ),
        (
            29_000,
            DomainEvent::CallAnswered {
                call: CallId(7),
                agent: AgentId(0),
            },
        ),
        (
            29_000,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::OnCall,
            },
        ),
        (89_000, DomainEvent::CallHeld { call: CallId(7) }),
        (119_000, DomainEvent::CallResumed { call: CallId(7) }),
        (
            149_000,
            DomainEvent::CallCompleted {
                call: CallId(7),
                reason: CompletionReason::AgentHangup,
            },
        ),
        (
            149_000,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::WrapUp,
            },
        ),
        (
            179_000,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::Available,
            },
        ),
    ];
    let stream: Vec<_> = events
        .into_iter()
        .enumerate()
        .map(|(i, (offset, event))| {
            let at = t0.plus_ms(offset);
            (
                EventEnvelope {
                    source: SourceId(1),
                    seq: i as u64 + 1,
                    at,
                    event,
                },
                at,
            )
        })
        .collect();
    let (engine, frame) = engine_frame(&stream, Window::Rolling60, t0.plus_ms(180_000));
    let agent = &engine.agent_views(t0.plus_ms(180_000))[0];
    assert_eq!(
        (agent.state.clone(), agent.since),
        (AgentState::Available, Some(t0.plus_ms(179_000)))
    );
    assert_eq!(
        (agent.handled_today, agent.aht_ms_today()),
        (1, Some(150_000)),
        "the agent's own AHT matches the queue's"
    );
    assert_eq!(agent.call, None);
    let q = &frame.queues[0].figures;
    assert_eq!(
        (q.counters.offered, q.counters.answered, q.counters.handled),
        (1, 1, 1)
    );
    assert_eq!(
        q.asa_ms,
        Some(18_000.0),
        "wait from queue join (IVR excluded) to answer"
    );
    assert_eq!(
        q.aht_ms,
        Some(150_000.0),
        "90 s talk + 30 s hold + 30 s wrap-up"
    );
    assert_eq!(q.service_level_pct, Some(100.0));
    assert_eq!(frame.total.counters.answered, 1);
    assert_eq!(q.age_ms, Some(1_000));
}

#[test]
fn a_re_announced_call_gets_its_new_priority_and_a_moved_call_counts_in_its_new_queue() {
    use fw_domain::{CallId, CallerInfo, DomainEvent, LeaveReason, QueueId, SourceId};
    let t0 = streams::START;
    let (raised, moved) = (CallId(7), CallId(8));
    let caller = CallerInfo {
        number: "13800000000".into(),
        region: "Guangdong".into(),
    };
    let queued = |call, queue, priority| DomainEvent::CallQueued {
        call,
        queue: QueueId(queue),
        priority,
        fees_waived: false,
    };
    let offered = |call| DomainEvent::CallOffered {
        call,
        caller: caller.clone(),
    };
    let events = [
        (0, offered(raised)),
        (0, offered(moved)),
        (10_000, queued(raised, 0, 0)),
        (10_000, queued(moved, 2, 0)),
        // A regional priority raises the waiting caller, waiving their fees: the queue
        // re-announces them.
        (
            40_000,
            DomainEvent::CallQueued {
                call: raised,
                queue: QueueId(0),
                priority: 10,
                fees_waived: true,
            },
        ),
        // A failover of east moves the other one: withdrawn, offered again, queued at north.
        (
            50_000,
            DomainEvent::CallLeftQueue {
                call: moved,
                reason: LeaveReason::Withdrawn,
            },
        ),
        (50_000, offered(moved)),
        (50_000, queued(moved, 0, 0)),
    ];
    let stream: Vec<_> = (1..)
        .zip(events)
        .map(|(seq, (offset, event))| {
            let at = t0.plus_ms(offset);
            let envelope = EventEnvelope {
                source: SourceId(1),
                seq,
                at,
                event,
            };
            (envelope, at)
        })
        .collect();
    let now = t0.plus_ms(60_000);
    let (engine, frame) = engine_frame(&stream, Window::Rolling15, now);
    let live = engine.live_call(raised).unwrap();
    assert_eq!(live.priority, 10);
    assert_eq!(live.queued_at, Some(t0.plus_ms(10_000)), "its wait runs on");
    let live = engine.live_call(moved).unwrap();
    assert_eq!(
        (live.queue, live.queued_at),
        (Some(QueueId(0)), Some(t0.plus_ms(50_000)))
    );
    assert_eq!(frame.anomalies, fw_engine::Anomalies::default());
    let counters = |queue: usize| frame.queues[queue].figures.counters;
    assert_eq!(
        counters(0).offered,
        2,
        "the re-announcement is not a new offer"
    );
    assert_eq!((counters(2).offered, counters(2).left_other), (1, 1));
    // The move: in each queue it entered, but one call with no outcome yet for the centre.
    assert_eq!((counters(0).moved_in, counters(2).moved_out), (1, 1));
    let total = frame.total.counters;
    assert_eq!((total.offered, total.left_other), (2, 0), "{total:?}");
    let waived: Vec<_> = engine
        .live_calls()
        .into_iter()
        .filter(|c| c.fees_waived)
        .map(|c| c.call)
        .collect();
    assert_eq!(waived, [raised], "the mark stays on the call");
    assert_agrees(&stream, Window::Rolling15, now);
}

#[test]
fn events_for_unknown_calls_and_agents_are_anomalies_not_panics() {
    use fw_domain::{AgentId, AgentState, CallId, DomainEvent, SourceId};
    let at = streams::START;
    let stream = vec![
        (
            EventEnvelope {
                source: SourceId(1),
                seq: 1,
                at,
                event: DomainEvent::CallAnswered {
                    call: CallId(99),
                    agent: AgentId(0),
                },
            },
            at,
        ),
        (
            EventEnvelope {
                source: SourceId(1),
                seq: 2,
                at,
                event: DomainEvent::AgentStateChanged {
                    agent: AgentId(10_000),
                    state: AgentState::Available,
                },
            },
            at,
        ),
        (
            EventEnvelope {
                source: SourceId(1),
                seq: 5,
                at,
                event: DomainEvent::CallAbandoned { call: CallId(3) },
            },
            at,
        ),
    ];
    let (_, frame) = engine_frame(&stream, Window::Rolling15, at);
    assert_eq!(frame.anomalies.unknown_calls, 2);
    assert_eq!(frame.anomalies.unknown_agents, 1);
    assert_eq!(frame.anomalies.gaps, 2);
    assert_eq!(frame.total.counters.answered, 0);
}

#[test]
fn agents_day_tallies_add_up_to_the_centres_handled_calls() {
    let start = streams::START;
    let mut simulator = Simulator::new(SimConfig::new(11, 60, start)).unwrap();
    let mut events = Vec::new();
    simulator.advance_to(start.plus_ms(3 * 3_600_000), &mut events);
    let mut engine = Engine::new(simulator.topology().clone(), EngineConfig::default()).unwrap();
    for event in &events {
        engine.apply(event, event.at);
    }
    let now = start.plus_ms(3 * 3_600_000);
    let day_start = EngineConfig::default()
        .calendar
        .window_start(Window::Day, now);
    assert!(day_start <= start, "the stream stays within one local day");
    let frame = engine.frame_for(Window::Day, now);
    let views = engine.agent_views(now);
    let handled: u32 = views.iter().map(|a| a.handled_today).sum();
    assert!(handled > 0);
    assert_eq!(u64::from(handled), u64::from(frame.total.counters.handled));
    // Someone on a call has it, connected at or before now.
    let on_call = views
        .iter()
        .find(|a| a.call.is_some() && a.call_answered_at.is_some())
        .expect("an agent on a call");
    assert!(on_call.call_answered_at.unwrap() <= now);
    // The next local day starts from zero.
    let tomorrow = engine.agent_views(now.plus_ms(24 * 3_600_000));
    assert!(
        tomorrow
            .iter()
            .all(|a| a.handled_today == 0 && a.handle_ms_today == 0)
    );
}
