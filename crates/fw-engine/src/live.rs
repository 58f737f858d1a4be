//! What the engine knows about calls and agents right now.

use fw_domain::{AgentId, AgentState, CallId, CallPhase, CallerInfo, QueueId, Timestamp};

use crate::agent_day::AgentDay;

/// A call the engine is tracking, from offer to its end.
#[derive(Clone, Debug)]
pub(crate) struct CallRecord {
    pub caller: CallerInfo,
    pub phase: CallPhase,
    /// The queue it is in, was answered from, or last left (for escalation counting).
    pub queue: Option<QueueId>,
    pub priority: u8,
    pub offered_at: Timestamp,
    pub queued_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub agent: Option<AgentId>,
    pub hold_started: Option<Timestamp>,
    pub hold_ms: u64,
    /// Withdrawn from this queue at this time and not queued again yet: the next
    /// `CallQueued` is a routing move, not a new call for the centre.
    pub moved_from: Option<(QueueId, Timestamp)>,
    /// A regional priority waived the caller's fees (kept to the end of the call).
    pub fees_waived: bool,
}

impl CallRecord {
    /// The domain's view of this call, as snapshots and screens read it.
    pub(crate) fn to_live(&self, call: CallId) -> fw_domain::LiveCall {
        fw_domain::LiveCall {
            call,
            caller: self.caller.clone(),
            phase: self.phase,
            queue: self.queue,
            priority: self.priority,
            offered_at: self.offered_at,
            queued_at: self.queued_at,
            answered_at: self.answered_at,
            agent: self.agent,
            fees_waived: self.fees_waived,
        }
    }

    pub(crate) fn offered(caller: CallerInfo, at: Timestamp) -> CallRecord {
        CallRecord {
            caller,
            phase: CallPhase::Ivr,
            queue: None,
            priority: 0,
            offered_at: at,
            queued_at: None,
            answered_at: None,
            agent: None,
            hold_started: None,
            hold_ms: 0,
            moved_from: None,
            fees_waived: false,
        }
    }
}

/// An agent's live state.
#[derive(Clone, Debug)]
pub(crate) struct AgentRecord {
    pub state: AgentState,
    pub since: Timestamp,
    pub call: Option<CallId>,
    /// The queue whose call the agent is wrapping up, so wrap-up time lands in its AHT.
    pub wrap_queue: Option<QueueId>,
    /// Today's finished calls and handle time.
    pub today: AgentDay,
}

impl AgentRecord {
    pub(crate) fn offline(at: Timestamp) -> AgentRecord {
        AgentRecord {
            state: AgentState::Offline,
            since: at,
            call: None,
            wrap_queue: None,
            today: AgentDay::default(),
        }
    }
}
