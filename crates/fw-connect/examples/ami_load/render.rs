//! The simulator's domain events rendered as the AMI frames Asterisk 22 would send for
//! them, laid out as in the recorded transcripts: `CallRouted` UserEvent and
//! QueueCallerJoin, AgentCalled, AgentRingNoAnswer, QueueCallerLeave then AgentConnect,
//! AgentComplete, QueueCallerAbandon then QueueCallerLeave, Hold/Unhold, the survey
//! UserEvent, and QueueMemberStatus / QueueMemberPause once per queue the agent is in.
//! Also the QueueStatus, QueueSummary and Status answers for the state at the start.

use fw_ami::Frame;
use fw_domain::{
    AgentId, AgentState, CallId, CompletionReason, DomainEvent, EventEnvelope, Snapshot, Timestamp,
    Topology,
};
use rustc_hash::FxHashMap;

/// The frames of one platform millisecond, written together (Asterisk raises the events
/// of one happening back to back). Every domain event the connector maps from them
/// carries that millisecond, which is how the load client finds when they were written.
pub struct Group {
    pub at: Timestamp,
    pub bytes: Vec<u8>,
    pub frames: usize,
}

/// A call as the renderer follows it.
#[derive(Clone, Default)]
struct Caller {
    number: String,
    region: String,
    queue: String,
    queued_at: i64,
    answered_at: i64,
    /// The agent rung or talking, and its leg's channel and uniqueid.
    agent: Option<(AgentId, String, String)>,
}

/// Renders events in order, keeping what later frames need to repeat.
pub struct Renderer<'a> {
    topology: &'a Topology,
    callers: FxHashMap<CallId, Caller>,
    /// Calls that ended, for their surveys (which may come after AgentComplete).
    ended: FxHashMap<CallId, Caller>,
    paused: FxHashMap<AgentId, bool>,
    legs: u64,
}

/// `1795343685.167000`: Asterisk's `Timestamp` for a platform millisecond.
fn stamp(at: Timestamp) -> String {
    format!(
        "{}.{:03}000",
        at.0.div_euclid(1_000),
        at.0.rem_euclid(1_000)
    )
}

pub fn interface(agent: AgentId) -> String {
    format!("Local/a{}@agents/n", agent.0)
}

fn caller_uniqueid(call: CallId) -> String {
    format!("1795000000.{}", call.0 * 2 + 1)
}

fn event(name: &str, at: Timestamp, privilege: &str) -> Frame {
    Frame::new()
        .with("Event", name)
        .with("Privilege", privilege)
        .with("Timestamp", stamp(at))
}

