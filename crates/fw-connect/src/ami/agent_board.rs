//! [`AgentBoard`]: what each agent is doing, derived from several AMI sources at once.
//!
//! No single AMI event says an agent's state. QueueMemberStatus carries the device state
//! but comes from another thread and can land anywhere (before the AgentComplete it
//! follows, as the recordings show); a ringing Local channel reports `InUse`, not
//! `Ringing`; pauses are per queue. So the board keeps the inputs (queue-call facts from
//! Agent* events, device state and pauses from member events) and derives the state with
//! fixed precedence: a queue call in progress wins over the racy device state, a pause
//! over idleness. It reports a state only when the derived value changes.

use fw_ami::typed::DeviceState;
use fw_domain::{AgentId, AgentState, BreakReason, CallId, QueueId, Timestamp};

/// One agent's inputs.
#[derive(Clone, Debug)]
struct AgentInputs {
    /// Queue memberships with their pause state (`Some(reason)` when paused there).
    memberships: Vec<(QueueId, Option<String>)>,
    device: DeviceState,
    /// The queue call ringing at the agent's phone.
    ringing: Option<CallId>,
    /// The queue call the agent is talking on.
    on_call: Option<CallId>,
    /// After-call work lasts until then.
    wrap_until: Option<Timestamp>,
    /// The last state reported, and since when.
    reported: AgentState,
    since: Timestamp,
}

impl AgentInputs {
    fn new(at: Timestamp) -> AgentInputs {
        AgentInputs {
            memberships: Vec::new(),
            device: DeviceState::Unknown,
            ringing: None,
            on_call: None,
            wrap_until: None,
            reported: AgentState::Offline,
            since: at,
        }
    }

    fn derive(&self, now: Timestamp) -> AgentState {
        if self.memberships.is_empty() {
            return AgentState::Offline;
        }
        if self.on_call.is_some() {
            return AgentState::OnCall;
        }
        if self.ringing.is_some() {
            return AgentState::Ringing;
        }
        // Paused in every queue: on a break. Paused in some only still takes calls.
        if self.memberships.iter().all(|(_, pause)| pause.is_some()) {
            let reason = self
                .memberships
                .iter()
                .find_map(|(_, pause)| pause.as_deref())
                .unwrap_or_default();
            return AgentState::Break(BreakReason::from_platform(reason));
        }
        if self.wrap_until.is_some_and(|until| now < until) {
            return AgentState::WrapUp;
        }
        match self.device {
            DeviceState::Unavailable | DeviceState::Invalid => AgentState::Offline,
            // Busy on a call that is not a queue call (a direct or outbound call).
            DeviceState::InUse
            | DeviceState::Busy
            | DeviceState::OnHold
            | DeviceState::RingInUse => AgentState::OnCall,
            DeviceState::Ringing => AgentState::Ringing,
            DeviceState::NotInUse | DeviceState::Unknown | DeviceState::Other(_) => {
                AgentState::Available
            }
        }
    }
}

/// Every agent's inputs, indexed by [`AgentId`].
#[derive(Debug, Default)]
pub struct AgentBoard {
    agents: Vec<AgentInputs>,
}

/// A member's state as a member event or QueueStatus item reports it.
#[derive(Clone, Debug)]
pub struct MemberReport<'a> {
    pub queue: QueueId,
    pub device: DeviceState,
    pub paused: bool,
    pub paused_reason: &'a str,
}

impl AgentBoard {
    /// Forgets every input (before a snapshot rebuild), keeping nothing but the size.
    pub fn clear(&mut self) {
        self.agents.clear();
    }

    fn inputs(&mut self, agent: AgentId, at: Timestamp) -> &mut AgentInputs {
        let index = agent.index();
        if self.agents.len() <= index {
            self.agents.resize_with(index + 1, || AgentInputs::new(at));
        }
        &mut self.agents[index]
    }

    /// A member event or QueueStatus item for one of the agent's queues.
    pub fn member(&mut self, agent: AgentId, report: &MemberReport<'_>, at: Timestamp) {
        let inputs = self.inputs(agent, at);
        inputs.device = report.device;
        let pause = report.paused.then(|| report.paused_reason.to_owned());
        match inputs
            .memberships
            .iter_mut()
            .find(|(queue, _)| *queue == report.queue)
        {
            Some(entry) => entry.1 = pause,
            None => inputs.memberships.push((report.queue, pause)),
        }
    }

    /// The agent left a queue (QueueMemberRemoved).
    pub fn removed(&mut self, agent: AgentId, queue: QueueId, at: Timestamp) {
        self.inputs(agent, at)
            .memberships
            .retain(|(member_of, _)| *member_of != queue);
    }

    pub fn ringing(&mut self, agent: AgentId, call: Option<CallId>, at: Timestamp) {
        self.inputs(agent, at).ringing = call;
    }

