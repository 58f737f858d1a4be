//! The platform's full current state, taken after every (re)connect so a consumer can
//! rebuild what it missed without counting anything twice.

use crate::agent::AgentState;
use crate::call::{CallPhase, CallerInfo};
use crate::event::SourceId;
use crate::ids::{AgentId, CallId, QueueId};
use crate::time::Timestamp;
use crate::topology::Topology;

/// An agent's state at snapshot time.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveAgent {
    pub agent: AgentId,
    pub state: AgentState,
    /// When the agent entered this state (platform clock).
    pub since: Timestamp,
    /// The call the agent is on, if any.
    pub call: Option<CallId>,
}

/// A call in progress at snapshot time.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveCall {
    pub call: CallId,
    pub caller: CallerInfo,
    pub phase: CallPhase,
    /// The queue the call is in or was answered from; `None` while in the IVR.
    pub queue: Option<QueueId>,
    pub priority: u8,
    /// When the call arrived.
    pub offered_at: Timestamp,
    /// When it joined its current queue.
    pub queued_at: Option<Timestamp>,
    /// When an agent answered.
    pub answered_at: Option<Timestamp>,
    pub agent: Option<AgentId>,
    /// A regional priority waived the caller's fees.
    pub fees_waived: bool,
}

/// Everything live on the platform at `taken_at`. Events of `source` with a sequence
/// number above `last_seq` follow it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub source: SourceId,
    pub last_seq: u64,
    pub taken_at: Timestamp,
    pub topology: Topology,
    pub agents: Vec<LiveAgent>,
    pub calls: Vec<LiveCall>,
    /// Monitoring sessions in progress, so a reconnecting console knows who listens where.
    pub monitors: Vec<crate::monitor::LiveMonitor>,
}
