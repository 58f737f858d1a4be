//! One agent as a supervisor's grid shows it: what they are doing now and how their day went.

use fw_domain::{AgentId, AgentState, CallId, Timestamp};

/// An agent's live state and today's tallies (the centre's local day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentView {
    pub agent: AgentId,
    pub state: AgentState,
    /// When the agent entered `state`; `None` for an agent the platform has not reported
    /// since the engine started.
    pub since: Option<Timestamp>,
    /// The call they are ringing for or talking on.
    pub call: Option<CallId>,
    /// When that call was connected to them (`None` while it only rings).
    pub call_answered_at: Option<Timestamp>,
    /// Calls they finished today (transfers included: the agent's part ended).
    pub handled_today: u32,
    /// Talk, hold and wrap-up time of those calls.
    pub handle_ms_today: u64,
}

impl AgentView {
    /// Average handle time today, or `None` before the first finished call.
    pub fn aht_ms_today(&self) -> Option<u64> {
        (self.handled_today > 0).then(|| self.handle_ms_today / u64::from(self.handled_today))
    }
}
