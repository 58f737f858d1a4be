//! [`AmiMapper`]: typed AMI events in, sequenced [`DomainEvent`]s out. Pure: every
//! event comes with its timestamp, and time-driven transitions (after-call work ending, a
//! queue exit that no answer followed, a spy that never started) happen in [`AmiMapper::tick`].
//!
//! The quirks it absorbs, all visible in the recorded transcripts:
//! * an answered call says QueueCallerLeave *before* AgentConnect, so a leave is held
//!   until the answer arrives (or the grace time passes: then it was a timeout);
//! * an abandon says QueueCallerAbandon, then QueueCallerLeave (ignored);
//! * a call counts in the queue AgentComplete names, not in every queue the agent is in;
//! * QueueMemberStatus is racy, so agent states are derived (see [`AgentBoard`]);
//! * the channel `Priority` is the dialplan's; the queue priority comes from the
//!   `CallRouted` UserEvent the dialplan raises before `Queue()` (0 without one), and so
//!   does the fee waiver (`WaiveFees: 1`, the dialplan's `FW_WAIVE_FEES`);
//! * the survey UserEvent may come before or after AgentComplete;
//! * a console's `FloorwalkerRouting` UserEvent (AstDB writes raise no event of their own)
//!   is the only sign that the routing plan changed (see `mapper/routing_events.rs`).

use std::collections::VecDeque;

use fw_ami::AmiEvent;
use fw_ami::typed::{AgentLeg, CompleteReason, QueueMemberState, UserEvent};
use fw_domain::{
    AgentId, CallId, CallPhase, CallerInfo, CompletionReason, DomainEvent, EventEnvelope,
    LeaveReason, QueueId, SourceId, Survey, Timestamp,
};
use rustc_hash::FxHashMap;

use crate::ami::agent_board::{AgentBoard, MemberReport};
use crate::ami::monitor_book::{MonitorBook, MonitorChores};
use crate::ami::names::NameBook;
use crate::ami::outage::OutageBook;
use crate::ami::routing_announcement::ROUTING_USER_EVENT;

mod call_events;
mod routing_events;

/// The channel variable (manager.conf `channelvars`) that carries the caller's region.
pub const REGION_VARIABLE: &str = "CC_REGION";

/// How many ended calls stay resolvable, for surveys that arrive after AgentComplete.
const ENDED_CALLS_KEPT: usize = 1024;

/// Timing rules of the mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapperSettings {
    /// After-call work after each queue call, as queues.conf `wrapuptime` (AMI does not
    /// report the queue's value). 0: agents are available as soon as the call ends.
    pub wrap_up_ms: i64,
    /// How long after a QueueCallerLeave an AgentConnect may still come (it follows
    /// within a millisecond in the recordings).
    pub answer_grace_ms: i64,
    /// How long ChanSpy may take to start after the supervisor answered (~100 ms recorded).
    pub spy_start_grace_ms: i64,
    /// How long a supervisor's endpoint may ring before the session counts as unanswered
    /// when no OriginateResponse came.
    pub ring_limit_ms: i64,
}

impl Default for MapperSettings {
    fn default() -> Self {
        MapperSettings {
            wrap_up_ms: 0,
            answer_grace_ms: 2_000,
            spy_start_grace_ms: 5_000,
            ring_limit_ms: 60_000,
        }
    }
}

/// A live queue call as the mapper follows it.
#[derive(Clone, Debug)]
pub(crate) struct CallTrack {
    pub(crate) caller_uniqueid: String,
    /// The caller's channel name (what `QueueChangePriorityCaller` names), once known.
    pub(crate) caller_channel: String,
    pub(crate) caller: CallerInfo,
    pub(crate) queue: Option<QueueId>,
    pub(crate) phase: CallPhase,
    pub(crate) priority: u8,
    pub(crate) offered_at: Timestamp,
    pub(crate) queued_at: Option<Timestamp>,
    pub(crate) answered_at: Option<Timestamp>,
    pub(crate) ringing_agent: Option<AgentId>,
    pub(crate) agent: Option<AgentId>,
    /// The agent's leg (what a supervisor spies on) and its uniqueid.
    pub(crate) agent_channel: Option<String>,
    pub(crate) agent_uniqueid: Option<String>,
    /// QueueCallerLeave seen without an answer yet.
    pub(crate) left_at: Option<Timestamp>,
    /// A regional priority waived the caller's fees (kept to the end of the call).
    pub(crate) fees_waived: bool,
}

