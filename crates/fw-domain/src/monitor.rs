//! Live-call monitoring as the platform reports it.

use crate::command::MonitorMode;
use crate::ids::{CallId, MonitorSessionId, SupervisorId};

/// Why a monitoring session ended. Only the supervisor's leg ever ends; the call goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonitorEndReason {
    /// The supervisor stopped (or hung up their phone).
    Stopped,
    /// The monitored call ended, taking the session with it.
    CallEnded,
    /// The supervisor's endpoint was rung and never answered.
    EndpointNoAnswer,
    /// The endpoint answered but listening never started (Asterisk: no `ChanSpyStart`),
    /// e.g. the call had already moved; the supervisor hears silence, so it counts as failed.
    SpyNeverStarted,
    /// The platform refused the session (another barge on the call, too many listeners).
    Refused,
}

/// A monitoring session in progress, as a platform snapshot lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveMonitor {
    pub session: MonitorSessionId,
    pub supervisor: SupervisorId,
    pub call: CallId,
    pub mode: MonitorMode,
}
