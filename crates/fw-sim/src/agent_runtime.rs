//! An agent's live state inside the simulator.

use fw_domain::{AgentId, AgentState, BreakReason, CallId, LiveAgent, Timestamp};

/// A break the agent takes as soon as the current call and wrap-up are done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PendingBreak {
    pub reason: BreakReason,
    /// Scheduled breaks end by themselves; a supervisor's break lasts until lifted.
    pub duration_ms: Option<i64>,
}

/// One agent's state and what they have been asked to do next.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgentRuntime {
    pub state: AgentState,
    /// When the agent entered `state`; for an available agent, also the idle-since time the
    /// router orders by.
    pub since: Timestamp,
    /// The call the agent is ringing for or talking on.
    pub call: Option<CallId>,
    /// Bumped on every state change, so a wrap-up or break end scheduled earlier can tell
    /// that the agent has moved on.
    pub token: u32,
    /// Inside the rostered shift.
    pub on_shift: bool,
    /// A supervisor asked to log the agent out after the current call.
    pub logout_pending: bool,
    /// A supervisor logged the agent out: they stay out until their next shift.
    pub stays_logged_out: bool,
    pub pending_break: Option<PendingBreak>,
}

impl AgentRuntime {
    pub(crate) fn offline(at: Timestamp) -> AgentRuntime {
        AgentRuntime {
            state: AgentState::Offline,
            since: at,
            call: None,
            token: 0,
            on_shift: false,
            logout_pending: false,
            stays_logged_out: false,
            pending_break: None,
        }
    }

    pub(crate) fn live_agent(&self, agent: AgentId) -> LiveAgent {
        LiveAgent {
            agent,
            state: self.state.clone(),
            since: self.since,
            call: self.call,
        }
    }

    /// Ringing, talking or wrapping up: a request waits until this is over.
    pub(crate) const fn is_handling_a_call(&self) -> bool {
        self.state.is_busy()
    }
}
