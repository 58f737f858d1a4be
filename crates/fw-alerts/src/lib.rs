//! Alerts for a supervisor: rules per queue with hysteresis and a minimum duration, agents in
//! one state too long, and the platform link lost.
//!
//! Pure: `observe` turns the engine's figures into observations at an instant, and
//! `AlertWatch::update` turns observations over time into alerts that are raised once and
//! stay raised until they clear, however long the condition lasts. Time is a parameter.

mod alert;
mod observe;
mod rules;
mod watch;

pub use alert::{
    Acknowledgement, Alert, AlertBoard, AlertChange, AlertId, AlertKey, AlertKind, Subject,
};
pub use observe::{Inputs, Level, Observation, observe};
pub use rules::{
    AbandonRateRule, AgentStateRule, AlertRules, LinkLostRule, LongestWaitRule, NoAgentRule,
    QueueRules, RulesError, ServiceLevelRule,
};
pub use watch::{AckError, AlertWatch, RECENT_KEPT};
