//! How far apart the scores given to one item are.

use serde::{Deserialize, Serialize};

/// Summary of the values given to one item (across raters, or across calls).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSpread {
    /// How many values were summarised.
    pub n_units: usize,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    /// The population standard deviation: the raters of a round are all the raters of
    /// interest, not a sample of them.
    pub std_dev: f64,
}

/// The spread of the finite values given; `None` when there are none.
pub fn spread(values: &[f64]) -> Option<ItemSpread> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (mut count, mut mean, mut squares) = (0usize, 0.0f64, 0.0f64);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    // Welford's update: stable for long lists of close values.
    for value in finite {
        count += 1;
        let delta = value - mean;
        mean += delta / count as f64;
        squares += delta * (value - mean);
        min = min.min(value);
        max = max.max(value);
    }
    (count > 0).then(|| ItemSpread {
        n_units: count,
        mean,
        min,
        max,
        std_dev: (squares / count as f64).sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_of_a_few_scores() {
        let summary = spread(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).expect("values");
        assert_eq!(summary.n_units, 8);
        assert!((summary.mean - 5.0).abs() < 1e-12);
        assert!((summary.std_dev - 2.0).abs() < 1e-12);
        assert_eq!((summary.min, summary.max), (2.0, 9.0));
    }

    #[test]
    fn nothing_to_summarise_is_none_and_one_value_has_no_spread() {
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[f64::NAN]), None);
        let one = spread(&[3.0]).expect("one value");
        assert_eq!((one.mean, one.std_dev, one.n_units), (3.0, 0.0, 1));
    }
}