impl CallTrack {
    /// A call first seen at `at`, waiting, in no queue yet: callers fill in what they know.
    pub(crate) fn new(uniqueid: &str, caller: CallerInfo, at: Timestamp) -> CallTrack {
        CallTrack {
            caller_uniqueid: uniqueid.to_owned(),
            caller_channel: String::new(),
            caller,
            queue: None,
            phase: CallPhase::Queued,
            priority: 0,
            offered_at: at,
            queued_at: None,
            answered_at: None,
            ringing_agent: None,
            agent: None,
            agent_channel: None,
            agent_uniqueid: None,
            left_at: None,
            fees_waived: false,
        }
    }
}

/// What the dialplan's `CallRouted` UserEvent said before the caller joined a queue.
#[derive(Clone, Debug)]
struct Routing {
    priority: u8,
    region: String,
    fees_waived: bool,
}

/// Maps AMI events onto domain events, numbering them per source.
#[derive(Debug)]
pub struct AmiMapper {
    pub(crate) names: NameBook,
    pub(crate) agents: AgentBoard,
    pub(crate) monitors: MonitorBook,
    pub(crate) calls: FxHashMap<CallId, CallTrack>,
    /// Agent-leg uniqueid → call (AgentComplete may lack the caller's fields).
    pub(crate) agent_legs: FxHashMap<String, CallId>,
    routed: FxHashMap<String, Routing>,
    ended: VecDeque<(String, CallId)>,
    pub(crate) settings: MapperSettings,
    pub(crate) source: SourceId,
    pub(crate) seq: u64,
    /// A queue or member appeared that the last snapshot's topology lacks.
    pub(crate) topology_changed: bool,
    /// Events that no AMI event carries (a priority the connector raised), emitted at the
    /// next [`AmiMapper::tick`].
    held: Vec<(Timestamp, DomainEvent)>,
    /// Asterisk's call counters, to settle calls that ended while the link was down.
    pub(crate) outage: OutageBook,
    /// Events that end those calls, numbered right after the snapshot, not yet handed out.
    recovered: Vec<EventEnvelope>,
}

impl AmiMapper {
    /// A mapper whose one site is named `site_name`.
    pub fn new(site_name: &str, settings: MapperSettings) -> AmiMapper {
        AmiMapper {
            names: NameBook::new(site_name),
            agents: AgentBoard::default(),
            monitors: MonitorBook::new(settings.spy_start_grace_ms, settings.ring_limit_ms),
            calls: FxHashMap::default(),
            agent_legs: FxHashMap::default(),
            routed: FxHashMap::default(),
            ended: VecDeque::new(),
            settings,
            source: SourceId(0),
            seq: 0,
            topology_changed: false,
            held: Vec::new(),
            outage: OutageBook::default(),
            recovered: Vec::new(),
        }
    }

    pub fn names(&self) -> &NameBook {
        &self.names
    }

    pub fn monitors_mut(&mut self) -> &mut MonitorBook {
        &mut self.monitors
    }

    pub fn monitors(&self) -> &MonitorBook {
        &self.monitors
    }

    /// Whether a queue or member appeared that the snapshot's topology lacks: the
    /// consumer needs a new snapshot to index them.
    pub fn topology_changed(&self) -> bool {
        self.topology_changed
    }

    /// The current source and the last sequence number handed out.
    pub fn position(&self) -> (SourceId, u64) {
        (self.source, self.seq)
    }

    /// The agent leg of an answered call: what ChanSpy listens to.
    pub fn agent_channel_of(&self, call: CallId) -> Option<&str> {
        self.calls.get(&call)?.agent_channel.as_deref()
    }

    pub fn live_call_count(&self) -> usize {
        self.calls.len()
    }

    fn emit(&mut self, at: Timestamp, event: DomainEvent, out: &mut Vec<EventEnvelope>) {
        self.seq += 1;
        out.push(EventEnvelope {
            source: self.source,
            seq: self.seq,
            at,
            event,
        });
    }

