//! A ring of one-minute buckets per queue (and agent time per site), kept for 26 hours.
//!
//! Memory matters here: a 500-queue centre keeps over 790,000 queue-minutes. A minute is
//! stored in [`MinuteCounters`] (16-bit counts, 32-bit milliseconds: 52 bytes rather than
//! the 112 of a [`Counters`] sum), and the ring is allocated an hour at a time as minutes
//! are first written, so a console started this morning holds only this morning.

use fw_domain::{MINUTE_MS, Timestamp};

use crate::bucket::Counters;

/// How many minutes of history are kept: a day plus a night shift's overlap.
pub const RETENTION_MINUTES: usize = 26 * 60;
/// The same, for minute arithmetic.
const RETENTION: i64 = 26 * 60;
/// The oldest minute a window can reach back to, counting the current one.
pub(crate) const RETENTION_WINDOW_MINUTES: i64 = RETENTION;
/// Minutes per page: the unit the ring is allocated and recycled in.
const PAGE_MINUTES: i64 = 60;
/// Pages in the ring. A page is recycled whole when its hour comes round again, so one page
/// more than the retention needs keeps every one of the last 26 hours' minutes.
const PAGES: i64 = RETENTION / PAGE_MINUTES + 1;

/// Declares [`MinuteCounters`] and its two conversions from one list of `Counters` fields,
/// so a field is stored, added in and summed out in one place.
macro_rules! minute_counters {
    (counts: $($count:ident),+; durations_ms: $($ms:ident),+ $(,)?) => {
        /// One minute of one queue (or one site's agent time) as stored: counts in 16 bits,
        /// milliseconds in 32. A queue never nears 65,535 calls or 49 days of summed time in
        /// one minute; should it, the minute saturates rather than wraps.
        #[derive(Clone, Copy, Debug, Default)]
        struct MinuteCounters {
            $($count: u16,)+
            $($ms: u32,)+
        }

        impl MinuteCounters {
            /// Adds a change (built as a `Counters`) into the minute.
            fn absorb(&mut self, c: &Counters) {
                $(self.$count = self.$count.saturating_add(u16::try_from(c.$count).unwrap_or(u16::MAX));)+
                $(self.$ms = self.$ms.saturating_add(u32::try_from(c.$ms).unwrap_or(u32::MAX));)+
            }

            /// Adds the minute into a sum.
            fn add_to(&self, sum: &mut Counters) {
                $(sum.$count += u32::from(self.$count);)+
                $(sum.$ms += u64::from(self.$ms);)+
            }
        }
    };
}

minute_counters! {
    counts: offered, answered, answered_within_threshold, abandoned, short_abandons,
        counted_abandons, counted_abandons_within_threshold, callbacks, escalations,
        left_other, moved_in, moved_out, handled;
    durations_ms: answered_wait_ms, talk_ms, hold_ms, wrap_ms, busy_ms, idle_ms,
}

/// An hour of minutes.
#[derive(Clone, Debug)]
struct Page {
    /// The hour (minutes since the epoch / 60) this page holds; others read as empty.
    hour: i64,
    minutes: [MinuteCounters; PAGE_MINUTES as usize],
}

/// One series of minute buckets.
#[derive(Clone, Debug)]
pub(crate) struct History {
    /// Indexed by hour modulo [`PAGES`]; `None` until a minute of that slot is written.
    pages: Vec<Option<Box<Page>>>,
}

impl Default for History {
    fn default() -> Self {
        History {
            pages: vec![None; PAGES as usize],
        }
    }
}

impl History {
    /// Adds `change` to the minute containing `at`. False (nothing kept) when `at` is older
    /// than the retained history relative to `newest` (the newest time the engine has seen).
    pub(crate) fn add(&mut self, at: Timestamp, newest: Timestamp, change: &Counters) -> bool {
        let minute = at.minute_index();
        if newest.minute_index() - minute >= RETENTION {
            return false;
        }
        let hour = minute.div_euclid(PAGE_MINUTES);
        let slot = &mut self.pages[hour.rem_euclid(PAGES) as usize];
        let page = match slot {
            Some(page) if page.hour == hour => page,
            // The slot already holds a newer hour: `at` fell out of the ring.
            Some(page) if page.hour > hour => return false,
            Some(page) => {
                **page = Page::empty(hour);
                page
            }
            None => slot.insert(Box::new(Page::empty(hour))),
        };
        page.minutes[minute.rem_euclid(PAGE_MINUTES) as usize].absorb(change);
        true
    }

