//! Tallies add up: the tally of a whole is the merge of its parts'.

use fw_survey::{SurveyAnswers, SurveyTally};
use proptest::prelude::*;

fn answers() -> impl Strategy<Value = SurveyAnswers> {
    (
        1u8..=5,
        proptest::option::of(0u8..=10),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(csat, nps, first_contact_resolution)| SurveyAnswers {
            csat,
            nps,
            first_contact_resolution,
            comment: None,
        })
}

fn tally(answers: &[SurveyAnswers]) -> SurveyTally {
    let mut tally = SurveyTally::default();
    for survey in answers {
        tally.add(survey);
    }
    tally
}

proptest! {
    #[test]
    fn merging_two_halves_gives_the_whole(
        surveys in proptest::collection::vec(answers(), 0..200),
        cut in any::<prop::sample::Index>(),
    ) {
        let at = cut.index(surveys.len() + 1);
        let whole = tally(&surveys);
        let mut merged = tally(&surveys[..at]);
        merged.merge(&tally(&surveys[at..]));
        prop_assert_eq!(merged, whole);
    }

    #[test]
    fn scores_stay_within_their_ranges(surveys in proptest::collection::vec(answers(), 0..200)) {
        let tally = tally(&surveys);
        prop_assert!(tally.csat_share().is_none_or(|s| (0.0..=1.0).contains(&s)));
        prop_assert!(tally.csat_mean().is_none_or(|m| (1.0..=5.0).contains(&m)));
        prop_assert!(tally.nps().is_none_or(|n| (-100.0..=100.0).contains(&n)));
        prop_assert!(tally.fcr_share().is_none_or(|s| (0.0..=1.0).contains(&s)));
        prop_assert_eq!(tally.is_small_sample(), surveys.len() < 30);
    }
}
