//! Shared test support: an independent checker of the event-stream invariants the metrics
//! engine relies on, which also tallies what it saw for the realism tests.

use std::collections::BTreeMap;

use fw_domain::{
    AgentId, AgentState, BreakReason, CallId, CallPhase, CompletionReason, DomainEvent,
    EventEnvelope, LeaveReason, MonitorEndReason, MonitorMode, MonitorSessionId, PlatformCommand,
    QueueId, RoutingMode, Snapshot, TargetAgentState, Timestamp, Topology,
};
use fw_sim::Simulator;

/// 2025-03-03 00:00 in China (UTC+8).
pub const MIDNIGHT_CHINA: Timestamp = Timestamp(1_740_931_200_000);
pub const HOUR_MS: i64 = 3_600_000;
pub const MINUTE_MS: i64 = 60_000;

/// `hour` o'clock on the test day, China time.
pub fn china(hour: i64, minute: i64) -> Timestamp {
    MIDNIGHT_CHINA.plus_ms(hour * HOUR_MS + minute * MINUTE_MS)
}

/// Where a call is, as far as its events tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    Ivr,
    Queued(QueueId),
    Ringing(QueueId, AgentId),
    Talking(QueueId, AgentId),
    Held(QueueId, AgentId),
    /// Completed as a transfer; the escalation and a new queue visit must follow.
    Transferred,
    Escalated(QueueId),
    /// Final: completed after an answer (surveys may still arrive).
    Completed,
    /// Final: ended without being answered (IVR hang-up, abandon, callback, left the queue).
    Ended,
    /// Withdrawn from its queue by a failover: offered again (`CallOffered`) next.
    Withdrawn,
}

#[derive(Clone, Debug)]
pub struct AgentSeen {
    pub state: AgentState,
    pub since: Timestamp,
    pub call: Option<CallId>,
}

/// What the stream contained, for realism checks.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub offered: u32,
    /// Calls reaching a queue from the IVR, per queue, with the time.
    pub arrivals: Vec<(Timestamp, QueueId)>,
    pub answered: Vec<(Timestamp, QueueId)>,
    pub abandoned: u32,
    pub short_abandoned: u32,
    pub callbacks: u32,
    pub left_queue: u32,
    pub ended_in_ivr: u32,
    pub escalations: u32,
    pub holds: u32,
    pub ring_no_answers: u32,
    pub vip_queued: u32,
    pub final_completions: u32,
    pub surveys: u32,
    pub comments_chinese: u32,
    pub comments_english: u32,
    pub breaks: BTreeMap<String, u32>,
    pub logouts: u32,
    pub monitors_started: u32,
    pub monitor_ends: BTreeMap<String, u32>,
    /// Calls moved by a failover (withdrawn, then offered again).
    pub withdrawn: u32,
    /// Waiting calls re-announced in the same queue (a regional priority raised them).
    pub reannounced: u32,
    /// Routing modes switched on (`true`) or off, with the time.
    pub routing_changes: Vec<(Timestamp, RoutingMode, bool)>,
}

/// Replays a stream from a snapshot, failing on the first broken invariant.
pub struct Checker<'a> {
    topology: &'a Topology,
    pub calls: BTreeMap<CallId, Seen>,
    queued_at: BTreeMap<CallId, Timestamp>,
    pub agents: Vec<AgentSeen>,
    /// Started monitoring sessions: their call and current mode.
    pub monitors: BTreeMap<MonitorSessionId, (CallId, MonitorMode)>,
    /// Started sessions whose call has just ended: their `CallEnded` must come next.
    ending: Vec<MonitorSessionId>,
    last_seq: u64,
    last_at: Timestamp,
    previous: Option<DomainEvent>,
    /// Started after the stream began: surveys may arrive for calls completed before.
    mid_stream: bool,
    pub tally: Tally,
}

