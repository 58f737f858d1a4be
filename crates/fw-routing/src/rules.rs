//! The rules a change must keep before it reaches the plan. Which roles may toggle at all
//! is decided in fw-app's role table; these are the rules about the modes themselves.

use std::collections::BTreeSet;

use fw_domain::{RoutingMode, RoutingScope, Timestamp, Topology};

use crate::actor::ModeId;
use crate::describe::{describe_mode, describe_scope, site_name};
use crate::error::RuleError;
use crate::mode::{Activation, ActiveMode};
use crate::policy::MAX_REVERT_HOURS;
use crate::reason::Reason;
use crate::region::Region;
use crate::resolve::night_queue;

/// The most regions one regional-priority mode may name (each is an AstDB key).
pub const MAX_REGIONS: usize = 64;

const HOUR_MS: u64 = 3_600_000;

/// A mode that keeps the rules, tidied, and the active modes it replaces.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CheckedMode {
    pub mode: RoutingMode,
    pub supersedes: Vec<ModeId>,
}

/// An activation that keeps every rule.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CheckedActivation {
    pub mode: CheckedMode,
    pub reason: Reason,
}

/// Checks an activation against the modes in force: the mode, then the reason and the
/// revert time. (Whether it waits for a second supervisor is the policy's, not a rule's.)
pub(crate) fn check_activation(
    activation: &Activation,
    active: &[ActiveMode],
    topology: &Topology,
    now: Timestamp,
) -> Result<CheckedActivation, RuleError> {
    let mode = check_mode(&activation.mode, active, topology)?;
    let reason = Reason::new(&activation.reason)?;
    check_revert(activation.revert_at, now)?;
    Ok(CheckedActivation { mode, reason })
}

/// Checks an automatic revert time: in the future, and not too far.
pub(crate) fn check_revert(revert_at: Option<Timestamp>, now: Timestamp) -> Result<(), RuleError> {
    if let Some(at) = revert_at {
        if at <= now {
            return Err(RuleError::RevertNotInFuture {
                secs_ago: now.millis_since(at) / 1_000,
            });
        }
        let ahead = at.millis_since(now);
        if ahead > MAX_REVERT_HOURS * HOUR_MS {
            return Err(RuleError::RevertTooFar {
                hours_ahead: ahead.div_ceil(HOUR_MS),
                max_hours: MAX_REVERT_HOURS,
            });
        }
    }
    Ok(())
}

/// Checks a mode on its own against the modes in force (also used by the impact preview,
/// before a reason has been typed).
pub(crate) fn check_mode(
    mode: &RoutingMode,
    active: &[ActiveMode],
    topology: &Topology,
) -> Result<CheckedMode, RuleError> {
    match mode {
        RoutingMode::SiteFailover { site } => {
            if topology.site(*site).is_none() {
                return Err(RuleError::UnknownSite(*site));
            }
            let mut failed = BTreeSet::new();
            for existing in active {
                if let RoutingMode::SiteFailover { site: other } = existing.mode {
                    if other == *site {
                        return Err(already(topology, mode, existing.id));
                    }
                    failed.insert(other);
                }
            }
            if failed.len() + 1 >= topology.sites.len() {
                let names: Vec<String> = failed.iter().map(|s| site_name(topology, *s)).collect();
                return Err(RuleError::NoSiteLeft {
                    site: site_name(topology, *site),
                    already: if names.is_empty() {
                        "no other site".to_owned()
                    } else {
                        names.join(", ")
                    },
                });
            }
            Ok(CheckedMode {
                mode: mode.clone(),
                supersedes: Vec::new(),
            })
        }
        RoutingMode::EmergencyClosure { scope } | RoutingMode::NightMode { scope } => {
            check_scoped(mode, scope, active, topology)
        }
        RoutingMode::RegionalPriority {
            regions,
            waive_fees,
        } => check_regions(regions, *waive_fees, active, topology),
    }
}

fn already(topology: &Topology, mode: &RoutingMode, id: ModeId) -> RuleError {
    RuleError::AlreadyActive {
        what: describe_mode(topology, mode),
        id,
    }
}

