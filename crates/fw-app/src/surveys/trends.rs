//! CSAT, NPS and FCR over time per site, queue or agent, with sample sizes.

use fw_store::TrendGrouping;
use fw_survey::SurveyFilter;
use fw_survey::SurveyTally;

use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

const DAY_MS: i64 = 86_400_000;
/// 1970-01-01 was a Thursday: weeks start on Monday three days later in the bucket arithmetic.
const MONDAY_SHIFT_MS: i64 = 3 * DAY_MS;
/// Most lines one chart draws; more groups are summed into none (the list is by size).
pub const MAX_TREND_LINES: usize = 8;

/// How long one point of a trend is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrendInterval {
    Day,
    /// Monday to Sunday, local time.
    Week,
}

/// One group's figures, one tally per bucket (buckets with no surveys are absent).
#[derive(Clone, Debug, PartialEq)]
pub struct TrendSeries {
    /// Site, queue or agent name; empty for the centre.
    pub group: String,
    pub total: SurveyTally,
    pub points: Vec<(i64, SurveyTally)>,
}

impl SurveyDesk {
    /// The trend of the filtered surveys, the largest groups first (at most
    /// [`MAX_TREND_LINES`]). `utc_offset_ms` puts bucket edges at local midnight.
    pub async fn trends(
        &self,
        user: &str,
        filter: &SurveyFilter,
        grouping: TrendGrouping,
        interval: TrendInterval,
        utc_offset_ms: i64,
    ) -> Result<Vec<TrendSeries>, SurveyError> {
        self.reader(user, Permission::ReviewSurveys)?;
        let (bucket, shift) = match interval {
            TrendInterval::Day => (DAY_MS, utc_offset_ms),
            TrendInterval::Week => (7 * DAY_MS, utc_offset_ms + MONDAY_SHIFT_MS),
        };
        let cells = self
            .store
            .survey_trends(filter, grouping, bucket, shift)
            .await?;
        let mut series: Vec<TrendSeries> = Vec::new();
        for cell in &cells {
            let tally = cell.tally;
            match series.last_mut() {
                Some(last) if last.group == cell.group => {
                    last.total.merge(&tally);
                    last.points.push((cell.bucket_start_ms, tally));
                }
                _ => series.push(TrendSeries {
                    group: cell.group.clone(),
                    total: tally,
                    points: vec![(cell.bucket_start_ms, tally)],
                }),
            }
        }
        series.sort_by(|a, b| {
            b.total
                .surveys
                .cmp(&a.total.surveys)
                .then(a.group.cmp(&b.group))
        });
        series.truncate(MAX_TREND_LINES);
        Ok(series)
    }
}