impl<'a> Checker<'a> {
    pub fn from_snapshot(snapshot: &Snapshot, topology: &'a Topology) -> Checker<'a> {
        let calls = snapshot
            .calls
            .iter()
            .map(|call| {
                let queue = call.queue.unwrap_or(QueueId(0));
                let seen = match (call.phase, call.agent) {
                    (CallPhase::Ivr, _) => Seen::Ivr,
                    (CallPhase::Queued, _) => Seen::Queued(queue),
                    (CallPhase::Ringing, Some(agent)) => Seen::Ringing(queue, agent),
                    (CallPhase::Talking, Some(agent)) => Seen::Talking(queue, agent),
                    (CallPhase::OnHold, Some(agent)) => Seen::Held(queue, agent),
                    (phase, None) => panic!(
                        "snapshot call {:?} in {phase:?} without an agent",
                        call.call
                    ),
                };
                (call.call, seen)
            })
            .collect();
        let agents = snapshot
            .agents
            .iter()
            .map(|agent| AgentSeen {
                state: agent.state.clone(),
                since: agent.since,
                call: agent.call,
            })
            .collect();
        let monitors = snapshot
            .monitors
            .iter()
            .map(|monitor| (monitor.session, (monitor.call, monitor.mode)))
            .collect();
        Checker {
            topology,
            calls,
            queued_at: BTreeMap::new(),
            agents,
            monitors,
            ending: Vec::new(),
            last_seq: snapshot.last_seq,
            last_at: snapshot.taken_at,
            previous: None,
            mid_stream: snapshot.last_seq > 0,
            tally: Tally::default(),
        }
    }

    pub fn check_all(&mut self, events: &[EventEnvelope]) {
        for envelope in events {
            if let Err(problem) = self.check(envelope) {
                panic!(
                    "invariant broken at seq {} ({:?}): {problem}",
                    envelope.seq, envelope.event
                );
            }
        }
    }

    /// Calls still live (not final).
    pub fn live_calls(&self) -> BTreeMap<CallId, Seen> {
        self.calls
            .iter()
            .filter(|(_, seen)| !matches!(seen, Seen::Completed | Seen::Ended | Seen::Withdrawn))
            .map(|(call, seen)| (*call, *seen))
            .collect()
    }

    fn call(&self, call: CallId) -> Result<Seen, String> {
        self.calls
            .get(&call)
            .copied()
            .ok_or_else(|| format!("{call} was never offered"))
    }

    #[allow(clippy::too_many_lines)] // one arm per event kind reads best as one match
    fn check(&mut self, envelope: &EventEnvelope) -> Result<(), String> {
        if envelope.seq != self.last_seq + 1 {
            return Err(format!("seq {} follows {}", envelope.seq, self.last_seq));
        }
        if envelope.at < self.last_at {
            return Err(format!(
                "time went back from {:?} to {:?}",
                self.last_at, envelope.at
            ));
        }
        self.last_seq = envelope.seq;
        self.last_at = envelope.at;
        let at = envelope.at;
        if !self.ending.is_empty()
            && !matches!(
                envelope.event,
                DomainEvent::MonitorEnded {
                    reason: MonitorEndReason::CallEnded,
                    ..
                }
            )
        {
            return Err(format!(
                "sessions {:?} outlived their call's end",
                self.ending
            ));
        }
        if let Some(DomainEvent::AgentStateChanged {
            agent,
            state: AgentState::Ringing,
        }) = &self.previous
        {
            let follows =
                matches!(&envelope.event, DomainEvent::AgentRinging { agent: a, .. } if a == agent);
            if !follows {
                return Err(format!("{agent} went Ringing without an AgentRinging next"));
            }
        }
        if let Some(call) = envelope.event.call() {
            let seen = self.calls.get(&call);
            let allowed = match &envelope.event {
                // A call withdrawn by a failover is offered again at once.
                DomainEvent::CallOffered { .. } => seen.is_none() || seen == Some(&Seen::Withdrawn),
                DomainEvent::SurveyReceived { .. } => {
                    seen == Some(&Seen::Completed) || (seen.is_none() && self.mid_stream)
                }
                _ => !matches!(seen, Some(Seen::Completed | Seen::Ended | Seen::Withdrawn)),
            };
            if !allowed {
                return Err(format!("{call} in state {seen:?}"));
            }
        }
        match &envelope.event {
            DomainEvent::CallOffered { call, caller } => {
                if caller.number.len() != 11 || caller.region.is_empty() {
                    return Err(format!("implausible caller {caller:?}"));
                }
                self.tally.offered += 1;
                self.calls.insert(*call, Seen::Ivr);
            }
            DomainEvent::CallEndedInIvr { call } => {
                expect(
                    self.call(*call)? == Seen::Ivr,
                    "IVR hang-up outside the IVR",
                )?;
                self.tally.ended_in_ivr += 1;
                self.calls.insert(*call, Seen::Ended);
            }
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                ..
            } => {
                match self.call(*call)? {
                    Seen::Ivr => self.tally.arrivals.push((at, *queue)),
                    Seen::Escalated(to) if to == *queue => {}
                    // A waiting call re-announced where it waits (raised priority).
                    Seen::Queued(here) if here == *queue => {
                        self.tally.reannounced += 1;
                        self.previous = Some(envelope.event.clone());
                        return Ok(());
                    }
                    other => return Err(format!("queued from {other:?}")),
                }
                self.tally.vip_queued += u32::from(*priority > 0);
                self.calls.insert(*call, Seen::Queued(*queue));
                self.queued_at.insert(*call, at);
            }
            DomainEvent::AgentRinging { call, agent } => {
                let just_went_ringing = matches!(&self.previous,
                    Some(DomainEvent::AgentStateChanged { agent: a, state: AgentState::Ringing }) if a == agent);
                expect(
                    just_went_ringing,
                    "AgentRinging not right after the agent went Ringing",
                )?;
                let Seen::Queued(queue) = self.call(*call)? else {
                    return Err("ringing a call not queued".into());
                };
                let profile = self.topology.agent(*agent).ok_or("unknown agent")?;
                expect(
                    profile.queues.contains(&queue),
                    "agent rung for a queue they are not in",
                )?;
                let seen_agent = &mut self.agents[agent.index()];
                expect(
                    seen_agent.call.is_none(),
                    "agent rung while already on a call",
                )?;
                seen_agent.call = Some(*call);
                self.calls.insert(*call, Seen::Ringing(queue, *agent));
            }
            DomainEvent::RingNoAnswer { call, agent } => {
                let Seen::Ringing(queue, rung) = self.call(*call)? else {
                    return Err("no answer to no ring".into());
                };
                expect(rung == *agent, "no answer from an agent not rung")?;
                self.agents[agent.index()].call = None;
                self.tally.ring_no_answers += 1;
                self.calls.insert(*call, Seen::Queued(queue));
            }
            DomainEvent::CallAnswered { call, agent } => {
                let Seen::Ringing(queue, rung) = self.call(*call)? else {
                    return Err("answered without ringing".into());
                };
                expect(rung == *agent, "answered by an agent not rung")?;
                expect(
                    self.agents[agent.index()].state == AgentState::Ringing,
                    "answering agent not ringing",
                )?;
                self.tally.answered.push((at, queue));
                self.calls.insert(*call, Seen::Talking(queue, *agent));
            }
            DomainEvent::CallHeld { call } => {
                let Seen::Talking(queue, agent) = self.call(*call)? else {
                    return Err("hold while not talking".into());
                };
                self.tally.holds += 1;
                self.calls.insert(*call, Seen::Held(queue, agent));
            }
            DomainEvent::CallResumed { call } => {
                let Seen::Held(queue, agent) = self.call(*call)? else {
                    return Err("resume while not held".into());
                };
                self.calls.insert(*call, Seen::Talking(queue, agent));
            }
            DomainEvent::CallCompleted { call, reason } => {
                let Seen::Talking(_, agent) = self.call(*call)? else {
                    return Err("completed while not talking".into());
                };
                self.agents[agent.index()].call = None;
                self.ending = self
                    .monitors
                    .iter()
                    .filter(|(_, (on, _))| on == call)
                    .map(|(session, _)| *session)
                    .collect();
                let next = if *reason == CompletionReason::Transferred {
                    Seen::Transferred
                } else {
                    self.tally.final_completions += 1;
                    Seen::Completed
                };
                self.calls.insert(*call, next);
            }
            DomainEvent::CallEscalated { call, to_queue } => {
                expect(
                    self.call(*call)? == Seen::Transferred,
                    "escalated without a transfer",
                )?;
                expect(
                    self.topology.queue(*to_queue).is_some_and(|q| q.tier2),
                    "escalated to a non-tier-2 queue",
                )?;
                self.tally.escalations += 1;
                self.calls.insert(*call, Seen::Escalated(*to_queue));
            }
            DomainEvent::CallAbandoned { call }
            | DomainEvent::CallbackRequested { call }
            | DomainEvent::CallLeftQueue { call, .. } => {
                let was = self.call(*call)?;
                match was {
                    Seen::Queued(_) => {}
                    Seen::Ringing(_, agent) => self.agents[agent.index()].call = None,
                    other => return Err(format!("left a queue from {other:?}")),
                }
                let waited = at.0 - self.queued_at.get(call).map_or(at.0, |queued| queued.0);
                match &envelope.event {
                    DomainEvent::CallAbandoned { .. } => {
                        self.tally.abandoned += 1;
                        self.tally.short_abandoned += u32::from(waited < 5_000);
                    }
                    DomainEvent::CallbackRequested { .. } => self.tally.callbacks += 1,
                    DomainEvent::CallLeftQueue {
                        reason: LeaveReason::Withdrawn,
                        ..
                    } => {
                        // A failover moves waiting calls only; ringing ones may be answered.
                        expect(matches!(was, Seen::Queued(_)), "withdrew a ringing call")?;
                        self.tally.withdrawn += 1;
                        self.calls.insert(*call, Seen::Withdrawn);
                        self.previous = Some(envelope.event.clone());
                        return Ok(());
                    }
                    _ => self.tally.left_queue += 1,
                }
                self.calls.insert(*call, Seen::Ended);
            }
            DomainEvent::SurveyReceived { survey, .. } => {
                expect(
                    (1..=5).contains(&survey.csat) && survey.nps.is_none_or(|n| n <= 10),
                    "score out of range",
                )?;
                self.tally.surveys += 1;
                if let Some(comment) = &survey.comment {
                    if comment.chars().any(|c| c > '\u{2e80}') {
                        self.tally.comments_chinese += 1;
                    } else {
                        self.tally.comments_english += 1;
                    }
                }
            }
            DomainEvent::AgentStateChanged { agent, state } => {
                self.check_agent_state(*agent, state, at)?;
            }
            DomainEvent::MonitorStarted { .. }
            | DomainEvent::MonitorModeChanged { .. }
            | DomainEvent::MonitorEnded { .. } => self.check_monitor(&envelope.event)?,
            DomainEvent::RoutingModeChanged { mode, active } => {
                self.tally.routing_changes.push((at, mode.clone(), *active));
            }
        }
        self.previous = Some(envelope.event.clone());
        Ok(())
    }

