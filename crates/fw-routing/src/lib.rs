//! Disaster-mode routing for a supervisor: site failover, emergency closure, regional
//! priority and night mode, as a versioned plan that every console sees the same way.
//!
//! Pure: no IO, no clock, no async; time comes in as [`fw_domain::Timestamp`].
//!
//! * [`RoutingPlan`] holds the modes in force. [`RoutingPlan::apply`] takes a
//!   [`PlanChange`] with the version its requester saw: a stale version is a conflict that
//!   lists what changed (the loser decides again), a broken rule a [`RuleError`] that
//!   names it; either way nothing changes. Automatic reverts are part of the plan
//!   ([`RoutingPlan::revert_due`]), not a timer in one window.
//! * [`RoutingPlan::preview`] computes a proposed mode's impact from the live figures:
//!   callers and agents affected, where calls go, Erlang C service level and ASA before
//!   and after.
//! * [`RoutingPlan::route`] is what the plan does to one call, for the simulator;
//!   [`astdb`] is the same plan as AstDB keys for the Asterisk dialplan.

mod actor;
pub mod astdb;
mod describe;
mod entry;
mod error;
mod impact;
mod interactions;
mod mode;
mod pending;
mod plan;
mod policy;
mod reason;
mod region;
mod resolve;
mod route;
mod rules;

pub use actor::{Actor, ModeId};
pub use describe::{describe_mode, describe_scope};
pub use entry::{Ending, HISTORY_KEPT, PlanEntry, PlanEvent, RequestEnding};
pub use error::{PlanError, RuleError};
pub use impact::{
    Destination, Impact, LiveLoad, Outlook, Projection, QueueImpact, QueueLoad, QueueRole,
    RegionalImpact, RegionalQueue, Share, SiteLoad, Target, WaitingCaller,
};
pub use interactions::Interaction;
pub use mode::{
    Activation, ActiveMode, Approval, Deactivation, ModeKind, PlanChange, Refusal, is_centre_wide,
};
pub use pending::PendingApproval;
pub use plan::{Applied, RoutingPlan};
pub use policy::{
    ApprovalPolicy, DEFAULT_APPROVAL_MINUTES, MAX_APPROVAL_MINUTES, MAX_REVERT_HOURS, PolicyError,
};
pub use reason::{MAX_REASON_CHARS, MIN_REASON_CHARS, Reason};
pub use region::Region;
pub use resolve::{ClosedBecause, night_queue, scope_covers_queue};
pub use route::{
    QueueRoute, REGIONAL_PRIORITY_BOOST, RouteDecision, regional_priority, route_with,
};
pub use rules::MAX_REGIONS;
