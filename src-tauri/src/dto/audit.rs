//! The audit view: its filters, its records, and an export's result.

use fw_app::{AuditQuery, AuditRecord, agent_and_queue_names};
use fw_domain::Topology;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The audit view's filters; absent fields match everything.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditQueryDto {
    #[ts(optional)]
    pub user: Option<String>,
    /// e.g. `monitor.` for every monitoring record.
    #[ts(optional)]
    pub action_prefix: Option<String>,
    /// `allowed`, `denied` or `failed`.
    #[ts(optional)]
    pub outcome: Option<String>,
    #[ts(optional)]
    pub from_ms: Option<f64>,
    #[ts(optional)]
    pub to_ms: Option<f64>,
    #[ts(optional)]
    pub call: Option<f64>,
    /// Page on from the last record of the previous page.
    #[ts(optional)]
    pub before_id: Option<f64>,
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl From<AuditQueryDto> for AuditQuery {
    fn from(dto: AuditQueryDto) -> Self {
        AuditQuery {
            user: blank_to_none(dto.user),
            action_prefix: blank_to_none(dto.action_prefix),
            outcome: blank_to_none(dto.outcome),
            from_ms: dto.from_ms.map(|v| v as i64),
            to_ms: dto.to_ms.map(|v| v as i64),
            call: dto.call.filter(|c| *c >= 0.0).map(|c| c as u64),
            agent: None,
            before_id: dto.before_id.map(|v| v as i64),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditRecordDto {
    pub id: f64,
    pub at_ms: f64,
    pub user: String,
    pub role: String,
    pub action: String,
    /// `allowed`, `denied` or `failed`.
    pub outcome: String,
    pub reason: Option<String>,
    pub call: Option<f64>,
    pub agent: Option<String>,
    pub queue: Option<String>,
    pub mode: Option<String>,
    pub detail: String,
}

impl AuditRecordDto {
    pub fn new(record: &AuditRecord, names: &Topology) -> AuditRecordDto {
        let e = &record.entry;
        let (agent, queue) = agent_and_queue_names(e, names);
        AuditRecordDto {
            id: record.id as f64,
            at_ms: e.at_ms as f64,
            user: e.user.clone(),
            role: e.role.clone(),
            action: e.action.clone(),
            outcome: e.outcome.as_str().to_string(),
            reason: e.outcome.reason().map(str::to_string),
            call: e.call.map(|c| c as f64),
            agent,
            queue,
            mode: e.mode.clone(),
            detail: e.detail.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditPageDto {
    pub records: Vec<AuditRecordDto>,
    /// Pass as `beforeId` for the next page; `None` at the end of the trail.
    pub next_before_id: Option<f64>,
    /// Whether the reader sees everyone's records or only their own.
    pub everyone: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditExportDto {
    /// Where the CSV file was written.
    pub path: String,
    pub records: f64,
}
