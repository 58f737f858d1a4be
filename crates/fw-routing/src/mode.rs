//! An active mode, and the changes a supervisor asks the plan for.

use fw_domain::{RoutingMode, RoutingScope, Timestamp};

use crate::actor::{Actor, ModeId};
use crate::reason::Reason;

/// One routing mode in force: what, why, who turned it on and when, when it reverts by
/// itself, and who approved it if a second supervisor had to.
#[derive(Clone, Debug, PartialEq)]
pub struct ActiveMode {
    pub id: ModeId,
    /// As checked by the plan: regions tidied (see [`crate::Region`]).
    pub mode: RoutingMode,
    pub reason: Reason,
    pub activated_by: Actor,
    pub activated_at: Timestamp,
    /// Reverts by itself at this instant (the platform's clock), if set.
    pub revert_at: Option<Timestamp>,
    pub approved_by: Option<Actor>,
}

impl ActiveMode {
    /// Whether its automatic revert time has come.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.revert_at.is_some_and(|at| at <= now)
    }

    /// Whether it still acts at `now`: routing ignores a mode whose revert time has passed
    /// even before the plan has recorded the revert, so what a call gets never depends on
    /// when the revert tick runs.
    pub fn in_force(&self, now: Timestamp) -> bool {
        !self.is_due(now)
    }
}

/// A request to turn a mode on.
#[derive(Clone, Debug, PartialEq)]
pub struct Activation {
    pub mode: RoutingMode,
    /// As typed; trimmed and checked by the plan.
    pub reason: String,
    pub by: Actor,
    pub revert_at: Option<Timestamp>,
}

/// A request to turn an active mode off before its time.
#[derive(Clone, Debug, PartialEq)]
pub struct Deactivation {
    pub id: ModeId,
    pub by: Actor,
    /// Turning a mode off needs a reason too: the audit trail and the other consoles show it.
    pub reason: String,
}

/// A change to the plan. Each carries the plan version its requester saw (passed to
/// [`crate::RoutingPlan::apply`]), so two leads acting at once cannot both win blindly.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanChange {
    /// Turns a mode on, or, where the policy asks for a second supervisor, files the
    /// request for one to approve.
    Activate(Activation),
    Deactivate(Deactivation),
    /// A second supervisor turns a requested mode on.
    Approve(Approval),
    /// A second supervisor refuses a request, or its requester withdraws it.
    Decline(Refusal),
}

/// A second supervisor's approval of a request.
#[derive(Clone, Debug, PartialEq)]
pub struct Approval {
    pub id: ModeId,
    pub by: Actor,
}

/// A request refused (by another supervisor) or withdrawn (by its requester).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub id: ModeId,
    pub by: Actor,
    /// The requester and the trail see why.
    pub reason: String,
}

/// Which kind of mode, without its details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModeKind {
    SiteFailover,
    EmergencyClosure,
    RegionalPriority,
    NightMode,
}

impl ModeKind {
    pub fn of(mode: &RoutingMode) -> ModeKind {
        match mode {
            RoutingMode::SiteFailover { .. } => ModeKind::SiteFailover,
            RoutingMode::EmergencyClosure { .. } => ModeKind::EmergencyClosure,
            RoutingMode::RegionalPriority { .. } => ModeKind::RegionalPriority,
            RoutingMode::NightMode { .. } => ModeKind::NightMode,
        }
    }
}

/// Whether a mode acts on the whole centre, for the second-approver policy. Regional
/// priority has no scope: it reorders every queue, so it counts as centre-wide.
pub fn is_centre_wide(mode: &RoutingMode) -> bool {
    match mode {
        RoutingMode::SiteFailover { .. } => false,
        RoutingMode::EmergencyClosure { scope } | RoutingMode::NightMode { scope } => {
            *scope == RoutingScope::Centre
        }
        RoutingMode::RegionalPriority { .. } => true,
    }
}
