//! What a supervisor asks the platform to do. Commands flow UI → fw-app (role check,
//! audit) → `Connector::execute`; the console then sees the effect as events, never as a
//! local guess.

use crate::agent::BreakReason;
use crate::ids::{AgentId, CallId, MonitorSessionId, QueueId, SiteId, SupervisorId};
use crate::time::Timestamp;

/// How a supervisor monitors a call. Sessions always start in `Listen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonitorMode {
    /// Silent: nobody hears the supervisor (ChanSpy `q`).
    Listen,
    /// Coaching: the agent hears the supervisor, the caller does not (ChanSpy `w`).
    Whisper,
    /// Three-way: both hear the supervisor (ChanSpy `B`).
    Barge,
}

/// Where a routing mode applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RoutingScope {
    Centre,
    Site(SiteId),
    Queue(QueueId),
}

/// A disaster or schedule routing mode (stored by Asterisk as AstDB keys).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RoutingMode {
    /// A site is down: its calls go to the same skill at the other sites.
    SiteFailover { site: SiteId },
    /// Play an emergency announcement and offer a callback instead of queueing.
    EmergencyClosure { scope: RoutingScope },
    /// Callers from these regions jump the queue.
    RegionalPriority {
        regions: Vec<String>,
        waive_fees: bool,
    },
    /// The night routing plan.
    NightMode { scope: RoutingScope },
}

/// The state a supervisor may put an agent into.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetAgentState {
    /// Unpause.
    Available,
    /// Pause with a reason (Asterisk `QueuePause` with `Reason`).
    Break(BreakReason),
    /// Log out of all queues.
    LoggedOut,
}

/// An action on the platform.
#[derive(Clone, Debug, PartialEq)]
pub enum PlatformCommand {
    /// Ring the supervisor's endpoint and join the call muted, in listen mode. The session id
    /// is chosen by Floorwalker, so the platform's events about it can be matched up.
    StartMonitor {
        session: MonitorSessionId,
        supervisor: SupervisorId,
        endpoint: String,
        call: CallId,
    },
    /// Escalate or de-escalate an existing session without redialling.
    ChangeMonitorMode {
        session: MonitorSessionId,
        mode: MonitorMode,
    },
    /// End the supervisor's leg only; the call goes on.
    StopMonitor {
        session: MonitorSessionId,
    },
    /// Switch a routing mode on, optionally reverting by itself at `revert_at`.
    ActivateRoutingMode {
        mode: RoutingMode,
        revert_at: Option<Timestamp>,
    },
    DeactivateRoutingMode {
        mode: RoutingMode,
    },
    /// Pause, unpause or log out an agent.
    SetAgentState {
        agent: AgentId,
        state: TargetAgentState,
    },
}