    fn emit_all(&mut self, at: Timestamp, events: Vec<DomainEvent>, out: &mut Vec<EventEnvelope>) {
        for event in events {
            self.emit(at, event, out);
        }
    }

    fn agent_changed(&mut self, agent: AgentId, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        if let Some(state) = self.agents.changed(agent, at) {
            self.emit(at, DomainEvent::AgentStateChanged { agent, state }, out);
        }
    }

    /// The known agent behind a member interface; an unknown one means the topology grew.
    fn known_agent(&mut self, interface: &str) -> Option<AgentId> {
        let agent = self.names.agent(interface);
        if agent.is_none() {
            self.topology_changed = true;
        }
        agent
    }

    fn known_queue(&mut self, name: &str) -> Option<QueueId> {
        let queue = self.names.queue(name);
        if queue.is_none() {
            self.topology_changed = true;
        }
        queue
    }

    /// The live call an Agent* event is about: by the caller's channel, else by the agent
    /// leg (the caller's fields are missing when its channel went first).
    fn call_of_leg(&self, leg: &AgentLeg) -> Option<CallId> {
        leg.caller
            .as_ref()
            .and_then(|caller| self.names.call(&caller.uniqueid))
            .or_else(|| {
                leg.agent
                    .as_ref()
                    .and_then(|agent| self.agent_legs.get(&agent.uniqueid).copied())
            })
            .filter(|call| self.calls.contains_key(call))
    }

    /// Ends tracking of a call (completed, abandoned, left).
    fn finish_call(&mut self, call: CallId) {
        if let Some(track) = self.calls.remove(&call) {
            self.names.forget_call(&track.caller_uniqueid);
            if let Some(uniqueid) = &track.agent_uniqueid {
                self.agent_legs.remove(uniqueid);
            }
            self.remember_ended(&track.caller_uniqueid, call);
        }
    }

    /// Keeps an ended call resolvable for a survey that comes later.
    pub(crate) fn remember_ended(&mut self, uniqueid: &str, call: CallId) {
        if self.ended.len() == ENDED_CALLS_KEPT {
            self.ended.pop_front();
        }
        self.ended.push_back((uniqueid.to_owned(), call));
    }

    /// Numbers an event that settles a call ended during an outage; handed out by
    /// [`AmiMapper::take_recovered`] before anything else.
    pub(crate) fn emit_recovered(&mut self, at: Timestamp, event: DomainEvent) {
        self.seq += 1;
        self.recovered.push(EventEnvelope {
            source: self.source,
            seq: self.seq,
            at,
            event,
        });
    }

    /// Moves the events that end calls lost in an outage (queued by the last
    /// [`AmiMapper::resync`]) to `out`. They come right after the snapshot, before any
    /// event mapped from the new connection.
    pub fn take_recovered(&mut self, out: &mut Vec<EventEnvelope>) {
        out.append(&mut self.recovered);
    }

    /// The link dropped at `at` (the last time Asterisk was heard from). The next
    /// [`AmiMapper::resync`] settles the calls that ended since, stamped no earlier.
    pub fn link_lost(&mut self, at: Timestamp) {
        self.outage.link_lost(at);
    }

    /// `event` arrived before the lists the last [`AmiMapper::resync`] read, so their
    /// counters include it; it is mapped after the snapshot all the same, and must not be
    /// expected twice.
    pub fn already_counted(&mut self, event: &AmiEvent) {
        self.outage.observe(event, &self.names, -1);
    }

