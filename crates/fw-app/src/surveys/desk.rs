//! The survey desk: the quality manager's use cases over the store, each checked against the
//! user's role and written to the audit trail before it changes anything.

use std::sync::Arc;

use fw_domain::Timestamp;
use fw_store::{AuditEntry, AuditOutcome, Store};
use tokio::sync::watch;

use super::SurveyError;
use super::pull::PullHandle;
use crate::roles::{Permission, Role};
use crate::team::Team;

/// The survey workspace of one console. Cheap to clone; safe to use from many tasks.
#[derive(Clone, Debug)]
pub struct SurveyDesk {
    pub(super) store: Store,
    team: watch::Receiver<Arc<Team>>,
    /// Surveys pulled from a survey service, when one is configured.
    pub(super) pull: Option<PullHandle>,
}

/// Who is acting, once their role has been checked.
#[derive(Clone, Debug)]
pub(super) struct Actor {
    pub name: String,
    pub role: Role,
}

impl SurveyDesk {
    pub fn new(store: Store, team: watch::Receiver<Arc<Team>>) -> SurveyDesk {
        SurveyDesk {
            store,
            team,
            pull: None,
        }
    }

    /// The user's role, if the team knows them.
    pub fn role_of(&self, user: &str) -> Option<Role> {
        self.team.borrow().user(user).map(|u| u.role)
    }

    /// Whether `user` may do `permission` (screens hide what a role cannot do; the desk still
    /// checks every call).
    pub fn may(&self, user: &str, permission: Permission) -> bool {
        self.role_of(user)
            .is_some_and(|role| role.allows(permission))
    }

    /// The team's users whose role allows `permission`, by name.
    pub fn users_who_may(&self, permission: Permission) -> Vec<String> {
        let team = self.team.borrow();
        let mut names: Vec<String> = team
            .users
            .iter()
            .filter(|u| u.role.allows(permission))
            .map(|u| u.name.clone())
            .collect();
        names.sort();
        names
    }

    /// Checks the role for a read (nothing is audited: reading the queue is not an action).
    pub(super) fn reader(&self, user: &str, permission: Permission) -> Result<Actor, SurveyError> {
        let role = self
            .role_of(user)
            .ok_or_else(|| SurveyError::UnknownUser(user.to_owned()))?;
        if !role.allows(permission) {
            return Err(SurveyError::NotPermitted { role, permission });
        }
        Ok(Actor {
            name: user.to_owned(),
            role,
        })
    }

    /// Checks the role for an action; a refusal is audited as denied.
    pub(super) async fn actor(
        &self,
        user: &str,
        permission: Permission,
        action: &str,
        what: &str,
        at: Timestamp,
    ) -> Result<Actor, SurveyError> {
        match self.reader(user, permission) {
            Ok(actor) => Ok(actor),
            Err(refusal) => {
                let role = self.role_of(user).map_or("unknown", Role::name);
                let entry = AuditEntry::general(
                    at.0,
                    user,
                    role,
                    action,
                    AuditOutcome::Denied {
                        reason: refusal.to_string(),
                    },
                    what.to_owned(),
                );
                // The refusal stands whether or not it could be recorded.
                if let Err(e) = self.store.append_audit(&entry).await {
                    tracing::warn!(error = %e, action, "a refused survey action was not audited");
                }
                Err(refusal)
            }
        }
    }

    /// Writes an allowed action to the audit trail; if that fails, the action must not run.
    pub(super) async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        what: &str,
        at: Timestamp,
    ) -> Result<(), SurveyError> {
        let entry = AuditEntry::general(
            at.0,
            &actor.name,
            actor.role.name(),
            action,
            AuditOutcome::Allowed,
            what.to_owned(),
        );
        self.store
            .append_audit(&entry)
            .await
            .map(|_| ())
            .map_err(|e| SurveyError::AuditUnavailable(e.to_string()))
    }

    /// Records that an audited action then failed in the store.
    pub(super) async fn audit_failure(
        &self,
        actor: &Actor,
        action: &str,
        what: &str,
        at: Timestamp,
        error: &SurveyError,
    ) {
        let entry = AuditEntry::general(
            at.0,
            &actor.name,
            actor.role.name(),
            action,
            AuditOutcome::Failed {
                reason: error.to_string(),
            },
            what.to_owned(),
        );
        if let Err(e) = self.store.append_audit(&entry).await {
            tracing::warn!(error = %e, action, "a failed survey action was not audited");
        }
    }
}

/// "surveys 4, 7, 9" or "120 surveys (4, 7, 9, …)": bulk actions name what they touched
/// without writing thousands of ids into one audit record.
pub(super) fn describe_ids(ids: &[i64]) -> String {
    const SHOWN: usize = 20;
    let shown: Vec<String> = ids.iter().take(SHOWN).map(ToString::to_string).collect();
    match ids.len() {
        1 => format!("survey {}", shown[0]),
        n if n <= SHOWN => format!("surveys {}", shown.join(", ")),
        n => format!("{n} surveys ({}, …)", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_ids;

    #[test]
    fn bulk_descriptions_stay_short() {
        assert_eq!(describe_ids(&[4]), "survey 4");
        assert_eq!(describe_ids(&[4, 7]), "surveys 4, 7");
        let many: Vec<i64> = (1..=120).collect();
        let text = describe_ids(&many);
        assert!(text.starts_with("120 surveys (1, 2,"));
        assert!(text.len() < 120);
    }
}