impl<'a> Renderer<'a> {
    pub fn new(topology: &'a Topology) -> Renderer<'a> {
        Renderer {
            topology,
            callers: FxHashMap::default(),
            ended: FxHashMap::default(),
            paused: FxHashMap::default(),
            legs: 0,
        }
    }

    fn agent_name(&self, agent: AgentId) -> &str {
        &self.topology.agents[agent.index()].name
    }

    /// The caller's channel fields.
    fn channel(frame: &mut Frame, call: CallId, caller: &Caller) {
        let channel = format!("Local/{}@callers-{:08x};2", caller.queue, call.0);
        frame.push("Channel", channel);
        frame.push("ChannelState", "6");
        frame.push("ChannelStateDesc", "Up");
        frame.push("CallerIDNum", caller.number.as_str());
        frame.push("CallerIDName", caller.number.as_str());
        frame.push("Context", "inbound");
        frame.push("Exten", "s");
        frame.push("Priority", "10");
        frame.push("Uniqueid", caller_uniqueid(call));
        frame.push("Linkedid", caller_uniqueid(call));
        frame.push("ChanVariable", format!("CC_QUEUE={}", caller.queue));
        frame.push("ChanVariable", format!("CC_REGION={}", caller.region));
    }

    fn agent_leg(&self, frame: &mut Frame, call: CallId, caller: &Caller) {
        let Some((agent, leg, uniqueid)) = &caller.agent else {
            return;
        };
        frame.push("DestChannel", leg.as_str());
        frame.push("DestChannelState", "6");
        frame.push("DestChannelStateDesc", "Up");
        frame.push("DestCallerIDNum", caller.number.as_str());
        frame.push("DestContext", "agents");
        frame.push("DestExten", "s");
        frame.push("DestPriority", "1");
        frame.push("DestUniqueid", uniqueid.as_str());
        frame.push("DestLinkedid", caller_uniqueid(call));
        frame.push("Queue", caller.queue.as_str());
        frame.push("Interface", interface(*agent));
        frame.push("MemberName", self.agent_name(*agent));
    }

    /// The frames for one domain event (none for what AMI does not show).
    #[allow(clippy::too_many_lines)] // one arm per domain event: a table, not a flow
    pub fn render(&mut self, envelope: &EventEnvelope, out: &mut Vec<Frame>) {
        let at = envelope.at;
        match &envelope.event {
            DomainEvent::CallOffered { call, caller } => {
                let entry = self.callers.entry(*call).or_default();
                entry.number.clone_from(&caller.number);
                entry.region = if caller.region.is_empty() {
                    "none".into()
                } else {
                    caller.region.clone()
                };
            }
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                fees_waived,
            } => {
                let mut caller = self.callers.get(call).cloned().unwrap_or_default();
                caller
                    .queue
                    .clone_from(&self.topology.queues[queue.index()].name);
                caller.queued_at = at.0;
                caller.agent = None;
                let mut routed = event("UserEvent", at, "user,all");
                Self::channel(&mut routed, *call, &caller);
                routed.push("UserEvent", "CallRouted");
                routed.push("Queue", caller.queue.as_str());
                routed.push("Branch", "queue");
                routed.push("Region", caller.region.as_str());
                routed.push("Priority", priority.to_string());
                routed.push("WaiveFees", if *fees_waived { "1" } else { "0" });
                out.push(routed);
                let mut join = event("QueueCallerJoin", at, "agent,all");
                Self::channel(&mut join, *call, &caller);
                join.push("Queue", caller.queue.as_str());
                join.push("Position", "1");
                join.push("Count", "1");
                out.push(join);
                self.callers.insert(*call, caller);
            }
            DomainEvent::AgentRinging { call, agent } => {
                self.legs += 1;
                let leg = format!("Local/a{}@agents-{:08x};1", agent.0, self.legs);
                let uniqueid = format!("1795000001.{}", self.legs);
                let Some(caller) = self.callers.get_mut(call) else {
                    return;
                };
                caller.agent = Some((*agent, leg, uniqueid));
                let caller = caller.clone();
                out.push(self.leg_event("AgentCalled", at, *call, &caller));
            }
            DomainEvent::RingNoAnswer { call, .. } => {
                let Some(caller) = self.callers.get(call).cloned() else {
                    return;
                };
                let mut frame = self.leg_event("AgentRingNoAnswer", at, *call, &caller);
                frame.push("RingTime", "15000");
                out.push(frame);
            }
            DomainEvent::CallAnswered { call, agent } => {
                let Some(caller) = self.callers.get_mut(call) else {
                    return;
                };
                caller.answered_at = at.0;
                if caller
                    .agent
                    .as_ref()
                    .is_none_or(|(rung, _, _)| rung != agent)
                {
                    self.legs += 1;
                    caller.agent = Some((
                        *agent,
                        format!("Local/a{}@agents-{:08x};1", agent.0, self.legs),
                        format!("1795000001.{}", self.legs),
                    ));
                }
                let caller = caller.clone();
                out.push(Self::leave(at, *call, &caller));
                let mut connect = self.leg_event("AgentConnect", at, *call, &caller);
                let held = (at.0 - caller.queued_at).max(0) / 1_000;
                connect.push("HoldTime", held.to_string());
                connect.push("RingTime", "0");
                out.push(connect);
            }
            DomainEvent::CallHeld { call } | DomainEvent::CallResumed { call } => {
                let Some(caller) = self.callers.get(call).cloned() else {
                    return;
                };
                let held = matches!(envelope.event, DomainEvent::CallHeld { .. });
                let mut frame = event(if held { "Hold" } else { "Unhold" }, at, "call,all");
                Self::channel(&mut frame, *call, &caller);
                out.push(frame);
            }
            DomainEvent::CallCompleted { call, reason } => {
                let Some(caller) = self.callers.get(call).cloned() else {
                    return;
                };
                let mut frame = self.leg_event("AgentComplete", at, *call, &caller);
                let held = (caller.answered_at - caller.queued_at).max(0) / 1_000;
                frame.push("HoldTime", held.to_string());
                frame.push(
                    "TalkTime",
                    ((at.0 - caller.answered_at).max(0) / 1_000).to_string(),
                );
                frame.push(
                    "Reason",
                    match reason {
                        CompletionReason::AgentHangup => "agent",
                        CompletionReason::CallerHangup => "caller",
                        CompletionReason::Transferred => "transfer",
                    },
                );
                out.push(frame);
                if *reason != CompletionReason::Transferred {
                    self.callers.remove(call);
                    self.ended.insert(*call, caller);
                }
            }
            DomainEvent::CallAbandoned { call } => {
                let Some(caller) = self.callers.remove(call) else {
                    return;
                };
                let mut abandon = event("QueueCallerAbandon", at, "agent,all");
                Self::channel(&mut abandon, *call, &caller);
                abandon.push("Queue", caller.queue.as_str());
                abandon.push("Position", "1");
                abandon.push("OriginalPosition", "1");
                abandon.push(
                    "HoldTime",
                    ((at.0 - caller.queued_at).max(0) / 1_000).to_string(),
                );
                out.push(abandon);
                out.push(Self::leave(at, *call, &caller));
            }
            DomainEvent::CallbackRequested { call } | DomainEvent::CallLeftQueue { call, .. } => {
                let Some(caller) = self.callers.remove(call) else {
                    return;
                };
                out.push(Self::leave(at, *call, &caller));
            }
            DomainEvent::CallEndedInIvr { call } => {
                self.callers.remove(call);
            }
            DomainEvent::SurveyReceived { call, survey } => {
                let Some(caller) = self.callers.get(call).or(self.ended.get(call)).cloned() else {
                    return;
                };
                let mut frame = event("UserEvent", at, "user,all");
                Self::channel(&mut frame, *call, &caller);
                frame.push("UserEvent", "SurveyResult");
                frame.push("Queue", caller.queue.as_str());
                frame.push("CSAT", survey.csat.to_string());
                frame.push("Uniqueid", caller_uniqueid(*call));
                out.push(frame);
            }
            DomainEvent::AgentStateChanged { agent, state } => self.member(*agent, state, at, out),
            // Not visible over AMI (an escalation is an AgentComplete with `transfer`
            // followed by a new QueueCallerJoin), or not raised by the simulator unasked.
            DomainEvent::CallEscalated { .. }
            | DomainEvent::MonitorStarted { .. }
            | DomainEvent::MonitorModeChanged { .. }
            | DomainEvent::MonitorEnded { .. }
            | DomainEvent::RoutingModeChanged { .. } => {}
        }
    }

