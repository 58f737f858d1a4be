//! The preview's arithmetic: move agents, then calls, then project every queue touched.

use std::iter::once;

use fw_domain::{QueueId, RoutingMode, Timestamp, Topology};

use super::outlook::{outlook, priority_asa, required, usable_aht, usable_rate};
use super::{
    Destination, Impact, LiveLoad, Projection, QueueImpact, QueueRole, RegionalImpact,
    RegionalQueue, Share, Target, WaitingCaller,
};
use crate::actor::ModeId;
use crate::error::RuleError;
use crate::interactions::interactions;
use crate::mode::ActiveMode;
use crate::plan::RoutingPlan;
use crate::region::Region;
use crate::resolve::{Resolution, Routing};
use crate::rules::check_mode;

impl RoutingPlan {
    /// What `mode` would do if it were turned on at `now`, from the live `load`. Refused
    /// with the same [`RuleError`] the activation would get for the mode itself (the reason,
    /// revert time and approval are checked at activation).
    pub fn preview(
        &self,
        mode: &RoutingMode,
        load: &LiveLoad,
        now: Timestamp,
    ) -> Result<Impact, RuleError> {
        let topology = self.topology();
        let in_force: Vec<&ActiveMode> = self.in_force(now).collect();
        let owned: Vec<ActiveMode> = in_force.iter().map(|m| (*m).clone()).collect();
        let checked = check_mode(mode, &owned, topology)?;
        let before = Routing::new(topology, in_force.iter().map(|m| (m.id, &m.mode)));
        let kept = in_force
            .iter()
            .filter(|m| !checked.supersedes.contains(&m.id))
            .map(|m| (m.id, &m.mode));
        let after = Routing::new(
            topology,
            kept.chain(once((ModeId::PROPOSED, &checked.mode))),
        );

        let mut board = Board::new(topology, load);
        board.move_agents(&before, &after);
        board.move_calls(&before, &after);
        let regional = match &checked.mode {
            RoutingMode::RegionalPriority { regions, .. } => Some(regional_impact(
                &board,
                regions,
                load.waiting_callers.as_deref(),
            )),
            _ => None,
        };
        let interactions = interactions(topology, &before, &after);
        let moved = board.finish(&after);
        Ok(Impact {
            mode: checked.mode,
            supersedes: checked.supersedes,
            // Regional priority moves no call: the callers it affects are those it serves
            // first.
            calls_waiting_affected: regional.as_ref().map_or(moved.calls_waiting_affected, |r| {
                r.waiting_prioritised.unwrap_or(0)
            }),
            agents_affected: moved.agents_affected,
            destinations: moved.destinations,
            queues: moved.queues,
            callbacks_per_hour: moved.callbacks_per_hour,
            callbacks_waiting: moved.callbacks_waiting,
            regional,
            interactions,
        })
    }
}

/// One queue's live inputs, sanitised.
#[derive(Clone, Copy, Debug, Default)]
struct Live {
    arrivals: f64,
    staffed: u32,
    available: u32,
    aht: Option<f64>,
    waiting: u32,
}

/// What moving agents and calls came to.
struct Moved {
    calls_waiting_affected: u32,
    agents_affected: u32,
    destinations: Vec<Destination>,
    queues: Vec<QueueImpact>,
    callbacks_per_hour: f64,
    callbacks_waiting: u32,
}

/// The queues' state while the preview moves agents and calls.
struct Board<'a> {
    topology: &'a Topology,
    load: &'a LiveLoad,
    live: Vec<Live>,
    staffed_after: Vec<u32>,
    available_after: Vec<u32>,
    arrivals_after: Vec<f64>,
    /// Arrivals with a known handle time, and their Erlang-seconds: the handle time after
    /// is the mix of the calls a queue will take.
    timed_after: Vec<f64>,
    work_after: Vec<f64>,
    agents_moved: Vec<bool>,
    sends: Vec<bool>,
    receives: Vec<bool>,
    destinations: Vec<Destination>,
    calls_waiting_affected: u32,
    callbacks_per_hour: f64,
    callbacks_waiting: u32,
}

