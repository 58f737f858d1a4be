//! Calls going back when a routing mode ends.
//!
//! The rule, as a real centre runs it:
//!
//! - When a mode ends (switched off or reverted by itself), every call still **waiting** in
//!   a queue other than the one it chose (the IVR's or the escalation's choice, before any
//!   mode had its say) is routed again from the queue it chose under the modes still in
//!   force. If that sends it elsewhere than where it waits, it moves there at once, at the
//!   instant the mode ends: usually straight back to the queue it chose.
//! - A returning call keeps its place: it is put in line by the time it first joined a
//!   queue on this visit (so it goes before callers who came after it), keeps its queue
//!   visit (its patience runs on; no new wait starts), and moves in that order, oldest
//!   first, before any agent is rung for the returned calls.
//! - Calls ringing an agent, talking or on hold are untouched; one that rings unanswered
//!   afterwards is moved back then (see `back_in_line`).
//! - A call whose chosen queue an emergency closure still covers stays where it waits:
//!   closures turn away new callers, never callers already waiting. It goes back when the
//!   closure ends.
//! - A closure ending simply lets new calls queue again (it moved no one). A regional
//!   priority ending leaves the callers it raised raised, with their fees waived: a caller
//!   promised priority keeps it for the rest of the call.
//! - On the stream a return is a move like a failover's: `CallLeftQueue { Withdrawn }`,
//!   `CallOffered` (same call and caller), `CallQueued` on the queue it returns to. The
//!   metrics engine counts a move as one call offered in the centre (fw-engine's
//!   `moved_in`/`moved_out`), and each queue counts the calls that entered it.

use fw_domain::{CallId, DomainEvent, EventEnvelope, QueueId, Timestamp};
use fw_routing::RouteDecision;

use crate::call_table::CallStage;
use crate::queue_board::PlaceInLine;
use crate::simulator::Simulator;

impl Simulator {
    /// After a mode ended: every waiting call away from the queue it chose goes where the
    /// remaining modes send it, oldest in line first; then those queues are served.
    pub(crate) fn return_displaced_calls(&mut self, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        let mut displaced: Vec<(Timestamp, CallId)> = self
            .calls
            .iter()
            .filter(|r| r.stage == CallStage::Waiting && r.queue != r.chosen_queue)
            .map(|r| (r.joined_line_at.or(r.queued_at).unwrap_or(at), r.id))
            .collect();
        if displaced.is_empty() {
            return;
        }
        displaced.sort_unstable();
        let mut to_serve: Vec<QueueId> = Vec::new();
        for (_, call) in displaced {
            if let Some(queue) = self.return_if_displaced(at, call, out)
                && !to_serve.contains(&queue)
            {
                to_serve.push(queue);
            }
        }
        to_serve.sort_unstable();
        for queue in to_serve {
            self.fill_queue(at, queue, out);
        }
    }

    /// Moves `call`, waiting away from the queue it chose, to where routing from that queue
    /// sends it now, if that is not where it waits. Returns the queue it moved to (not yet
    /// served: the caller fills it).
    pub(crate) fn return_if_displaced(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) -> Option<QueueId> {
        let record = self
            .calls
            .get(call)
            .filter(|r| r.stage == CallStage::Waiting && r.queue != r.chosen_queue)?;
        let (current, chosen) = (record.queue, record.chosen_queue);
        let Some(RouteDecision::Queue(route)) = self.decide_route(at, call, chosen) else {
            // A closure covers the queue it chose: it waits on where it is.
            return None;
        };
        if route.candidates.contains(&current) {
            return None;
        }
        let to = self.pick_target(&route);
        self.move_back(at, call, to, route.priority_boost, route.waive_fees, out);
        Some(to)
    }

    /// Withdraws a waiting call and queues it on `to` in its original place in line, on the
    /// same visit. Its survey wait stays the time it really waited.
    fn move_back(
        &mut self,
        at: Timestamp,
        call: CallId,
        to: QueueId,
        boost: u8,
        waive_fees: bool,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some((_, queued_at)) = self.withdraw_for_move(at, call, out) else {
            return;
        };
        self.mark_covered(call, boost, waive_fees);
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        let joined = record.joined_line_at.unwrap_or(queued_at).min(queued_at);
        // The leg's wait will be counted from `joined` when answered; what was already
        // counted for the time since `joined` (a failover's move) comes off, so the survey
        // sees each waited second once.
        record.earlier_wait_ms = (record.earlier_wait_ms - (queued_at.0 - joined.0)).max(0);
        record.queue = to;
        record.queued_at = Some(joined);
        let (priority, fees_waived) = (record.priority, record.fees_waived);
        self.board
            .add_waiting(to, PlaceInLine::new(call, priority, joined));
        self.emit(
            at,
            DomainEvent::CallQueued {
                call,
                queue: to,
                priority,
                fees_waived,
            },
            out,
        );
    }
}
