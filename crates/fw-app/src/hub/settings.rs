//! The hub's team settings: the alert rules, the centre's hours and acknowledgements, each
//! checked and audited by fw-app's team settings and applied on the hub's task at once.

use std::sync::Arc;

use fw_alerts::{AlertId, AlertRules};
use fw_connect::Connector;
use fw_routing::ApprovalPolicy;

use super::HubTask;
use crate::routing_desk::ROUTING_POLICY_SETTING;
use crate::team_settings::{
    ALERT_RULES_SETTING, CENTRE_HOURS_SETTING, SettingsError, TeamChange, calendar_setting,
    parse_calendar,
};

/// A change to the team's settings, or an acknowledgement.
#[derive(Debug)]
pub(super) enum SettingsCommand {
    AlertRules(Box<AlertRules>),
    Calendar {
        time_zone: String,
        shift_starts: String,
    },
    Acknowledge(AlertId),
    RoutingPolicy(ApprovalPolicy),
}

impl<C: Connector> HubTask<C> {
    /// Changes a team setting or acknowledges an alert, then publishes the result at once.
    pub(super) async fn change_settings(
        &mut self,
        user: &str,
        change: SettingsCommand,
    ) -> Result<(), SettingsError> {
        let Some(monitoring) = self.monitoring.as_ref() else {
            return Err(SettingsError::NotAvailable);
        };
        let at = self.connector.now();
        match change {
            SettingsCommand::AlertRules(rules) => {
                rules
                    .validate()
                    .map_err(|e| SettingsError::Invalid(e.to_string()))?;
                let change = TeamChange {
                    action: "settings.alerts",
                    key: ALERT_RULES_SETTING,
                    value: rules.to_json(),
                    detail: rules_summary(&rules),
                };
                monitoring.save_team_setting(user, change, at).await?;
                self.publisher.alerting.set_rules(*rules);
            }
            SettingsCommand::Calendar {
                time_zone,
                shift_starts,
            } => {
                let calendar = parse_calendar(&time_zone, &shift_starts)?;
                let before = &self.publisher.calendar;
                let detail = format!(
                    "{} {} → {} {}",
                    before.time_zone(),
                    before.shift_starts().join(","),
                    calendar.time_zone(),
                    calendar.shift_starts().join(",")
                );
                let change = TeamChange {
                    action: "settings.centre_hours",
                    key: CENTRE_HOURS_SETTING,
                    value: calendar_setting(&calendar),
                    detail,
                };
                monitoring.save_team_setting(user, change, at).await?;
                self.engine_config.calendar = calendar.clone();
                if let Some(engine) = self.engine.as_mut() {
                    engine.set_calendar(calendar.clone());
                }
                self.publisher.calendar = Arc::new(calendar);
                self.publisher.trends_computed = None;
                self.publisher.dirty = true;
            }
            SettingsCommand::RoutingPolicy(policy) => {
                policy
                    .validate()
                    .map_err(|e| SettingsError::Invalid(e.to_string()))?;
                let before = self.routing_policy();
                let change = TeamChange {
                    action: "settings.routing_policy",
                    key: ROUTING_POLICY_SETTING,
                    value: serde_json::to_string(&policy)
                        .map_err(|e| SettingsError::Invalid(e.to_string()))?,
                    detail: format!("{} → {}", before.describe(), policy.describe()),
                };
                monitoring.save_team_setting(user, change, at).await?;
                // Here at once; the other consoles read it at their next poll.
                self.routing_policy_saved(policy, user).await;
            }
            SettingsCommand::Acknowledge(id) => {
                let alert = self
                    .publisher
                    .alerting
                    .find(id)
                    .cloned()
                    .ok_or(SettingsError::UnknownAlert(id.0))?;
                monitoring.record_acknowledgement(user, &alert, at).await?;
                self.publisher
                    .alerting
                    .acknowledge(id, user, at)
                    .map_err(|_| SettingsError::UnknownAlert(id.0))?;
            }
        }
        self.publish();
        Ok(())
    }
}

/// The rules in a line for the audit trail (the full rules are in the settings table).
fn rules_summary(rules: &AlertRules) -> String {
    let d = &rules.queues_default;
    let mut parts = Vec::new();
    if let Some(r) = d.service_level {
        parts.push(format!("SL < {} % for {} s", r.below_pct, r.for_secs));
    }
    if let Some(r) = d.longest_wait {
        parts.push(format!("wait > {} s for {} s", r.above_secs, r.for_secs));
    }
    if let Some(r) = d.abandon_rate {
        parts.push(format!("abandons > {} % for {} s", r.above_pct, r.for_secs));
    }
    if let Some(r) = d.no_agent {
        parts.push(format!("no agent for {} s", r.for_secs));
    }
    if !rules.queues.is_empty() {
        parts.push(format!(
            "{} queue(s) with their own rules",
            rules.queues.len()
        ));
    }
    if parts.is_empty() {
        "queue alerts off".to_string()
    } else {
        parts.join("; ")
    }
}
