//! [`Jitter`]: a small lock-free random source for backoff waits.

use std::sync::atomic::{AtomicU64, Ordering};

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64. Backoff jitter only has to keep clients from retrying in step, not be
/// unpredictable, so this beats pulling in `rand`. Its state advances by a constant, which
/// makes it a single atomic add: `pull(&self)` can draw without a lock.
#[derive(Debug)]
pub(crate) struct Jitter {
    state: AtomicU64,
}

impl Jitter {
    pub(crate) fn new(seed: u64) -> Jitter {
        Jitter {
            state: AtomicU64::new(seed),
        }
    }

    /// A seed that differs per process and per call, from std's randomly keyed hasher,
    /// so that two consoles started together do not back off in step.
    pub(crate) fn seed_from_process() -> u64 {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64)
    }

    pub(crate) fn next_u64(&self) -> u64 {
        let mut z = self
            .state
            .fetch_add(GOLDEN_GAMMA, Ordering::Relaxed)
            .wrapping_add(GOLDEN_GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..=max` (the modulo bias is far below anything a wait can show).
    pub(crate) fn up_to(&self, max: u64) -> u64 {
        match max.checked_add(1) {
            Some(span) => self.next_u64() % span,
            None => self.next_u64(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_splitmix64_sequence() {
        // First outputs for seed 1234567 from the reference implementation (Vigna).
        let jitter = Jitter::new(1_234_567);
        assert_eq!(jitter.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(jitter.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(jitter.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn up_to_stays_in_range() {
        let jitter = Jitter::new(7);
        for max in [0, 1, 10, u64::MAX] {
            for _ in 0..100 {
                assert!(jitter.up_to(max) <= max);
            }
        }
        assert_eq!(jitter.up_to(0), 0);
    }
}
