//! Why the plan refused a change. Every message names what is wrong and, where it helps,
//! what to do instead: the console shows it as it is.

use fw_domain::{QueueId, SiteId};

use crate::actor::ModeId;
use crate::entry::PlanEntry;

/// A change that breaks a rule. Names (sites, queues, modes) are the topology's at the time.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    #[error(
        "a reason is required: say why, in at least {} characters",
        crate::reason::MIN_REASON_CHARS
    )]
    ReasonMissing,
    #[error("the reason is too short ({chars} characters): say why in at least {min} characters")]
    ReasonTooShort { chars: usize, min: usize },
    #[error("the reason is too long ({chars} characters): at most {max}")]
    ReasonTooLong { chars: usize, max: usize },
    #[error("the revert time must be in the future; it is {secs_ago} s in the past")]
    RevertNotInFuture { secs_ago: u64 },
    #[error(
        "the revert time is {hours_ahead} h ahead: at most {max_hours} h is allowed (turn it on again later if it must last longer)"
    )]
    RevertTooFar { hours_ahead: u64, max_hours: u64 },
    #[error("there is no site {0} in this centre")]
    UnknownSite(SiteId),
    #[error("there is no queue {0} in this centre")]
    UnknownQueue(QueueId),
    #[error(
        "failing over {site} would leave no site to take the calls ({already} already failed over)"
    )]
    NoSiteLeft { site: String, already: String },
    #[error("{what} is already on ({id})")]
    AlreadyActive { what: String, id: ModeId },
    #[error("{what} is already covered by {covering} ({id}); turn that off first to narrow it")]
    CoveredBy {
        what: String,
        covering: String,
        id: ModeId,
    },
    #[error(
        "night mode on {scope} changes nothing: its queues are already where the night team works"
    )]
    NightModeChangesNothing { scope: String },
    #[error(
        "regional priority needs at least one region: an area code such as 0898, or a province such as Hainan"
    )]
    NoRegion,
    #[error("regional priority may name at most {max} regions, not {count}")]
    TooManyRegions { count: usize, max: usize },
    #[error("region \"{text}\": {problem}")]
    BadRegion { text: String, problem: &'static str },
    #[error("region {region} is listed twice")]
    RegionListedTwice { region: String },
    #[error(
        "region {region} already has priority under {id}; turn that off first, or include all of its regions to replace it"
    )]
    RegionAlreadyPrioritised { region: String, id: ModeId },
    #[error("the approver must be another supervisor, not {name} who asked for it")]
    SelfApproval { name: String },
    #[error("{what} is already waiting for approval ({id})")]
    AlreadyRequested { what: String, id: ModeId },
    #[error(
        "there is no request {0} waiting for approval (it may have been approved, refused, withdrawn or lapsed)"
    )]
    NoSuchRequest(ModeId),
    #[error("{0} is not on (it may have been turned off or reverted already)")]
    NotActive(ModeId),
}

/// Why [`crate::RoutingPlan::apply`] did not apply a change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// Someone else changed the plan since the requester looked: nothing was changed. The
    /// requester sees what changed and decides again (with `current_version`).
    #[error(
        "the routing plan changed while you decided (you saw version {expected_version}, it is at {current_version} now): review the changes and decide again"
    )]
    Conflict {
        expected_version: u64,
        current_version: u64,
        /// Oldest first.
        changes_since: Vec<PlanEntry>,
        /// Some changes since `expected_version` are older than the history the plan keeps.
        earlier_changes_dropped: bool,
    },
    #[error(transparent)]
    Rejected(#[from] RuleError),
}
