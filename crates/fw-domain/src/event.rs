//! What happened on the platform, as a stream of sequenced events.
//!
//! The variants follow what Asterisk AMI reports (see `shared/fixtures/asterisk`), so a
//! connector maps each AMI event onto one of these without loss:
//! `UserEvent CallRouted` → [`DomainEvent::CallOffered`] (IVR) then `QueueCallerJoin` →
//! [`DomainEvent::CallQueued`]; `AgentCalled` → [`DomainEvent::AgentRinging`];
//! `AgentRingNoAnswer` → [`DomainEvent::RingNoAnswer`]; `AgentConnect` →
//! [`DomainEvent::CallAnswered`]; `AgentComplete` → [`DomainEvent::CallCompleted`];
//! `QueueCallerAbandon` → [`DomainEvent::CallAbandoned`]; a `QueueCallerLeave` with neither
//! → [`DomainEvent::CallLeftQueue`]; `MusicOnHoldStart/Stop` → hold; `QueueMemberPause` and
//! `QueueMemberStatus` → [`DomainEvent::AgentStateChanged`]; the survey `UserEvent` →
//! [`DomainEvent::SurveyReceived`]; `ChanSpyStart/Stop` → the monitor events.

use crate::agent::AgentState;
use crate::call::{CallerInfo, CompletionReason, LeaveReason};
use crate::command::{MonitorMode, RoutingMode};
use crate::ids::{AgentId, CallId, MonitorSessionId, QueueId, SupervisorId};
use crate::monitor::MonitorEndReason;
use crate::time::Timestamp;

/// Which stream an event came from. A connector takes a new source id on every
/// (re)connect, so sequence numbers restart cleanly with each snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// One event with its place in its source's stream. Sequence numbers increase by one per
/// event, so a consumer can detect duplicates (seq already seen) and gaps (seq skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct EventEnvelope {
    pub source: SourceId,
    pub seq: u64,
    /// When it happened, by the platform's clock.
    pub at: Timestamp,
    pub event: DomainEvent,
}

/// A post-call survey answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Survey {
    /// The platform's own, lasting reference for the surveyed call (Asterisk: the caller
    /// channel's Uniqueid; the simulator: its seed, start and call number). `CallId`s are
    /// interned per connection, so this is what tells one call from another across restarts
    /// and stores the survey once.
    pub reference: String,
    /// Customer satisfaction, 1–5.
    pub csat: u8,
    /// Net promoter answer, 0–10, when asked.
    pub nps: Option<u8>,
    /// "Was it resolved on first contact?", when asked.
    pub first_contact_resolution: Option<bool>,
    /// Free-text comment (Chinese or English), when given.
    pub comment: Option<String>,
}

/// Something that happened on the platform.
#[derive(Clone, Debug, PartialEq)]
pub enum DomainEvent {
    /// A call arrived and entered the IVR.
    CallOffered {
        call: CallId,
        caller: CallerInfo,
    },
    /// The call joined a queue (from the IVR, or again after an escalation or transfer).
    /// Priority: higher is served first (Asterisk `QUEUE_PRIO`). The same call queued again
    /// on the queue it waits in is a re-announcement (a raised priority), not a new offer.
    CallQueued {
        call: CallId,
        queue: QueueId,
        priority: u8,
        /// A regional priority with fee waiver covers the caller (Asterisk: the dialplan's
        /// `FW_WAIVE_FEES`, carried by the `CallRouted` UserEvent). Once set for a call it
        /// stays set: consumers keep the mark for the rest of the call.
        fees_waived: bool,
    },
    /// The queue is ringing an agent for the call.
    AgentRinging {
        call: CallId,
        agent: AgentId,
    },
    /// The agent did not answer; the call stays queued.
    RingNoAnswer {
        call: CallId,
        agent: AgentId,
    },
    /// An agent answered the call.
    CallAnswered {
        call: CallId,
        agent: AgentId,
    },
    CallHeld {
        call: CallId,
    },
    CallResumed {
        call: CallId,
    },
    /// The agent escalated the call to another queue (e.g. tier 2); a `CallQueued` follows.
    CallEscalated {
        call: CallId,
        to_queue: QueueId,
    },
    /// The talk ended. The agent goes to wrap-up (an `AgentStateChanged` follows).
    CallCompleted {
        call: CallId,
        reason: CompletionReason,
    },
    /// The caller hung up while waiting in the queue.
    CallAbandoned {
        call: CallId,
    },
    /// The caller left the queue asking to be called back.
    CallbackRequested {
        call: CallId,
    },
    /// The call left the queue for another reason.
    CallLeftQueue {
        call: CallId,
        reason: LeaveReason,
    },
    /// The caller hung up in the IVR, before reaching a queue.
    CallEndedInIvr {
        call: CallId,
    },
    /// An agent's state changed (login, logout, break, wrap-up, available).
    AgentStateChanged {
        agent: AgentId,
        state: AgentState,
    },
    /// A post-call survey arrived (possibly before `CallCompleted`: order is not guaranteed).
    SurveyReceived {
        call: CallId,
        survey: Survey,
    },
    /// A supervisor's monitoring session started (Asterisk: `ChanSpyStart`).
    MonitorStarted {
        session: MonitorSessionId,
        supervisor: SupervisorId,
        call: CallId,
        mode: MonitorMode,
    },
    MonitorModeChanged {
        session: MonitorSessionId,
        mode: MonitorMode,
    },
    /// The supervisor's leg ended or never started; the call itself goes on (Asterisk:
    /// `ChanSpyStop`, or an Originate that failed or a spy that never reported `ChanSpyStart`).
    MonitorEnded {
        session: MonitorSessionId,
        reason: MonitorEndReason,
    },
    /// A routing mode was switched on or off (Asterisk: the announcing `UserEvent`).
    RoutingModeChanged {
        mode: RoutingMode,
        active: bool,
    },
}

impl DomainEvent {
    /// The call this event is about, if any.
    pub const fn call(&self) -> Option<CallId> {
        match self {
            DomainEvent::CallOffered { call, .. }
            | DomainEvent::CallQueued { call, .. }
            | DomainEvent::AgentRinging { call, .. }
            | DomainEvent::RingNoAnswer { call, .. }
            | DomainEvent::CallAnswered { call, .. }
            | DomainEvent::CallHeld { call }
            | DomainEvent::CallResumed { call }
            | DomainEvent::CallEscalated { call, .. }
            | DomainEvent::CallCompleted { call, .. }
            | DomainEvent::CallAbandoned { call }
            | DomainEvent::CallbackRequested { call }
            | DomainEvent::CallLeftQueue { call, .. }
            | DomainEvent::CallEndedInIvr { call }
            | DomainEvent::SurveyReceived { call, .. }
            | DomainEvent::MonitorStarted { call, .. } => Some(*call),
            DomainEvent::AgentStateChanged { .. }
            | DomainEvent::MonitorModeChanged { .. }
            | DomainEvent::MonitorEnded { .. }
            | DomainEvent::RoutingModeChanged { .. } => None,
        }
    }
}
