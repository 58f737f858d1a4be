//! Routing modes at work: the supervisor's commands, the automatic revert, and where each
//! call goes. fw-routing decides (the same rules the impact preview and the Asterisk
//! dialplan follow); this file applies its decisions to the simulated calls.
//!
//! One invariant keeps a failover honest: no call ever waits in a queue of a failed-over
//! site. Waiting calls are moved when the failover starts, new calls and escalations are
//! routed away, and a call an agent there did not answer is moved on instead of going back
//! in line, so the site's agents are rung for nothing new. When a mode ends, the calls it
//! sent elsewhere go back (`routing_return.rs`).

use fw_domain::{
    CallId, DomainEvent, EventEnvelope, LeaveReason, QueueId, RoutingMode, RoutingScope, SiteId,
    Timestamp,
};
use fw_routing::{ModeId, QueueRoute, Region, RouteDecision, describe_mode, route_with};

use crate::agenda::Happening;
use crate::call_table::CallStage;
use crate::error::SimCommandError;
use crate::queue_board::PlaceInLine;
use crate::simulator::Simulator;
use crate::skills::site_of_queue;

/// Where routing sends a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Routed {
    /// Join this queue (the call's priority is already set for the visit).
    Queue(QueueId),
    /// The emergency announcement and a callback offer: the call does not wait.
    Callback,
}

impl Simulator {
    /// `ActivateRoutingMode`, once checked: see [`Simulator::execute`].
    pub(crate) fn activate_routing_mode(
        &mut self,
        mode: &RoutingMode,
        revert_at: Option<Timestamp>,
        out: &mut Vec<EventEnvelope>,
    ) -> Result<(), SimCommandError> {
        let at = self.now;
        self.check_mode(mode)?;
        if let Some(revert_at) = revert_at
            && revert_at <= at
        {
            return Err(SimCommandError::RevertNotInFuture { revert_at, now: at });
        }
        if let Some(held) = self.routing.find_mut(mode) {
            // The console re-sends its plan after a reconnect: the same mode again only
            // moves its revert time (a revert booked for the old time finds it moved on).
            if held.revert_at != revert_at {
                held.revert_at = revert_at;
                let id = held.id;
                self.schedule_revert(id, revert_at);
            }
            return Ok(());
        }
        let id = self.routing.add(mode.clone(), revert_at);
        self.schedule_revert(id, revert_at);
        self.emit(
            at,
            DomainEvent::RoutingModeChanged {
                mode: mode.clone(),
                active: true,
            },
            out,
        );
        match mode {
            RoutingMode::SiteFailover { site } => self.withdraw_from_failed_site(at, *site, out),
            RoutingMode::RegionalPriority { .. } => self.raise_waiting_callers(at, id, mode, out),
            // Closures and night mode act on new calls only: callers already waiting keep
            // their place, as in a real queue.
            RoutingMode::EmergencyClosure { .. } | RoutingMode::NightMode { .. } => {}
        }
        Ok(())
    }

    /// `DeactivateRoutingMode`: the equal mode stops acting at once.
    pub(crate) fn deactivate_routing_mode(
        &mut self,
        mode: &RoutingMode,
        out: &mut Vec<EventEnvelope>,
    ) -> Result<(), SimCommandError> {
        let Some(removed) = self.routing.remove(mode) else {
            return Err(SimCommandError::RoutingModeNotActive {
                mode: mode.clone(),
                description: describe_mode(&self.centre.topology, mode),
            });
        };
        self.announce_mode_off(self.now, removed.mode, out);
        Ok(())
    }

    /// A mode's revert time came: it switches itself off, unless it was switched off or
    /// given another revert time since this revert was booked.
    pub(crate) fn on_routing_revert(
        &mut self,
        at: Timestamp,
        id: ModeId,
        out: &mut Vec<EventEnvelope>,
    ) {
        if let Some(removed) = self.routing.remove_due(id, at) {
            self.announce_mode_off(at, removed.mode, out);
        }
    }

    /// A mode goes: announced, then the calls still waiting away from the queue they chose
    /// go back where the modes still in force send them (see `routing_return.rs`), at the
    /// same instant. Raised callers keep their priority and fee waiver.
    fn announce_mode_off(
        &mut self,
        at: Timestamp,
        mode: RoutingMode,
        out: &mut Vec<EventEnvelope>,
    ) {
        self.emit(
            at,
            DomainEvent::RoutingModeChanged {
                mode,
                active: false,
            },
            out,
        );
        self.return_displaced_calls(at, out);
    }

    fn schedule_revert(&mut self, id: ModeId, revert_at: Option<Timestamp>) {
        if let Some(revert_at) = revert_at {
            self.agenda
                .schedule(revert_at, Happening::RoutingRevert { mode: id });
        }
    }

