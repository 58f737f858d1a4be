//! The live calls, indexed by id without hashing.
//!
//! Call ids are handed out in order, so live calls sit in a deque of slots from the oldest
//! live id onwards: lookups are an index, iteration is in id order (deterministic snapshots),
//! and finished calls at the front are dropped as they finish. One long call keeps every
//! later id's slot (tens of thousands at a 10,000-agent peak), so a slot is a pointer and
//! only live calls take a record's room.

use std::collections::VecDeque;

use fw_domain::{AgentId, CallId, CallPhase, CallerInfo, LiveCall, QueueId, Timestamp};

use crate::callers::CallerIdentity;

/// Where a live call is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallStage {
    Ivr,
    Waiting,
    Ringing,
    Talking,
    Held,
}

/// What happens during a call once answered, drawn at answer time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TalkPlan {
    /// Talk time, holds excluded.
    pub talk_ms: i64,
    /// When the hold starts (after answer) and how long it lasts, if there is one.
    pub hold: Option<(i64, i64)>,
}

/// One live call.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CallRecord {
    pub id: CallId,
    pub caller: CallerIdentity,
    /// The priority the caller came in with (VIP or not); routing adds to it per visit.
    pub base_priority: u8,
    /// The priority of the current visit, as announced by the last `CallQueued`.
    pub priority: u8,
    pub offered_at: Timestamp,
    pub stage: CallStage,
    /// The queue the call was routed to, is waiting in, or was answered from.
    pub queue: QueueId,
    /// The queue the IVR (or the escalation) asked for on this visit, before routing modes
    /// had their say: where the call goes back to when the modes that moved it end.
    pub chosen_queue: QueueId,
    /// When the call joined its current queue; for a call moved back to its chosen queue,
    /// when it first joined a line on this visit (its place in line is kept from then).
    pub queued_at: Option<Timestamp>,
    /// When the call first joined a line on this visit: routing moves keep it, so a call
    /// moved back is ordered by it. `None` until the visit's first queue.
    pub joined_line_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub agent: Option<AgentId>,
    /// Counts queue visits (an escalation starts a new one); visit timers carry it.
    pub visit: u16,
    /// Bumped whenever a pending ring or talk step becomes stale.
    pub token: u32,
    /// Whether this visit's deadline is the queue's maximum wait rather than the caller's
    /// patience (the caller would have waited longer).
    pub deadline_is_timeout: bool,
    /// Queue wait of earlier visits, for the survey.
    pub earlier_wait_ms: i64,
    pub escalated: bool,
    pub plan: TalkPlan,
    /// The largest regional-priority boost routing ever gave the call: the caller keeps it
    /// for the rest of the call (moves and escalations included), even after the mode ends.
    pub priority_boost: u8,
    /// A regional priority with fee waiver covered the caller when routed: kept for the
    /// rest of the call, like the boost.
    pub fees_waived: bool,
}

impl CallRecord {
    /// A call that has just arrived and entered the IVR, headed for `queue`.
    pub(crate) fn arriving(
        id: CallId,
        caller: CallerIdentity,
        priority: u8,
        queue: QueueId,
        at: Timestamp,
    ) -> CallRecord {
        CallRecord {
            id,
            caller,
            base_priority: priority,
            priority,
            offered_at: at,
            stage: CallStage::Ivr,
            queue,
            chosen_queue: queue,
            queued_at: None,
            joined_line_at: None,
            answered_at: None,
            agent: None,
            visit: 0,
            token: 0,
            deadline_is_timeout: false,
            earlier_wait_ms: 0,
            escalated: false,
            plan: TalkPlan::default(),
            priority_boost: 0,
            fees_waived: false,
        }
    }

    pub(crate) fn live_call(&self) -> LiveCall {
        let phase = match self.stage {
            CallStage::Ivr => CallPhase::Ivr,
            CallStage::Waiting => CallPhase::Queued,
            CallStage::Ringing => CallPhase::Ringing,
            CallStage::Talking => CallPhase::Talking,
            CallStage::Held => CallPhase::OnHold,
        };
        let caller: CallerInfo = self.caller.info();
        LiveCall {
            call: self.id,
            caller,
            phase,
            queue: (self.stage != CallStage::Ivr).then_some(self.queue),
            priority: self.priority,
            offered_at: self.offered_at,
            queued_at: self.queued_at,
            answered_at: self.answered_at,
            agent: self.agent,
            fees_waived: self.fees_waived,
        }
    }
}

/// Live calls by id.
#[derive(Debug, Default)]
pub(crate) struct CallTable {
    /// The id of `slots[0]`.
    first_id: u64,
    slots: VecDeque<Option<Box<CallRecord>>>,
}

impl CallTable {
    /// The id the next inserted call will get.
    pub(crate) fn next_id(&self) -> CallId {
        CallId(self.first_id + self.slots.len() as u64)
    }

    /// Adds a call whose id is [`CallTable::next_id`].
    pub(crate) fn insert(&mut self, record: CallRecord) {
        debug_assert_eq!(record.id, self.next_id());
        self.slots.push_back(Some(Box::new(record)));
    }

    fn slot(&self, id: CallId) -> Option<usize> {
        id.0.checked_sub(self.first_id)
            .map(|offset| offset as usize)
            .filter(|offset| *offset < self.slots.len())
    }

    pub(crate) fn get(&self, id: CallId) -> Option<&CallRecord> {
        self.slot(id).and_then(|slot| self.slots[slot].as_deref())
    }

    pub(crate) fn get_mut(&mut self, id: CallId) -> Option<&mut CallRecord> {
        self.slot(id)
            .and_then(|slot| self.slots[slot].as_deref_mut())
    }

    /// Removes a finished call.
    pub(crate) fn remove(&mut self, id: CallId) -> Option<CallRecord> {
        let removed = self
            .slot(id)
            .and_then(|slot| self.slots[slot].take())
            .map(|record| *record);
        while matches!(self.slots.front(), Some(None)) {
            self.slots.pop_front();
            self.first_id += 1;
        }
        removed
    }

    /// Live calls in id order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &CallRecord> {
        self.slots.iter().flatten().map(|record| &**record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: u64) -> CallRecord {
        let caller = CallerIdentity {
            number: 13_800_000_000,
            province: 0,
        };
        CallRecord::arriving(CallId(id), caller, 0, QueueId(0), Timestamp(0))
    }

    #[test]
    fn ids_are_sequential_and_finished_calls_are_dropped_from_the_front() {
        let mut table = CallTable::default();
        for id in 0..4 {
            assert_eq!(table.next_id(), CallId(id));
            table.insert(record(id));
        }
        assert!(table.remove(CallId(1)).is_some());
        assert!(table.remove(CallId(1)).is_none());
        assert!(table.remove(CallId(0)).is_some());
        assert_eq!(
            table.iter().map(|call| call.id.0).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert!(table.get(CallId(0)).is_none() && table.get(CallId(9)).is_none());
        assert_eq!(table.next_id(), CallId(4));
        table.remove(CallId(2));
        table.remove(CallId(3));
        assert_eq!(table.next_id(), CallId(4));
        assert_eq!(table.iter().count(), 0);
    }

    #[test]
    fn a_slot_is_one_pointer() {
        assert_eq!(size_of::<Option<Box<CallRecord>>>(), size_of::<usize>());
    }
}