    /// Sessions start in listen on an answered call, change to a new mode only while
    /// started with at most one barge per call, and end once; a `CallEnded` directly follows
    /// the call's `CallCompleted` (or another `CallEnded`).
    fn check_monitor(&mut self, event: &DomainEvent) -> Result<(), String> {
        match event {
            DomainEvent::MonitorStarted {
                session,
                call,
                mode,
                ..
            } => {
                expect(
                    *mode == MonitorMode::Listen,
                    "started in a mode other than listen",
                )?;
                expect(
                    matches!(self.call(*call)?, Seen::Talking(..) | Seen::Held(..)),
                    "started on a call not connected",
                )?;
                expect(!self.monitors.contains_key(session), "started twice")?;
                self.monitors.insert(*session, (*call, *mode));
                self.tally.monitors_started += 1;
            }
            DomainEvent::MonitorModeChanged { session, mode } => {
                let (call, current) = *self
                    .monitors
                    .get(session)
                    .ok_or("mode changed on a session not started")?;
                expect(current != *mode, "changed to the mode it was in")?;
                let other_barge = self.monitors.iter().any(|(other, (on, m))| {
                    other != session && *on == call && *m == MonitorMode::Barge
                });
                expect(
                    !(*mode == MonitorMode::Barge && other_barge),
                    "two barges on one call",
                )?;
                self.monitors.insert(*session, (call, *mode));
            }
            DomainEvent::MonitorEnded { session, reason } => {
                let was_started = self.monitors.remove(session).is_some();
                self.ending.retain(|ending| ending != session);
                match reason {
                    MonitorEndReason::EndpointNoAnswer | MonitorEndReason::SpyNeverStarted => {
                        expect(!was_started, "a started session ended as never started")?;
                    }
                    MonitorEndReason::CallEnded => expect(
                        matches!(
                            self.previous,
                            Some(
                                DomainEvent::CallCompleted { .. }
                                    | DomainEvent::MonitorEnded {
                                        reason: MonitorEndReason::CallEnded,
                                        ..
                                    }
                            )
                        ),
                        "CallEnded not right after the call's end",
                    )?,
                    MonitorEndReason::Stopped => {}
                    MonitorEndReason::Refused => {
                        return Err("the simulator never refuses late".into());
                    }
                }
                *self
                    .tally
                    .monitor_ends
                    .entry(format!("{reason:?}"))
                    .or_default() += 1;
            }
            other => return Err(format!("not a monitor event {other:?}")),
        }
        Ok(())
    }

