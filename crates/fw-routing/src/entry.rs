//! The plan's history: one entry per thing that happened to a mode.

use fw_domain::{PlatformCommand, Timestamp};

use crate::actor::{Actor, ModeId};
use crate::mode::ActiveMode;
use crate::reason::Reason;

/// How many entries the plan keeps. A conflict reports the entries since the requester's
/// version; if that reaches further back, it says some were dropped.
pub const HISTORY_KEPT: usize = 200;

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanEvent {
    Activated,
    Ended(Ending),
    /// Filed for a second supervisor's approval; not on yet.
    Requested,
    /// A request that will not go on.
    RequestClosed(RequestEnding),
}

/// How a request ended without going on.
#[derive(Clone, Debug, PartialEq)]
pub enum RequestEnding {
    /// Another supervisor refused it.
    Refused { by: Actor, reason: Reason },
    /// Its requester took it back.
    Withdrawn { reason: Reason },
    /// Nobody approved it in time.
    Lapsed,
}

/// How a mode ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    /// A supervisor turned it off.
    TurnedOff { by: Actor, reason: Reason },
    /// Its revert time came.
    RevertedAutomatically,
    /// A wider mode of the same kind replaced it (night mode on the centre replaces night
    /// mode on a site; regional priority for more regions replaces one for fewer).
    Superseded { by: ModeId },
}

/// One change: the version it produced, when, and the mode it was about (what, who turned
/// it on, when, why). Entries of one change share its version (an activation and the modes
/// it superseded).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanEntry {
    pub version: u64,
    pub at: Timestamp,
    pub mode: ActiveMode,
    pub event: PlanEvent,
}

impl PlanEntry {
    pub fn id(&self) -> ModeId {
        self.mode.id
    }

    /// The command that tells the platform about this entry: the simulator applies it, the
    /// Asterisk connector writes the AstDB keys (see [`crate::astdb`]). A request's entries
    /// have none: the platform hears of a mode once it is approved.
    pub fn platform_command(&self) -> Option<PlatformCommand> {
        match self.event {
            PlanEvent::Activated => Some(PlatformCommand::ActivateRoutingMode {
                mode: self.mode.mode.clone(),
                revert_at: self.mode.revert_at,
            }),
            PlanEvent::Ended(_) => Some(PlatformCommand::DeactivateRoutingMode {
                mode: self.mode.mode.clone(),
            }),
            PlanEvent::Requested | PlanEvent::RequestClosed(_) => None,
        }
    }
}
