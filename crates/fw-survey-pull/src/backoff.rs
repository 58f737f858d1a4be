//! [`Backoff`]: how long to wait before trying a page again.

use std::time::Duration;

use crate::jitter::Jitter;

/// Exponential backoff with full jitter: retry `k` (0-based) waits a uniformly random
/// time in `[0, min(max, initial · 2^k)]`. Full jitter spreads clients that failed
/// together (a service restart) over the whole window instead of bunching them at its
/// edge. A server's `Retry-After` replaces the random wait, capped by `max` so that a
/// hostile or mistaken header cannot park a pull for hours.
#[derive(Debug)]
pub(crate) struct Backoff {
    initial: Duration,
    max: Duration,
    jitter: Jitter,
}

impl Backoff {
    pub(crate) fn new(initial: Duration, max: Duration, seed: u64) -> Backoff {
        Backoff {
            initial,
            max,
            jitter: Jitter::new(seed),
        }
    }

    /// The wait before retry `retry` (0 for the first retry).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(asked) = retry_after {
            return asked.min(self.max);
        }
        let ceiling = ceiling(self.initial, self.max, retry);
        let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(self.jitter.up_to(ceiling_nanos))
    }
}

/// The upper end of retry `retry`'s window: `min(max, initial · 2^retry)`, saturating.
pub(crate) fn ceiling(initial: Duration, max: Duration, retry: u32) -> Duration {
    let factor = 1_u32.checked_shl(retry).unwrap_or(u32::MAX);
    initial.saturating_mul(factor).min(max)
}

/// A `Retry-After` header in its delay-seconds form. The HTTP-date form is not used by
/// rate limiters in practice and would need the wall clock; it falls back to the
/// ordinary backoff.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn the_window_doubles_up_to_the_cap() {
        let ceilings: Vec<_> = (0..8).map(|k| ceiling(500 * MS, 30_000 * MS, k)).collect();
        let expected = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000];
        assert_eq!(ceilings, expected.map(|ms| ms * MS).to_vec());
        assert_eq!(ceiling(500 * MS, 30_000 * MS, 40), 30_000 * MS);
        assert_eq!(ceiling(Duration::MAX, Duration::MAX, 3), Duration::MAX);
    }

    #[test]
    fn jittered_waits_stay_inside_the_window_and_spread_out() {
        let backoff = Backoff::new(100 * MS, 1_000 * MS, 42);
        for retry in 0..10 {
            let window = ceiling(100 * MS, 1_000 * MS, retry);
            let waits: Vec<_> = (0..50).map(|_| backoff.delay(retry, None)).collect();
            assert!(
                waits.iter().all(|w| *w <= window),
                "retry {retry}: {waits:?}"
            );
            let distinct: std::collections::BTreeSet<_> = waits.iter().collect();
            assert!(distinct.len() > 40, "retry {retry}: too few distinct waits");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_schedule() {
        let a = Backoff::new(100 * MS, 1_000 * MS, 9);
        let b = Backoff::new(100 * MS, 1_000 * MS, 9);
        for retry in 0..5 {
            assert_eq!(a.delay(retry, None), b.delay(retry, None));
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let backoff = Backoff::new(10 * MS, 5_000 * MS, 1);
        assert_eq!(
            backoff.delay(0, parse_retry_after("1")),
            Duration::from_secs(1)
        );
        assert_eq!(backoff.delay(3, parse_retry_after(" 0 ")), Duration::ZERO);
        assert_eq!(backoff.delay(0, parse_retry_after("3600")), 5_000 * MS);
    }

    #[test]
    fn retry_after_dates_and_junk_fall_back_to_the_backoff() {
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after(""), None);
    }
}
