//! The simulator's agenda: everything scheduled to happen, in time order.
//!
//! Happenings at the same millisecond run in the order they were scheduled (an insertion
//! counter breaks ties), so the run never depends on heap internals.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use fw_domain::{AgentId, CallId, MonitorSessionId, QueueId, Timestamp};
use fw_routing::ModeId;

use crate::shifts::ScheduledBreak;
use crate::survey::SurveySeed;

/// Something due to happen. Call and agent steps carry the token their subject had when they
/// were scheduled; a subject that has moved on since (abandoned, cut off, state changed) has
/// a newer token and the stale happening is dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Happening {
    /// A queue's arrival clock: a call arrives (`arrives`) or the rate is re-read at a minute
    /// boundary.
    Arrival {
        queue: QueueId,
        arrives: bool,
    },
    IvrDone {
        call: CallId,
    },
    /// The caller's patience (or the queue's maximum wait) runs out for one queue visit.
    QueueDeadline {
        call: CallId,
        visit: u16,
    },
    /// The caller has waited long enough to be offered a callback.
    CallbackOffer {
        call: CallId,
        visit: u16,
    },
    RingEnd {
        call: CallId,
        token: u32,
    },
    HoldStart {
        call: CallId,
        token: u32,
    },
    HoldEnd {
        call: CallId,
        token: u32,
    },
    TalkEnd {
        call: CallId,
        token: u32,
    },
    WrapEnd {
        agent: AgentId,
        token: u32,
    },
    BreakDue {
        agent: AgentId,
        kind: ScheduledBreak,
    },
    BreakEnd {
        agent: AgentId,
        token: u32,
    },
    ShiftStart {
        agent: AgentId,
    },
    ShiftEnd {
        agent: AgentId,
    },
    SurveyDue(SurveySeed),
    /// A monitoring session's next step (its endpoint answers or gives up, or its spy fails
    /// to start). Carries the session's attempt, since an ended session's id may be reused.
    MonitorStep {
        session: MonitorSessionId,
        attempt: u64,
    },
    OutageStart,
    OutageEnd,
    /// A routing mode's revert time (stale if the mode was switched off or re-sent with
    /// another revert time since).
    RoutingRevert {
        mode: ModeId,
    },
}

#[derive(Debug)]
struct Entry {
    at: Timestamp,
    order: u64,
    happening: Happening,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed so the max-heap pops the earliest (time, order) first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.order).cmp(&(self.at, self.order))
    }
}

/// A min-heap of happenings keyed by (time, insertion order).
#[derive(Debug, Default)]
pub(crate) struct Agenda {
    heap: BinaryHeap<Entry>,
    scheduled: u64,
}

impl Agenda {
    pub(crate) fn schedule(&mut self, at: Timestamp, happening: Happening) {
        self.scheduled += 1;
        self.heap.push(Entry {
            at,
            order: self.scheduled,
            happening,
        });
    }

    /// The earliest happening due at or before `until`, removed from the agenda.
    pub(crate) fn pop_due(&mut self, until: Timestamp) -> Option<(Timestamp, Happening)> {
        if self.heap.peek()?.at > until {
            return None;
        }
        self.heap.pop().map(|entry| (entry.at, entry.happening))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_scheduling_order() {
        let mut agenda = Agenda::default();
        agenda.schedule(Timestamp(20), Happening::OutageEnd);
        agenda.schedule(Timestamp(10), Happening::ShiftStart { agent: AgentId(1) });
        agenda.schedule(Timestamp(10), Happening::ShiftStart { agent: AgentId(2) });
        agenda.schedule(Timestamp(10), Happening::ShiftStart { agent: AgentId(0) });
        let order: Vec<Happening> =
            std::iter::from_fn(|| agenda.pop_due(Timestamp(15)).map(|(_, h)| h)).collect();
        assert_eq!(
            order,
            vec![
                Happening::ShiftStart { agent: AgentId(1) },
                Happening::ShiftStart { agent: AgentId(2) },
                Happening::ShiftStart { agent: AgentId(0) },
            ]
        );
        assert_eq!(
            agenda.pop_due(Timestamp(20)),
            Some((Timestamp(20), Happening::OutageEnd))
        );
        assert_eq!(agenda.pop_due(Timestamp(99)), None);
    }
}
