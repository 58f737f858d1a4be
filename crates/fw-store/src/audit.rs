//! The audit trail's plain data: what a supervisor did or tried, and the stored, chained form.

use std::fmt;

/// One thing a supervisor did or tried to do: every monitoring start, mode change and stop,
/// every routing or survey action, and every attempt the role check denied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Platform time, milliseconds since the Unix epoch (passed in, never read from a clock
    /// here, so callers and tests decide what "now" is).
    pub at_ms: i64,
    /// Login name of the supervisor.
    pub user: String,
    /// The role the supervisor held when acting (as configured; interpreted by fw-app).
    pub role: String,
    /// What was done: "monitor.start", "monitor.mode", "monitor.stop", "routing.activate",
    /// "survey.tag", ...
    pub action: String,
    pub outcome: AuditOutcome,
    pub call: Option<u64>,
    pub agent: Option<u32>,
    pub queue: Option<u16>,
    /// "listen" | "whisper" | "barge", or a routing mode.
    pub mode: Option<String>,
    /// Free text; may be empty.
    pub detail: String,
}

impl AuditEntry {
    /// An entry about no particular call, agent, queue or mode (a survey action, an export,
    /// a refused routing change); callers set those fields afterwards when they have them.
    pub fn general(
        at_ms: i64,
        user: &str,
        role: &str,
        action: &str,
        outcome: AuditOutcome,
        detail: String,
    ) -> AuditEntry {
        AuditEntry {
            at_ms,
            user: user.to_owned(),
            role: role.to_owned(),
            action: action.to_owned(),
            outcome,
            call: None,
            agent: None,
            queue: None,
            mode: None,
            detail,
        }
    }
}

/// How an audited attempt ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AuditOutcome {
    /// The role allowed it and the platform accepted it.
    Allowed,
    /// The role check refused it.
    Denied { reason: String },
    /// Allowed, but the platform or the store failed to carry it out.
    Failed { reason: String },
}

impl AuditOutcome {
    /// The stored name: `allowed`, `denied` or `failed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Denied { .. } => "denied",
            Self::Failed { .. } => "failed",
        }
    }

    /// The reason of a denial or failure; `None` when allowed.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Self::Allowed => None,
            Self::Denied { reason } | Self::Failed { reason } => Some(reason),
        }
    }

    /// The inverse of ([`Self::as_str`], [`Self::reason`]); `None` for a pair no outcome
    /// produces (an unknown name, a reason on `allowed`, a missing reason).
    pub fn from_parts(name: &str, reason: Option<String>) -> Option<Self> {
        match (name, reason) {
            ("allowed", None) => Some(Self::Allowed),
            ("denied", Some(reason)) => Some(Self::Denied { reason }),
            ("failed", Some(reason)) => Some(Self::Failed { reason }),
            _ => None,
        }
    }
}

impl fmt::Display for AuditOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason() {
            None => f.write_str(self.as_str()),
            Some(reason) => write!(f, "{} ({reason})", self.as_str()),
        }
    }
}

/// An entry as stored: numbered and chained to the record before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    /// 1, 2, 3, ... with no gaps: the appender assigns last id + 1, so a gap means a deletion.
    pub id: i64,
    pub entry: AuditEntry,
    /// Lower-case hex SHA-256 of the previous record; 64 zeros for record 1
    /// ([`crate::GENESIS_HASH`]).
    pub prev_hash: String,
    /// Lower-case hex SHA-256 over `prev_hash`, `id` and every entry field
    /// ([`crate::chain_hash`]).
    pub hash: String,
}

/// The result of walking the whole chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditVerification {
    /// Every record's hash matches its contents, every record links to the one before, ids
    /// run 1..=records without gaps, and the chain head matches the newest record.
    Intact { records: u64 },
    /// The first record at which the chain fails. `id` is that record's id, or, when records
    /// are missing, the first missing id; 0 means the chain head row itself.
    Tampered { id: i64, reason: String },
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        matches!(self, Self::Intact { .. })
    }
}

impl fmt::Display for AuditVerification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Intact { records } => write!(f, "intact: {records} records"),
            Self::Tampered { id, reason } => write!(f, "tampered at record {id}: {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_round_trips_through_its_stored_parts() {
        for outcome in [
            AuditOutcome::Allowed,
            AuditOutcome::Denied {
                reason: "role agent may not barge".into(),
            },
            AuditOutcome::Failed {
                reason: String::new(),
            },
        ] {
            let back =
                AuditOutcome::from_parts(outcome.as_str(), outcome.reason().map(str::to_owned));
            assert_eq!(back, Some(outcome));
        }
        assert_eq!(AuditOutcome::from_parts("allowed", Some("x".into())), None);
        assert_eq!(AuditOutcome::from_parts("denied", None), None);
        assert_eq!(AuditOutcome::from_parts("maybe", None), None);
    }
}
