//! Where a queue's calls go under a set of modes. One place, so the routing decision for a
//! call, the impact preview and the AstDB keys agree.
//!
//! The order, for a call that the IVR sends to queue `q`:
//!
//! 1. **Emergency closure** of `q` (its queue, site or the centre): the caller hears the
//!    announcement and is offered a callback. Closure wins over every other mode.
//! 2. **Night mode** covering `q`: the call goes to the night queue of `q`'s skill, the
//!    lowest-id queue with that skill in the centre (see [`night_queue`]).
//! 3. **Site failover** of the site the call is now headed for: the call goes to the same
//!    skill at the other sites that are neither failed over nor closed. None left: the
//!    announcement and a callback, as for a closure.
//! 4. **Emergency closure** of the queue the call is now headed for (night mode or failover
//!    moved it there): the announcement and a callback.
//!
//! Regional priority does not move calls; it raises the caller's queue priority.

use fw_domain::{CallerInfo, QueueId, RoutingMode, RoutingScope, SiteId, Topology};

use crate::actor::ModeId;
use crate::region::Region;

/// Why a call is not queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClosedBecause {
    /// An emergency closure covers the queue.
    EmergencyClosure,
    /// Its site failed over and no other site has an open queue with the same skill.
    NoFailoverTarget,
}

/// Where a queue's calls go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// To one of these queues (never empty; one unless failing over), lowest id first.
    Queue(Vec<QueueId>),
    /// Not queued: the announcement and a callback offer.
    Closed {
        mode: ModeId,
        because: ClosedBecause,
    },
}

/// The night queue of `queue`'s skill: the lowest-id queue in the centre with the same
/// skill. Night mode merges the queues it covers onto it; the night team works there. (A
/// simple, predictable rule: in the simulator and a typical three-site layout it is the
/// first site's queue of each skill.)
pub fn night_queue(topology: &Topology, queue: QueueId) -> QueueId {
    let Some(config) = topology.queue(queue) else {
        return queue;
    };
    topology
        .queues
        .iter()
        .find(|q| q.skill == config.skill)
        .map_or(queue, |q| q.id)
}

/// Whether `scope` covers `queue`.
pub fn scope_covers_queue(topology: &Topology, scope: &RoutingScope, queue: QueueId) -> bool {
    match scope {
        RoutingScope::Centre => true,
        RoutingScope::Site(site) => topology.queue(queue).is_some_and(|q| q.site == *site),
        RoutingScope::Queue(q) => *q == queue,
    }
}

/// The modes in force, sorted by kind, with regions read once.
#[derive(Debug)]
pub(crate) struct Routing<'a> {
    topology: &'a Topology,
    failovers: Vec<(ModeId, SiteId)>,
    closures: Vec<(ModeId, &'a RoutingScope)>,
    nights: Vec<(ModeId, &'a RoutingScope)>,
    priorities: Vec<(ModeId, Vec<Region>, bool)>,
}

impl<'a> Routing<'a> {
    pub(crate) fn new(
        topology: &'a Topology,
        modes: impl IntoIterator<Item = (ModeId, &'a RoutingMode)>,
    ) -> Routing<'a> {
        let mut routing = Routing {
            topology,
            failovers: Vec::new(),
            closures: Vec::new(),
            nights: Vec::new(),
            priorities: Vec::new(),
        };
        for (id, mode) in modes {
            match mode {
                RoutingMode::SiteFailover { site } => routing.failovers.push((id, *site)),
                RoutingMode::EmergencyClosure { scope } => routing.closures.push((id, scope)),
                RoutingMode::NightMode { scope } => routing.nights.push((id, scope)),
                RoutingMode::RegionalPriority {
                    regions,
                    waive_fees,
                } => {
                    // The plan only holds checked regions; anything else is skipped rather
                    // than matched loosely.
                    let parsed = regions.iter().filter_map(|r| Region::parse(r).ok());
                    routing.priorities.push((id, parsed.collect(), *waive_fees));
                }
            }
        }
        routing
    }

    pub(crate) fn closed_by(&self, queue: QueueId) -> Option<ModeId> {
        self.closures
            .iter()
            .find(|(_, scope)| scope_covers_queue(self.topology, scope, queue))
            .map(|(id, _)| *id)
    }

    pub(crate) fn failed_by(&self, site: SiteId) -> Option<ModeId> {
        self.failovers
            .iter()
            .find(|(_, s)| *s == site)
            .map(|(id, _)| *id)
    }

    /// The night queue `queue` is merged onto, when a night mode covers it and it is not
    /// the night queue itself.
    pub(crate) fn night_target(&self, queue: QueueId) -> Option<(ModeId, QueueId)> {
        let (id, _) = self
            .nights
            .iter()
            .find(|(_, scope)| scope_covers_queue(self.topology, scope, queue))?;
        let target = night_queue(self.topology, queue);
        (target != queue).then_some((*id, target))
    }

    /// The same skill at the other sites, neither failed over nor closed, lowest id first.
    pub(crate) fn failover_candidates(&self, queue: QueueId) -> Vec<QueueId> {
        let Some(config) = self.topology.queue(queue) else {
            return Vec::new();
        };
        self.topology
            .queues
            .iter()
            .filter(|q| q.skill == config.skill && q.site != config.site)
            .filter(|q| self.failed_by(q.site).is_none() && self.closed_by(q.id).is_none())
            .map(|q| q.id)
            .collect()
    }

    /// Where calls the IVR sends to `queue` go (see the module's order).
    pub(crate) fn resolve(&self, queue: QueueId) -> Resolution {
        if let Some(mode) = self.closed_by(queue) {
            return Resolution::Closed {
                mode,
                because: ClosedBecause::EmergencyClosure,
            };
        }
        let target = self.night_target(queue).map_or(queue, |(_, t)| t);
        let Some(config) = self.topology.queue(target) else {
            return Resolution::Queue(vec![queue]);
        };
        if let Some(mode) = self.failed_by(config.site) {
            let candidates = self.failover_candidates(target);
            if candidates.is_empty() {
                return Resolution::Closed {
                    mode,
                    because: ClosedBecause::NoFailoverTarget,
                };
            }
            return Resolution::Queue(candidates);
        }
        if let Some(mode) = self.closed_by(target) {
            return Resolution::Closed {
                mode,
                because: ClosedBecause::EmergencyClosure,
            };
        }
        Resolution::Queue(vec![target])
    }

    /// The regional-priority mode a caller falls under (the oldest, if several do), and
    /// whether any that matches waives fees.
    pub(crate) fn priority_for(&self, caller: &CallerInfo) -> Option<(ModeId, bool)> {
        let mut matching = self
            .priorities
            .iter()
            .filter(|(_, regions, _)| regions.iter().any(|r| r.matches(caller)));
        let (first, _, waive) = matching.next()?;
        let waive = *waive || matching.any(|(_, _, w)| *w);
        Some((*first, waive))
    }
}
