//! A brute-force restatement of the metric definitions: it keeps the whole event list and
//! recomputes every figure from scratch, with no buckets and no incremental state. The
//! property tests demand that the incremental engine agrees with it exactly. It is kept as
//! one straight-line restatement on purpose, so it is long.
#![allow(clippy::too_many_lines)]

use std::collections::BTreeMap;

use fw_domain::{
    AgentState, CallPhase, CompletionReason, DomainEvent, EventEnvelope, LeaveReason, QueueId,
    SlVariant, Timestamp, Topology,
};
use fw_engine::{AgentCounts, Counters, EngineConfig, Window};

/// Something countable that happened at a time, in a queue.
#[derive(Clone, Copy, Debug)]
enum Fact {
    Offered,
    Answered { wait: u64 },
    Abandoned { wait: u64 },
    Callback,
    LeftOther,
    MovedIn,
    MovedOut,
    Escalated,
    Handled { talk: u64, hold: u64 },
    Wrap { ms: u64 },
}

#[derive(Clone, Debug)]
struct Call {
    phase: CallPhase,
    queue: Option<QueueId>,
    queued_at: Option<Timestamp>,
    answered_at: Option<Timestamp>,
    agent: Option<u32>,
    hold_started: Option<Timestamp>,
    hold_ms: u64,
    /// Withdrawn from this queue at this time: its next queueing is a routing move.
    moved_from: Option<(QueueId, Timestamp)>,
}

/// What the reference derives from a whole stream.
#[derive(Debug, Default)]
pub struct Recomputed {
    /// Per queue: the window's counters.
    pub queues: Vec<Counters>,
    /// Per site: agent busy and idle time.
    pub site_busy_idle: Vec<(u64, u64)>,
    pub queue_waiting: Vec<(u32, Option<u64>)>,
    pub queue_agents: Vec<AgentCounts>,
    pub duplicates: u64,
    pub gaps: u64,
}

