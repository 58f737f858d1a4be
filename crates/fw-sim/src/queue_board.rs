//! Who is waiting for whom: the calls waiting in each queue and the idle agents of each queue.
//!
//! Both sides are ordered sets, so the next call (highest priority, then longest waiting) and
//! the next agent (longest idle) are the first element, with ids breaking ties.
//! The board keeps one invariant with the simulator's help: a queue never has both a waiting
//! call and an idle agent once a happening has been handled.

use std::collections::BTreeSet;

use fw_domain::{AgentId, CallId, QueueId, Timestamp};

/// A waiting call's place in line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PlaceInLine {
    /// `u8::MAX - priority`, so higher priorities sort first.
    inverted_priority: u8,
    queued_at: Timestamp,
    call: CallId,
}

impl PlaceInLine {
    pub(crate) const fn new(call: CallId, priority: u8, queued_at: Timestamp) -> PlaceInLine {
        PlaceInLine {
            inverted_priority: u8::MAX - priority,
            queued_at,
            call,
        }
    }

    pub(crate) const fn call(self) -> CallId {
        self.call
    }
}

/// Waiting calls and idle agents per queue.
#[derive(Debug)]
pub(crate) struct QueueBoard {
    waiting: Vec<BTreeSet<PlaceInLine>>,
    /// (idle since, agent): the first is the agent idle the longest.
    idle: Vec<BTreeSet<(Timestamp, AgentId)>>,
    /// Logged-in members per queue (any state but offline): a failover splits its calls
    /// between the other sites by these, as the impact preview assumes.
    staffed: Vec<u32>,
}

impl QueueBoard {
    pub(crate) fn new(queues: usize) -> QueueBoard {
        QueueBoard {
            waiting: vec![BTreeSet::new(); queues],
            idle: vec![BTreeSet::new(); queues],
            staffed: vec![0; queues],
        }
    }

    pub(crate) fn add_waiting(&mut self, queue: QueueId, place: PlaceInLine) {
        self.waiting[queue.index()].insert(place);
    }

    /// Takes a call out of line (answered elsewhere, abandoned...); false if it was not there.
    pub(crate) fn remove_waiting(&mut self, queue: QueueId, place: PlaceInLine) -> bool {
        self.waiting[queue.index()].remove(&place)
    }

    pub(crate) fn first_waiting(&self, queue: QueueId) -> Option<PlaceInLine> {
        self.waiting[queue.index()].first().copied()
    }

    /// The call an agent with these queues should take next: priority first, then the
    /// longest wait, across all of them.
    pub(crate) fn best_waiting_for(&self, queues: &[QueueId]) -> Option<(QueueId, PlaceInLine)> {
        queues
            .iter()
            .filter_map(|queue| self.first_waiting(*queue).map(|place| (*queue, place)))
            .min_by_key(|(_, place)| *place)
    }

    pub(crate) fn add_idle(&mut self, agent: AgentId, idle_since: Timestamp, queues: &[QueueId]) {
        for queue in queues {
            self.idle[queue.index()].insert((idle_since, agent));
        }
    }

    pub(crate) fn remove_idle(
        &mut self,
        agent: AgentId,
        idle_since: Timestamp,
        queues: &[QueueId],
    ) {
        for queue in queues {
            self.idle[queue.index()].remove(&(idle_since, agent));
        }
    }

    /// An agent with these queues logged in (`true`) or out.
    pub(crate) fn set_staffed(&mut self, queues: &[QueueId], logged_in: bool) {
        for queue in queues {
            let count = &mut self.staffed[queue.index()];
            *count = if logged_in {
                count.saturating_add(1)
            } else {
                count.saturating_sub(1)
            };
        }
    }

    /// Logged-in members of `queue`.
    pub(crate) fn staffed(&self, queue: QueueId) -> u32 {
        self.staffed[queue.index()]
    }

    /// The agent of this queue who has been idle the longest.
    pub(crate) fn longest_idle(&self, queue: QueueId) -> Option<(Timestamp, AgentId)> {
        self.idle[queue.index()].first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_beats_waiting_time_and_longest_idle_goes_first() {
        let mut board = QueueBoard::new(2);
        let early = PlaceInLine::new(CallId(1), 0, Timestamp(100));
        let vip = PlaceInLine::new(CallId(2), 5, Timestamp(900));
        let other_queue = PlaceInLine::new(CallId(3), 0, Timestamp(50));
        board.add_waiting(QueueId(0), early);
        board.add_waiting(QueueId(0), vip);
        board.add_waiting(QueueId(1), other_queue);
        assert_eq!(board.first_waiting(QueueId(0)), Some(vip));
        assert_eq!(
            board.best_waiting_for(&[QueueId(0), QueueId(1)]),
            Some((QueueId(0), vip))
        );
        assert!(board.remove_waiting(QueueId(0), vip));
        assert_eq!(
            board.best_waiting_for(&[QueueId(0), QueueId(1)]),
            Some((QueueId(1), other_queue))
        );

        board.add_idle(AgentId(7), Timestamp(30), &[QueueId(0), QueueId(1)]);
        board.add_idle(AgentId(3), Timestamp(40), &[QueueId(0)]);
        assert_eq!(
            board.longest_idle(QueueId(0)),
            Some((Timestamp(30), AgentId(7)))
        );
        board.remove_idle(AgentId(7), Timestamp(30), &[QueueId(0), QueueId(1)]);
        assert_eq!(
            board.longest_idle(QueueId(0)),
            Some((Timestamp(40), AgentId(3)))
        );
        assert_eq!(board.longest_idle(QueueId(1)), None);

        board.set_staffed(&[QueueId(0), QueueId(1)], true);
        board.set_staffed(&[QueueId(0)], true);
        board.set_staffed(&[QueueId(1)], false);
        assert_eq!(
            (board.staffed(QueueId(0)), board.staffed(QueueId(1))),
            (2, 0)
        );
    }
}