    /// Refuses a mode naming a site or queue the centre does not have, or a region that
    /// cannot match anyone (fw-routing would skip it silently).
    fn check_mode(&self, mode: &RoutingMode) -> Result<(), SimCommandError> {
        let topology = &self.centre.topology;
        let site = |site: SiteId| {
            topology
                .site(site)
                .map(|_| ())
                .ok_or(SimCommandError::UnknownSite(site))
        };
        match mode {
            RoutingMode::SiteFailover { site: failed } => site(*failed),
            RoutingMode::EmergencyClosure { scope } | RoutingMode::NightMode { scope } => {
                match scope {
                    RoutingScope::Centre => Ok(()),
                    RoutingScope::Site(id) => site(*id),
                    RoutingScope::Queue(queue) => topology
                        .queue(*queue)
                        .map(|_| ())
                        .ok_or(SimCommandError::UnknownQueue(*queue)),
                }
            }
            RoutingMode::RegionalPriority { regions, .. } => {
                for region in regions {
                    Region::parse(region).map_err(|problem| SimCommandError::InvalidRegion {
                        region: region.clone(),
                        problem,
                    })?;
                }
                Ok(())
            }
        }
    }

    /// Routes `call`, sent to `queue` (by the IVR, an escalation or a failover), and sets
    /// its priority for the visit. Draws from the call flow's random stream only to choose
    /// between several failover targets, so a run without modes draws exactly as before.
    pub(crate) fn route_call(&mut self, at: Timestamp, call: CallId, queue: QueueId) -> Routed {
        let decision = if self.routing.none_acting(at) {
            None
        } else {
            self.decide_route(at, call, queue)
        };
        let (routed, boost, waive_fees) = match decision {
            None => (Routed::Queue(queue), 0, false),
            Some(RouteDecision::Queue(route)) => {
                let to = self.pick_target(&route);
                (Routed::Queue(to), route.priority_boost, route.waive_fees)
            }
            Some(RouteDecision::EmergencyAnnouncementAndCallback { .. }) => {
                (Routed::Callback, 0, false)
            }
        };
        self.mark_covered(call, boost, waive_fees);
        routed
    }

    /// What fw-routing decides for `call` (if live) headed for `queue` under the modes
    /// acting at `at`.
    pub(crate) fn decide_route(
        &self,
        at: Timestamp,
        call: CallId,
        queue: QueueId,
    ) -> Option<RouteDecision> {
        let caller = self.calls.get(call)?.caller.info();
        Some(route_with(
            &self.centre.topology,
            self.routing.acting(at),
            queue,
            &caller,
        ))
    }

    /// The queue to join among a route's candidates: split by staffed agents when there
    /// are several (the only draw routing makes).
    pub(crate) fn pick_target(&mut self, route: &QueueRoute) -> QueueId {
        if route.candidates.len() > 1 {
            let unit = self.rng.unit();
            route.pick(|q| self.board.staffed(q), unit)
        } else {
            route.queue()
        }
    }

    /// Records what a regional priority gives the caller: the boost (the largest ever
    /// given) and the fee waiver stay with the call to its end, so a mode ending, a move or
    /// an escalation never takes back what the caller was given. Sets the visit's priority.
    pub(crate) fn mark_covered(&mut self, call: CallId, boost: u8, waive_fees: bool) {
        if let Some(record) = self.calls.get_mut(call) {
            record.priority_boost = record.priority_boost.max(boost);
            record.fees_waived |= waive_fees;
            record.priority = record.base_priority.saturating_add(record.priority_boost);
        }
    }

    /// A call headed for `queue` joins the queue routing picks and is paired with its idle
    /// agents, or hears the announcement and takes the callback offer.
    pub(crate) fn queue_routed(
        &mut self,
        at: Timestamp,
        call: CallId,
        queue: QueueId,
        out: &mut Vec<EventEnvelope>,
    ) {
        match self.route_call(at, call, queue) {
            Routed::Queue(to) => {
                self.join_queue(at, call, to, out);
                self.fill_queue(at, to, out);
            }
            Routed::Callback => self.announce_and_call_back(at, call, queue, out),
        }
    }

    /// The call reaches `queue` and, at the same instant, takes the callback offer the
    /// announcement makes: nothing waits in a closed queue. The call ends here.
    pub(crate) fn announce_and_call_back(
        &mut self,
        at: Timestamp,
        call: CallId,
        queue: QueueId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.remove(call) else {
            return;
        };
        self.emit(
            at,
            DomainEvent::CallQueued {
                call,
                queue,
                priority: record.priority,
                fees_waived: record.fees_waived,
            },
            out,
        );
        self.emit(at, DomainEvent::CallbackRequested { call }, out);
    }

