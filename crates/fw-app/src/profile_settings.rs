//! A user's own settings that fw-app enforces: the phone rung for monitoring.
//!
//! Changing it is audited like monitoring itself (audit first, refused if the trail cannot
//! be written): whoever can change a supervisor's phone can have the audio of every call
//! they monitor ring elsewhere.

use fw_domain::Timestamp;
use fw_store::{AuditEntry, AuditOutcome, SettingRecord};

use crate::monitor_desk::MonitorFacts;

use crate::endpoint::{EndpointError, parse_endpoint};
use crate::monitoring::Monitoring;
use crate::roles::{Permission, Role};
use crate::team::Team;

/// The setting that holds a user's phone, overriding the team file's.
pub const ENDPOINT_SETTING: &str = "monitoring.endpoint";

/// Why a profile change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("the {0} role does not monitor calls, so it has no phone to set")]
    NotPermitted(Role),
    #[error("{0}")]
    InvalidEndpoint(#[from] EndpointError),
    #[error("the audit trail cannot be written, so the change is refused: {0}")]
    AuditUnavailable(String),
    #[error("the setting could not be saved: {0}")]
    Store(String),
    #[error("this screen has no profile to change")]
    NotAvailable,
    #[error("the hub has stopped")]
    Stopped,
}

impl Monitoring {
    /// Sets `user`'s own phone: checked, audited, saved, then used for their next session.
    /// Returns the team as it now is.
    pub(crate) async fn set_endpoint(
        &mut self,
        user: &str,
        requested: &str,
        at: Timestamp,
    ) -> Result<Team, ProfileError> {
        let Some(me) = self.desk.team().user(user) else {
            return Err(ProfileError::UnknownUser(user.to_string()));
        };
        let role = me.role;
        let before = me.endpoint.clone().unwrap_or_else(|| "none".into());
        // The same record as monitoring's, with no call: the user's role, the action, the
        // outcome and old → new as detail.
        let facts = MonitorFacts {
            action: "profile.endpoint",
            call: None,
            agent: None,
            queue: None,
            mode: None,
        };
        let entry = |outcome: AuditOutcome, detail: String| AuditEntry {
            detail,
            ..self.entry(user, &facts, outcome, at)
        };
        if !role.allows(Permission::Listen) {
            let denial = ProfileError::NotPermitted(role);
            let outcome = AuditOutcome::Denied {
                reason: denial.to_string(),
            };
            let _ = self.record(entry(outcome, String::new())).await;
            return Err(denial);
        }
        let endpoint = parse_endpoint(requested)?;
        let detail = format!("{before} → {endpoint}");
        self.record(entry(AuditOutcome::Allowed, detail.clone()))
            .await
            .map_err(ProfileError::AuditUnavailable)?;
        let setting = SettingRecord {
            owner: user.to_string(),
            key: ENDPOINT_SETTING.to_string(),
            value: endpoint.clone(),
            updated_at_ms: at.0,
            updated_by: user.to_string(),
        };
        if let Err(error) = self.audit.put_setting(&setting).await {
            tracing::error!(%error, %user, "the phone setting was not saved");
            let outcome = AuditOutcome::Failed {
                reason: error.to_string(),
            };
            let _ = self.record(entry(outcome, detail)).await;
            return Err(ProfileError::Store(error.to_string()));
        }
        tracing::info!(%user, %endpoint, "monitoring phone changed");
        self.desk.set_endpoint(user, endpoint);
        Ok(self.desk.team().clone())
    }
}

/// Applies the phones users set in the console (kept in the store) over the team's: the
/// newer choice, made by the user themself. A stored phone that no longer parses is left
/// out with a warning, so the team file's phone stays in use.
pub fn apply_stored_endpoints(team: &mut Team, stored: &[SettingRecord]) {
    for setting in stored {
        let Some(user) = team.users.iter_mut().find(|u| u.name == setting.owner) else {
            continue;
        };
        match parse_endpoint(&setting.value) {
            Ok(endpoint) => user.endpoint = Some(endpoint),
            Err(error) => {
                tracing::warn!(user = %setting.owner, %error, "stored phone ignored");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team() -> Team {
        Team::parse(
            "[[user]]\nname = \"li\"\nrole = \"floor_supervisor\"\nendpoint = \"PJSIP/9001\"\n\
             [[user]]\nname = \"wall\"\nrole = \"wallboard\"\n",
            "t.toml",
        )
        .unwrap()
    }

    fn stored(owner: &str, value: &str) -> SettingRecord {
        SettingRecord {
            owner: owner.into(),
            key: ENDPOINT_SETTING.into(),
            value: value.into(),
            updated_at_ms: 0,
            updated_by: owner.into(),
        }
    }

    #[test]
    fn a_stored_phone_wins_over_the_team_file_and_a_bad_one_is_ignored() {
        let mut team = team();
        apply_stored_endpoints(
            &mut team,
            &[stored("li", "PJSIP/9101"), stored("gone", "PJSIP/1")],
        );
        assert_eq!(
            team.user("li").unwrap().endpoint.as_deref(),
            Some("PJSIP/9101")
        );
        let mut team = self::team();
        apply_stored_endpoints(&mut team, &[stored("li", "PJSIP/1&PJSIP/2")]);
        assert_eq!(
            team.user("li").unwrap().endpoint.as_deref(),
            Some("PJSIP/9001")
        );
    }
}
