//! What the routing plan does to one call: the function a platform applies (the simulator
//! directly; Asterisk through the AstDB keys and the dialplan in `docs/asterisk-routing.md`,
//! which follow the same order).

use fw_domain::{CallerInfo, QueueId, RoutingMode, Timestamp, Topology};

use crate::actor::ModeId;
use crate::plan::RoutingPlan;
use crate::resolve::{ClosedBecause, Resolution, Routing};

/// How much regional priority raises a caller's queue priority (Asterisk `QUEUE_PRIO`:
/// higher is answered first). Above the simulator's VIP priority (5), so a caller from the
/// disaster area goes before an ordinary VIP.
pub const REGIONAL_PRIORITY_BOOST: u8 = 10;

/// Where one call goes.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteDecision {
    /// Queue the call.
    Queue(QueueRoute),
    /// Play the emergency announcement and offer a callback instead of queueing.
    EmergencyAnnouncementAndCallback {
        mode: ModeId,
        because: ClosedBecause,
    },
}

/// A call to be queued, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueRoute {
    /// The queue to join: the one asked for, its night queue, or (the site failed over)
    /// the same skill at every site still up and open, lowest id first. Never empty. With
    /// several, the platform picks one: [`QueueRoute::pick`] splits calls by staffed agents
    /// as the impact preview assumes; the Asterisk dialplan takes the one with the most
    /// free members.
    pub candidates: Vec<QueueId>,
    /// Add to the caller's queue priority.
    pub priority_boost: u8,
    /// The regional-priority mode the caller falls under: they hear its message first.
    pub priority_mode: Option<ModeId>,
    /// The caller's fees are waived (shown to the agent; the platform marks the call).
    pub waive_fees: bool,
}

impl QueueRoute {
    /// The first candidate (the only one unless failing over).
    pub fn queue(&self) -> QueueId {
        self.candidates[0]
    }

    /// One candidate, chosen with probability proportional to `staffed` (equal shares if
    /// nobody is staffed anywhere), by a uniform draw `unit` in `[0, 1)` from the caller's
    /// own random source.
    pub fn pick(&self, staffed: impl Fn(QueueId) -> u32, unit: f64) -> QueueId {
        let weights: Vec<f64> = self
            .candidates
            .iter()
            .map(|q| f64::from(staffed(*q)))
            .collect();
        let total: f64 = weights.iter().sum();
        let unit = if unit.is_finite() {
            unit.clamp(0.0, 1.0)
        } else {
            0.0
        };
        if total <= 0.0 {
            let index = (unit * self.candidates.len() as f64) as usize;
            return self.candidates[index.min(self.candidates.len() - 1)];
        }
        let mut left = unit * total;
        for (queue, weight) in self.candidates.iter().zip(&weights) {
            if left < *weight {
                return *queue;
            }
            left -= weight;
        }
        // Rounding at the very top of the range: the last one that has anyone.
        let last = weights.iter().rposition(|w| *w > 0.0).unwrap_or(0);
        self.candidates[last]
    }
}

/// Routes a call the IVR sends to `queue` under `modes` (each with its id): for a platform
/// that keeps the modes in force but not a whole plan.
pub fn route_with<'a>(
    topology: &'a Topology,
    modes: impl IntoIterator<Item = (ModeId, &'a RoutingMode)>,
    queue: QueueId,
    caller: &CallerInfo,
) -> RouteDecision {
    let routing = Routing::new(topology, modes);
    match routing.resolve(queue) {
        Resolution::Closed { mode, because } => {
            RouteDecision::EmergencyAnnouncementAndCallback { mode, because }
        }
        Resolution::Queue(candidates) => {
            let priority = routing.priority_for(caller);
            RouteDecision::Queue(QueueRoute {
                candidates,
                priority_boost: if priority.is_some() {
                    REGIONAL_PRIORITY_BOOST
                } else {
                    0
                },
                priority_mode: priority.map(|(id, _)| id),
                waive_fees: priority.is_some_and(|(_, waive)| waive),
            })
        }
    }
}

/// The regional priority `caller` falls under among `modes` (the oldest, if several do) and
/// whether any that matches waives fees: the rule [`route_with`] applies to a new call, for
/// a platform raising callers already waiting.
pub fn regional_priority<'a>(
    topology: &'a Topology,
    modes: impl IntoIterator<Item = (ModeId, &'a RoutingMode)>,
    caller: &CallerInfo,
) -> Option<(ModeId, bool)> {
    Routing::new(topology, modes).priority_for(caller)
}

impl RoutingPlan {
    /// Routes a call the IVR sends to `queue`, from `caller`, at `now`. Modes past their
    /// revert time no longer act, whether or not the revert has been recorded yet.
    pub fn route(&self, queue: QueueId, caller: &CallerInfo, now: Timestamp) -> RouteDecision {
        route_with(
            self.topology(),
            self.in_force(now).map(|m| (m.id, &m.mode)),
            queue,
            caller,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(candidates: &[u16]) -> QueueRoute {
        QueueRoute {
            candidates: candidates.iter().map(|q| QueueId(*q)).collect(),
            priority_boost: 0,
            priority_mode: None,
            waive_fees: false,
        }
    }

    #[test]
    fn pick_splits_by_staffed_agents_and_evenly_when_nobody_is_staffed() {
        let two = route(&[1, 2]);
        let staffed = |q: QueueId| if q == QueueId(1) { 3 } else { 1 };
        assert_eq!(two.pick(staffed, 0.0), QueueId(1));
        assert_eq!(two.pick(staffed, 0.74), QueueId(1));
        assert_eq!(two.pick(staffed, 0.76), QueueId(2));
        assert_eq!(two.pick(staffed, 1.0), QueueId(2), "the top of the range");
        assert_eq!(two.pick(|_| 0, 0.4), QueueId(1));
        assert_eq!(two.pick(|_| 0, 0.6), QueueId(2));
        assert_eq!(two.pick(|_| 0, f64::NAN), QueueId(1));
        let only_second = |q: QueueId| u32::from(q == QueueId(2));
        assert_eq!(two.pick(only_second, 0.0), QueueId(2));
    }
}
