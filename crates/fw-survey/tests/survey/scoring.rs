//! Blind scoring and the calibration sample, for any order of events.

use fw_survey::{
    CalibrationRound, MIN_RATERS, ScoreVisibility, ScoringError, ScoringForm,
    sample_for_calibration,
};
use proptest::prelude::*;

/// 3–8 raters and an order in which they hand in their sheets.
fn raters_and_order() -> impl Strategy<Value = (Vec<String>, Vec<usize>)> {
    (MIN_RATERS..=8).prop_flat_map(|count| {
        let raters: Vec<String> = (0..count).map(|i| format!("rater-{i}")).collect();
        (
            Just(raters),
            Just((0..count).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    #[test]
    fn no_rater_sees_another_score_before_the_last_one_scores(
        (raters, order) in raters_and_order(),
        manager_rater in any::<prop::sample::Index>(),
    ) {
        let mut round = CalibrationRound::new(raters.clone()).expect("enough raters");
        let manager_among_raters = manager_rater.get(&raters).clone();
        for (step, &next) in order.iter().enumerate() {
            for rater in &raters {
                let is_manager = *rater == manager_among_raters;
                prop_assert_eq!(round.visibility(rater, is_manager), ScoreVisibility::OwnOnly);
            }
            prop_assert_eq!(round.visibility("qa-manager", true), ScoreVisibility::ProgressOnly);
            prop_assert_eq!(round.waiting_for().len(), raters.len() - step);
            round.record_scored(&raters[next]).expect("an assigned rater");
        }
        prop_assert!(round.is_complete());
        for rater in &raters {
            prop_assert_eq!(round.visibility(rater, false), ScoreVisibility::All);
        }
        prop_assert_eq!(round.visibility("qa-manager", true), ScoreVisibility::All);
        prop_assert_eq!(round.visibility("another-agent", false), ScoreVisibility::OwnOnly);
    }

    #[test]
    fn the_calibration_sample_is_a_reproducible_share(
        candidates in proptest::collection::hash_set(any::<i64>(), 0..400),
        share in 0u32..=1_200,
        seed in any::<u64>(),
    ) {
        let candidates: Vec<i64> = candidates.into_iter().collect();
        let sample = sample_for_calibration(&candidates, share, seed);
        prop_assert_eq!(&sample, &sample_for_calibration(&candidates, share, seed));
        let n = candidates.len() as u64;
        let expected = if n == 0 {
            0
        } else {
            ((n * u64::from(share.min(1_000)) + 500) / 1_000).clamp(1, n)
        };
        prop_assert_eq!(sample.len() as u64, expected);
        // In the candidates' order, each at most once.
        let positions: Vec<usize> = sample
            .iter()
            .map(|id| candidates.iter().position(|c| c == id).expect("a candidate"))
            .collect();
        prop_assert!(positions.windows(2).all(|pair| pair[0] < pair[1]));
    }
}

#[test]
fn two_raters_cannot_calibrate() {
    assert_eq!(
        CalibrationRound::new(["a", "b"]),
        Err(ScoringError::TooFewRaters(2))
    );
}

#[test]
fn the_default_form_round_trips_through_json() {
    let form = ScoringForm::default_form();
    let json = serde_json::to_string(&form).expect("serialises");
    assert!(json.contains("\"metric\":\"ordinal\""), "{json}");
    let back: ScoringForm = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, form);
}
