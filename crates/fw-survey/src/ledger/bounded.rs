//! Calls kept by id with a cap, forgetting the oldest first.

use std::collections::VecDeque;

use fw_domain::CallId;
use rustc_hash::FxHashMap;

/// A map of calls that holds at most `capacity`, evicting in insertion order. Removal is by
/// id in O(1): the order queue keeps a stale entry that eviction skips (each entry carries
/// the insertion's generation) and that a compaction drops once stale entries dominate.
#[derive(Debug)]
pub(crate) struct BoundedCalls<V> {
    capacity: usize,
    entries: FxHashMap<CallId, (u64, V)>,
    order: VecDeque<(CallId, u64)>,
    next_generation: u64,
}

impl<V> BoundedCalls<V> {
    pub(crate) fn new(capacity: usize) -> BoundedCalls<V> {
        BoundedCalls {
            capacity,
            entries: FxHashMap::default(),
            order: VecDeque::new(),
            next_generation: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn get(&self, call: CallId) -> Option<&V> {
        self.entries.get(&call).map(|(_, value)| value)
    }

    pub(crate) fn get_mut(&mut self, call: CallId) -> Option<&mut V> {
        self.entries.get_mut(&call).map(|(_, value)| value)
    }

    pub(crate) fn remove(&mut self, call: CallId) -> Option<V> {
        let removed = self.entries.remove(&call).map(|(_, value)| value);
        self.compact_if_stale();
        removed
    }

    /// Inserts (or replaces, as the newest) a call; returns the calls evicted to make room,
    /// oldest first.
    pub(crate) fn insert(&mut self, call: CallId, value: V) -> Vec<(CallId, V)> {
        let generation = self.next_generation;
        self.next_generation += 1;
        self.entries.insert(call, (generation, value));
        self.order.push_back((call, generation));
        let mut evicted = Vec::new();
        while self.entries.len() > self.capacity {
            let Some((oldest, generation)) = self.order.pop_front() else {
                break;
            };
            if self
                .entries
                .get(&oldest)
                .is_some_and(|(current, _)| *current == generation)
                && let Some((_, value)) = self.entries.remove(&oldest)
            {
                evicted.push((oldest, value));
            }
        }
        self.compact_if_stale();
        evicted
    }

    /// Drops order entries of calls removed or replaced since, once they outnumber the
    /// live ones: amortised O(1) per operation, and the queue stays within twice the map.
    fn compact_if_stale(&mut self) {
        if self.order.len() > 2 * self.entries.len() + 16 {
            let entries = &self.entries;
            self.order.retain(|(call, generation)| {
                entries
                    .get(call)
                    .is_some_and(|(current, _)| current == generation)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_is_evicted_and_removed_calls_are_skipped() {
        let mut calls = BoundedCalls::new(2);
        assert!(calls.insert(CallId(1), 'a').is_empty());
        assert!(calls.insert(CallId(2), 'b').is_empty());
        assert_eq!(calls.remove(CallId(1)), Some('a'));
        assert!(calls.insert(CallId(3), 'c').is_empty());
        assert_eq!(calls.insert(CallId(4), 'd'), [(CallId(2), 'b')]);
        // Re-inserting makes a call the newest.
        assert!(calls.insert(CallId(3), 'C').is_empty());
        assert_eq!(calls.insert(CallId(5), 'e'), [(CallId(4), 'd')]);
        assert_eq!(calls.get(CallId(3)), Some(&'C'));
        assert_eq!(calls.len(), 2);
    }

    #[test]
    fn the_order_queue_stays_bounded_under_churn() {
        let mut calls = BoundedCalls::new(1_000);
        for id in 0..100_000u64 {
            calls.insert(CallId(id), ());
            calls.remove(CallId(id));
        }
        assert!(calls.order.len() <= 16 + 1, "{}", calls.order.len());
    }
}
