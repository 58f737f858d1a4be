//! Team-wide settings changed from a console: the alert rules and the centre's hours (time
//! zone and shift starts). Also the acknowledgement of an alert. Each change is checked
//! against the user's role, written to the audit trail first (refused if the trail cannot be
//! written), then saved in the store for every console of the team.

use fw_alerts::{Alert, AlertKind, AlertRules, Subject};
use fw_domain::Timestamp;
use fw_engine::ShiftCalendar;
use fw_store::{AuditEntry, AuditOutcome, SettingRecord, Store, TEAM_OWNER};

use crate::monitor_desk::MonitorFacts;
use crate::monitoring::Monitoring;
use crate::roles::{Permission, Role};

/// The team's alert rules, as JSON.
pub const ALERT_RULES_SETTING: &str = "alerts.rules";
/// The centre's hours: its IANA time zone, a space, and the local shift starts as `HH:MM`
/// separated by commas (`Asia/Shanghai 06:00,14:00,22:00`). One setting, so the two never
/// disagree.
pub const CENTRE_HOURS_SETTING: &str = "centre.hours";

/// Why a team setting or an acknowledgement was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("the {role} role may not {what}")]
    NotPermitted { role: Role, what: &'static str },
    #[error("{0}")]
    Invalid(String),
    #[error("there is no alert {0}")]
    UnknownAlert(u64),
    #[error("the audit trail cannot be written, so the change is refused: {0}")]
    AuditUnavailable(String),
    #[error("the setting could not be saved: {0}")]
    Store(String),
    #[error("this screen has no settings to change")]
    NotAvailable,
    #[error("the hub has stopped")]
    Stopped,
}

/// One team setting to save: what the audit record says and what the store keeps.
pub(crate) struct TeamChange {
    pub action: &'static str,
    pub key: &'static str,
    pub value: String,
    /// Old → new, in words, for the audit record.
    pub detail: String,
}

impl Monitoring {
    /// The user's role, if they may do what `permission` allows; a refusal is audited.
    async fn permitted(
        &self,
        user: &str,
        permission: Permission,
        action: &'static str,
        at: Timestamp,
    ) -> Result<(), SettingsError> {
        let Some(me) = self.desk.team().user(user) else {
            return Err(SettingsError::UnknownUser(user.to_string()));
        };
        if me.role.allows(permission) {
            return Ok(());
        }
        let denial = SettingsError::NotPermitted {
            role: me.role,
            what: permission.name(),
        };
        let outcome = AuditOutcome::Denied {
            reason: denial.to_string(),
        };
        let _ = self
            .record(self.settings_entry(user, action, outcome, String::new(), at))
            .await;
        Err(denial)
    }

    fn settings_entry(
        &self,
        user: &str,
        action: &'static str,
        outcome: AuditOutcome,
        detail: String,
        at: Timestamp,
    ) -> AuditEntry {
        let facts = MonitorFacts {
            action,
            call: None,
            agent: None,
            queue: None,
            mode: None,
        };
        AuditEntry {
            detail,
            ..self.entry(user, &facts, outcome, at)
        }
    }

    /// Saves a team-wide setting for a user who may edit settings: audited first.
    pub(crate) async fn save_team_setting(
        &self,
        user: &str,
        change: TeamChange,
        at: Timestamp,
    ) -> Result<(), SettingsError> {
        self.permitted(user, Permission::EditSettings, change.action, at)
            .await?;
        self.record(self.settings_entry(
            user,
            change.action,
            AuditOutcome::Allowed,
            change.detail.clone(),
            at,
        ))
        .await
        .map_err(SettingsError::AuditUnavailable)?;
        let setting = SettingRecord {
            owner: TEAM_OWNER.to_string(),
            key: change.key.to_string(),
            value: change.value,
            updated_at_ms: at.0,
            updated_by: user.to_string(),
        };
        if let Err(error) = self.audit.put_setting(&setting).await {
            tracing::error!(%error, %user, key = change.key, "a team setting was not saved");
            let outcome = AuditOutcome::Failed {
                reason: error.to_string(),
            };
            let _ = self
                .record(self.settings_entry(user, change.action, outcome, change.detail, at))
                .await;
            return Err(SettingsError::Store(error.to_string()));
        }
        tracing::info!(%user, key = change.key, "team setting changed");
        Ok(())
    }

