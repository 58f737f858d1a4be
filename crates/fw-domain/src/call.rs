//! A call's lifecycle, from the IVR to completion.

/// Who is calling. The number is personal data: the console masks it by default and the
/// wallboard never shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallerInfo {
    /// The caller's number as the platform reported it (may be empty when withheld).
    pub number: String,
    /// The caller's region (province or area), used for disaster-mode priority.
    pub region: String,
}

/// Where a call is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallPhase {
    /// In the IVR, not yet in a queue.
    Ivr,
    /// Waiting in a queue.
    Queued,
    /// Ringing an agent (still counted as waiting).
    Ringing,
    /// Talking to an agent.
    Talking,
    /// Held by the agent.
    OnHold,
}

impl CallPhase {
    /// Whether the caller is waiting for an agent (in queue or ringing one).
    pub const fn is_waiting(self) -> bool {
        matches!(self, CallPhase::Queued | CallPhase::Ringing)
    }
}

/// Why a call left a queue without being answered or abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeaveReason {
    /// The queue's maximum wait ran out (Asterisk: `Queue()` timeout, queue_log EXITWITHTIMEOUT).
    Timeout,
    /// Pulled out by a command (Asterisk: `QueueWithdrawCaller`, queue_log WITHDRAW).
    Withdrawn,
    /// The queue was closed or emptied while the caller waited (EXITEMPTY).
    QueueClosed,
}

/// How an answered call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionReason {
    /// The agent hung up (Asterisk AgentComplete `Reason: agent`).
    AgentHangup,
    /// The caller hung up (`Reason: caller`).
    CallerHangup,
    /// The agent transferred the call away (`Reason: transfer`).
    Transferred,
}