impl<'a> Board<'a> {
    fn new(topology: &'a Topology, load: &'a LiveLoad) -> Board<'a> {
        let n = topology.queues.len();
        let mut live = vec![Live::default(); n];
        for figures in &load.queues {
            if let Some(slot) = live.get_mut(figures.queue.index()) {
                *slot = Live {
                    arrivals: usable_rate(figures.arrivals_per_hour),
                    staffed: figures.staffed,
                    available: figures.available.min(figures.staffed),
                    aht: usable_aht(figures.aht_secs),
                    waiting: figures.waiting,
                };
            }
        }
        let timed_after: Vec<f64> = live
            .iter()
            .map(|l| if l.aht.is_some() { l.arrivals } else { 0.0 })
            .collect();
        Board {
            topology,
            load,
            staffed_after: live.iter().map(|l| l.staffed).collect(),
            available_after: live.iter().map(|l| l.available).collect(),
            arrivals_after: live.iter().map(|l| l.arrivals).collect(),
            work_after: live
                .iter()
                .map(|l| l.arrivals * l.aht.unwrap_or(0.0))
                .collect(),
            timed_after,
            live,
            agents_moved: vec![false; n],
            sends: vec![false; n],
            receives: vec![false; n],
            destinations: Vec::new(),
            calls_waiting_affected: 0,
            callbacks_per_hour: 0.0,
            callbacks_waiting: 0,
        }
    }

    /// A failed site's agents are gone; night mode moves a queue's agents onto its night
    /// queue; a closure leaves its agents idle.
    fn move_agents(&mut self, before: &Routing<'_>, after: &Routing<'_>) {
        let topology = self.topology;
        let newly_failed = |q: QueueId| {
            topology.queue(q).is_some_and(|c| {
                after.failed_by(c.site).is_some() && before.failed_by(c.site).is_none()
            })
        };
        for queue in topology.queues.iter().map(|q| q.id) {
            let i = queue.index();
            if newly_failed(queue) {
                self.staffed_after[i] = 0;
                self.available_after[i] = 0;
                self.agents_moved[i] = true;
            }
        }
        for queue in topology.queues.iter().map(|q| q.id) {
            let i = queue.index();
            let Some((_, target)) = after.night_target(queue) else {
                continue;
            };
            let already = before.night_target(queue).map(|(_, t)| t) == Some(target);
            if already || newly_failed(queue) || newly_failed(target) {
                continue;
            }
            let t = target.index();
            self.staffed_after[t] += self.staffed_after[i];
            self.available_after[t] += self.available_after[i];
            self.staffed_after[i] = 0;
            self.available_after[i] = 0;
            self.agents_moved[i] = true;
        }
        for queue in topology.queues.iter().map(|q| q.id) {
            if after.closed_by(queue).is_some() && before.closed_by(queue).is_none() {
                self.agents_moved[queue.index()] = true;
            }
        }
    }

    /// Every queue whose calls now go somewhere else sends its arrivals there.
    fn move_calls(&mut self, before: &Routing<'_>, after: &Routing<'_>) {
        for queue in self.topology.queues.iter().map(|q| q.id) {
            let (was, will) = (before.resolve(queue), after.resolve(queue));
            if same_route(&was, &will) {
                continue;
            }
            let i = queue.index();
            let live = self.live[i];
            self.sends[i] = true;
            self.calls_waiting_affected += live.waiting;
            self.take_away(i, live.arrivals, live.aht);
            let to = match will {
                Resolution::Closed { mode, because } => {
                    self.callbacks_per_hour += live.arrivals;
                    self.callbacks_waiting += live.waiting;
                    Target::AnnouncementAndCallback { mode, because }
                }
                Resolution::Queue(candidates) => {
                    let shares = self.shares(&candidates);
                    for share in &shares {
                        let c = share.queue.index();
                        self.bring(c, live.arrivals * share.share, live.aht);
                        if c != i {
                            self.receives[c] = true;
                        }
                    }
                    Target::Queues(shares)
                }
            };
            self.destinations.push(Destination { from: queue, to });
        }
    }

    fn take_away(&mut self, i: usize, arrivals: f64, aht: Option<f64>) {
        self.arrivals_after[i] = (self.arrivals_after[i] - arrivals).max(0.0);
        if let Some(aht) = aht {
            self.timed_after[i] = (self.timed_after[i] - arrivals).max(0.0);
            self.work_after[i] = (self.work_after[i] - arrivals * aht).max(0.0);
        }
    }

    fn bring(&mut self, i: usize, arrivals: f64, aht: Option<f64>) {
        self.arrivals_after[i] += arrivals;
        if let Some(aht) = aht {
            self.timed_after[i] += arrivals;
            self.work_after[i] += arrivals * aht;
        }
    }

    /// Split by staffed agents after the change; evenly if nobody is staffed anywhere.
    fn shares(&self, candidates: &[QueueId]) -> Vec<Share> {
        let total: u32 = candidates
            .iter()
            .map(|q| self.staffed_after[q.index()])
            .sum();
        candidates
            .iter()
            .map(|q| Share {
                queue: *q,
                share: if total == 0 {
                    1.0 / candidates.len() as f64
                } else {
                    f64::from(self.staffed_after[q.index()]) / f64::from(total)
                },
            })
            .collect()
    }

    fn finish(self, after: &Routing<'_>) -> Moved {
        let mut queues = Vec::new();
        for config in &self.topology.queues {
            let i = config.id.index();
            let role = match (self.sends[i], self.receives[i]) {
                (true, true) => QueueRole::SendsAndReceives,
                (true, false) => QueueRole::Sends,
                (false, true) => QueueRole::Receives,
                (false, false) => continue,
            };
            let keeps_own =
                matches!(after.resolve(config.id), Resolution::Queue(c) if c.contains(&config.id));
            let threshold = f64::from(config.sl_threshold_secs);
            let project =
                |arrivals: f64, staffed: u32, available: u32, aht: Option<f64>| Projection {
                    arrivals_per_hour: arrivals,
                    staffed,
                    available,
                    aht_secs: aht,
                    outlook: outlook(arrivals, staffed, aht, threshold),
                    agents_required: required(arrivals, aht, threshold, config.sl_target_pct),
                };
            let live = self.live[i];
            let aht_after = (self.timed_after[i] > 1e-9)
                .then(|| self.work_after[i] / self.timed_after[i])
                .or(live.aht);
            queues.push(QueueImpact {
                queue: config.id,
                role,
                before: project(live.arrivals, live.staffed, live.available, live.aht),
                after: (keeps_own || self.receives[i]).then(|| {
                    project(
                        self.arrivals_after[i],
                        self.staffed_after[i],
                        self.available_after[i],
                        aht_after,
                    )
                }),
            });
        }
        Moved {
            calls_waiting_affected: self.calls_waiting_affected,
            agents_affected: self.agents_affected(),
            destinations: self.destinations,
            queues,
            callbacks_per_hour: self.callbacks_per_hour,
            callbacks_waiting: self.callbacks_waiting,
        }
    }

    /// Per site: the site's own count when every queue there is touched (an agent in
    /// several queues is one person), else the touched queues' sum.
    fn agents_affected(&self) -> u32 {
        let mut total = 0;
        for site in &self.topology.sites {
            let queues: Vec<usize> = self
                .topology
                .queues
                .iter()
                .filter(|q| q.site == site.id)
                .map(|q| q.id.index())
                .collect();
            let moved: u32 = queues
                .iter()
                .filter(|i| self.agents_moved[**i])
                .map(|i| self.live[*i].staffed)
                .sum();
            let whole_site = !queues.is_empty() && queues.iter().all(|i| self.agents_moved[*i]);
            let site_count = self
                .load
                .sites
                .iter()
                .find(|s| s.site == site.id)
                .map(|s| s.staffed);
            total += match site_count {
                Some(count) if whole_site => count,
                _ => moved,
            };
        }
        total
    }
}

