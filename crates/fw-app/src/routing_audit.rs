//! Routing changes in the audit trail: one record per thing that happened to a mode, and one
//! per refused attempt.

use std::fmt::Write as _;

use fw_domain::{RoutingMode, RoutingScope, Timestamp, Topology};
use fw_routing::{Ending, ModeKind, PlanEntry, PlanEvent, RequestEnding, describe_mode};
use fw_store::{AuditEntry, AuditOutcome};

/// Who the audit trail names for what nobody did by hand (an automatic revert).
pub const SYSTEM_USER: &str = "floorwalker";
pub(crate) const SYSTEM_ROLE: &str = "system";

/// The audit action of a plan entry.
pub(crate) fn entry_action(entry: &PlanEntry) -> &'static str {
    match &entry.event {
        PlanEvent::Activated if entry.mode.approved_by.is_some() => "routing.approve",
        PlanEvent::Activated => "routing.activate",
        PlanEvent::Ended(Ending::TurnedOff { .. }) => "routing.deactivate",
        PlanEvent::Ended(Ending::RevertedAutomatically) => "routing.revert",
        PlanEvent::Ended(Ending::Superseded { .. }) => "routing.supersede",
        PlanEvent::Requested => "routing.request",
        PlanEvent::RequestClosed(RequestEnding::Refused { .. }) => "routing.refuse",
        PlanEvent::RequestClosed(RequestEnding::Withdrawn { .. }) => "routing.withdraw",
        PlanEvent::RequestClosed(RequestEnding::Lapsed) => "routing.lapse",
    }
}

/// The mode's kind as the audit trail's `mode` column holds it.
pub(crate) fn kind_name(mode: &RoutingMode) -> &'static str {
    match ModeKind::of(mode) {
        ModeKind::SiteFailover => "site failover",
        ModeKind::EmergencyClosure => "emergency closure",
        ModeKind::RegionalPriority => "regional priority",
        ModeKind::NightMode => "night mode",
    }
}

fn scoped_queue(mode: &RoutingMode) -> Option<u16> {
    match mode {
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(queue),
        }
        | RoutingMode::NightMode {
            scope: RoutingScope::Queue(queue),
        } => Some(queue.0),
        _ => None,
    }
}

/// "mode #3 failover of site east, v4: typhoon (reverts at 1795…; approved by wang.fang)".
fn detail(entry: &PlanEntry, topology: &Topology) -> String {
    let mode = &entry.mode;
    let mut text = format!(
        "{} {}, plan version {}: {}",
        mode.id,
        describe_mode(topology, &mode.mode),
        entry.version,
        mode.reason
    );
    if let Some(at) = mode.revert_at {
        let _ = write!(text, "; reverts by itself at {} ms", at.0);
    }
    if let Some(approver) = &mode.approved_by {
        let _ = write!(text, "; approved by {approver}");
    }
    match &entry.event {
        PlanEvent::Activated => {}
        PlanEvent::Ended(Ending::TurnedOff { by, reason }) => {
            let _ = write!(text, "; turned off by {by}: {reason}");
        }
        PlanEvent::Ended(Ending::RevertedAutomatically) => text.push_str("; reverted on time"),
        PlanEvent::Ended(Ending::Superseded { by }) => {
            let _ = write!(text, "; replaced by {by}");
        }
        PlanEvent::Requested => {
            let _ = write!(
                text,
                "; asked by {}, waiting for a second supervisor",
                mode.activated_by
            );
        }
        PlanEvent::RequestClosed(RequestEnding::Refused { by, reason }) => {
            let _ = write!(
                text,
                "; asked by {}, refused by {by}: {reason}",
                mode.activated_by
            );
        }
        PlanEvent::RequestClosed(RequestEnding::Withdrawn { reason }) => {
            let _ = write!(text, "; withdrawn by {}: {reason}", mode.activated_by);
        }
        PlanEvent::RequestClosed(RequestEnding::Lapsed) => {
            let _ = write!(
                text,
                "; asked by {}, not approved in time",
                mode.activated_by
            );
        }
    }
    text
}

/// The record of one plan entry, by `user` in `role` (the system for automatic reverts).
pub(crate) fn plan_entry_record(
    entry: &PlanEntry,
    user: &str,
    role: &str,
    topology: &Topology,
) -> AuditEntry {
    let (user, role) = match entry.event {
        PlanEvent::Ended(Ending::RevertedAutomatically)
        | PlanEvent::RequestClosed(RequestEnding::Lapsed) => (SYSTEM_USER, SYSTEM_ROLE),
        _ => (user, role),
    };
    AuditEntry {
        at_ms: entry.at.0,
        user: user.to_owned(),
        role: role.to_owned(),
        action: entry_action(entry).to_owned(),
        outcome: AuditOutcome::Allowed,
        call: None,
        agent: None,
        queue: scoped_queue(&entry.mode.mode),
        mode: Some(kind_name(&entry.mode.mode).to_owned()),
        detail: detail(entry, topology),
    }
}

/// The record of an attempt that did not go through.
pub(crate) fn refused_record(
    user: &str,
    role: &str,
    action: &str,
    mode: Option<&RoutingMode>,
    outcome: AuditOutcome,
    what: String,
    at: Timestamp,
) -> AuditEntry {
    AuditEntry {
        queue: mode.and_then(scoped_queue),
        mode: mode.map(|m| kind_name(m).to_owned()),
        ..AuditEntry::general(at.0, user, role, action, outcome, what)
    }
}