    /// The caller's QueueCallerLeave (the queue now empty of them).
    fn leave(at: Timestamp, call: CallId, caller: &Caller) -> Frame {
        let mut leave = event("QueueCallerLeave", at, "agent,all");
        Self::channel(&mut leave, call, caller);
        leave.push("Queue", caller.queue.as_str());
        leave.push("Position", "1");
        leave.push("Count", "0");
        leave
    }

    fn leg_event(&self, name: &str, at: Timestamp, call: CallId, caller: &Caller) -> Frame {
        let mut frame = event(name, at, "agent,all");
        Self::channel(&mut frame, call, caller);
        self.agent_leg(&mut frame, call, caller);
        frame
    }

    /// Device state and pauses, once per queue the agent is in, as Asterisk reports them.
    fn member(&mut self, agent: AgentId, state: &AgentState, at: Timestamp, out: &mut Vec<Frame>) {
        let was_paused = self.paused.get(&agent).copied().unwrap_or(false);
        let (status, paused, reason, name) = match state {
            AgentState::Offline => (5, false, String::new(), "QueueMemberStatus"),
            AgentState::Available | AgentState::WrapUp => {
                (1, false, String::new(), "QueueMemberStatus")
            }
            AgentState::Ringing => (6, false, String::new(), "QueueMemberStatus"),
            AgentState::OnCall => (2, false, String::new(), "QueueMemberStatus"),
            AgentState::Break(reason) => (1, true, reason.code().to_owned(), "QueueMemberPause"),
        };
        let name = if was_paused && !paused {
            "QueueMemberPause"
        } else {
            name
        };
        self.paused.insert(agent, paused);
        for queue in &self.topology.agents[agent.index()].queues {
            out.push(member_frame(
                event(name, at, "agent,all"),
                &self.topology.queues[queue.index()].name,
                self.agent_name(agent),
                agent,
                status,
                paused,
                &reason,
            ));
        }
    }
}

