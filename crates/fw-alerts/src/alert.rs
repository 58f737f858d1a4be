//! What an alert is: which rule, about whom, since when, and who has seen it.

use fw_domain::{AgentId, QueueId, SiteId, Timestamp};

/// Which rule an alert comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertKind {
    /// Service level below target for a while (value and threshold in percent).
    ServiceLevelLow,
    /// The longest-waiting caller above a limit (seconds).
    LongestWaitHigh,
    /// Abandon rate above a limit (percent).
    AbandonRateHigh,
    /// Callers waiting and not one agent available (value: calls waiting).
    NoAgentAvailable,
    /// An agent in one state too long (seconds in state).
    AgentStateTooLong,
    /// The link to the platform is down (seconds down).
    LinkLost,
}

/// What an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Queue(QueueId),
    Agent(AgentId),
    /// The platform link itself.
    Platform,
}

/// One rule about one subject: at most one alert is active per key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AlertKey {
    pub kind: AlertKind,
    pub subject: Subject,
}

/// A raised alert's number, unique for the life of the watch (a re-raise gets a new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AlertId(pub u64);

/// Who acknowledged an alert, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acknowledgement {
    pub by: String,
    pub at: Timestamp,
}

/// One alert, active or cleared.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub id: AlertId,
    pub key: AlertKey,
    /// The queue's or agent's name (or the platform's) when it was raised, so the alert
    /// still reads right if the topology changes.
    pub subject_name: String,
    /// The site of the queue or agent, for grouping.
    pub site: Option<SiteId>,
    pub raised_at: Timestamp,
    /// The measured value when it was raised, in the kind's unit.
    pub raised_value: f64,
    /// The latest measured value while active.
    pub value: f64,
    /// The limit it crossed.
    pub threshold: f64,
    pub cleared_at: Option<Timestamp>,
    pub acknowledged: Option<Acknowledgement>,
}

impl Alert {
    pub fn is_active(&self) -> bool {
        self.cleared_at.is_none()
    }
}

/// What changed in one update.
#[derive(Clone, Debug, PartialEq)]
pub enum AlertChange {
    Raised(Alert),
    Cleared(Alert),
}

/// The alert centre's content at one instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlertBoard {
    /// Active alerts, oldest first.
    pub active: Vec<Alert>,
    /// Cleared alerts, newest first.
    pub recent: Vec<Alert>,
}

impl AlertBoard {
    /// Active alerts nobody has acknowledged yet.
    pub fn unacknowledged(&self) -> usize {
        self.active
            .iter()
            .filter(|a| a.acknowledged.is_none())
            .count()
    }
}