    /// Maps one event that happened at `at`, appending what it means to `out`.
    pub fn on_event(&mut self, event: &AmiEvent, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        self.outage.observe(event, &self.names, 1);
        match event {
            AmiEvent::UserEvent(user) => self.on_user_event(user, at, out),
            AmiEvent::QueueCallerJoin(join) => {
                self.on_join(&join.channel, &join.queue, at, out);
            }
            AmiEvent::AgentCalled(called) => self.on_agent_called(&called.leg, at, out),
            AmiEvent::AgentRingNoAnswer(rna) => self.on_ring_no_answer(&rna.leg, at, out),
            AmiEvent::QueueCallerLeave(leave) => {
                if let Some(call) = self.names.call(&leave.channel.uniqueid)
                    && let Some(track) = self.calls.get_mut(&call)
                    && track.phase.is_waiting()
                {
                    // Held: an AgentConnect normally follows at once.
                    track.left_at = Some(at);
                }
            }
            AmiEvent::QueueCallerAbandon(abandon) => {
                let Some(call) = self.names.call(&abandon.channel.uniqueid) else {
                    return;
                };
                let Some(track) = self.calls.get(&call).filter(|t| t.phase.is_waiting()) else {
                    return;
                };
                let ringing = track.ringing_agent;
                self.emit(at, DomainEvent::CallAbandoned { call }, out);
                self.finish_call(call);
                if let Some(agent) = ringing {
                    self.agents.stop_ringing_for(agent, call, at);
                    self.agent_changed(agent, at, out);
                }
            }
            AmiEvent::AgentConnect(connect) => self.on_agent_connect(&connect.leg, at, out),
            AmiEvent::AgentComplete(complete) => {
                self.on_agent_complete(&complete.leg, &complete.reason, at, out);
            }
            AmiEvent::QueueMemberStatus(member)
            | AmiEvent::QueueMemberPause(member)
            | AmiEvent::QueueMember(member)
            | AmiEvent::QueueMemberPenalty(member)
            | AmiEvent::QueueMemberRinginuse(member) => self.on_member(member, at, out),
            AmiEvent::QueueMemberAdded(member) => {
                let (agent, new_agent) = self
                    .names
                    .intern_agent(&member.interface, &member.member_name);
                let (queue, new_queue) = self.names.intern_queue(&member.queue);
                if new_agent | new_queue | self.names.add_membership(agent, queue) {
                    self.topology_changed = true;
                }
                self.on_member(member, at, out);
            }
            AmiEvent::QueueMemberRemoved(member) => {
                if let (Some(agent), Some(queue)) = (
                    self.names.agent(&member.interface),
                    self.names.queue(&member.queue),
                ) {
                    self.agents.removed(agent, queue, at);
                    self.topology_changed = true;
                    self.agent_changed(agent, at, out);
                }
            }
            AmiEvent::MusicOnHoldStart(hold) | AmiEvent::Hold(hold) => {
                self.on_hold(&hold.channel.uniqueid, true, at, out);
            }
            AmiEvent::MusicOnHoldStop(hold) | AmiEvent::Unhold(hold) => {
                self.on_hold(&hold.channel.uniqueid, false, at, out);
            }
            AmiEvent::OriginateResponse(_)
            | AmiEvent::ChanSpyStart(_)
            | AmiEvent::ChanSpyStop(_)
            | AmiEvent::DtmfEnd(_)
            | AmiEvent::Hangup(_) => self.on_monitoring_event(event, at, out),
            _ => {}
        }
    }

    /// The events that move monitoring sessions along (see [`MonitorBook`]).
    fn on_monitoring_event(
        &mut self,
        event: &AmiEvent,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let mut events = Vec::new();
        match event {
            AmiEvent::OriginateResponse(response) => {
                if let Some(action_id) = &response.action_id {
                    self.monitors.originate_response(
                        action_id,
                        response.response.eq_ignore_ascii_case("success"),
                        &response.channel,
                        at,
                        &mut events,
                    );
                }
            }
            AmiEvent::ChanSpyStart(spy) => {
                self.monitors.spy_started(&spy.spyer.channel, &mut events);
            }
            AmiEvent::ChanSpyStop(spy) => {
                let call_over = self
                    .monitors
                    .call_of_leg(&spy.spyer.channel)
                    .is_some_and(|call| !self.calls.contains_key(&call));
                self.monitors
                    .spy_stopped(&spy.spyer.channel, call_over, &mut events);
            }
            AmiEvent::DtmfEnd(dtmf) if dtmf.direction.eq_ignore_ascii_case("received") => {
                self.monitors
                    .dtmf(&dtmf.channel.channel, &dtmf.digit, &mut events);
            }
            AmiEvent::Hangup(hangup) => {
                self.monitors.hangup(&hangup.channel.channel, &mut events);
                self.monitors
                    .spied_channel_gone(&hangup.channel.channel, &mut events);
            }
            _ => {}
        }
        self.emit_all(at, events, out);
    }

