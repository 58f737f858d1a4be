//! The team: users, their roles and phones, and the monitoring rules, from a TOML file for a
//! single site (the store holds the same for a shared team).

use std::path::Path;

use serde::Deserialize;

use fw_domain::SupervisorId;

use crate::endpoint::parse_endpoint;
use crate::roles::Role;

/// Why a team file was refused.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("cannot read the team file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the team file {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

/// One user of the console.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// The login name, unique.
    pub name: String,
    #[serde(default)]
    pub display_name: String,
    pub role: Role,
    /// The user's own phone or softphone, rung to join a monitored call (e.g. `PJSIP/9001`).
    pub endpoint: Option<String>,
    /// The agent this user also works as, if any: nobody may monitor a call they are on.
    pub agent: Option<String>,
}

impl User {
    /// The name people see: the display name, or the login name without one.
    pub fn shown_name(&self) -> &str {
        if self.display_name.is_empty() {
            &self.name
        } else {
            &self.display_name
        }
    }
}

/// Limits on monitoring, enforced before any command reaches the platform.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MonitoringRules {
    /// Sessions (of any mode) on one call at once.
    pub max_listeners_per_call: u32,
    /// Agents whose calls may never be monitored (e.g. HR), by name.
    pub protected_agents: Vec<String>,
    /// Queues whose calls may never be monitored, by platform name (e.g. `north.hr`).
    pub protected_queues: Vec<String>,
}

impl Default for MonitoringRules {
    fn default() -> Self {
        MonitoringRules {
            max_listeners_per_call: 2,
            protected_agents: Vec::new(),
            protected_queues: Vec::new(),
        }
    }
}

/// The team file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Team {
    #[serde(rename = "user")]
    pub users: Vec<User>,
    pub monitoring: MonitoringRules,
}

impl Team {
    pub fn load(path: &Path) -> Result<Team, TeamError> {
        let text = std::fs::read_to_string(path).map_err(|source| TeamError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Team::parse(&text, &path.display().to_string())
    }

    /// Parses and checks a team file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Team, TeamError> {
        let invalid = |message: String| TeamError::Invalid {
            path: origin.to_string(),
            message,
        };
        let team: Team = toml::from_str(text).map_err(|error| invalid(error.to_string()))?;
        let mut names = std::collections::BTreeSet::new();
        for user in &team.users {
            if user.name.trim().is_empty() {
                return Err(invalid("a user has an empty name".into()));
            }
            if !names.insert(user.name.as_str()) {
                return Err(invalid(format!("user {:?} is listed twice", user.name)));
            }
            if let Some(Err(error)) = user.endpoint.as_deref().map(parse_endpoint) {
                return Err(invalid(format!(
                    "user {:?} has an unusable endpoint: {error}",
                    user.name
                )));
            }
        }
        if team.monitoring.max_listeners_per_call == 0 {
            return Err(invalid(
                "monitoring.max_listeners_per_call must be at least 1".into(),
            ));
        }
        Ok(team)
    }

    /// The team a shared store holds (console started without a team file): its users with
    /// the default monitoring rules. A user whose role this version does not know is left out
    /// (and named in the log), never given a role by guess.
    pub fn from_store(records: &[fw_store::UserRecord]) -> Team {
        let users = records
            .iter()
            .filter_map(|record| {
                let Some(role) = Role::parse(&record.role) else {
                    tracing::warn!(user = %record.name, role = %record.role, "unknown role in the store: user left out");
                    return None;
                };
                Some(User {
                    name: record.name.clone(),
                    display_name: record.display_name.clone(),
                    role,
                    endpoint: record.endpoint.clone(),
                    agent: None,
                })
            })
            .collect();
        Team {
            users,
            monitoring: MonitoringRules::default(),
        }
    }

    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|user| user.name == name)
    }

    /// A user's supervisor id on the platform: their position in the team (stable while the
    /// team is).
    pub fn supervisor_id(&self, name: &str) -> Option<SupervisorId> {
        self.users
            .iter()
            .position(|u| u.name == name)
            .map(|i| SupervisorId(i as u32))
    }

    /// The user behind a supervisor id, if this team has them.
    pub fn user_of(&self, supervisor: SupervisorId) -> Option<&User> {
        self.users.get(supervisor.0 as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
        [monitoring]
        max_listeners_per_call = 3
        protected_queues = ["north.hr"]
        protected_agents = ["王芳"]

        [[user]]
        name = "li.wei"
        display_name = "李伟"
        role = "floor_supervisor"
        endpoint = "PJSIP/9001"

        [[user]]
        name = "zhao.min"
        role = "quality_manager"
        endpoint = "PJSIP/9002"
        agent = "赵敏"
    "#;

    #[test]
    fn a_team_file_is_read() {
        let team = Team::parse(FILE, "team.toml").unwrap();
        assert_eq!(team.users.len(), 2);
        assert_eq!(team.user("li.wei").unwrap().role, Role::FloorSupervisor);
        assert_eq!(team.monitoring.max_listeners_per_call, 3);
        assert_eq!(
            team.user("zhao.min").unwrap().agent.as_deref(),
            Some("赵敏")
        );
    }

    #[test]
    fn the_example_file_in_the_repository_is_valid() {
        let team = Team::parse(
            include_str!("../../../team.example.toml"),
            "team.example.toml",
        )
        .unwrap();
        assert_eq!(team.users.len(), 4);
    }

    #[test]
    fn a_shared_store_gives_its_users_and_leaves_unknown_roles_out() {
        let record = |name: &str, role: &str| fw_store::UserRecord {
            name: name.into(),
            display_name: format!("{name}!"),
            role: role.into(),
            endpoint: Some("PJSIP/9001".into()),
            protected: false,
        };
        let team = Team::from_store(&[
            record("li.wei", "night_shift_lead"),
            record("old", "supervisor_v0"),
        ]);
        assert_eq!(team.users.len(), 1);
        let li = team.user("li.wei").unwrap();
        assert_eq!(li.role, Role::NightShiftLead);
        assert_eq!(li.endpoint.as_deref(), Some("PJSIP/9001"));
        assert_eq!(team.monitoring, MonitoringRules::default());
    }

    #[test]
    fn mistakes_name_the_file_and_the_problem() {
        let twice =
            "[[user]]\nname = \"a\"\nrole = \"admin\"\n[[user]]\nname = \"a\"\nrole = \"admin\"\n";
        let error = Team::parse(twice, "t.toml").unwrap_err().to_string();
        assert!(
            error.contains("t.toml") && error.contains("twice"),
            "{error}"
        );
        let bad_role = "[[user]]\nname = \"a\"\nrole = \"boss\"\n";
        let error = Team::parse(bad_role, "t.toml").unwrap_err().to_string();
        assert!(error.contains("boss"), "{error}");
        let zero = "[monitoring]\nmax_listeners_per_call = 0\n";
        assert!(Team::parse(zero, "t.toml").is_err());
    }
}
