//! The routing plan as every screen shows it: the banner, the routing view, notifications.

use fw_routing::{ActiveMode, ApprovalPolicy, PendingApproval};

/// The plan in force, as the hub last read it from the team's store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoutingState {
    /// `false` until the plan has been read (and always on a screen without the team's
    /// store, such as a display-only hub): a screen then shows "unknown", never "normal".
    pub known: bool,
    pub version: u64,
    /// The modes in force, oldest first.
    pub active: Vec<ActiveMode>,
    /// Requests waiting for a second supervisor that may still be approved, oldest first.
    pub pending: Vec<PendingApproval>,
    pub policy: ApprovalPolicy,
    /// Why the platform does not apply the plan, when it does not (e.g. a connector that
    /// cannot route yet): the banner says so rather than pretend.
    pub platform_problem: Option<String>,
    /// Why the plan could not be read lately, when it could not: what is shown may be old.
    pub store_problem: Option<String>,
}
