//! A queue offering a call to an agent: AgentCalled, AgentConnect, AgentComplete,
//! AgentRingNoAnswer.
//!
//! Each carries the caller's channel unprefixed and the agent leg under `Dest`, but either
//! snapshot can be missing: the recordings show an AgentComplete without the caller's
//! fields (the caller's channel was gone first) and one without the `Dest…` fields (the
//! agent's was). Units differ between them (RingNoAnswer's RingTime is milliseconds,
//! Connect's is seconds), so every duration field here names its unit.

use crate::error::FieldError;
use crate::typed::channel::ChannelSnapshot;
use crate::typed::fields::Fields;

/// What every Agent* event says about who was offered which call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentLeg {
    /// The waiting caller's channel; absent when it was already gone.
    pub caller: Option<ChannelSnapshot>,
    /// The channel ringing or bridged to the agent (`Dest…` fields); absent when it was
    /// already gone. `interface` still names the member.
    pub agent: Option<ChannelSnapshot>,
    pub queue: String,
    /// The member's interface, e.g. `Local/agent1@agents/n`: the member's key.
    pub interface: String,
    /// The member's display name.
    pub member_name: String,
}

impl AgentLeg {
    fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            caller: ChannelSnapshot::read_opt(fields)?,
            agent: ChannelSnapshot::read_opt(fields.prefixed("Dest"))?,
            queue: fields.text("Queue")?,
            interface: fields.text("Interface")?,
            member_name: fields.text_or_default("MemberName"),
        })
    }
}

/// AgentCalled: the queue is ringing an agent for a caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCalled {
    pub leg: AgentLeg,
}

impl AgentCalled {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            leg: AgentLeg::read(fields)?,
        })
    }
}

/// AgentConnect: the agent answered; the caller has already left the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentConnect {
    pub leg: AgentLeg,
    /// Seconds the caller waited (`HoldTime`).
    pub hold_time_secs: u32,
    /// Seconds this agent's phone rang (`RingTime`, in seconds here).
    pub ring_time_secs: u32,
}

impl AgentConnect {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            leg: AgentLeg::read(fields)?,
            hold_time_secs: fields.number("HoldTime")?,
            ring_time_secs: fields.number("RingTime")?,
        })
    }
}

/// Who ended a completed call (`Reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompleteReason {
    Caller,
    Agent,
    Transfer,
    Other(String),
}

impl CompleteReason {
    fn parse(value: &str) -> Self {
        match value.to_ascii_lowercase().as_str() {
            "caller" => Self::Caller,
            "agent" => Self::Agent,
            "transfer" => Self::Transfer,
            _ => Self::Other(value.to_owned()),
        }
    }
}

/// AgentComplete: a queue call ended. Its `Queue` is the one to count the call in: an
/// agent in two queues gets CallsTaken bumped in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentComplete {
    pub leg: AgentLeg,
    /// Seconds the caller waited before the agent answered.
    pub hold_time_secs: u32,
    /// Seconds of conversation.
    pub talk_time_secs: u32,
    pub reason: CompleteReason,
}

impl AgentComplete {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            leg: AgentLeg::read(fields)?,
            hold_time_secs: fields.number("HoldTime")?,
            talk_time_secs: fields.number("TalkTime")?,
            reason: CompleteReason::parse(&fields.text_or_default("Reason")),
        })
    }
}

/// AgentRingNoAnswer: the agent's phone rang out; the queue moves on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRingNoAnswer {
    pub leg: AgentLeg,
    /// Milliseconds it rang (`RingTime`, in milliseconds here, unlike AgentConnect).
    pub ring_time_ms: u64,
}

impl AgentRingNoAnswer {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            leg: AgentLeg::read(fields)?,
            ring_time_ms: fields.number("RingTime")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_reason_keeps_unknown_values() {
        assert_eq!(CompleteReason::parse("agent"), CompleteReason::Agent);
        assert_eq!(CompleteReason::parse("Caller"), CompleteReason::Caller);
        assert_eq!(
            CompleteReason::parse("nobody"),
            CompleteReason::Other("nobody".into())
        );
    }
}