/// Closure and night mode: the scope exists; a narrower mode of the same kind is replaced,
/// a wider one (or the same) refuses it.
fn check_scoped(
    mode: &RoutingMode,
    scope: &RoutingScope,
    active: &[ActiveMode],
    topology: &Topology,
) -> Result<CheckedMode, RuleError> {
    match scope {
        RoutingScope::Site(site) if topology.site(*site).is_none() => {
            return Err(RuleError::UnknownSite(*site));
        }
        RoutingScope::Queue(queue) if topology.queue(*queue).is_none() => {
            return Err(RuleError::UnknownQueue(*queue));
        }
        _ => {}
    }
    let mut supersedes = Vec::new();
    for existing in active {
        let ((
            RoutingMode::EmergencyClosure { scope: other },
            RoutingMode::EmergencyClosure { .. },
        )
        | (RoutingMode::NightMode { scope: other }, RoutingMode::NightMode { .. })) =
            (&existing.mode, mode)
        else {
            continue;
        };
        if other == scope {
            return Err(already(topology, mode, existing.id));
        }
        if scope_covers(topology, other, scope) {
            return Err(RuleError::CoveredBy {
                what: describe_mode(topology, mode),
                covering: describe_mode(topology, &existing.mode),
                id: existing.id,
            });
        }
        if scope_covers(topology, scope, other) {
            supersedes.push(existing.id);
        }
    }
    if matches!(mode, RoutingMode::NightMode { .. }) {
        let moves_something = topology.queues.iter().any(|q| {
            crate::resolve::scope_covers_queue(topology, scope, q.id)
                && night_queue(topology, q.id) != q.id
        });
        if !moves_something {
            return Err(RuleError::NightModeChangesNothing {
                scope: describe_scope(topology, scope),
            });
        }
    }
    Ok(CheckedMode {
        mode: mode.clone(),
        supersedes,
    })
}

/// Whether `outer` covers all of `inner`.
fn scope_covers(topology: &Topology, outer: &RoutingScope, inner: &RoutingScope) -> bool {
    match (outer, inner) {
        (RoutingScope::Centre, _) => true,
        (RoutingScope::Site(a), RoutingScope::Site(b)) => a == b,
        (RoutingScope::Site(a), RoutingScope::Queue(q)) => {
            topology.queue(*q).is_some_and(|q| q.site == *a)
        }
        (RoutingScope::Queue(a), RoutingScope::Queue(b)) => a == b,
        _ => false,
    }
}

/// Regional priority: at least one region, each well written and listed once; an active
/// mode whose regions are all included is replaced, one that shares only some refuses it.
fn check_regions(
    regions: &[String],
    waive_fees: bool,
    active: &[ActiveMode],
    topology: &Topology,
) -> Result<CheckedMode, RuleError> {
    if regions.is_empty() {
        return Err(RuleError::NoRegion);
    }
    if regions.len() > MAX_REGIONS {
        return Err(RuleError::TooManyRegions {
            count: regions.len(),
            max: MAX_REGIONS,
        });
    }
    let mut parsed: Vec<Region> = Vec::with_capacity(regions.len());
    for text in regions {
        let region = Region::parse(text).map_err(|problem| RuleError::BadRegion {
            text: text.trim().to_owned(),
            problem,
        })?;
        if parsed.iter().any(|r| r.key() == region.key()) {
            return Err(RuleError::RegionListedTwice {
                region: region.as_str().to_owned(),
            });
        }
        parsed.push(region);
    }
    let keys: BTreeSet<String> = parsed.iter().map(Region::key).collect();
    let mode = RoutingMode::RegionalPriority {
        regions: parsed.iter().map(|r| r.as_str().to_owned()).collect(),
        waive_fees,
    };
    let mut supersedes = Vec::new();
    for existing in active {
        let RoutingMode::RegionalPriority {
            regions: theirs,
            waive_fees: their_waive,
        } = &existing.mode
        else {
            continue;
        };
        let their_keys: BTreeSet<String> = theirs
            .iter()
            .filter_map(|r| Region::parse(r).ok())
            .map(|r| r.key())
            .collect();
        if their_keys.is_subset(&keys) {
            if their_keys == keys && *their_waive == waive_fees {
                return Err(already(topology, &mode, existing.id));
            }
            supersedes.push(existing.id);
        } else if let Some(shared) = parsed.iter().find(|r| their_keys.contains(&r.key())) {
            return Err(RuleError::RegionAlreadyPrioritised {
                region: shared.as_str().to_owned(),
                id: existing.id,
            });
        }
    }
    Ok(CheckedMode { mode, supersedes })
}
