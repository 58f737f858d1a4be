//! Which calls go to calibration: a reproducible random sample.

use std::collections::HashSet;

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough to pick calls. The
/// same seed always picks the same calls, so a round can be re-derived and audited.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (Lemire's multiply-shift; the bias is below 2⁻³² for any
    /// list we sample).
    pub fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }
}

/// About `share_per_mille`/1000 of the candidates (rounded, at least one when there are
/// any, all of them at 1000 or more), chosen at random by `seed`, in the candidates' order.
/// Repeated candidates count once.
pub fn sample_for_calibration(candidates: &[i64], share_per_mille: u32, seed: u64) -> Vec<i64> {
    let mut seen = HashSet::with_capacity(candidates.len());
    let mut distinct: Vec<i64> = candidates
        .iter()
        .copied()
        .filter(|candidate| seen.insert(*candidate))
        .collect();
    let count = distinct.len();
    if count == 0 {
        return Vec::new();
    }
    let share = u64::from(share_per_mille.min(1_000));
    let wanted = ((count as u64 * share + 500) / 1_000).max(1) as usize;

    // A partial Fisher–Yates shuffle of positions: the first `wanted` are the sample.
    let mut positions: Vec<usize> = (0..count).collect();
    let mut rng = SplitMix64(seed);
    for i in 0..wanted {
        let j = i + rng.below(count - i);
        positions.swap(i, j);
    }
    let mut chosen = positions[..wanted].to_vec();
    chosen.sort_unstable();
    let mut sample = Vec::with_capacity(wanted);
    for position in chosen {
        sample.push(std::mem::take(&mut distinct[position]));
    }
    sample
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_its_reference_output() {
        // The reference implementation's first outputs for seed 1234567.
        let mut rng = SplitMix64(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn the_sample_is_the_share_rounded_and_reproducible() {
        let candidates: Vec<i64> = (1..=1_000).collect();
        let sample = sample_for_calibration(&candidates, 50, 7);
        assert_eq!(sample.len(), 50);
        assert_eq!(sample, sample_for_calibration(&candidates, 50, 7));
        assert_ne!(sample, sample_for_calibration(&candidates, 50, 8));
        assert!(sample.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(sample.iter().all(|id| candidates.contains(id)));
    }

    #[test]
    fn at_least_one_at_most_all() {
        assert_eq!(sample_for_calibration(&[], 500, 1), Vec::<i64>::new());
        assert_eq!(sample_for_calibration(&[9, 8, 7], 0, 1).len(), 1);
        assert_eq!(sample_for_calibration(&[9, 8, 7], 2_000, 1), [9, 8, 7]);
        assert_eq!(sample_for_calibration(&[5, 5, 5], 1_000, 1), [5]);
    }
}