    /// A call that rang an agent unanswered goes back in line, or, its site failed over,
    /// on to another site (see the module's invariant), or, the mode that sent it here
    /// having ended while it rang, back to the queue it chose.
    pub(crate) fn back_in_line(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(queue) = self.calls.get(call).map(|record| record.queue) else {
            return;
        };
        self.return_to_line(call);
        if self.routing.failed_over(site_of_queue(queue), at) {
            self.reroute_waiting(at, call, out);
        } else if let Some(back) = self.return_if_displaced(at, call, out) {
            self.fill_queue(at, back, out);
        } else {
            self.fill_queue(at, queue, out);
        }
    }

    /// Every call waiting (not ringing) at the failed site moves, in id order.
    fn withdraw_from_failed_site(
        &mut self,
        at: Timestamp,
        site: SiteId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let moving: Vec<CallId> = self
            .calls
            .iter()
            .filter(|r| r.stage == CallStage::Waiting && site_of_queue(r.queue) == site)
            .map(|r| r.id)
            .collect();
        for call in moving {
            self.reroute_waiting(at, call, out);
        }
    }

    /// Withdraws a waiting call and offers it again through routing, as a platform moving
    /// a caller between sites does: `CallLeftQueue { Withdrawn }`, `CallOffered` (same call
    /// and caller) and the new queue visit, all at `at`. The caller's patience starts again
    /// with the new visit; the wait so far still counts for the survey.
    pub(crate) fn reroute_waiting(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) {
        if self
            .calls
            .get(call)
            .is_none_or(|r| r.stage != CallStage::Waiting)
        {
            return;
        }
        let Some((from, queued_at)) = self.withdraw_for_move(at, call, out) else {
            return;
        };
        if let Some(record) = self.calls.get_mut(call) {
            record.earlier_wait_ms += at.0 - queued_at.0;
        }
        self.queue_routed(at, call, from, out);
    }

    /// Takes a waiting call out of its line and tells the first half of a move as a
    /// platform does: `CallLeftQueue { Withdrawn }`, then `CallOffered` (same call and
    /// caller), at `at`. Returns the queue it waited in and since when; the caller queues
    /// it again.
    pub(crate) fn withdraw_for_move(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) -> Option<(QueueId, Timestamp)> {
        let record = self.calls.get(call)?;
        let (from, queued_at) = (record.queue, record.queued_at.unwrap_or(at));
        let caller = record.caller.info();
        self.board
            .remove_waiting(from, PlaceInLine::new(call, record.priority, queued_at));
        self.emit(
            at,
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Withdrawn,
            },
            out,
        );
        self.emit(at, DomainEvent::CallOffered { call, caller }, out);
        Some((from, queued_at))
    }

    /// A new regional priority raises the callers already waiting who fall under it: they
    /// move up their line (priority first, then wait) and the queue re-announces them, with
    /// their fees waived if the mode waives them. A caller it gives nothing new (already
    /// raised as high, fees already waived) is not re-announced.
    fn raise_waiting_callers(
        &mut self,
        at: Timestamp,
        id: ModeId,
        mode: &RoutingMode,
        out: &mut Vec<EventEnvelope>,
    ) {
        let topology = &self.centre.topology;
        let raised: Vec<(CallId, u8, bool)> = self
            .calls
            .iter()
            .filter(|r| r.stage == CallStage::Waiting)
            .filter_map(|r| {
                let decision = route_with(topology, [(id, mode)], r.queue, &r.caller.info());
                let RouteDecision::Queue(route) = decision else {
                    return None;
                };
                let higher = route.priority_boost > r.priority_boost;
                let newly_waived = route.waive_fees && !r.fees_waived;
                (higher || newly_waived).then_some((r.id, route.priority_boost, route.waive_fees))
            })
            .collect();
        for (call, boost, waive_fees) in raised {
            let Some(record) = self.calls.get(call) else {
                continue;
            };
            let (queue, old_priority) = (record.queue, record.priority);
            let queued_at = record.queued_at.unwrap_or(at);
            self.mark_covered(call, boost, waive_fees);
            let Some(record) = self.calls.get(call) else {
                continue;
            };
            let (priority, fees_waived) = (record.priority, record.fees_waived);
            self.board
                .remove_waiting(queue, PlaceInLine::new(call, old_priority, queued_at));
            self.board
                .add_waiting(queue, PlaceInLine::new(call, priority, queued_at));
            self.emit(
                at,
                DomainEvent::CallQueued {
                    call,
                    queue,
                    priority,
                    fees_waived,
                },
                out,
            );
        }
    }
}