    /// Records an acknowledgement first, for a user whose role may acknowledge alerts.
    pub(crate) async fn record_acknowledgement(
        &self,
        user: &str,
        alert: &Alert,
        at: Timestamp,
    ) -> Result<(), SettingsError> {
        const ACTION: &str = "alert.acknowledge";
        self.permitted(user, Permission::AcknowledgeAlerts, ACTION, at)
            .await?;
        let mut entry =
            self.settings_entry(user, ACTION, AuditOutcome::Allowed, describe(alert), at);
        match alert.key.subject {
            Subject::Queue(queue) => entry.queue = Some(queue.0),
            Subject::Agent(agent) => entry.agent = Some(agent.0),
            Subject::Platform => {}
        }
        self.record(entry)
            .await
            .map_err(SettingsError::AuditUnavailable)
    }
}

/// An alert in words for the audit trail: "#12 service level low: sh-phones (62.5, limit 80)".
fn describe(alert: &Alert) -> String {
    let kind = match alert.key.kind {
        AlertKind::ServiceLevelLow => "service level low",
        AlertKind::LongestWaitHigh => "longest wait high",
        AlertKind::AbandonRateHigh => "abandon rate high",
        AlertKind::NoAgentAvailable => "calls waiting with no agent available",
        AlertKind::AgentStateTooLong => "agent in one state too long",
        AlertKind::LinkLost => "link to the platform lost",
    };
    let subject = if alert.subject_name.is_empty() {
        "the platform"
    } else {
        &alert.subject_name
    };
    format!(
        "#{} {kind}: {subject} ({:.1}, limit {:.1})",
        alert.id.0, alert.raised_value, alert.threshold
    )
}

/// The team's alert rules from the store, or the defaults (a stored set that no longer
/// reads is reported and replaced by the defaults, never half-applied).
pub async fn load_alert_rules(store: &Store) -> AlertRules {
    match store.setting(TEAM_OWNER, ALERT_RULES_SETTING).await {
        Ok(Some(saved)) => AlertRules::from_json(&saved.value).unwrap_or_else(|error| {
            tracing::warn!(%error, "the saved alert rules are unusable; using the defaults");
            AlertRules::default()
        }),
        Ok(None) => AlertRules::default(),
        Err(error) => {
            tracing::warn!(%error, "the alert rules could not be read; using the defaults");
            AlertRules::default()
        }
    }
}

/// The centre's hours saved from a console, laid over `fallback` (the environment's).
pub async fn load_calendar(store: &Store, fallback: &ShiftCalendar) -> ShiftCalendar {
    let saved = match store.setting(TEAM_OWNER, CENTRE_HOURS_SETTING).await {
        Ok(Some(saved)) => saved.value,
        Ok(None) => return fallback.clone(),
        Err(error) => {
            tracing::warn!(%error, "the centre hours could not be read; using the configured ones");
            return fallback.clone();
        }
    };
    let (zone, starts) = saved.split_once(' ').unwrap_or((saved.as_str(), ""));
    parse_calendar(zone, starts).unwrap_or_else(|error| {
        tracing::warn!(%error, "the saved centre hours are unusable; using the configured ones");
        fallback.clone()
    })
}

/// How the centre's hours are saved.
pub(crate) fn calendar_setting(calendar: &ShiftCalendar) -> String {
    format!(
        "{} {}",
        calendar.time_zone(),
        calendar.shift_starts().join(",")
    )
}

/// A calendar from a zone name and `HH:MM` starts separated by commas.
pub fn parse_calendar(zone: &str, starts: &str) -> Result<ShiftCalendar, SettingsError> {
    let starts: Vec<&str> = starts
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    ShiftCalendar::new(zone.trim(), &starts).map_err(|e| SettingsError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_hours_parse_with_spaces_and_refuse_nonsense() {
        let calendar = parse_calendar(" Asia/Tokyo ", "08:00, 20:00").unwrap();
        assert_eq!(calendar.time_zone(), "Asia/Tokyo");
        assert_eq!(calendar.shift_starts(), ["08:00", "20:00"]);
        assert!(matches!(
            parse_calendar("Mars/Olympus", "08:00"),
            Err(SettingsError::Invalid(_))
        ));
        assert!(parse_calendar("Asia/Tokyo", "").is_err());
        assert!(parse_calendar("Asia/Tokyo", "25:00").is_err());
        assert_eq!(calendar_setting(&calendar), "Asia/Tokyo 08:00,20:00");
    }
}
