//! The simulator's own pseudo-random numbers.
//!
//! Written here rather than taken from `rand` so that "same seed ⇒ same event stream" holds
//! forever: a dependency upgrade can never change the stream. The generator is xoshiro256**
//! seeded through SplitMix64 (both public-domain algorithms by Blackman and Vigna), and the
//! distributions are the few the centre needs.

/// A seeded xoshiro256** generator with the distributions the centre draws from.
#[derive(Clone, Debug)]
pub(crate) struct SimRng {
    state: [u64; 4],
}

/// SplitMix64's increment (the golden ratio in 64 bits).
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl SimRng {
    /// A generator for one independent stream of one seed. Separate streams keep, say, the
    /// centre's staffing fixed for a seed however the call flow later draws.
    pub(crate) fn stream(seed: u64, stream: u64) -> SimRng {
        let mut splitmix = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut next = || {
            splitmix = splitmix.wrapping_add(GOLDEN_GAMMA);
            let mut z = splitmix;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        // SplitMix64 never yields four zero words in a row, so the state is never all zero.
        SimRng {
            state: [next(), next(), next(), next()],
        }
    }

    /// The next raw 64 bits (xoshiro256**).
    pub(crate) fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.state;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)` with 53 bits of precision.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1_u64 << 53) as f64)
    }

    /// Uniform integer in `[0, n)`; `n` must be positive. Multiply-shift: the bias is below
    /// 2^-40 for every `n` the centre uses, far under anything a test could see.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform integer in `[low, high]` (inclusive).
    pub(crate) fn between(&mut self, low: i64, high: i64) -> i64 {
        debug_assert!(low <= high);
        low + self.below((high - low).cast_unsigned() + 1).cast_signed()
    }

    /// Uniform real in `[low, high)`.
    pub(crate) fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Exponential with the given mean.
    pub(crate) fn exponential(&mut self, mean: f64) -> f64 {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        -mean * (1.0 - self.unit()).ln()
    }

    /// Standard normal by Box–Muller. One value per call: caching the twin would make the
    /// stream depend on how many normals were drawn before, which is harder to reason about.
    pub(crate) fn standard_normal(&mut self) -> f64 {
        let radius_draw = 1.0 - self.unit();
        let angle = std::f64::consts::TAU * self.unit();
        (-2.0 * radius_draw.ln()).sqrt() * angle.cos()
    }

    /// Lognormal with the given arithmetic mean and log-space spread `sigma`.
    pub(crate) fn lognormal_with_mean(&mut self, mean: f64, sigma: f64) -> f64 {
        let mu = mean.ln() - sigma * sigma / 2.0;
        (mu + sigma * self.standard_normal()).exp()
    }

    /// An index drawn in proportion to `weights` (non-negative, not all zero).
    pub(crate) fn weighted_index(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut remaining = self.unit() * total;
        for (index, weight) in weights.iter().enumerate() {
            if remaining < *weight {
                return index;
            }
            remaining -= weight;
        }
        // Rounding can leave a sliver past the last weight: the last positive one takes it.
        weights
            .iter()
            .rposition(|weight| *weight > 0.0)
            .unwrap_or(0)
    }

    /// One element of a non-empty slice, uniformly.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_for_a_seed_never_changes() {
        // Pinned output: if this fails, every recorded demo and test expectation shifts.
        let mut rng = SimRng::stream(42, 0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(first, PINNED_SEED_42);
    }

    const PINNED_SEED_42: [u64; 3] = [
        1_546_998_764_402_558_742,
        6_990_951_692_964_543_102,
        12_544_586_762_248_559_009,
    ];

    #[test]
    fn matches_the_reference_algorithms() {
        // SplitMix64 from 0 first yields 0xE220A8397B1DCDAF (Vigna's reference code).
        assert_eq!(SimRng::stream(0, 0).state[0], 0xE220_A839_7B1D_CDAF);
        // xoshiro256** from the state [1, 2, 3, 4] (reference implementation's output).
        let mut rng = SimRng {
            state: [1, 2, 3, 4],
        };
        let outputs: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(
            outputs,
            vec![11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240]
        );
    }

    #[test]
    fn streams_and_seeds_differ() {
        let a = SimRng::stream(1, 0).next_u64();
        let b = SimRng::stream(1, 1).next_u64();
        let c = SimRng::stream(2, 0).next_u64();
        assert!(a != b && a != c && b != c);
    }

    #[test]
    fn distributions_have_the_expected_moments() {
        let mut rng = SimRng::stream(7, 0);
        let n = 200_000;
        let exp_mean = (0..n).map(|_| rng.exponential(120.0)).sum::<f64>() / f64::from(n);
        assert!(
            (exp_mean - 120.0).abs() < 2.0,
            "exponential mean {exp_mean}"
        );
        let normals: Vec<f64> = (0..n).map(|_| rng.standard_normal()).collect();
        let mean = normals.iter().sum::<f64>() / f64::from(n);
        let variance = normals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n);
        assert!(
            mean.abs() < 0.01 && (variance - 1.0).abs() < 0.02,
            "normal {mean} {variance}"
        );
        let logn = (0..n)
            .map(|_| rng.lognormal_with_mean(300.0, 0.5))
            .sum::<f64>()
            / f64::from(n);
        assert!((logn - 300.0).abs() < 4.0, "lognormal mean {logn}");
    }

    #[test]
    fn bounded_draws_stay_in_range_and_weights_are_respected() {
        let mut rng = SimRng::stream(9, 0);
        let mut counts = [0_u32; 3];
        for _ in 0..30_000 {
            let v = rng.between(-2, 2);
            assert!((-2..=2).contains(&v));
            counts[rng.weighted_index(&[1.0, 0.0, 3.0])] += 1;
        }
        assert_eq!(counts[1], 0);
        let ratio = f64::from(counts[2]) / f64::from(counts[0]);
        assert!((ratio - 3.0).abs() < 0.25, "weighted ratio {ratio}");
    }
}
