//! Survey counts per group and time bucket, straight from SQL (a million surveys are never
//! loaded to be counted).

use fw_survey::{SurveyFilter, SurveyTally};

use super::survey_sql::{Bind, Conditions, bind_all};
use crate::{Store, StoreError, TrendCell, TrendGrouping};

/// Most cells one trend query returns (e.g. 400 agents × 90 days).
pub const MAX_TREND_CELLS: usize = 50_000;

type CellRow = (String, i64, i64, i64, i64, i64, i64, i64, i64, i64);

impl Store {
    /// Counts of the filtered surveys per group and per bucket of `bucket_ms`, buckets
    /// aligned to local midnight by `utc_offset_ms` (e.g. +8 h for China).
    pub async fn survey_trends(
        &self,
        filter: &SurveyFilter,
        grouping: TrendGrouping,
        bucket_ms: i64,
        utc_offset_ms: i64,
    ) -> Result<Vec<TrendCell>, StoreError> {
        if bucket_ms < 60_000 {
            return Err(StoreError::InvalidInput(format!(
                "a trend bucket is at least a minute, not {bucket_ms} ms"
            )));
        }
        let mut conditions = Conditions::new(self.backend()).filter(filter);
        let where_clause = conditions.where_clause();
        let offset = conditions.bind(Bind::Int(utc_offset_ms));
        let bucket = conditions.bind(Bind::Int(bucket_ms));
        let group = grouping.column();
        let count = |expression: &str| format!("CAST(SUM({expression}) AS BIGINT)");
        let sql = format!(
            "SELECT {group} AS grp, (s.answered_at_ms + {offset}) / {bucket} AS bucket, \
             COUNT(*), {}, {}, COUNT(s.nps), {}, {}, COUNT(s.fcr), {} \
             FROM surveys s{where_clause} GROUP BY grp, bucket ORDER BY grp, bucket LIMIT {}",
            count("s.csat"),
            count("CASE WHEN s.csat >= 4 THEN 1 ELSE 0 END"),
            count("CASE WHEN s.nps >= 9 THEN 1 ELSE 0 END"),
            count("CASE WHEN s.nps <= 6 THEN 1 ELSE 0 END"),
            count("CASE WHEN s.fcr THEN 1 ELSE 0 END"),
            MAX_TREND_CELLS + 1,
        );
        let rows: Vec<CellRow> = with_pool!(self, |pool| bind_all!(
            sqlx::query_as(&sql),
            &conditions.binds
        )
        .fetch_all(pool)
        .await?);
        if rows.len() > MAX_TREND_CELLS {
            return Err(StoreError::InvalidInput(format!(
                "the trend has more than {MAX_TREND_CELLS} points; narrow the filters or widen \
                 the interval"
            )));
        }
        let unsigned = |v: i64| u64::try_from(v).unwrap_or(0);
        Ok(rows
            .into_iter()
            .map(
                |(group, bucket, n, sum, top2, nps, pro, det, fcr, yes)| TrendCell {
                    group,
                    bucket_start_ms: bucket * bucket_ms - utc_offset_ms,
                    tally: SurveyTally {
                        surveys: unsigned(n),
                        csat_sum: unsigned(sum),
                        csat_top2: unsigned(top2),
                        nps_answers: unsigned(nps),
                        promoters: unsigned(pro),
                        detractors: unsigned(det),
                        fcr_answers: unsigned(fcr),
                        fcr_yes: unsigned(yes),
                    },
                },
            )
            .collect())
    }
}
