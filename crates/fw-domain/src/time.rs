//! Platform time. The domain never reads a clock: every timestamp comes in from outside.

/// Milliseconds since the Unix epoch (UTC), as the platform reported it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// One second in milliseconds.
pub const SECOND_MS: i64 = 1_000;
/// One minute in milliseconds.
pub const MINUTE_MS: i64 = 60 * SECOND_MS;

impl Timestamp {
    /// Milliseconds from `earlier` to `self`, never negative (platform clocks can step back)
    /// and never overflowing (an unknown instant may be kept as `i64::MIN`).
    pub const fn millis_since(self, earlier: Timestamp) -> u64 {
        let delta = self.0.saturating_sub(earlier.0);
        if delta > 0 { delta as u64 } else { 0 }
    }

    /// This instant plus `ms` milliseconds.
    #[must_use]
    pub const fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0 + ms)
    }

    /// The start of the minute this instant falls in.
    #[must_use]
    pub const fn floor_minute(self) -> Timestamp {
        Timestamp(self.0.div_euclid(MINUTE_MS) * MINUTE_MS)
    }

    /// Minutes since the epoch (the index of this instant's minute).
    pub const fn minute_index(self) -> i64 {
        self.0.div_euclid(MINUTE_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_since_never_goes_negative() {
        assert_eq!(Timestamp(5_000).millis_since(Timestamp(2_000)), 3_000);
        assert_eq!(Timestamp(2_000).millis_since(Timestamp(5_000)), 0);
    }

    #[test]
    fn minute_flooring_handles_times_before_the_epoch() {
        assert_eq!(Timestamp(61_000).floor_minute(), Timestamp(60_000));
        assert_eq!(Timestamp(-1).floor_minute(), Timestamp(-60_000));
        assert_eq!(Timestamp(-1).minute_index(), -1);
    }
}