/// The same destination, whichever mode sends it there.
fn same_route(a: &Resolution, b: &Resolution) -> bool {
    match (a, b) {
        (Resolution::Closed { .. }, Resolution::Closed { .. }) => true,
        (Resolution::Queue(x), Resolution::Queue(y)) => x == y,
        _ => false,
    }
}

fn regional_impact(
    board: &Board<'_>,
    regions: &[String],
    waiting: Option<&[WaitingCaller]>,
) -> RegionalImpact {
    let parsed: Vec<Region> = regions
        .iter()
        .filter_map(|r| Region::parse(r).ok())
        .collect();
    let Some(waiting) = waiting else {
        return RegionalImpact {
            share: None,
            waiting_prioritised: None,
            queues: Vec::new(),
        };
    };
    let from_regions = |w: &&WaitingCaller| parsed.iter().any(|r| r.matches(&w.caller));
    let prioritised = waiting.iter().filter(from_regions).count() as u32;
    let share = (!waiting.is_empty()).then(|| f64::from(prioritised) / waiting.len() as f64);
    let mut queues = Vec::new();
    if let Some(share) = share {
        for (i, live) in board.live.iter().enumerate() {
            if live.arrivals <= 0.0 {
                continue;
            }
            let queue = board.topology.queues[i].id;
            let here = waiting
                .iter()
                .filter(|w| w.queue == queue)
                .filter(from_regions)
                .count() as u32;
            let asa = priority_asa(live.arrivals, live.staffed, live.aht, share);
            queues.push(RegionalQueue {
                queue,
                waiting_prioritised: here,
                asa_prioritised_secs: asa.map(|(first, _)| first),
                asa_others_secs: asa.map(|(_, others)| others),
            });
        }
    }
    RegionalImpact {
        share,
        waiting_prioritised: Some(prioritised),
        queues,
    }
}
