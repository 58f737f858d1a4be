//! The alert centre as the UI receives it, and the settings screen's team settings.

use fw_alerts::{Alert, AlertBoard, AlertKind, AlertRules, Subject};
use fw_app::LiveFrame;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AlertKindDto {
    ServiceLevelLow,
    LongestWaitHigh,
    AbandonRateHigh,
    NoAgentAvailable,
    AgentStateTooLong,
    LinkLost,
}

impl From<AlertKind> for AlertKindDto {
    fn from(kind: AlertKind) -> Self {
        match kind {
            AlertKind::ServiceLevelLow => AlertKindDto::ServiceLevelLow,
            AlertKind::LongestWaitHigh => AlertKindDto::LongestWaitHigh,
            AlertKind::AbandonRateHigh => AlertKindDto::AbandonRateHigh,
            AlertKind::NoAgentAvailable => AlertKindDto::NoAgentAvailable,
            AlertKind::AgentStateTooLong => AlertKindDto::AgentStateTooLong,
            AlertKind::LinkLost => AlertKindDto::LinkLost,
        }
    }
}

/// One alert. Values are in the kind's unit: percent (service level, abandon rate), seconds
/// (longest wait, time in state, link down) or calls waiting.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlertDto {
    pub id: f64,
    pub kind: AlertKindDto,
    /// The queue's id for queue alerts (to open it on the wallboard).
    pub queue: Option<u32>,
    /// The agent's id for agent alerts.
    pub agent: Option<u32>,
    /// The queue's or agent's name; empty for the platform link.
    pub subject: String,
    pub site: Option<String>,
    pub raised_at_ms: f64,
    pub raised_value: f64,
    pub value: f64,
    pub threshold: f64,
    pub cleared_at_ms: Option<f64>,
    pub acknowledged_by: Option<String>,
    pub acknowledged_at_ms: Option<f64>,
}

impl AlertDto {
    pub fn new(alert: &Alert, live: &LiveFrame) -> AlertDto {
        let (queue, agent) = match alert.key.subject {
            Subject::Queue(q) => (Some(u32::from(q.0)), None),
            Subject::Agent(a) => (None, Some(a.0)),
            Subject::Platform => (None, None),
        };
        AlertDto {
            id: alert.id.0 as f64,
            kind: alert.key.kind.into(),
            queue,
            agent,
            subject: alert.subject_name.clone(),
            site: alert
                .site
                .and_then(|s| live.topology.site(s))
                .map(|s| s.name.clone()),
            raised_at_ms: alert.raised_at.0 as f64,
            raised_value: alert.raised_value,
            value: alert.value,
            threshold: alert.threshold,
            cleared_at_ms: alert.cleared_at.map(|t| t.0 as f64),
            acknowledged_by: alert.acknowledged.as_ref().map(|a| a.by.clone()),
            acknowledged_at_ms: alert.acknowledged.as_ref().map(|a| a.at.0 as f64),
        }
    }
}

/// The alert centre: active alerts (oldest first) and the latest cleared ones (newest first).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlertsDto {
    pub active: Vec<AlertDto>,
    pub recent: Vec<AlertDto>,
    pub unacknowledged: u32,
}

impl AlertsDto {
    pub fn new(board: &AlertBoard, live: &LiveFrame) -> AlertsDto {
        AlertsDto {
            active: board
                .active
                .iter()
                .map(|a| AlertDto::new(a, live))
                .collect(),
            recent: board
                .recent
                .iter()
                .map(|a| AlertDto::new(a, live))
                .collect(),
            unacknowledged: board.unacknowledged() as u32,
        }
    }
}

/// The team's settings the settings screen edits: the centre's hours and the alert rules,
/// with the queue names an override may name.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamSettingsDto {
    pub time_zone: String,
    /// `HH:MM` each, earliest first.
    pub shift_starts: Vec<String>,
    pub rules: AlertRules,
    /// The rules a new team starts with: what a rule switched back on starts from.
    pub defaults: AlertRules,
    /// Every queue's name, for per-queue rules.
    pub queues: Vec<String>,
    /// The user may change these (the edit-settings permission).
    pub editable: bool,
}