fn member_frame(
    mut frame: Frame,
    queue: &str,
    name: &str,
    agent: AgentId,
    status: u32,
    paused: bool,
    reason: &str,
) -> Frame {
    frame.push("Queue", queue);
    frame.push("MemberName", name);
    frame.push("Interface", interface(agent));
    frame.push("StateInterface", interface(agent));
    frame.push("Membership", "static");
    frame.push("Penalty", "0");
    frame.push("CallsTaken", "0");
    frame.push("LastCall", "0");
    frame.push("InCall", "0");
    frame.push("Status", status.to_string());
    frame.push("Paused", if paused { "1" } else { "0" });
    frame.push("PausedReason", reason);
    frame
}

/// Renders `events` onto the end of `groups`, one group per platform millisecond.
pub fn push_groups(renderer: &mut Renderer<'_>, events: &[EventEnvelope], groups: &mut Vec<Group>) {
    let mut frames = Vec::new();
    for envelope in events {
        frames.clear();
        renderer.render(envelope, &mut frames);
        if frames.is_empty() {
            continue;
        }
        if groups.last().is_none_or(|g| g.at != envelope.at) {
            groups.push(Group {
                at: envelope.at,
                bytes: Vec::new(),
                frames: 0,
            });
        }
        let group = groups.last_mut().expect("just pushed");
        for frame in &frames {
            frame
                .encode_into(&mut group.bytes)
                .expect("rendered frames encode");
        }
        group.frames += frames.len();
    }
}

/// The QueueStatus items (QueueParams and QueueMember rows) for the state in `snapshot`,
/// without their ActionID (the server adds the asking action's).
pub fn queue_status(snapshot: &Snapshot) -> Vec<Frame> {
    let topology = &snapshot.topology;
    let mut items = Vec::new();
    for queue in &topology.queues {
        let mut params = Frame::new().with("Event", "QueueParams");
        for (key, value) in [
            ("Queue", queue.name.clone()),
            ("Max", "0".into()),
            ("Strategy", "rrmemory".into()),
            ("Calls", "0".into()),
            ("Holdtime", "0".into()),
            ("TalkTime", "0".into()),
            ("Completed", "0".into()),
            ("Abandoned", "0".into()),
            ("ServiceLevel", queue.sl_threshold_secs.to_string()),
            ("ServicelevelPerf", "0.0".into()),
            ("ServicelevelPerf2", "0.0".into()),
            ("Weight", "0".into()),
        ] {
            params.push(key, value);
        }
        items.push(params);
        let states: FxHashMap<AgentId, &AgentState> = snapshot
            .agents
            .iter()
            .map(|a| (a.agent, &a.state))
            .collect();
        for profile in &topology.agents {
            if !profile.queues.contains(&queue.id) {
                continue;
            }
            let state = states
                .get(&profile.id)
                .copied()
                .unwrap_or(&AgentState::Offline);
            let (status, paused, reason) = match state {
                AgentState::Offline => (5, false, String::new()),
                AgentState::Available | AgentState::WrapUp => (1, false, String::new()),
                AgentState::Ringing => (6, false, String::new()),
                AgentState::OnCall => (2, false, String::new()),
                AgentState::Break(reason) => (1, true, reason.code().to_owned()),
            };
            let frame = Frame::new().with("Event", "QueueMember");
            let frame = member_frame(
                frame,
                &queue.name,
                &profile.name,
                profile.id,
                status,
                paused,
                &reason,
            );
            items.push(frame);
        }
    }
    items
}