    /// Stops the ringing if it was for `call` (the caller gave up or was answered elsewhere).
    pub fn stop_ringing_for(&mut self, agent: AgentId, call: CallId, at: Timestamp) {
        let inputs = self.inputs(agent, at);
        if inputs.ringing == Some(call) {
            inputs.ringing = None;
        }
    }

    pub fn answered(&mut self, agent: AgentId, call: CallId, at: Timestamp) {
        let inputs = self.inputs(agent, at);
        inputs.ringing = None;
        inputs.on_call = Some(call);
        inputs.wrap_until = None;
    }

    /// The queue call ended; after-call work runs until `wrap_until`.
    pub fn completed(
        &mut self,
        agent: AgentId,
        call: CallId,
        wrap_until: Timestamp,
        at: Timestamp,
    ) {
        let inputs = self.inputs(agent, at);
        if inputs.on_call == Some(call) || inputs.on_call.is_none() {
            inputs.on_call = None;
            inputs.wrap_until = Some(wrap_until);
        }
    }

    /// The call the agent is talking on, if any.
    pub fn call_of(&self, agent: AgentId) -> Option<CallId> {
        self.agents.get(agent.index()).and_then(|a| a.on_call)
    }

    /// Records the agent's derived state as reported without emitting anything (snapshot
    /// building); returns it with the time it was entered.
    pub fn settle(&mut self, agent: AgentId, at: Timestamp) -> (AgentState, Timestamp) {
        let inputs = self.inputs(agent, at);
        let state = inputs.derive(at);
        if state != inputs.reported {
            inputs.reported = state.clone();
            inputs.since = at;
        }
        (state, inputs.since)
    }

    /// The agent's new state if its inputs now derive a different one.
    pub fn changed(&mut self, agent: AgentId, now: Timestamp) -> Option<AgentState> {
        let inputs = self.inputs(agent, now);
        let state = inputs.derive(now);
        (state != inputs.reported).then(|| {
            inputs.reported = state.clone();
            inputs.since = now;
            state
        })
    }

    /// Agents whose after-call work ended by `now`, with the end time.
    pub fn wrap_ups_ended(&self, now: Timestamp) -> Vec<(AgentId, Timestamp)> {
        self.agents
            .iter()
            .enumerate()
            .filter_map(|(index, inputs)| {
                let until = inputs.wrap_until?;
                (until <= now && inputs.reported == AgentState::WrapUp)
                    .then_some((AgentId(index as u32), until))
            })
            .collect()
    }

    /// The earliest pending after-call-work end, so a driver knows when to tick.
    pub fn next_wrap_end(&self) -> Option<Timestamp> {
        self.agents
            .iter()
            .filter(|inputs| inputs.reported == AgentState::WrapUp)
            .filter_map(|inputs| inputs.wrap_until)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Timestamp = Timestamp(1_000_000);

    fn report(queue: u16, device: DeviceState, paused: Option<&str>) -> MemberReport<'_> {
        MemberReport {
            queue: QueueId(queue),
            device,
            paused: paused.is_some(),
            paused_reason: paused.unwrap_or_default(),
        }
    }

    #[test]
    fn a_queue_call_outranks_the_racy_device_state() {
        let mut board = AgentBoard::default();
        let carol = AgentId(0);
        board.member(carol, &report(0, DeviceState::NotInUse, None), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::Available));
        // A ringing Local channel shows InUse; the AgentCalled says ringing.
        board.ringing(carol, Some(CallId(7)), T);
        board.member(carol, &report(0, DeviceState::InUse, None), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::Ringing));
        board.answered(carol, CallId(7), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::OnCall));
        // NotInUse from the other thread lands before AgentComplete: still on the call.
        board.member(carol, &report(0, DeviceState::NotInUse, None), T);
        assert_eq!(board.changed(carol, T), None);
        board.completed(carol, CallId(7), T.plus_ms(3_000), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::WrapUp));
        assert_eq!(board.next_wrap_end(), Some(T.plus_ms(3_000)));
        assert_eq!(board.wrap_ups_ended(T.plus_ms(2_999)), []);
        assert_eq!(
            board.wrap_ups_ended(T.plus_ms(3_000)),
            [(carol, T.plus_ms(3_000))]
        );
        assert_eq!(
            board.changed(carol, T.plus_ms(3_000)),
            Some(AgentState::Available)
        );
    }

    #[test]
    fn a_break_needs_a_pause_in_every_queue() {
        let mut board = AgentBoard::default();
        let carol = AgentId(1);
        board.member(carol, &report(0, DeviceState::NotInUse, Some("Lunch")), T);
        board.member(carol, &report(1, DeviceState::NotInUse, None), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::Available));
        board.member(carol, &report(1, DeviceState::NotInUse, Some("Lunch")), T);
        assert_eq!(
            board.changed(carol, T),
            Some(AgentState::Break(BreakReason::Lunch))
        );
        board.removed(carol, QueueId(0), T);
        board.removed(carol, QueueId(1), T);
        assert_eq!(board.changed(carol, T), Some(AgentState::Offline));
    }
}
