//! The mapper's call-flow handlers: a caller joining a queue, an agent rung, answering,
//! completing, queue members changing, hold. Kept apart from the dispatch in `mapper.rs`.

#[allow(clippy::wildcard_imports)] // the parent's own imports, nothing else
use super::*;

impl AmiMapper {
    /// The call and the agent an agent-leg event is about, when both are known. The agent is
    /// looked up even for an unknown call: an unknown member means the topology changed.
    fn call_and_agent(&mut self, leg: &AgentLeg) -> Option<(CallId, AgentId)> {
        let call = self.call_of_leg(leg);
        let agent = self.known_agent(&leg.interface);
        call.zip(agent)
    }

    pub(super) fn on_join(
        &mut self,
        channel: &fw_ami::typed::ChannelSnapshot,
        queue_name: &str,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(queue) = self.known_queue(queue_name) else {
            return;
        };
        let call = self.names.intern_call(&channel.uniqueid);
        let routing = self.routed.remove(&channel.uniqueid);
        if let Some(track) = self.calls.get(&call)
            && track.queue == Some(queue)
            && track.phase.is_waiting()
        {
            return; // already waiting here (the snapshot saw it first)
        }
        let priority = routing.as_ref().map_or(0, |r| r.priority);
        let fees_waived = routing.as_ref().is_some_and(|r| r.fees_waived);
        if let std::collections::hash_map::Entry::Vacant(slot) = self.calls.entry(call) {
            let region = channel
                .variable(REGION_VARIABLE)
                .map(str::to_owned)
                .or_else(|| routing.map(|r| r.region))
                .unwrap_or_default();
            let caller = CallerInfo {
                number: channel.caller_id_num.clone(),
                region,
            };
            let mut track = CallTrack::new(&channel.uniqueid, caller.clone(), at);
            track.phase = CallPhase::Ivr;
            track.priority = priority;
            slot.insert(track);
            self.emit(at, DomainEvent::CallOffered { call, caller }, out);
        }
        if let Some(track) = self.calls.get_mut(&call) {
            track.caller_channel.clone_from(&channel.channel);
            track.queue = Some(queue);
            track.phase = CallPhase::Queued;
            track.priority = priority;
            track.queued_at = Some(at);
            track.left_at = None;
            track.fees_waived |= fees_waived;
        }
        self.emit(
            at,
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                fees_waived,
            },
            out,
        );
    }

    pub(super) fn on_agent_called(
        &mut self,
        leg: &AgentLeg,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some((call, agent)) = self.call_and_agent(leg) else {
            return;
        };
        if let Some(track) = self.calls.get_mut(&call) {
            track.phase = CallPhase::Ringing;
            track.ringing_agent = Some(agent);
        }
        self.emit(at, DomainEvent::AgentRinging { call, agent }, out);
        self.agents.ringing(agent, Some(call), at);
        self.agent_changed(agent, at, out);
    }

    pub(super) fn on_ring_no_answer(
        &mut self,
        leg: &AgentLeg,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some((call, agent)) = self.call_and_agent(leg) else {
            return;
        };
        if let Some(track) = self.calls.get_mut(&call)
            && track.ringing_agent == Some(agent)
        {
            track.phase = CallPhase::Queued;
            track.ringing_agent = None;
            self.emit(at, DomainEvent::RingNoAnswer { call, agent }, out);
        }
        self.agents.stop_ringing_for(agent, call, at);
        self.agent_changed(agent, at, out);
    }

    pub(super) fn on_agent_connect(
        &mut self,
        leg: &AgentLeg,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some((call, agent)) = self.call_and_agent(leg) else {
            return;
        };
        let Some(track) = self.calls.get_mut(&call) else {
            return;
        };
        if !track.phase.is_waiting() {
            return; // already answered (the snapshot saw it first)
        }
        let other_ringing = track.ringing_agent.filter(|ringing| *ringing != agent);
        track.phase = CallPhase::Talking;
        track.answered_at = Some(at);
        track.agent = Some(agent);
        track.ringing_agent = None;
        track.left_at = None;
        if let Some(agent_leg) = &leg.agent {
            track.agent_channel = Some(agent_leg.channel.clone());
            track.agent_uniqueid = Some(agent_leg.uniqueid.clone());
            self.agent_legs.insert(agent_leg.uniqueid.clone(), call);
        }
        self.emit(at, DomainEvent::CallAnswered { call, agent }, out);
        self.agents.answered(agent, call, at);
        self.agent_changed(agent, at, out);
        if let Some(other) = other_ringing {
            self.agents.stop_ringing_for(other, call, at);
            self.agent_changed(other, at, out);
        }
    }

    pub(super) fn on_agent_complete(
        &mut self,
        leg: &AgentLeg,
        reason: &CompleteReason,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(call) = self.call_of_leg(leg) else {
            return;
        };
        let Some(track) = self
            .calls
            .get(&call)
            .filter(|t| matches!(t.phase, CallPhase::Talking | CallPhase::OnHold))
        else {
            return;
        };
        let agent = self.names.agent(&leg.interface).or(track.agent);
        let reason = match reason {
            CompleteReason::Agent => CompletionReason::AgentHangup,
            CompleteReason::Transfer => CompletionReason::Transferred,
            // `caller`, and anything newer: the caller's side ended it.
            CompleteReason::Caller | CompleteReason::Other(_) => CompletionReason::CallerHangup,
        };
        self.emit(at, DomainEvent::CallCompleted { call, reason }, out);
        if reason == CompletionReason::Transferred {
            if let Some(track) = self.calls.get_mut(&call) {
                track.phase = CallPhase::Ivr;
                track.answered_at = None;
                track.queued_at = None;
                track.agent = None;
            }
        } else {
            self.finish_call(call);
        }
        if let Some(agent) = agent {
            let wrap_until = at.plus_ms(self.settings.wrap_up_ms);
            self.agents.completed(agent, call, wrap_until, at);
            self.agent_changed(agent, at, out);
        }
    }

    pub(super) fn on_member(
        &mut self,
        member: &QueueMemberState,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let (Some(agent), Some(queue)) = (
            self.known_agent(&member.interface),
            self.known_queue(&member.queue),
        ) else {
            return;
        };
        if !self.names.memberships(agent).contains(&queue) {
            self.topology_changed = true;
        }
        self.agents.member(
            agent,
            &MemberReport {
                queue,
                device: member.status,
                paused: member.paused,
                paused_reason: &member.paused_reason,
            },
            at,
        );
        self.agent_changed(agent, at, out);
    }

    pub(super) fn on_hold(
        &mut self,
        uniqueid: &str,
        held: bool,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(call) = self
            .names
            .call(uniqueid)
            .or_else(|| self.agent_legs.get(uniqueid).copied())
        else {
            return;
        };
        let Some(track) = self.calls.get_mut(&call) else {
            return;
        };
        // Music on hold while waiting in the queue is not a hold.
        match (held, track.phase) {
            (true, CallPhase::Talking) => {
                track.phase = CallPhase::OnHold;
                self.emit(at, DomainEvent::CallHeld { call }, out);
            }
            (false, CallPhase::OnHold) => {
                track.phase = CallPhase::Talking;
                self.emit(at, DomainEvent::CallResumed { call }, out);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use fw_ami::{AmiEvent, Event};
    use fw_domain::{DomainEvent, Timestamp};

    use crate::ami::{AmiMapper, MapperSettings};

    fn typed(event: &Event) -> AmiEvent {
        event.typed().expect("a readable event")
    }

    fn on_caller(event: &str) -> Event {
        Event::new(event)
            .with("Channel", "Local/support@callers-00000000;2")
            .with("CallerIDNum", "089812345678")
            .with("Uniqueid", "1795343685.1")
    }

    /// The `CallQueued` of a caller the dialplan routed with `WaiveFees: <waive>` (absent
    /// when `None`), then joined to the queue.
    fn queued_with(waive: Option<&str>) -> DomainEvent {
        let mut mapper = AmiMapper::new("east", MapperSettings::default());
        let mut out = Vec::new();
        let at = Timestamp(1_000);
        let member = Event::new("QueueMemberAdded")
            .with("Queue", "support")
            .with("MemberName", "Alice")
            .with("Interface", "Local/agent1@agents/n")
            .with("Status", "1")
            .with("Paused", "0");
        mapper.on_event(&typed(&member), at, &mut out);
        let mut routed = on_caller("UserEvent")
            .with("UserEvent", "CallRouted")
            .with("Queue", "support")
            .with("Branch", "queue")
            .with("Region", "Hainan")
            .with("Priority", "10");
        if let Some(waive) = waive {
            routed = routed.with("WaiveFees", waive);
        }
        mapper.on_event(&typed(&routed), at, &mut out);
        let join = on_caller("QueueCallerJoin")
            .with("Queue", "support")
            .with("Position", "1")
            .with("Count", "1");
        mapper.on_event(&typed(&join), at, &mut out);
        out.into_iter()
            .map(|e| e.event)
            .find(|e| matches!(e, DomainEvent::CallQueued { .. }))
            .expect("the caller queued")
    }

    #[test]
    fn the_call_routed_user_event_carries_the_fee_waiver_to_the_queued_call() {
        let waived = |event: DomainEvent| match event {
            DomainEvent::CallQueued {
                priority,
                fees_waived,
                ..
            } => (priority, fees_waived),
            other => panic!("{other:?}"),
        };
        assert_eq!(waived(queued_with(Some("1"))), (10, true));
        assert_eq!(waived(queued_with(Some(" yes "))), (10, true));
        assert_eq!(waived(queued_with(Some("0"))), (10, false));
        assert_eq!(waived(queued_with(None)), (10, false), "an older dialplan");
    }
}
