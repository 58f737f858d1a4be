//! The team's policy for routing changes: a setting, saved like the alert rules.

use serde::{Deserialize, Serialize};

/// How far ahead an automatic revert may be set. A disaster mode that must last longer is
/// turned on again, which puts a person and a reason back in the loop every three days.
pub const MAX_REVERT_HOURS: u64 = 72;

/// Who must agree before a mode goes on. Which roles may toggle at all is fw-app's role
/// table, not this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApprovalPolicy {
    /// Centre-wide modes (closure or night mode of the whole centre, regional priority)
    /// need a second supervisor's approval. Turning a mode off never does: going back to
    /// normal routing must not wait for a second person at 3 a.m.
    pub second_approver_for_centre: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_camel_case_json_and_refuses_unknown_fields() {
        let policy = ApprovalPolicy {
            second_approver_for_centre: true,
        };
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(json, r#"{"secondApproverForCentre":true}"#);
        assert_eq!(
            serde_json::from_str::<ApprovalPolicy>(&json).unwrap(),
            policy
        );
        assert!(serde_json::from_str::<ApprovalPolicy>(r#"{"x":1}"#).is_err());
    }
}
