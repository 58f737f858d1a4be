//! Calls before an agent answers: arrival, IVR, queueing, ringing, abandons and callbacks.

use fw_domain::{
    AgentId, AgentState, CallId, DomainEvent, EventEnvelope, LeaveReason, MINUTE_MS, QueueId,
    SECOND_MS, Timestamp,
};

use crate::agenda::Happening;
use crate::call_table::{CallRecord, CallStage};
use crate::queue_board::PlaceInLine;
use crate::simulator::Simulator;
use crate::skills::{Skill, site_of_queue};

/// Share of callers who hang up in the IVR.
const IVR_HANGUP_RATE: f64 = 0.02;
/// Share of callers with VIP priority.
const VIP_RATE: f64 = 0.05;
const VIP_PRIORITY: u8 = 5;
/// Share of callers who give up within seconds (the short abandons).
const IMPATIENT_RATE: f64 = 0.08;
/// The queues' maximum wait: past it the caller leaves the queue (timeout).
const MAX_QUEUE_WAIT_MS: i64 = 20 * MINUTE_MS;
/// After this wait a caller may ask for a callback instead.
const CALLBACK_AFTER_MS: i64 = 90 * SECOND_MS;
const CALLBACK_RATE: f64 = 0.25;
const RING_NO_ANSWER_RATE: f64 = 0.03;

impl Simulator {
    /// A queue's arrival clock ticked: maybe a call arrives, then the next tick is drawn from
    /// this minute's rate. A gap that crosses the minute boundary is dropped and redrawn there
    /// at the new rate, which is exact for a Poisson process (it is memoryless).
    pub(crate) fn on_arrival_clock(
        &mut self,
        at: Timestamp,
        queue: QueueId,
        arrives: bool,
        out: &mut Vec<EventEnvelope>,
    ) {
        if arrives {
            self.offer_call(at, queue, out);
        }
        let minute_start = at.floor_minute();
        let minute_end = minute_start.plus_ms(MINUTE_MS);
        let rate_per_ms = self.demand.rate_per_ms(queue, minute_start);
        if rate_per_ms > 0.0 {
            let next = at.0 + self.rng.exponential(1.0 / rate_per_ms).floor() as i64;
            if next < minute_end.0 {
                self.agenda.schedule(
                    Timestamp(next),
                    Happening::Arrival {
                        queue,
                        arrives: true,
                    },
                );
                return;
            }
        }
        self.agenda.schedule(
            minute_end,
            Happening::Arrival {
                queue,
                arrives: false,
            },
        );
    }

    fn offer_call(&mut self, at: Timestamp, queue: QueueId, out: &mut Vec<EventEnvelope>) {
        let call = self.calls.next_id();
        let caller = self.callers.draw(site_of_queue(queue), &mut self.rng);
        let priority = if self.rng.chance(VIP_RATE) {
            VIP_PRIORITY
        } else {
            0
        };
        self.calls
            .insert(CallRecord::arriving(call, caller, priority, queue, at));
        self.emit(
            at,
            DomainEvent::CallOffered {
                call,
                caller: caller.info(),
            },
            out,
        );
        let ivr_ms = self.rng.between(8 * SECOND_MS, 40 * SECOND_MS);
        self.agenda
            .schedule(at.plus_ms(ivr_ms), Happening::IvrDone { call });
    }

    pub(crate) fn on_ivr_done(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(queue) = self.calls.get(call).map(|record| record.queue) else {
            return;
        };
        if self.rng.chance(IVR_HANGUP_RATE) {
            self.emit(at, DomainEvent::CallEndedInIvr { call }, out);
            self.calls.remove(call);
            return;
        }
        // Routing modes may send the call elsewhere, or to a callback instead of a queue.
        self.queue_routed(at, call, queue, out);
    }

