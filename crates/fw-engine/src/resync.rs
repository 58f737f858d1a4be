//! Reconciling with a platform snapshot after a (re)connect.
//!
//! Counters only move on transitions the engine itself observes, so a snapshot never
//! re-counts a call the engine already counted. What happened while disconnected and is
//! visible in the snapshot (a call that joined a queue, or was answered) is counted once,
//! at the time the platform says it happened.

use fw_domain::{AgentId, CallPhase, Snapshot, Timestamp, TopologyError};
use rustc_hash::FxHashSet;

use crate::engine::{Engine, bump};
use crate::live::CallRecord;

impl Engine {
    /// Rebuilds live state from `snapshot`; events of its source above `last_seq` follow.
    pub fn resync(&mut self, snapshot: &Snapshot, now: Timestamp) -> Result<(), TopologyError> {
        snapshot.topology.validate()?;
        if snapshot.topology != self.topology {
            self.set_topology(snapshot.topology.clone());
        }
        let at = snapshot.taken_at.min(now);
        self.newest = self.newest.max(at);
        bump(&mut self.total_input_at, at);
        self.set_last_seq(snapshot.source, snapshot.last_seq);
        self.monitors.resync(snapshot);

        let mut reported = vec![false; self.agents.len()];
        for live in &snapshot.agents {
            let Some(seen) = reported.get_mut(live.agent.index()) else {
                self.anomalies.unknown_agents += 1;
                continue;
            };
            *seen = true;
            // A change the engine missed took effect at `since`, not at snapshot time.
            let since = live
                .since
                .min(at)
                .max(self.agents[live.agent.index()].since);
            self.set_agent_state(live.agent, live.state.clone(), since);
            self.agents[live.agent.index()].call = live.call;
        }
        for (index, seen) in reported.into_iter().enumerate() {
            if !seen {
                self.set_agent_state(AgentId(index as u32), fw_domain::AgentState::Offline, at);
            }
        }

        let present: FxHashSet<_> = snapshot.calls.iter().map(|c| c.call).collect();
        let vanished: Vec<_> = self
            .calls
            .keys()
            .filter(|id| !present.contains(id))
            .copied()
            .collect();
        self.anomalies.unresolved_calls += vanished.len() as u64;
        for id in vanished {
            self.calls.remove(&id);
        }

        for live in &snapshot.calls {
            let record = self
                .calls
                .entry(live.call)
                .or_insert_with(|| CallRecord::offered(live.caller.clone(), live.offered_at));
            let newly_queued =
                live.queue.is_some() && (record.queue != live.queue || record.queued_at.is_none());
            let newly_answered = live.answered_at.is_some() && record.answered_at.is_none();
            record.queue = live.queue;
            record.priority = live.priority;
            record.fees_waived |= live.fees_waived;
            record.phase = live.phase;
            record.agent = live.agent;
            if newly_queued {
                record.queued_at = live.queued_at.or(Some(at));
            }
            if newly_answered {
                record.answered_at = live.answered_at;
            }
            if live.phase == CallPhase::OnHold && record.hold_started.is_none() {
                record.hold_started = Some(at);
            }
            let (queue, queued_at, answered_at) =
                (record.queue, record.queued_at, record.answered_at);
            let Some(queue) = queue else { continue };
            if newly_queued {
                let joined = queued_at.unwrap_or(at);
                self.count_offered_at(queue, joined);
            }
            if newly_answered && let (Some(joined), Some(answered)) = (queued_at, answered_at) {
                self.count_answered_at(queue, joined, answered);
            }
        }
        Ok(())
    }
}