    fn on_user_event(&mut self, user: &UserEvent, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        if user.name.eq_ignore_ascii_case(ROUTING_USER_EVENT) {
            // Raised by the UserEvent action, so on no channel.
            self.on_routing_announced(&user.body, at, out);
            return;
        }
        let Some(channel) = &user.channel else {
            return;
        };
        if user.name.eq_ignore_ascii_case("CallRouted") {
            if user
                .body
                .get("Branch")
                .is_some_and(|b| b.eq_ignore_ascii_case("queue"))
            {
                if self.routed.len() > 10_000 {
                    // Callers routed but never seen joining; do not grow without bound.
                    self.routed.clear();
                }
                let priority = user
                    .body
                    .get("Priority")
                    .and_then(|p| p.trim().parse::<u8>().ok())
                    .unwrap_or(0);
                let region = user.body.get("Region").unwrap_or_default().to_owned();
                // Absent (an older dialplan) or anything but a yes: fees are charged.
                let fees_waived = user
                    .body
                    .get("WaiveFees")
                    .and_then(fw_ami::typed::parse_flag)
                    .unwrap_or(false);
                self.routed.insert(
                    channel.uniqueid.clone(),
                    Routing {
                        priority,
                        region,
                        fees_waived,
                    },
                );
            }
        } else if user.name.eq_ignore_ascii_case("SurveyResult") {
            let uniqueid = user.body.get("Uniqueid").unwrap_or(&channel.uniqueid);
            let call = self.names.call(uniqueid).or_else(|| {
                self.ended
                    .iter()
                    .rev()
                    .find(|(u, _)| u == uniqueid)
                    .map(|(_, call)| *call)
            });
            let csat = user
                .body
                .get("CSAT")
                .and_then(|v| v.trim().parse::<u8>().ok())
                .filter(|v| (1..=5).contains(v));
            let (Some(call), Some(csat)) = (call, csat) else {
                tracing::debug!(%uniqueid, "survey for an unknown call or without a 1-5 CSAT");
                return;
            };
            let survey = Survey {
                reference: uniqueid.to_owned(),
                csat,
                nps: user
                    .body
                    .get("NPS")
                    .and_then(|v| v.trim().parse::<u8>().ok())
                    .filter(|v| *v <= 10),
                first_contact_resolution: user.body.get("FCR").and_then(fw_ami::typed::parse_flag),
                comment: user
                    .body
                    .get("Comment")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
            };
            self.emit(at, DomainEvent::SurveyReceived { call, survey }, out);
        }
    }

    /// Time-driven transitions up to `now`: queue exits no answer followed, after-call
    /// work that ended, spies that never started. Returns the supervisor legs to hang up.
    pub fn tick(&mut self, now: Timestamp, out: &mut Vec<EventEnvelope>) -> MonitorChores {
        for (at, event) in std::mem::take(&mut self.held) {
            self.emit(at, event, out);
        }
        let grace = self.settings.answer_grace_ms;
        let mut left: Vec<(CallId, Timestamp)> = self
            .calls
            .iter()
            .filter_map(|(call, track)| {
                let left_at = track.left_at?;
                (now >= left_at.plus_ms(grace)).then_some((*call, left_at))
            })
            .collect();
        left.sort_unstable_by_key(|(call, at)| (*at, *call));
        for (call, left_at) in left {
            let ringing = self.calls.get(&call).and_then(|t| t.ringing_agent);
            self.emit(
                left_at,
                DomainEvent::CallLeftQueue {
                    call,
                    reason: LeaveReason::Timeout,
                },
                out,
            );
            self.finish_call(call);
            if let Some(agent) = ringing {
                self.agents.stop_ringing_for(agent, call, left_at);
                self.agent_changed(agent, left_at, out);
            }
        }
        for (agent, until) in self.agents.wrap_ups_ended(now) {
            self.agent_changed(agent, until, out);
        }
        let mut events = Vec::new();
        let chores = self.monitors.tick(now, &mut events);
        self.emit_all(now, events, out);
        chores
    }

    /// The earliest time [`AmiMapper::tick`] has something to do.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        let leave = self
            .calls
            .values()
            .filter_map(|t| t.left_at)
            .min()
            .map(|at| at.plus_ms(self.settings.answer_grace_ms));
        [
            leave,
            self.agents.next_wrap_end(),
            self.monitors.next_deadline(),
        ]
        .into_iter()
        .flatten()
        .min()
    }
}
