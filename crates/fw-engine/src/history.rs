//! A ring of one-minute buckets per queue (and agent time per site), kept for 26 hours.

use fw_domain::{MINUTE_MS, Timestamp};

use crate::bucket::Counters;

/// How many minutes of history are kept: a day plus a night shift's overlap.
pub const RETENTION_MINUTES: usize = 26 * 60;
/// The same, for minute arithmetic.
const RETENTION: i64 = 26 * 60;
/// The oldest minute a window can reach back to, counting the current one.
pub(crate) const RETENTION_WINDOW_MINUTES: i64 = RETENTION;

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// The minute (since the epoch) this slot holds; other minutes read as empty.
    minute: i64,
    counters: Counters,
}

/// One series of minute buckets.
#[derive(Clone, Debug)]
pub(crate) struct History {
    slots: Vec<Slot>,
}

impl Default for History {
    fn default() -> Self {
        History {
            slots: vec![
                Slot {
                    minute: i64::MIN,
                    counters: Counters::default()
                };
                RETENTION_MINUTES
            ],
        }
    }
}

impl History {
    /// The counters of the minute containing `at`, or `None` when `at` is older than the
    /// retained history relative to `newest` (the newest time the engine has seen).
    pub(crate) fn bucket_mut(&mut self, at: Timestamp, newest: Timestamp) -> Option<&mut Counters> {
        let minute = at.minute_index();
        if newest.minute_index() - minute >= RETENTION {
            return None;
        }
        let slot = &mut self.slots[minute.rem_euclid(RETENTION) as usize];
        if slot.minute != minute {
            if slot.minute > minute {
                // The slot already holds a newer minute: `at` fell out of the ring.
                return None;
            }
            *slot = Slot {
                minute,
                counters: Counters::default(),
            };
        }
        Some(&mut slot.counters)
    }

    /// Adds the minutes from `start` to `end` (inclusive, both minute-aligned or inside) into `sum`.
    pub(crate) fn sum_into(&self, start: Timestamp, end: Timestamp, sum: &mut Counters) {
        let first = start.minute_index().max(end.minute_index() - RETENTION + 1);
        for minute in first..=end.minute_index() {
            let slot = &self.slots[minute.rem_euclid(RETENTION) as usize];
            if slot.minute == minute {
                sum.add(&slot.counters);
            }
        }
    }
}

/// Splits the interval `[from, to)` at minute boundaries, calling `visit(minute_start, ms)`.
pub(crate) fn split_by_minute(
    from: Timestamp,
    to: Timestamp,
    mut visit: impl FnMut(Timestamp, u64),
) {
    let mut cursor = from;
    while cursor < to {
        let next = cursor.floor_minute().plus_ms(MINUTE_MS).min(to);
        visit(cursor, next.millis_since(cursor));
        cursor = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_outside_the_ring_are_refused_and_never_overwrite_newer_ones() {
        let mut history = History::default();
        let now = Timestamp(RETENTION * MINUTE_MS * 10);
        history.bucket_mut(now, now).unwrap().offered = 3;
        let too_old = now.plus_ms(-(RETENTION) * MINUTE_MS);
        assert!(history.bucket_mut(too_old, now).is_none());
        let mut sum = Counters::default();
        history.sum_into(now, now, &mut sum);
        assert_eq!(sum.offered, 3);
    }

    #[test]
    fn intervals_split_exactly_at_minute_boundaries() {
        let mut parts = Vec::new();
        split_by_minute(Timestamp(50_000), Timestamp(130_000), |at, ms| {
            parts.push((at.0, ms));
        });
        assert_eq!(
            parts,
            vec![(50_000, 10_000), (60_000, 60_000), (120_000, 10_000)]
        );
        assert_eq!(parts.iter().map(|p| p.1).sum::<u64>(), 80_000);
    }
}
