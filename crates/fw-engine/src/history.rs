//! Each queue's counters (and each site's agent time) over the last 26 hours.
//!
//! Memory matters here: a 500-queue centre keeps 26 hours for every queue. Windows and trends
//! read history at two resolutions, so it is kept at two:
//! * **Quarter hours, for all 26 hours.** Shift and day windows start on a quarter hour (the
//!   interval workforce plans use; the calendar refuses other shift starts), and trends are
//!   cut into whole quarters, so a quarter is as fine as they ever read.
//! * **Minutes, for the current and the previous hour only.** A rolling window of up to an
//!   hour starts at any minute, and reaches at most into the previous hour.
//!
//! A minute is stored in [`MinuteCounters`] (16-bit counts, 32-bit milliseconds: 52 bytes
//! rather than the 104 of a [`Counters`] sum); a quarter is a full [`Counters`], since a
//! large queue's agent time over 15 minutes would overflow 32 bits. Both rings are allocated
//! an hour at a time as they are first written, so a console started this morning holds only
//! this morning, and one at the end of the day holds a sixth of what minutes would need.

use fw_domain::{MINUTE_MS, Timestamp};

use crate::bucket::Counters;

/// How many minutes of history are kept: a day plus a night shift's overlap.
pub const RETENTION_MINUTES: usize = 26 * 60;
/// The same, for minute arithmetic.
const RETENTION: i64 = 26 * 60;
/// The oldest minute a window can reach back to, counting the current one.
pub(crate) const RETENTION_WINDOW_MINUTES: i64 = RETENTION;
/// Minutes per page: the unit both rings are allocated and recycled in.
const PAGE_MINUTES: i64 = 60;
/// The resolution of history older than the minute pages.
pub(crate) const QUARTER_MINUTES: i64 = 15;
/// Quarters per page.
const PAGE_QUARTERS: usize = (PAGE_MINUTES / QUARTER_MINUTES) as usize;
/// Pages of quarters. A page is recycled whole when its hour comes round again, so one page
/// more than the retention needs keeps every one of the last 26 hours.
const QUARTER_PAGES: usize = (RETENTION / PAGE_MINUTES + 1) as usize;
/// Pages of minutes: the current hour and the previous one. Events are never stamped ahead
/// of the engine's clock, so the page of a new hour is only taken once that hour has begun,
/// when a 60-minute window no longer reaches the hour it recycles.
const MINUTE_PAGES: usize = 2;

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

/// An hour of something, kept in a ring slot chosen by the hour.
trait HourPage {
    /// The hour (minutes since the epoch / 60) this page holds.
    fn hour(&self) -> i64;
}

/// An hour of minutes.
#[derive(Clone, Debug)]
struct MinutePage {
    hour: i64,
    minutes: [MinuteCounters; PAGE_MINUTES as usize],
}

/// An hour of quarters.
#[derive(Clone, Debug)]
struct QuarterPage {
    hour: i64,
    quarters: [Counters; PAGE_QUARTERS],
}

impl MinutePage {
    fn empty(hour: i64) -> Self {
        MinutePage {
            hour,
            minutes: [MinuteCounters::default(); PAGE_MINUTES as usize],
        }
    }
}

impl HourPage for MinutePage {
    fn hour(&self) -> i64 {
        self.hour
    }
}

impl HourPage for QuarterPage {
    fn hour(&self) -> i64 {
        self.hour
    }
}

/// The quarter page of `hour` for writing: a slot holding an older hour is recycled for it;
/// `None` when the slot already holds a newer hour (`hour` fell out of the ring).
fn quarter_page_mut(slots: &mut [Option<Box<QuarterPage>>], hour: i64) -> Option<&mut QuarterPage> {
    let slot = &mut slots[ring_index(hour, slots.len())];
    match slot.as_ref().map(|page| page.hour) {
        Some(held) if held > hour => return None,
        Some(held) if held == hour => {}
        _ => {
            *slot = Some(Box::new(QuarterPage {
                hour,
                quarters: [Counters::default(); PAGE_QUARTERS],
            }));
        }
    }
    slot.as_deref_mut()
}

/// The page of `hour` for reading, if the ring holds it.
fn page<P: HourPage>(slots: &[Option<Box<P>>], hour: i64) -> Option<&P> {
    slots[ring_index(hour, slots.len())]
        .as_deref()
        .filter(|page| page.hour() == hour)
}

fn ring_index(hour: i64, slots: usize) -> usize {
    usize::try_from(hour.rem_euclid(i64::try_from(slots).unwrap_or(1))).unwrap_or(0)
}

/// Adds a minute page into its hour's quarters, before the page is recycled. Dropped when
/// its hour has already left the quarters' ring (older than the retention).
fn fold_into_quarters(quarter_pages: &mut [Option<Box<QuarterPage>>], minutes: &MinutePage) {
    let Some(quarters) = quarter_page_mut(quarter_pages, minutes.hour) else {
        return;
    };
    for (quarter, chunk) in quarters
        .quarters
        .iter_mut()
        .zip(minutes.minutes.chunks_exact(QUARTER_MINUTES as usize))
    {
        for minute in chunk {
            minute.add_to(quarter);
        }
    }
}