    /// The call joins `queue` (a new visit) and the caller's patience starts running. Routing
    /// is left to the caller of this function, so events can be ordered around it.
    pub(crate) fn join_queue(
        &mut self,
        at: Timestamp,
        call: CallId,
        queue: QueueId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let patience_ms = self.draw_patience_ms(Skill::of_queue(queue));
        let callback_at = self
            .rng
            .between(CALLBACK_AFTER_MS, CALLBACK_AFTER_MS + 30 * SECOND_MS);
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        record.visit = record.visit.wrapping_add(1);
        record.stage = CallStage::Waiting;
        record.queue = queue;
        record.queued_at = Some(at);
        // A routing move (a failover) keeps the visit's first join: see `CallRecord`.
        record.joined_line_at.get_or_insert(at);
        record.answered_at = None;
        record.agent = None;
        record.deadline_is_timeout = patience_ms > MAX_QUEUE_WAIT_MS;
        let (visit, priority, fees_waived) = (record.visit, record.priority, record.fees_waived);
        let deadline_ms = patience_ms.min(MAX_QUEUE_WAIT_MS);
        self.agenda.schedule(
            at.plus_ms(deadline_ms),
            Happening::QueueDeadline { call, visit },
        );
        if callback_at < deadline_ms {
            self.agenda.schedule(
                at.plus_ms(callback_at),
                Happening::CallbackOffer { call, visit },
            );
        }
        self.board
            .add_waiting(queue, PlaceInLine::new(call, priority, at));
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

    fn draw_patience_ms(&mut self, skill: Skill) -> i64 {
        if self.rng.chance(IMPATIENT_RATE) {
            self.rng.between(SECOND_MS, 5 * SECOND_MS - 1)
        } else {
            (self.rng.exponential(skill.mean_patience_secs()) * SECOND_MS as f64) as i64 + SECOND_MS
        }
    }

    /// Pairs the queue's waiting calls with its idle agents (longest idle first) while both
    /// exist. Nothing is routed to a site that is down.
    pub(crate) fn fill_queue(
        &mut self,
        at: Timestamp,
        queue: QueueId,
        out: &mut Vec<EventEnvelope>,
    ) {
        if self.site_down[site_of_queue(queue).index()] {
            return;
        }
        while let (Some(place), Some((_, agent))) = (
            self.board.first_waiting(queue),
            self.board.longest_idle(queue),
        ) {
            self.board.remove_waiting(queue, place);
            self.start_ring(at, place.call(), agent, out);
        }
    }

    /// Rings an available agent for a call already taken out of line.
    pub(crate) fn start_ring(
        &mut self,
        at: Timestamp,
        call: CallId,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        record.stage = CallStage::Ringing;
        record.agent = Some(agent);
        record.token = record.token.wrapping_add(1);
        let token = record.token;
        self.agents[agent.index()].call = Some(call);
        self.set_agent_state(at, agent, AgentState::Ringing, out);
        self.emit(at, DomainEvent::AgentRinging { call, agent }, out);
        let ring_ms = self.rng.between(2 * SECOND_MS, 6 * SECOND_MS);
        self.agenda
            .schedule(at.plus_ms(ring_ms), Happening::RingEnd { call, token });
    }

    /// Puts a call that was ringing back in line, keeping its original place.
    pub(crate) fn return_to_line(&mut self, call: CallId) {
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        record.stage = CallStage::Waiting;
        record.agent = None;
        record.token = record.token.wrapping_add(1);
        let queued_at = record.queued_at.unwrap_or(record.offered_at);
        self.board.add_waiting(
            record.queue,
            PlaceInLine::new(call, record.priority, queued_at),
        );
    }

    pub(crate) fn on_ring_end(
        &mut self,
        at: Timestamp,
        call: CallId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.get(call) else {
            return;
        };
        let (Some(agent), CallStage::Ringing) = (record.agent, record.stage) else {
            return;
        };
        if record.token != token {
            return;
        }
        if self.rng.chance(RING_NO_ANSWER_RATE) {
            self.emit(at, DomainEvent::RingNoAnswer { call, agent }, out);
            // The agent is released before the call rejoins the line, so the call goes to
            // someone else when anyone else is free.
            self.release_agent(at, agent, out);
            self.back_in_line(at, call, out);
        } else {
            self.answer(at, call, agent, out);
        }
    }

    /// The caller's patience ran out (or the queue's maximum wait): they leave the line,
    /// hanging up on an agent's ringing phone if need be.
    pub(crate) fn on_queue_deadline(
        &mut self,
        at: Timestamp,
        call: CallId,
        visit: u16,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.get(call).filter(|record| record.visit == visit) else {
            return;
        };
        let ringing_agent = match record.stage {
            CallStage::Waiting => {
                let place = PlaceInLine::new(call, record.priority, record.queued_at.unwrap_or(at));
                self.board.remove_waiting(record.queue, place);
                None
            }
            CallStage::Ringing => record.agent,
            CallStage::Ivr | CallStage::Talking | CallStage::Held => return,
        };
        let event = if record.deadline_is_timeout {
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Timeout,
            }
        } else {
            DomainEvent::CallAbandoned { call }
        };
        self.calls.remove(call);
        self.emit(at, event, out);
        if let Some(agent) = ringing_agent {
            self.release_agent(at, agent, out);
        }
    }

    /// A caller who has waited a while may leave a callback request instead.
    pub(crate) fn on_callback_offer(
        &mut self,
        at: Timestamp,
        call: CallId,
        visit: u16,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.get(call) else {
            return;
        };
        // A caller whose phone is ringing an agent stays on the line.
        if record.visit != visit
            || record.stage != CallStage::Waiting
            || !self.rng.chance(CALLBACK_RATE)
        {
            return;
        }
        let place = PlaceInLine::new(call, record.priority, record.queued_at.unwrap_or(at));
        self.board.remove_waiting(record.queue, place);
        self.calls.remove(call);
        self.emit(at, DomainEvent::CallbackRequested { call }, out);
    }
}