/// Recomputes the window's figures at `frame_now` from `stream` (each event with the `now`
/// it was applied at).
pub fn recompute(
    topology: &Topology,
    config: &EngineConfig,
    window: Window,
    stream: &[(EventEnvelope, Timestamp)],
    frame_now: Timestamp,
) -> Recomputed {
    let start = config.calendar.window_start(window, frame_now);
    let mut facts: Vec<(QueueId, Timestamp, Fact)> = Vec::new();
    let mut intervals: Vec<(u32, bool, Timestamp, Timestamp)> = Vec::new();
    let mut calls: BTreeMap<u64, Call> = BTreeMap::new();
    let mut agents: Vec<(AgentState, Timestamp, Option<QueueId>)> =
        vec![(AgentState::Offline, Timestamp(i64::MIN), None); topology.agents.len()];
    let mut last_seq: BTreeMap<u32, u64> = BTreeMap::new();
    let mut out = Recomputed::default();

    for (envelope, now) in stream {
        let last = last_seq.entry(envelope.source.0).or_insert(0);
        if envelope.seq <= *last {
            out.duplicates += 1;
            continue;
        }
        out.gaps += envelope.seq - *last - 1;
        *last = envelope.seq;
        let at = envelope.at.min(*now);
        match &envelope.event {
            DomainEvent::CallOffered { call, .. } => {
                calls.entry(call.0).or_insert(Call {
                    phase: CallPhase::Ivr,
                    queue: None,
                    queued_at: None,
                    answered_at: None,
                    agent: None,
                    hold_started: None,
                    hold_ms: 0,
                    moved_from: None,
                });
            }
            DomainEvent::CallQueued { call, queue, .. } => {
                if queue.index() >= topology.queues.len() {
                    continue;
                }
                let c = calls.entry(call.0).or_insert(Call {
                    phase: CallPhase::Ivr,
                    queue: None,
                    queued_at: None,
                    answered_at: None,
                    agent: None,
                    hold_started: None,
                    hold_ms: 0,
                    moved_from: None,
                });
                if c.phase == CallPhase::Ivr {
                    c.phase = CallPhase::Queued;
                    c.queue = Some(*queue);
                    c.queued_at = Some(at);
                    c.agent = None;
                    facts.push((*queue, at, Fact::Offered));
                    if let Some((from, left_at)) = c.moved_from.take() {
                        facts.push((*queue, at, Fact::MovedIn));
                        facts.push((from, left_at, Fact::MovedOut));
                    }
                }
            }
            DomainEvent::AgentRinging { call, agent } => {
                if let Some(c) = calls
                    .get_mut(&call.0)
                    .filter(|c| c.phase == CallPhase::Queued)
                {
                    c.phase = CallPhase::Ringing;
                    c.agent = Some(agent.0);
                }
            }
            DomainEvent::RingNoAnswer { call, .. } => {
                if let Some(c) = calls
                    .get_mut(&call.0)
                    .filter(|c| c.phase == CallPhase::Ringing)
                {
                    c.phase = CallPhase::Queued;
                    c.agent = None;
                }
            }
            DomainEvent::CallAnswered { call, agent } => {
                if let Some(c) = calls.get_mut(&call.0).filter(|c| c.phase.is_waiting()) {
                    let wait = at.millis_since(c.queued_at.unwrap());
                    facts.push((c.queue.unwrap(), at, Fact::Answered { wait }));
                    c.phase = CallPhase::Talking;
                    c.answered_at = Some(at);
                    c.agent = Some(agent.0);
                }
            }
            DomainEvent::CallHeld { call } => {
                if let Some(c) = calls
                    .get_mut(&call.0)
                    .filter(|c| c.phase == CallPhase::Talking)
                {
                    c.phase = CallPhase::OnHold;
                    c.hold_started = Some(at);
                }
            }
            DomainEvent::CallResumed { call } => {
                if let Some(c) = calls
                    .get_mut(&call.0)
                    .filter(|c| c.phase == CallPhase::OnHold)
                {
                    c.phase = CallPhase::Talking;
                    c.hold_ms += at.millis_since(c.hold_started.take().unwrap());
                }
            }
            DomainEvent::CallEscalated { call, .. } => {
                if let Some(queue) = calls.get(&call.0).and_then(|c| c.queue) {
                    facts.push((queue, at, Fact::Escalated));
                }
            }
            DomainEvent::CallCompleted { call, reason } => {
                let Some(c) = calls
                    .get_mut(&call.0)
                    .filter(|c| matches!(c.phase, CallPhase::Talking | CallPhase::OnHold))
                else {
                    continue;
                };
                if let Some(started) = c.hold_started.take() {
                    c.hold_ms += at.millis_since(started);
                }
                let total = at.millis_since(c.answered_at.unwrap());
                let queue = c.queue.unwrap();
                facts.push((
                    queue,
                    at,
                    Fact::Handled {
                        talk: total.saturating_sub(c.hold_ms),
                        hold: c.hold_ms,
                    },
                ));
                if let Some(agent) = c.agent.take().and_then(|a| agents.get_mut(a as usize)) {
                    agent.2 = Some(queue);
                }
                if *reason == CompletionReason::Transferred {
                    *c = Call {
                        phase: CallPhase::Ivr,
                        queue: Some(queue),
                        queued_at: None,
                        answered_at: None,
                        agent: None,
                        hold_started: None,
                        hold_ms: 0,
                        moved_from: None,
                    };
                } else {
                    calls.remove(&call.0);
                }
            }
            DomainEvent::CallAbandoned { call }
            | DomainEvent::CallbackRequested { call }
            | DomainEvent::CallLeftQueue { call, .. } => {
                let Some(c) = calls.get(&call.0).filter(|c| c.phase.is_waiting()) else {
                    continue;
                };
                let (queue, wait) = (c.queue.unwrap(), at.millis_since(c.queued_at.unwrap()));
                let fact = match &envelope.event {
                    DomainEvent::CallAbandoned { .. } => Fact::Abandoned { wait },
                    DomainEvent::CallbackRequested { .. } => Fact::Callback,
                    _ => Fact::LeftOther,
                };
                facts.push((queue, at, fact));
                if let DomainEvent::CallLeftQueue {
                    reason: LeaveReason::Withdrawn,
                    ..
                } = &envelope.event
                {
                    // Withdrawn to be routed again: the call goes on, in the IVR.
                    let c = calls.get_mut(&call.0).expect("found above");
                    *c = Call {
                        phase: CallPhase::Ivr,
                        queue: None,
                        queued_at: None,
                        answered_at: None,
                        agent: None,
                        hold_started: None,
                        hold_ms: 0,
                        moved_from: Some((queue, at)),
                    };
                } else {
                    calls.remove(&call.0);
                }
            }
            DomainEvent::CallEndedInIvr { call }
                if calls
                    .get(&call.0)
                    .is_some_and(|c| c.phase == CallPhase::Ivr) =>
            {
                calls.remove(&call.0);
            }
            DomainEvent::AgentStateChanged { agent, state } => {
                let Some(slot) = agents.get_mut(agent.index()) else {
                    continue;
                };
                if slot.0 == *state {
                    continue;
                }
                if slot.0.is_busy() || slot.0 == AgentState::Available {
                    intervals.push((agent.0, slot.0.is_busy(), slot.1, at));
                }
                if slot.0 == AgentState::WrapUp
                    && let Some(queue) = slot.2.take()
                {
                    facts.push((
                        queue,
                        at,
                        Fact::Wrap {
                            ms: at.millis_since(slot.1),
                        },
                    ));
                }
                *slot = (state.clone(), at, slot.2);
            }
            _ => {}
        }
    }

    // Aggregate what falls in the window.
    out.queues = vec![Counters::default(); topology.queues.len()];
    let last_minute = frame_now.minute_index();
    for (queue, at, fact) in facts {
        if at < start || at.minute_index() > last_minute {
            continue;
        }
        let config = &topology.queues[queue.index()];
        let c = &mut out.queues[queue.index()];
        match fact {
            Fact::Offered => c.offered += 1,
            Fact::Answered { wait } => {
                c.answered += 1;
                c.answered_wait_ms += wait;
                c.answered_within_threshold += u32::from(wait <= config.sl_threshold_ms());
            }
            Fact::Abandoned { wait } => {
                let short = wait <= config.short_abandon_ms();
                let counted = !short || config.count_short_abandons;
                c.abandoned += 1;
                c.short_abandons += u32::from(short);
                c.counted_abandons += u32::from(counted);
                c.counted_abandons_within_threshold +=
                    u32::from(counted && wait <= config.sl_threshold_ms());
            }
            Fact::Callback => c.callbacks += 1,
            Fact::LeftOther => c.left_other += 1,
            Fact::MovedIn => c.moved_in += 1,
            Fact::MovedOut => c.moved_out += 1,
            Fact::Escalated => c.escalations += 1,
            Fact::Handled { talk, hold } => {
                c.handled += 1;
                c.talk_ms += talk;
                c.hold_ms += hold;
            }
            Fact::Wrap { ms } => c.wrap_ms += ms,
        }
    }
    // Agent time: closed intervals plus the state each agent is in now, clipped to the window.
    for (agent, (state, since, _)) in agents.iter().enumerate() {
        if state.is_busy() || *state == AgentState::Available {
            intervals.push((agent as u32, state.is_busy(), *since, frame_now));
        }
    }
    out.site_busy_idle = vec![(0, 0); topology.sites.len()];
    for (agent, busy, from, to) in intervals {
        let ms = to.millis_since(from.max(start));
        let profile = &topology.agents[agent as usize];
        let add = |c: &mut (u64, u64)| if busy { c.0 += ms } else { c.1 += ms };
        add(&mut out.site_busy_idle[profile.site.index()]);
        for queue in &profile.queues {
            let counters = &mut out.queues[queue.index()];
            let mut pair = (counters.busy_ms, counters.idle_ms);
            add(&mut pair);
            (counters.busy_ms, counters.idle_ms) = pair;
        }
    }
    out.queue_waiting = vec![(0, None); topology.queues.len()];
    for c in calls.values().filter(|c| c.phase.is_waiting()) {
        let slot = &mut out.queue_waiting[c.queue.unwrap().index()];
        let wait = frame_now.millis_since(c.queued_at.unwrap());
        slot.0 += 1;
        slot.1 = Some(slot.1.map_or(wait, |w: u64| w.max(wait)));
    }
    out.queue_agents = vec![AgentCounts::default(); topology.queues.len()];
    for (agent, (state, _, _)) in agents.iter().enumerate() {
        for queue in &topology.agents[agent].queues {
            out.queue_agents[queue.index()].count(state);
        }
    }
    let _ = SlVariant::ALL;
    out
}
