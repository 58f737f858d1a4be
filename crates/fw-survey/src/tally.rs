//! Survey scores added up: CSAT, NPS and first-contact resolution over any set of surveys.
//! Additive, so a day is the sum of its hours and a site the sum of its queues.

use serde::{Deserialize, Serialize};

use crate::{NpsGroup, SurveyAnswers};

/// Fewer surveys than this and a score is shown as indicative only: with 30 answers a
/// top-2-box share is still ±18 points at 95 % confidence.
pub const MIN_RELIABLE_SAMPLE: u64 = 30;

/// CSAT at or above this is in the top-2 box (4 or 5 on 1–5).
const CSAT_TOP2_FROM: u8 = 4;

/// Counts from which every survey score follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurveyTally {
    pub surveys: u64,
    pub csat_sum: u64,
    /// Surveys with CSAT 4 or 5.
    pub csat_top2: u64,
    /// Surveys that answered the NPS question.
    pub nps_answers: u64,
    /// NPS 9–10.
    pub promoters: u64,
    /// NPS 0–6.
    pub detractors: u64,
    /// Surveys that answered the first-contact resolution question.
    pub fcr_answers: u64,
    pub fcr_yes: u64,
}

impl SurveyTally {
    /// Counts one survey.
    pub fn add(&mut self, answers: &SurveyAnswers) {
        self.surveys += 1;
        self.csat_sum += u64::from(answers.csat);
        self.csat_top2 += u64::from(answers.csat >= CSAT_TOP2_FROM);
        if let Some(group) = answers.nps.and_then(NpsGroup::of) {
            self.nps_answers += 1;
            self.promoters += u64::from(group == NpsGroup::Promoter);
            self.detractors += u64::from(group == NpsGroup::Detractor);
        }
        if let Some(resolved) = answers.first_contact_resolution {
            self.fcr_answers += 1;
            self.fcr_yes += u64::from(resolved);
        }
    }

    /// Adds another tally's counts (another hour, queue or site).
    pub fn merge(&mut self, other: &SurveyTally) {
        self.surveys += other.surveys;
        self.csat_sum += other.csat_sum;
        self.csat_top2 += other.csat_top2;
        self.nps_answers += other.nps_answers;
        self.promoters += other.promoters;
        self.detractors += other.detractors;
        self.fcr_answers += other.fcr_answers;
        self.fcr_yes += other.fcr_yes;
    }

    /// CSAT as the top-2-box share, 0–1: the surveys that gave 4 or 5.
    pub fn csat_share(&self) -> Option<f64> {
        share(self.csat_top2, self.surveys)
    }

    /// The mean CSAT, 1–5.
    pub fn csat_mean(&self) -> Option<f64> {
        share(self.csat_sum, self.surveys)
    }

    /// Net promoter score, −100 to 100: % promoters − % detractors of the NPS answers.
    pub fn nps(&self) -> Option<f64> {
        (self.nps_answers > 0).then(|| {
            (self.promoters as f64 - self.detractors as f64) * 100.0 / self.nps_answers as f64
        })
    }

    /// The share of answered first-contact resolution questions that said yes, 0–1.
    pub fn fcr_share(&self) -> Option<f64> {
        share(self.fcr_yes, self.fcr_answers)
    }

    /// Too few surveys for the scores to mean much (see [`MIN_RELIABLE_SAMPLE`]).
    pub const fn is_small_sample(&self) -> bool {
        self.surveys < MIN_RELIABLE_SAMPLE
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(csat: u8, nps: Option<u8>, fcr: Option<bool>) -> SurveyAnswers {
        SurveyAnswers {
            csat,
            nps,
            first_contact_resolution: fcr,
            comment: None,
        }
    }

    #[test]
    fn scores_follow_their_definitions() {
        let mut tally = SurveyTally::default();
        for survey in [
            answers(5, Some(10), Some(true)),
            answers(4, Some(9), Some(true)),
            answers(3, Some(7), Some(false)),
            answers(1, Some(0), None),
            answers(2, None, None),
        ] {
            tally.add(&survey);
        }
        assert_eq!(tally.csat_share(), Some(0.4));
        assert_eq!(tally.csat_mean(), Some(3.0));
        // 2 promoters, 1 passive, 1 detractor of 4 answers: 50 % − 25 %.
        assert_eq!(tally.nps(), Some(25.0));
        assert_eq!(tally.fcr_share(), Some(2.0 / 3.0));
        assert!(tally.is_small_sample());
    }

    #[test]
    fn nothing_answered_has_no_score() {
        let tally = SurveyTally::default();
        assert_eq!(
            (
                tally.csat_share(),
                tally.csat_mean(),
                tally.nps(),
                tally.fcr_share()
            ),
            (None, None, None, None)
        );
        let mut csat_only = SurveyTally::default();
        csat_only.add(&answers(4, None, None));
        assert_eq!(csat_only.nps(), None);
        assert_eq!(csat_only.fcr_share(), None);
    }

    #[test]
    fn thirty_surveys_are_a_reliable_sample() {
        let tally = SurveyTally {
            surveys: MIN_RELIABLE_SAMPLE,
            ..SurveyTally::default()
        };
        assert!(!tally.is_small_sample());
    }
}
