//! Why a routing change or preview did not go through.

use fw_routing::{ActiveMode, RuleError};

use crate::roles::Role;

/// Every refusal names what is wrong; the console shows it as it is.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RoutingError {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("the {role} role may not toggle disaster-mode routing")]
    NotPermitted { role: Role },
    #[error("{0}")]
    Rejected(#[from] RuleError),
    /// Another console changed the plan since this one showed it: nothing was changed.
    #[error(
        "the routing plan changed while you decided (you saw version {expected_version}, it is at {current_version} now): review what is on now and decide again"
    )]
    Conflict {
        expected_version: u64,
        current_version: u64,
        /// The modes on now, oldest first.
        active: Vec<ActiveMode>,
    },
    #[error("the centre's sites and queues are not known yet: wait for the platform link")]
    NotReady,
    #[error("the audit trail cannot be written, so the change is refused: {0}")]
    AuditUnavailable(String),
    #[error("the routing plan could not be read or saved: {0}")]
    Store(String),
    #[error("this screen cannot change routing")]
    NotAvailable,
    #[error("the hub has stopped")]
    Stopped,
}

impl RoutingError {
    /// A stable code for screens (they translate by code, not by message).
    pub fn code(&self) -> &'static str {
        match self {
            RoutingError::UnknownUser(_) => "routing.unknown_user",
            RoutingError::NotPermitted { .. } => "routing.not_permitted",
            RoutingError::Rejected(_) => "routing.rejected",
            RoutingError::Conflict { .. } => "routing.conflict",
            RoutingError::NotReady => "routing.not_ready",
            RoutingError::AuditUnavailable(_) => "routing.audit_unavailable",
            RoutingError::Store(_) => "routing.store",
            RoutingError::NotAvailable => "routing.not_available",
            RoutingError::Stopped => "routing.stopped",
        }
    }
}
