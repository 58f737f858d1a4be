//! What the ledger knows about one call, gathered from its events.

use fw_domain::{AgentId, QueueId, Timestamp, Topology};

use crate::CallFacts;

/// One call's facts so far. Times are summed over segments so re-queues (after an
/// escalation or a failover) and second legs add up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CallTrail {
    /// The last queue the call was queued to.
    queue: Option<QueueId>,
    /// The last agent who answered it.
    agent: Option<AgentId>,
    /// Set while the caller waits (queued or ringing an agent).
    waiting_since: Option<Timestamp>,
    /// Closed waiting spells; `None` until one closes (a call first seen mid-talk has an
    /// unknown wait, not a zero one).
    wait_ms: Option<u64>,
    /// Set while an agent talks to the caller (hold included).
    talking_since: Option<Timestamp>,
    /// Closed talk spells; `None` until one closes.
    talk_ms: Option<u64>,
    escalated: bool,
    callback: bool,
}

impl CallTrail {
    pub(crate) fn queued(&mut self, at: Timestamp, queue: QueueId) {
        self.queue = Some(queue);
        // A re-announcement on the same or another queue keeps the wait running.
        if self.waiting_since.is_none() {
            self.waiting_since = Some(at);
        }
    }

    pub(crate) fn answered(&mut self, at: Timestamp, agent: AgentId) {
        self.stop_waiting(at);
        self.agent = Some(agent);
        if self.talking_since.is_none() {
            self.talking_since = Some(at);
        }
    }

    pub(crate) fn escalated(&mut self, at: Timestamp) {
        self.escalated = true;
        // The first leg's talk ends here if its `CallCompleted` did not already end it.
        self.stop_talking(at);
    }

    pub(crate) fn callback_requested(&mut self, at: Timestamp) {
        self.callback = true;
        self.stop_waiting(at);
    }

    /// The caller stopped waiting without an answer (left, abandoned, withdrawn).
    pub(crate) fn stop_waiting(&mut self, at: Timestamp) {
        if let Some(since) = self.waiting_since.take() {
            *self.wait_ms.get_or_insert(0) += at.millis_since(since);
        }
    }

    pub(crate) fn stop_talking(&mut self, at: Timestamp) {
        if let Some(since) = self.talking_since.take() {
            *self.talk_ms.get_or_insert(0) += at.millis_since(since);
        }
    }

    /// The call ended (for now: a transfer's `CallCompleted` may be followed by more).
    pub(crate) fn ended(&mut self, at: Timestamp) {
        self.stop_waiting(at);
        self.stop_talking(at);
    }

    /// The facts with names from the topology (empty when an id is unknown to it). Open
    /// segments are not counted: facts are taken once a call has ended.
    pub(crate) fn facts(&self, topology: &Topology) -> CallFacts {
        let queue = self.queue.and_then(|queue| topology.queue(queue));
        CallFacts {
            site: queue
                .and_then(|queue| topology.site(queue.site))
                .map(|site| site.name.clone())
                .unwrap_or_default(),
            queue: queue.map(|queue| queue.name.clone()).unwrap_or_default(),
            agent: self
                .agent
                .and_then(|agent| topology.agent(agent))
                .map(|agent| agent.name.clone())
                .unwrap_or_default(),
            wait_secs: self.wait_ms.map(whole_seconds),
            talk_secs: self.talk_ms.map(whole_seconds),
            escalated: self.escalated,
            callback: self.callback,
        }
    }
}

/// Whole seconds, rounded down as Asterisk's queue_log counts them.
fn whole_seconds(ms: u64) -> u32 {
    u32::try_from(ms / 1_000).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_sum_across_requeues_and_talk_across_legs() {
        let mut trail = CallTrail::default();
        trail.queued(Timestamp(0), QueueId(0));
        trail.queued(Timestamp(5_000), QueueId(0)); // re-announced: still waiting
        trail.answered(Timestamp(10_000), AgentId(1));
        trail.ended(Timestamp(70_000));
        trail.escalated(Timestamp(70_000));
        trail.queued(Timestamp(70_000), QueueId(1));
        trail.answered(Timestamp(85_500), AgentId(2));
        trail.ended(Timestamp(145_999));
        let facts = trail.facts(&Topology::default());
        assert_eq!(facts.wait_secs, Some(25));
        assert_eq!(facts.talk_secs, Some(120));
        assert!(facts.escalated && !facts.callback);
    }

    #[test]
    fn unseen_segments_are_unknown_not_zero() {
        let mut trail = CallTrail::default();
        trail.answered(Timestamp(0), AgentId(0));
        trail.ended(Timestamp(1_000));
        let facts = trail.facts(&Topology::default());
        assert_eq!((facts.wait_secs, facts.talk_secs), (None, Some(1)));
        assert_eq!(facts.agent, "");
    }
}