    fn check_agent_state(
        &mut self,
        agent: AgentId,
        state: &AgentState,
        at: Timestamp,
    ) -> Result<(), String> {
        let answered_just_now = matches!(&self.previous, Some(DomainEvent::CallAnswered { agent: a, .. }) if *a == agent);
        let seen = self.agents.get_mut(agent.index()).ok_or("unknown agent")?;
        expect(seen.state != *state, "the same state twice in a row")?;
        match state {
            AgentState::Ringing => expect(
                seen.state == AgentState::Available,
                "rung while not available",
            )?,
            AgentState::OnCall => {
                expect(
                    answered_just_now && seen.call.is_some(),
                    "on a call without answering one",
                )?;
            }
            AgentState::WrapUp => {
                expect(seen.state == AgentState::OnCall, "wrap-up without a call")?;
            }
            AgentState::Available | AgentState::Break(_) | AgentState::Offline => {
                expect(
                    seen.call.is_none(),
                    "left a ring or call that had not ended",
                )?;
            }
        }
        match state {
            AgentState::Break(reason) => {
                let key = match reason {
                    BreakReason::Other(text) => text.clone(),
                    known => known.code().to_owned(),
                };
                *self.tally.breaks.entry(key).or_default() += 1;
            }
            AgentState::Offline => self.tally.logouts += 1,
            _ => {}
        }
        seen.state = state.clone();
        seen.since = at;
        Ok(())
    }
}

fn expect(condition: bool, problem: &str) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(problem.to_owned())
    }
}

/// Runs until `agent` is in a state matching `wanted`, returning the events seen.
pub fn advance_until(
    sim: &mut Simulator,
    agent: AgentId,
    wanted: impl Fn(&AgentState) -> bool,
) -> Vec<EventEnvelope> {
    let mut events = Vec::new();
    for _ in 0..7_200 {
        if wanted(&sim.snapshot().agents[agent.index()].state) {
            return events;
        }
        let next = sim.now().plus_ms(1_000);
        sim.advance_to(next, &mut events);
    }
    panic!("{agent} never reached the wanted state");
}

pub fn set_state(agent: AgentId, state: TargetAgentState) -> PlatformCommand {
    PlatformCommand::SetAgentState { agent, state }
}

pub fn state_changes(events: &[EventEnvelope], agent: AgentId) -> Vec<AgentState> {
    events
        .iter()
        .filter_map(|e| match &e.event {
            DomainEvent::AgentStateChanged { agent: a, state } if *a == agent => {
                Some(state.clone())
            }
            _ => None,
        })
        .collect()
}