    /// Adds the minutes from `start` to `end` (inclusive, both minute-aligned or inside) into `sum`.
    pub(crate) fn sum_into(&self, start: Timestamp, end: Timestamp, sum: &mut Counters) {
        let last = end.minute_index();
        let mut minute = start.minute_index().max(last - RETENTION + 1);
        while minute <= last {
            let hour = minute.div_euclid(PAGE_MINUTES);
            let page_end = (hour + 1) * PAGE_MINUTES - 1;
            let through = page_end.min(last);
            if let Some(page) = &self.pages[hour.rem_euclid(PAGES) as usize]
                && page.hour == hour
            {
                let from = minute.rem_euclid(PAGE_MINUTES) as usize;
                let to = through.rem_euclid(PAGE_MINUTES) as usize;
                for counters in &page.minutes[from..=to] {
                    counters.add_to(sum);
                }
            }
            minute = through + 1;
        }
    }
}

impl Page {
    fn empty(hour: i64) -> Page {
        Page {
            hour,
            minutes: [MinuteCounters::default(); PAGE_MINUTES as usize],
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

    fn offered(n: u32) -> Counters {
        Counters {
            offered: n,
            ..Counters::default()
        }
    }

    #[test]
    fn minutes_outside_the_ring_are_refused_and_never_overwrite_newer_ones() {
        let mut history = History::default();
        let now = Timestamp(RETENTION * MINUTE_MS * 10);
        assert!(history.add(now, now, &offered(3)));
        let too_old = now.plus_ms(-(RETENTION) * MINUTE_MS);
        assert!(!history.add(too_old, now, &offered(1)));
        let mut sum = Counters::default();
        history.sum_into(now, now, &mut sum);
        assert_eq!(sum.offered, 3);
    }

    #[test]
    fn every_minute_of_the_last_26_hours_is_kept_and_summed_once() {
        let mut history = History::default();
        // Start mid-hour, so the oldest kept hour is a part page.
        let first = Timestamp(1_000 * 60 * MINUTE_MS + 37 * MINUTE_MS);
        let minutes = RETENTION * 2;
        for m in 0..minutes {
            let at = first.plus_ms(m * MINUTE_MS + 5_000);
            assert!(history.add(at, at, &offered(1)));
        }
        let newest = first.plus_ms((minutes - 1) * MINUTE_MS);
        let mut all = Counters::default();
        history.sum_into(first, newest, &mut all);
        assert_eq!(i64::from(all.offered), RETENTION);
        let mut last_hour = Counters::default();
        history.sum_into(newest.plus_ms(-59 * MINUTE_MS), newest, &mut last_hour);
        assert_eq!(last_hour.offered, 60);
        // The oldest minute still retained is still there, the one before it is not.
        let oldest = newest.plus_ms(-(RETENTION - 1) * MINUTE_MS);
        let mut one = Counters::default();
        history.sum_into(oldest, oldest, &mut one);
        assert_eq!(one.offered, 1);
        assert!(!history.add(oldest.plus_ms(-MINUTE_MS), newest, &offered(1)));
    }

    #[test]
    fn a_minute_saturates_instead_of_wrapping() {
        let mut history = History::default();
        let at = Timestamp(60 * MINUTE_MS);
        let huge = Counters {
            offered: 70_000,
            talk_ms: u64::from(u32::MAX) + 5,
            ..Counters::default()
        };
        history.add(at, at, &huge);
        history.add(at, at, &offered(1));
        let mut sum = Counters::default();
        history.sum_into(at, at, &mut sum);
        assert_eq!(sum.offered, u32::from(u16::MAX));
        assert_eq!(sum.talk_ms, u64::from(u32::MAX));
    }

    #[test]
    fn every_field_of_a_sum_is_stored_and_summed_back() {
        let change = Counters {
            offered: 1,
            answered: 2,
            answered_within_threshold: 3,
            abandoned: 4,
            short_abandons: 5,
            counted_abandons: 6,
            counted_abandons_within_threshold: 7,
            callbacks: 8,
            escalations: 9,
            left_other: 10,
            moved_in: 11,
            moved_out: 12,
            handled: 13,
            answered_wait_ms: 14,
            talk_ms: 15,
            hold_ms: 16,
            wrap_ms: 17,
            busy_ms: 18,
            idle_ms: 19,
        };
        let mut minute = MinuteCounters::default();
        minute.absorb(&change);
        let mut sum = Counters::default();
        minute.add_to(&mut sum);
        assert_eq!(sum, change);
    }

    #[test]
    fn a_minute_is_a_fraction_of_a_sum_in_memory() {
        assert!(size_of::<MinuteCounters>() <= 52);
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
