//! The team's policy for routing changes: a setting, saved like the alert rules.

use serde::{Deserialize, Serialize};

use crate::mode::is_centre_wide;
use fw_domain::{RoutingMode, RoutingScope};

/// How far ahead an automatic revert may be set. A disaster mode that must last longer is
/// turned on again, which puts a person and a reason back in the loop every three days.
pub const MAX_REVERT_HOURS: u64 = 72;

/// How long a request may wait for its second supervisor, in minutes, unless the team
/// says otherwise.
pub const DEFAULT_APPROVAL_MINUTES: u32 = 15;
/// The longest a team may let a request wait: a disaster decision left open for hours is
/// stale; the lead asks again with what is true then.
pub const MAX_APPROVAL_MINUTES: u32 = 240;

/// Who must agree before a mode goes on. Which roles may toggle at all is fw-app's role
/// table, not this. Turning a mode off never needs a second person: going back to normal
/// routing must not wait for one at 3 a.m.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApprovalPolicy {
    /// Centre-wide modes (closure or night mode of the whole centre, regional priority)
    /// need a second supervisor's approval.
    pub second_approver_for_centre: bool,
    /// Modes on one site (a failover, a site's closure or night mode) need one too.
    #[serde(default)]
    pub second_approver_for_sites: bool,
    /// A request not approved within this many minutes lapses.
    #[serde(default = "default_approval_minutes")]
    pub approval_minutes: u32,
}

fn default_approval_minutes() -> u32 {
    DEFAULT_APPROVAL_MINUTES
}

impl Default for ApprovalPolicy {
    fn default() -> ApprovalPolicy {
        ApprovalPolicy {
            second_approver_for_centre: false,
            second_approver_for_sites: false,
            approval_minutes: DEFAULT_APPROVAL_MINUTES,
        }
    }
}

/// Why a policy cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("a request must be allowed 1 to {max} minutes to be approved, not {minutes}")]
    ApprovalWindow { minutes: u32, max: u32 },
}

impl ApprovalPolicy {
    /// Checks the values a team may save.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if (1..=MAX_APPROVAL_MINUTES).contains(&self.approval_minutes) {
            Ok(())
        } else {
            Err(PolicyError::ApprovalWindow {
                minutes: self.approval_minutes,
                max: MAX_APPROVAL_MINUTES,
            })
        }
    }

    /// Whether turning `mode` on waits for a second supervisor. A queue alone never does.
    pub fn needs_second_approver(&self, mode: &RoutingMode) -> bool {
        if is_centre_wide(mode) {
            return self.second_approver_for_centre;
        }
        let on_a_site = match mode {
            RoutingMode::SiteFailover { .. } => true,
            RoutingMode::EmergencyClosure { scope } | RoutingMode::NightMode { scope } => {
                matches!(scope, RoutingScope::Site(_))
            }
            RoutingMode::RegionalPriority { .. } => false,
        };
        on_a_site && self.second_approver_for_sites
    }

    /// How long a request waits for approval, in milliseconds.
    pub fn approval_window_ms(&self) -> i64 {
        i64::from(self.approval_minutes.clamp(1, MAX_APPROVAL_MINUTES)) * 60_000
    }

    /// The policy in words, for the audit trail.
    pub fn describe(&self) -> String {
        let who = match (
            self.second_approver_for_centre,
            self.second_approver_for_sites,
        ) {
            (false, false) => "no second approver",
            (true, false) => "a second approver for centre-wide modes",
            (false, true) => "a second approver for site modes",
            (true, true) => "a second approver for centre-wide and site modes",
        };
        format!("{who}; requests lapse after {} min", self.approval_minutes)
    }
}

#[cfg(test)]
mod tests {
    use fw_domain::SiteId;

    use super::*;

    #[test]
    fn the_policy_is_camel_case_json_and_refuses_unknown_fields() {
        let policy = ApprovalPolicy {
            second_approver_for_centre: true,
            second_approver_for_sites: false,
            approval_minutes: 20,
        };
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            json,
            r#"{"secondApproverForCentre":true,"secondApproverForSites":false,"approvalMinutes":20}"#
        );
        assert_eq!(
            serde_json::from_str::<ApprovalPolicy>(&json).unwrap(),
            policy
        );
        assert!(serde_json::from_str::<ApprovalPolicy>(r#"{"x":1}"#).is_err());
    }

    #[test]
    fn a_policy_saved_before_the_site_and_window_settings_still_reads() {
        let old: ApprovalPolicy =
            serde_json::from_str(r#"{"secondApproverForCentre":true}"#).unwrap();
        assert!(old.second_approver_for_centre);
        assert!(!old.second_approver_for_sites);
        assert_eq!(old.approval_minutes, DEFAULT_APPROVAL_MINUTES);
    }

    #[test]
    fn which_modes_wait_for_a_second_supervisor() {
        let failover = RoutingMode::SiteFailover { site: SiteId(1) };
        let site_night = RoutingMode::NightMode {
            scope: RoutingScope::Site(SiteId(1)),
        };
        let centre_closure = RoutingMode::EmergencyClosure {
            scope: RoutingScope::Centre,
        };
        let queue_closure = RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(fw_domain::QueueId(3)),
        };
        let priority = RoutingMode::RegionalPriority {
            regions: vec!["0898".into()],
            waive_fees: false,
        };
        let centre = ApprovalPolicy {
            second_approver_for_centre: true,
            ..ApprovalPolicy::default()
        };
        let sites = ApprovalPolicy {
            second_approver_for_sites: true,
            ..ApprovalPolicy::default()
        };
        for mode in [&centre_closure, &priority] {
            assert!(centre.needs_second_approver(mode));
            assert!(!sites.needs_second_approver(mode));
        }
        for mode in [&failover, &site_night] {
            assert!(!centre.needs_second_approver(mode));
            assert!(sites.needs_second_approver(mode));
        }
        assert!(!centre.needs_second_approver(&queue_closure));
        assert!(!sites.needs_second_approver(&queue_closure));
        assert!(!ApprovalPolicy::default().needs_second_approver(&centre_closure));
    }

    #[test]
    fn the_window_is_checked() {
        let mut policy = ApprovalPolicy::default();
        assert!(policy.validate().is_ok());
        policy.approval_minutes = 0;
        assert!(policy.validate().is_err());
        policy.approval_minutes = MAX_APPROVAL_MINUTES + 1;
        assert!(policy.validate().is_err());
        assert_eq!(ApprovalPolicy::default().approval_window_ms(), 15 * 60_000);
    }
}
