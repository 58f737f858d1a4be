//! Why a supervisor command was refused.

use fw_domain::{AgentId, CallId, MonitorSessionId, QueueId, RoutingMode, SiteId, Timestamp};

/// Why [`crate::Simulator::execute`] refused a command. Nothing changed when it errs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimCommandError {
    #[error("{0} does not exist in the simulated centre")]
    UnknownAgent(AgentId),
    #[error(
        "{0} is offline (off shift, or their site is down); only an on-shift agent can be made available"
    )]
    AgentOffline(AgentId),
    /// The call has ended, or never existed.
    #[error("{0} is not a live call (it has ended, or never existed)")]
    UnknownCall(CallId),
    /// The call is in the IVR, queued or ringing: no agent's channel to spy on yet.
    #[error(
        "{0} is not connected to an agent yet (in the IVR, queued or ringing); only an answered call can be monitored"
    )]
    CallNotConnected(CallId),
    /// The session id names a session that is still ringing or live.
    #[error("{0} is already in use by a session that has not ended")]
    DuplicateSession(MonitorSessionId),
    /// No session with this id is ringing or live (never started, or already ended).
    #[error("{0} is not a monitoring session in progress")]
    UnknownSession(MonitorSessionId),
    /// The supervisor's endpoint has not answered yet; wait for `MonitorStarted`.
    #[error("{0} has not started yet (the supervisor's phone is still ringing)")]
    SessionNotStarted(MonitorSessionId),
    /// The platform allows one barge per call.
    #[error("{by} is already barging in on {call}; the platform allows one barge per call")]
    BargeTaken { call: CallId, by: MonitorSessionId },
    /// The platform's cap on sessions per call (ringing ones included).
    #[error("{call} already has {limit} monitoring sessions, the platform's limit")]
    TooManyMonitors { call: CallId, limit: usize },
    #[error("{0} does not exist in the simulated centre")]
    UnknownSite(SiteId),
    #[error("{0} does not exist in the simulated centre")]
    UnknownQueue(QueueId),
    /// A regional priority names a region that could match no caller.
    #[error("region {region:?}: {problem}")]
    InvalidRegion {
        region: String,
        problem: &'static str,
    },
    /// An automatic revert must come after the simulated clock.
    #[error(
        "the revert time ({} ms) is not after the simulated clock ({} ms)",
        revert_at.0,
        now.0
    )]
    RevertNotInFuture {
        revert_at: Timestamp,
        now: Timestamp,
    },
    /// No equal mode is in force (never activated, switched off, or reverted by itself).
    #[error("{description} is not active")]
    RoutingModeNotActive {
        mode: RoutingMode,
        description: String,
    },
    /// Not produced by the simulator today (it carries out every platform command); kept so
    /// a command added to the platform later can be refused without breaking callers.
    #[error("the simulated centre does not support {command} yet")]
    Unsupported { command: &'static str },
}
