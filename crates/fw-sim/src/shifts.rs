//! Shifts and scheduled breaks, in the centre's local time.

use fw_domain::{BreakReason, MINUTE_MS, Timestamp};

/// One day in milliseconds.
pub(crate) const DAY_MS: i64 = 24 * 60 * MINUTE_MS;
/// Every shift lasts eight hours.
pub(crate) const SHIFT_MS: i64 = 8 * 60 * MINUTE_MS;

/// Which team an agent works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShiftKind {
    /// 06:00–14:00.
    Early,
    /// 14:00–22:00.
    Late,
    /// 22:00–06:00, the lighter night team.
    Night,
}

/// A break every agent on a shift takes once, somewhere inside a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BreakSlot {
    pub kind: ScheduledBreak,
    /// Earliest start, minutes after the shift starts.
    pub window_start_min: i64,
    /// Width of the window the starts are spread over, in minutes. Wide windows keep the
    /// share of a team away at once small (30-minute lunches over 2 hours: a quarter).
    pub window_min: i64,
}

/// A break from the rota (as opposed to one a supervisor orders).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScheduledBreak {
    Rest,
    Lunch,
}

impl ScheduledBreak {
    pub(crate) const fn reason(self) -> BreakReason {
        match self {
            ScheduledBreak::Rest => BreakReason::Rest,
            ScheduledBreak::Lunch => BreakReason::Lunch,
        }
    }

    pub(crate) const fn duration_ms(self) -> i64 {
        match self {
            ScheduledBreak::Rest => 15 * MINUTE_MS,
            ScheduledBreak::Lunch => 30 * MINUTE_MS,
        }
    }
}

const EARLY_BREAKS: [BreakSlot; 2] = [
    // 07:30–09:30, before the morning peak builds.
    BreakSlot {
        kind: ScheduledBreak::Rest,
        window_start_min: 90,
        window_min: 120,
    },
    // 11:30–13:30, across the lunchtime dip.
    BreakSlot {
        kind: ScheduledBreak::Lunch,
        window_start_min: 330,
        window_min: 120,
    },
];
const LATE_BREAKS: [BreakSlot; 2] = [
    // 16:30–18:30, as the afternoon peak eases.
    BreakSlot {
        kind: ScheduledBreak::Rest,
        window_start_min: 150,
        window_min: 120,
    },
    // 18:30–20:30 (dinner), as the evening tail falls.
    BreakSlot {
        kind: ScheduledBreak::Lunch,
        window_start_min: 270,
        window_min: 120,
    },
];
const NIGHT_BREAKS: [BreakSlot; 1] =
    // 00:30–03:30, the quietest hours.
    [BreakSlot {
        kind: ScheduledBreak::Rest,
        window_start_min: 150,
        window_min: 180,
    }];

impl ShiftKind {
    /// Nominal start, minutes after local midnight.
    pub(crate) const fn start_minute(self) -> i64 {
        match self {
            ShiftKind::Early => 6 * 60,
            ShiftKind::Late => 14 * 60,
            ShiftKind::Night => 22 * 60,
        }
    }

    /// The breaks of one shift.
    pub(crate) const fn breaks(self) -> &'static [BreakSlot] {
        match self {
            ShiftKind::Early => &EARLY_BREAKS,
            ShiftKind::Late => &LATE_BREAKS,
            ShiftKind::Night => &NIGHT_BREAKS,
        }
    }

    /// Whether this is a day shift (the teams the demand is sized on).
    pub(crate) const fn is_day(self) -> bool {
        !matches!(self, ShiftKind::Night)
    }
}

/// One occurrence of an agent's shift, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShiftWindow {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl ShiftWindow {
    pub(crate) const fn contains(self, at: Timestamp) -> bool {
        self.start.0 <= at.0 && at.0 < self.end.0
    }
}

/// The first occurrence of a daily shift that has not ended at `at`: the one in progress, or
/// the next one. `start_offset_ms` is the agent's start after local midnight, stagger
/// included; `utc_offset_ms` is the centre's offset from UTC.
pub(crate) fn current_or_next_shift(
    at: Timestamp,
    start_offset_ms: i64,
    utc_offset_ms: i64,
) -> ShiftWindow {
    let local_now = at.0 + utc_offset_ms;
    let local_day = local_now.div_euclid(DAY_MS);
    // Yesterday's occurrence can still be running (the night shift crosses midnight).
    let mut local_start = (local_day - 1) * DAY_MS + start_offset_ms;
    while local_start + SHIFT_MS <= local_now {
        local_start += DAY_MS;
    }
    let start = Timestamp(local_start - utc_offset_ms);
    ShiftWindow {
        start,
        end: start.plus_ms(SHIFT_MS),
    }
}

/// Minutes after local midnight of an instant.
pub(crate) const fn local_minute_of_day(at: Timestamp, utc_offset_ms: i64) -> i64 {
    (at.0 + utc_offset_ms).rem_euclid(DAY_MS) / MINUTE_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHINA: i64 = 8 * 60 * MINUTE_MS;

    fn local(day: i64, hour: i64, minute: i64) -> Timestamp {
        Timestamp(day * DAY_MS + (hour * 60 + minute) * MINUTE_MS - CHINA)
    }

    #[test]
    fn a_shift_in_progress_is_found_and_a_finished_one_skipped() {
        let early = ShiftKind::Early.start_minute() * MINUTE_MS;
        let during = current_or_next_shift(local(10, 9, 0), early, CHINA);
        assert_eq!(during.start, local(10, 6, 0));
        assert!(during.contains(local(10, 9, 0)));
        let after = current_or_next_shift(local(10, 15, 0), early, CHINA);
        assert_eq!(after.start, local(11, 6, 0));
    }

    #[test]
    fn the_night_shift_crosses_midnight() {
        let night = ShiftKind::Night.start_minute() * MINUTE_MS + 30 * MINUTE_MS;
        let window = current_or_next_shift(local(10, 3, 0), night, CHINA);
        assert_eq!(window.start, local(9, 22, 30));
        assert_eq!(window.end, local(10, 6, 30));
        assert_eq!(local_minute_of_day(local(10, 3, 7), CHINA), 187);
    }
}