/// One series. An hour's changes are in exactly one place: its minute page while it has
/// one, its quarter page once that minute page is recycled (folded into the quarters) or when
/// the hour never got one (a late change, after its slot moved on).
#[derive(Clone, Debug)]
pub(crate) struct History {
    /// Indexed by hour modulo [`QUARTER_PAGES`]; `None` until a minute of that hour is written.
    quarter_pages: Vec<Option<Box<QuarterPage>>>,
    /// Indexed by hour modulo [`MINUTE_PAGES`]. Slots only move forward in time, so an hour
    /// whose first change found its slot holding a newer hour never gets a minute page.
    minute_pages: [Option<Box<MinutePage>>; MINUTE_PAGES],
}

impl Default for History {
    fn default() -> Self {
        History {
            quarter_pages: vec![None; QUARTER_PAGES],
            minute_pages: Default::default(),
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
        let within = usize::try_from(minute.rem_euclid(PAGE_MINUTES)).unwrap_or(0);
        let slot = &mut self.minute_pages[ring_index(hour, MINUTE_PAGES)];
        match slot {
            Some(page) if page.hour == hour => {
                page.minutes[within].absorb(change);
                return true;
            }
            // A late change to an hour no longer kept by the minute: its quarter keeps it.
            Some(page) if page.hour > hour => {}
            Some(page) => {
                fold_into_quarters(&mut self.quarter_pages, page);
                **page = MinutePage::empty(hour);
                page.minutes[within].absorb(change);
                return true;
            }
            None => {
                let page = slot.insert(Box::new(MinutePage::empty(hour)));
                page.minutes[within].absorb(change);
                return true;
            }
        }
        let Some(quarters) = quarter_page_mut(&mut self.quarter_pages, hour) else {
            return false;
        };
        quarters.quarters[within / QUARTER_MINUTES as usize].add(change);
        true
    }

    /// Adds the minutes from `start` to `end` (inclusive, both minute-aligned or inside) into
    /// `sum`. Exact when `start` and the minute after `end` are quarter hours, or fall in the
    /// hours still kept by the minute. Otherwise the part-covered quarter counts whole for
    /// the range holding its first minute and not at all for the other, so ranges that
    /// follow one another still add up to the whole, each quarter counted once.
    pub(crate) fn sum_into(&self, start: Timestamp, end: Timestamp, sum: &mut Counters) {
        let last = end.minute_index();
        let mut minute = start.minute_index().max(last - RETENTION + 1);
        while minute <= last {
            let hour = minute.div_euclid(PAGE_MINUTES);
            if let Some(page) = page(&self.minute_pages, hour) {
                let through = ((hour + 1) * PAGE_MINUTES - 1).min(last);
                let from = usize::try_from(minute.rem_euclid(PAGE_MINUTES)).unwrap_or(0);
                let to = usize::try_from(through.rem_euclid(PAGE_MINUTES)).unwrap_or(0);
                for counters in &page.minutes[from..=to] {
                    counters.add_to(sum);
                }
                minute = through + 1;
                continue;
            }
            let quarter_start = minute - minute.rem_euclid(QUARTER_MINUTES);
            let quarter_end = quarter_start + QUARTER_MINUTES - 1;
            if minute == quarter_start
                && let Some(page) = page(&self.quarter_pages, hour)
            {
                let quarter = minute.rem_euclid(PAGE_MINUTES) / QUARTER_MINUTES;
                sum.add(&page.quarters[usize::try_from(quarter).unwrap_or(0)]);
            }
            minute = quarter_end + 1;
        }
    }

    /// Bytes held on the heap, to keep the memory budget honest in tests.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        let quarters = self.quarter_pages.iter().flatten().count() * size_of::<QuarterPage>();
        let minutes = self.minute_pages.iter().flatten().count() * size_of::<MinutePage>();
        self.quarter_pages.capacity() * size_of::<Option<Box<QuarterPage>>>() + quarters + minutes
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

    /// Minutes since the epoch of a quarter hour, for readable test times.
    const DAY_ONE: i64 = 1_000 * 60;

    fn minute(m: i64) -> Timestamp {
        Timestamp(m * MINUTE_MS)
    }

    fn sum(history: &History, from: i64, through: i64) -> u32 {
        let mut sum = Counters::default();
        history.sum_into(minute(from), minute(through).plus_ms(59_999), &mut sum);
        sum.offered
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
    fn the_last_26_hours_are_kept_by_the_quarter_and_summed_once() {
        let mut history = History::default();
        // Start mid-hour and mid-quarter, so the oldest kept hour is a part page.
        let first = DAY_ONE + 37;
        let minutes = RETENTION * 2;
        for m in first..first + minutes {
            let at = minute(m).plus_ms(5_000);
            assert!(history.add(at, at, &offered(1)));
        }
        let newest = first + minutes - 1;
        // From the first kept quarter hour to now: every minute once.
        let oldest = newest - RETENTION + 1;
        let oldest_quarter = oldest + (QUARTER_MINUTES - oldest.rem_euclid(QUARTER_MINUTES));
        assert_eq!(
            i64::from(sum(&history, oldest_quarter, newest)),
            newest - oldest_quarter + 1
        );
        // Any hour, however old, on quarter hours.
        let old_hour = oldest_quarter + 60;
        assert_eq!(sum(&history, old_hour, old_hour + 59), 60);
        // The last hour minute by minute, from any minute.
        for back in [0, 1, 14, 15, 16, 59] {
            assert_eq!(i64::from(sum(&history, newest - back, newest)), back + 1);
        }
        // The hour before the oldest kept is refused.
        assert!(!history.add(minute(oldest - 1), minute(newest), &offered(1)));
    }

    #[test]
    fn older_than_the_minute_pages_a_part_quarter_belongs_to_the_range_holding_its_start() {
        let mut history = History::default();
        let first = DAY_ONE;
        for m in first..first + 5 * 60 {
            history.add(minute(m), minute(m), &offered(1));
        }
        // Three hours back, minutes are gone: the quarter [first, first+15) is one bucket.
        assert_eq!(sum(&history, first, first + 4), 15);
        assert_eq!(sum(&history, first + 5, first + 14), 0);
        assert_eq!(sum(&history, first + 5, first + 29), 15);
        // Ranges that follow one another still add up to the whole.
        let parts = [
            (first, first + 6),
            (first + 7, first + 40),
            (first + 41, first + 299),
        ];
        let total: u32 = parts.iter().map(|&(a, b)| sum(&history, a, b)).sum();
        assert_eq!(total, 300);
    }

    #[test]
    fn a_late_change_to_an_old_hour_is_kept_by_its_quarter() {
        let mut history = History::default();
        let now = minute(DAY_ONE + 5 * 60);
        history.add(now, now, &offered(1));
        let late = minute(DAY_ONE + 7);
        assert!(history.add(late, now, &offered(2)));
        assert_eq!(sum(&history, DAY_ONE, DAY_ONE + 14), 2);
        assert_eq!(sum(&history, DAY_ONE, DAY_ONE + 5 * 60), 3);
    }

    #[test]
    fn a_full_day_at_500_queues_stays_small() {
        let mut history = History::default();
        for m in DAY_ONE..DAY_ONE + RETENTION * 2 {
            history.add(minute(m), minute(m), &offered(1));
        }
        // 27 hours of quarters and two of minutes: about 17 KB, where 26 hours of minutes
        // took 81 KB. At 500 queues: 9 MB rather than 41 MB.
        assert!(
            history.heap_bytes() <= 18 * 1024,
            "{}",
            history.heap_bytes()
        );
    }

    proptest::proptest! {
        /// Against a plain per-minute reference: any range a window or a trend asks for
        /// (starting on a quarter hour, or within the last hour; ending now or before a
        /// quarter hour) sums exactly, whatever order the changes came in.
        #[test]
        fn windows_and_intervals_sum_exactly(
            changes in proptest::collection::vec((0i64..30 * 60, 1u32..4), 1..400),
            back_quarters in 0i64..(26 * 4),
            rolling_back in 0i64..60,
            interval_quarters in 1i64..=4,
        ) {
            let mut history = History::default();
            let mut reference = std::collections::BTreeMap::<i64, u32>::new();
            let mut newest = DAY_ONE;
            for &(offset, n) in &changes {
                let m = DAY_ONE + offset;
                newest = newest.max(m);
                if history.add(minute(m), minute(newest), &offered(n)) {
                    *reference.entry(m).or_default() += n;
                }
            }
            let expect = |from: i64, through: i64| -> u32 {
                reference.range(from..=through).map(|(_, n)| n).sum()
            };
            let now_quarter = newest - newest.rem_euclid(QUARTER_MINUTES);
            let shift_start = (now_quarter - back_quarters * QUARTER_MINUTES).max(newest - RETENTION + 1 + QUARTER_MINUTES);
            let shift_start = shift_start - shift_start.rem_euclid(QUARTER_MINUTES);
            proptest::prop_assert_eq!(sum(&history, shift_start, newest), expect(shift_start, newest));
            let rolling = newest - rolling_back;
            proptest::prop_assert_eq!(sum(&history, rolling, newest), expect(rolling, newest));
            let interval = interval_quarters * QUARTER_MINUTES;
            let mut start = shift_start;
            while start <= newest {
                let through = (start + interval - 1).min(newest);
                proptest::prop_assert_eq!(sum(&history, start, through), expect(start, through));
                start += interval;
            }
        }
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
