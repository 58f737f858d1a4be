//! Krippendorff's alpha against the published example, and its invariants.

use fw_survey::{Metric, krippendorff_alpha, spread};
use proptest::prelude::*;

const METRICS: [Metric; 3] = [Metric::Nominal, Metric::Ordinal, Metric::Interval];

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: observers
/// A–D (rows) over twelve units (columns), 0 where the observer gave no value.
const OBSERVERS: [[u8; 12]; 4] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
    [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
];

fn published_units() -> Vec<Vec<Option<f64>>> {
    (0..12)
        .map(|unit| {
            OBSERVERS
                .iter()
                .map(|observer| Some(f64::from(observer[unit])).filter(|v| *v > 0.0))
                .collect()
        })
        .collect()
}

#[test]
fn the_papers_values_to_three_places() {
    let units = published_units();
    let thousandths = |metric| {
        let alpha = krippendorff_alpha(&units, metric).expect("defined");
        (alpha * 1_000.0).round() as i64
    };
    assert_eq!(thousandths(Metric::Nominal), 743);
    assert_eq!(thousandths(Metric::Ordinal), 815);
    assert_eq!(thousandths(Metric::Interval), 849);
}

#[test]
fn the_unit_with_one_value_does_not_count() {
    let mut units = published_units();
    let alpha = krippendorff_alpha(&units, Metric::Nominal);
    units.pop(); // unit 12: observer B alone
    assert_eq!(krippendorff_alpha(&units, Metric::Nominal), alpha);
}

#[test]
fn perfect_agreement_is_one() {
    let units: Vec<Vec<Option<f64>>> = (1..=5)
        .map(|score| vec![Some(f64::from(score)); 3])
        .collect();
    for metric in METRICS {
        assert_eq!(krippendorff_alpha(&units, metric), Some(1.0));
    }
}

#[test]
fn spread_summarises_one_items_scores() {
    let summary = spread(&[3.0, 4.0, 5.0]).expect("values");
    assert_eq!((summary.n_units, summary.mean), (3, 4.0));
    assert!((summary.std_dev - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
}

/// Units of 2–6 raters scoring 1–5, some missing; with a random key per rater to permute by.
fn units_with_keys() -> impl Strategy<Value = Vec<(Vec<Option<u8>>, Vec<u32>)>> {
    proptest::collection::vec(
        (2usize..=6).prop_flat_map(|raters| {
            (
                proptest::collection::vec(proptest::option::weighted(0.8, 1u8..=5), raters),
                proptest::collection::vec(any::<u32>(), raters),
            )
        }),
        1..20,
    )
}

fn as_units(units: &[(Vec<Option<u8>>, Vec<u32>)]) -> Vec<Vec<Option<f64>>> {
    units
        .iter()
        .map(|(values, _)| values.iter().map(|v| v.map(f64::from)).collect())
        .collect()
}

proptest! {
    #[test]
    fn alpha_never_exceeds_one(units in units_with_keys()) {
        let units = as_units(&units);
        for metric in METRICS {
            if let Some(alpha) = krippendorff_alpha(&units, metric) {
                prop_assert!(alpha <= 1.0 + 1e-9, "{:?}: {}", metric, alpha);
                prop_assert!(alpha.is_finite());
            }
        }
    }

    #[test]
    fn permuting_raters_within_a_unit_changes_nothing(units in units_with_keys()) {
        let permuted: Vec<Vec<Option<f64>>> = units
            .iter()
            .map(|(values, keys)| {
                let mut order: Vec<usize> = (0..values.len()).collect();
                order.sort_by_key(|&i| keys[i]);
                order.iter().map(|&i| values[i].map(f64::from)).collect()
            })
            .collect();
        let original = as_units(&units);
        for metric in METRICS {
            match (krippendorff_alpha(&original, metric), krippendorff_alpha(&permuted, metric)) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9, "{} vs {}", a, b),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }
}
