//! What a console asks of the routing plan, and what it gets back.

use fw_domain::{RoutingMode, Timestamp};
use fw_routing::ModeId;

/// A change a lead asks for, with the plan version their screen showed.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutingRequest {
    Activate {
        mode: RoutingMode,
        /// As typed; the plan trims and checks it.
        reason: String,
        /// Platform time at which the mode turns itself off.
        revert_at: Option<Timestamp>,
    },
    Deactivate {
        id: ModeId,
        reason: String,
    },
    /// A second supervisor turns another lead's request on.
    Approve {
        id: ModeId,
    },
    /// A second supervisor refuses a request, or its requester withdraws it.
    Decline {
        id: ModeId,
        reason: String,
    },
}

impl RoutingRequest {
    /// The audit action of the request.
    pub fn action(&self) -> &'static str {
        match self {
            RoutingRequest::Activate { .. } => "routing.activate",
            RoutingRequest::Deactivate { .. } => "routing.deactivate",
            RoutingRequest::Approve { .. } => "routing.approve",
            RoutingRequest::Decline { .. } => "routing.decline",
        }
    }
}

/// A change that went in: the plan's new version and the mode turned on or off (or the
/// request filed, approved or closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoutingChanged {
    pub version: u64,
    pub id: ModeId,
    /// The mode waits for a second supervisor: nothing is on yet.
    pub awaiting_approval: bool,
}
