//! Krippendorff's alpha, computed through the coincidence matrix as in Krippendorff (2011),
//! "Computing Krippendorff's Alpha-Reliability": α = 1 − D_o / D_e, the observed
//! disagreement within units over the disagreement expected by chance.
//!
//! Alpha, rather than Cohen's or Fleiss' kappa, because calibration rounds have any number
//! of raters, raters who skip an item, and ordinal scales.

use serde::{Deserialize, Serialize};

/// How the difference between two values counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Categories: equal or not.
    Nominal,
    /// Ranks: the distance between two values grows with how many values were given
    /// between them (Krippendorff's cumulative-frequency distance).
    Ordinal,
    /// Numbers: the squared difference.
    Interval,
}

/// Alpha over units (one per scored call), each listing every rater's value, `None` where
/// that rater gave none. Non-finite values count as none.
///
/// Units with fewer than two values are ignored (nothing to compare). `None` when no unit
/// has two values, or when every value given is the same (no disagreement is expected,
/// so agreement cannot be told from chance). 1 is perfect agreement, 0 agreement at chance
/// level; below 0 is systematic disagreement.
pub fn krippendorff_alpha(units: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    let coincidences = Coincidences::of(units)?;
    let distances = coincidences.squared_distances(metric);
    let values = coincidences.values.len();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..values {
        for k in (c + 1)..values {
            // The matrices are symmetric and the diagonal distance is 0: the upper triangle,
            // counted twice, is the whole sum.
            let distance = distances[c * values + k];
            observed += 2.0 * coincidences.matrix[c * values + k] * distance;
            expected += 2.0 * coincidences.totals[c] * coincidences.totals[k] * distance;
        }
    }
    if expected <= 0.0 {
        return None;
    }
    let n = coincidences.pairable;
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// The coincidence matrix over the distinct values given.
#[derive(Debug)]
struct Coincidences {
    /// Distinct values, ascending.
    values: Vec<f64>,
    /// `o_ck`, row-major, `values.len()` square.
    matrix: Vec<f64>,
    /// `n_c`: the row sums.
    totals: Vec<f64>,
    /// `n`: all pairable values.
    pairable: f64,
}

impl Coincidences {
    fn of(units: &[Vec<Option<f64>>]) -> Option<Coincidences> {
        // Adding 0.0 turns -0.0 into 0.0, so equal values sort and search as one.
        let finite = |unit: &Vec<Option<f64>>| -> Vec<f64> {
            unit.iter()
                .flatten()
                .filter(|v| v.is_finite())
                .map(|v| v + 0.0)
                .collect()
        };
        let pairable_units: Vec<Vec<f64>> = units
            .iter()
            .map(finite)
            .filter(|values| values.len() >= 2)
            .collect();
        if pairable_units.is_empty() {
            return None;
        }
        let mut values: Vec<f64> = pairable_units.iter().flatten().copied().collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let size = values.len();
        // Every value is listed, so the search finds it.
        let index = |value: f64| {
            values
                .binary_search_by(|probe| probe.total_cmp(&value))
                .unwrap_or_else(|position| position)
        };

        let mut matrix = vec![0.0; size * size];
        let mut counts = vec![0.0f64; size];
        for unit in &pairable_units {
            counts.fill(0.0);
            for &value in unit {
                counts[index(value)] += 1.0;
            }
            let weight = 1.0 / (unit.len() as f64 - 1.0);
            for c in (0..size).filter(|&c| counts[c] > 0.0) {
                for k in (0..size).filter(|&k| counts[k] > 0.0) {
                    // Pairs of different raters: a value is not paired with itself.
                    let pairs = if c == k {
                        counts[c] * (counts[c] - 1.0)
                    } else {
                        counts[c] * counts[k]
                    };
                    matrix[c * size + k] += pairs * weight;
                }
            }
        }
        let totals: Vec<f64> = (0..size)
            .map(|c| matrix[c * size..(c + 1) * size].iter().sum())
            .collect();
        let pairable = totals.iter().sum();
        Some(Coincidences {
            values,
            matrix,
            totals,
            pairable,
        })
    }

    /// δ²(c, k) for every pair of distinct values, row-major.
    fn squared_distances(&self, metric: Metric) -> Vec<f64> {
        let size = self.values.len();
        let mut distances = vec![0.0; size * size];
        // Cumulative totals, so an ordinal distance is a difference of two prefix sums.
        let mut cumulative = Vec::with_capacity(size + 1);
        cumulative.push(0.0);
        for total in &self.totals {
            cumulative.push(cumulative.last().copied().unwrap_or(0.0) + total);
        }
        for c in 0..size {
            for k in 0..size {
                if c == k {
                    continue;
                }
                distances[c * size + k] = match metric {
                    Metric::Nominal => 1.0,
                    Metric::Interval => (self.values[c] - self.values[k]).powi(2),
                    Metric::Ordinal => {
                        let (low, high) = (c.min(k), c.max(k));
                        let between = cumulative[high + 1] - cumulative[low];
                        (between - f64::midpoint(self.totals[c], self.totals[k])).powi(2)
                    }
                };
            }
        }
        distances
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), section C: four observers, twelve units, missing values.
    fn krippendorff_2011_example() -> Vec<Vec<Option<f64>>> {
        let observers: [[Option<u8>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        (0..12)
            .map(|unit| {
                observers
                    .iter()
                    .map(|observer| observer[unit].map(f64::from))
                    .collect()
            })
            .collect()
    }

    fn assert_close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("alpha is defined");
        assert!(
            (actual - expected).abs() < 5e-4,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn the_published_example_gives_the_published_values() {
        let units = krippendorff_2011_example();
        assert_close(krippendorff_alpha(&units, Metric::Nominal), 0.743);
        assert_close(krippendorff_alpha(&units, Metric::Ordinal), 0.815);
        assert_close(krippendorff_alpha(&units, Metric::Interval), 0.849);
    }

    #[test]
    fn the_coincidence_matrix_matches_the_papers() {
        let coincidences = Coincidences::of(&krippendorff_2011_example()).expect("pairable");
        assert_eq!(coincidences.values, [1.0, 2.0, 3.0, 4.0, 5.0]);
        // n_c as printed in the paper: 9, 13, 10, 5, 3 (n = 40).
        let totals: Vec<f64> = coincidences
            .totals
            .iter()
            .map(|t| (t * 1e9).round() / 1e9)
            .collect();
        assert_eq!(totals, [9.0, 13.0, 10.0, 5.0, 3.0]);
        assert!((coincidences.pairable - 40.0).abs() < 1e-9);
    }

    #[test]
    fn perfect_agreement_is_one_and_one_value_everywhere_is_undefined() {
        let units = vec![
            vec![Some(1.0), Some(1.0), Some(1.0)],
            vec![Some(4.0), Some(4.0), None],
            vec![Some(5.0), Some(5.0), Some(5.0)],
        ];
        for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
            assert_eq!(krippendorff_alpha(&units, metric), Some(1.0));
        }
        let same = vec![vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0)]];
        assert_eq!(krippendorff_alpha(&same, Metric::Interval), None);
        let lonely = vec![vec![Some(3.0), None], vec![None, Some(4.0)]];
        assert_eq!(krippendorff_alpha(&lonely, Metric::Nominal), None);
        assert_eq!(krippendorff_alpha(&[], Metric::Nominal), None);
    }

    #[test]
    fn systematic_disagreement_is_negative() {
        let units = vec![vec![Some(1.0), Some(5.0)], vec![Some(5.0), Some(1.0)]];
        let alpha = krippendorff_alpha(&units, Metric::Interval).expect("defined");
        assert!(alpha < 0.0, "{alpha}");
    }
}
