//! Survey trends as the UI sees them: CSAT, NPS or FCR per day or week and per group, each
//! point with the number of answers it rests on, aligned on one list of buckets so the chart
//! and the table under it show the same numbers.

use chrono::TimeZone;
use fw_app::{TrendInterval, TrendSeries};
use fw_charts::{SurveyMetric, SurveyPoint, SurveySeries};
use fw_store::TrendGrouping;
use fw_survey::{MIN_RELIABLE_SAMPLE, SurveyTally};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What one line stands for.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TrendGroupingDto {
    Centre,
    Site,
    Queue,
    Agent,
}

impl From<TrendGroupingDto> for TrendGrouping {
    fn from(grouping: TrendGroupingDto) -> Self {
        match grouping {
            TrendGroupingDto::Centre => TrendGrouping::Centre,
            TrendGroupingDto::Site => TrendGrouping::Site,
            TrendGroupingDto::Queue => TrendGrouping::Queue,
            TrendGroupingDto::Agent => TrendGrouping::Agent,
        }
    }
}

/// How long one point is (local days; weeks from Monday).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TrendIntervalDto {
    Day,
    Week,
}

impl From<TrendIntervalDto> for TrendInterval {
    fn from(interval: TrendIntervalDto) -> Self {
        match interval {
            TrendIntervalDto::Day => TrendInterval::Day,
            TrendIntervalDto::Week => TrendInterval::Week,
        }
    }
}

/// The survey figure drawn.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SurveyMetricDto {
    /// Share of CSAT 4–5, in %.
    CsatShare,
    /// Mean CSAT, 1–5.
    CsatMean,
    /// % promoters − % detractors.
    Nps,
    /// Share resolved on first contact, in %.
    Fcr,
}

impl SurveyMetricDto {
    pub fn chart(self) -> SurveyMetric {
        match self {
            SurveyMetricDto::CsatShare => SurveyMetric::Csat,
            SurveyMetricDto::CsatMean => SurveyMetric::CsatMean,
            SurveyMetricDto::Nps => SurveyMetric::Nps,
            SurveyMetricDto::Fcr => SurveyMetric::Fcr,
        }
    }

    /// The figure of a tally and how many answers it rests on (NPS and FCR count only the
    /// surveys that answered their question).
    pub fn of(self, tally: &SurveyTally) -> (Option<f64>, u64) {
        match self {
            SurveyMetricDto::CsatShare => (tally.csat_share().map(|v| v * 100.0), tally.surveys),
            SurveyMetricDto::CsatMean => (tally.csat_mean(), tally.surveys),
            SurveyMetricDto::Nps => (tally.nps(), tally.nps_answers),
            SurveyMetricDto::Fcr => (tally.fcr_share().map(|v| v * 100.0), tally.fcr_answers),
        }
    }
}

/// One bucket of one line.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendPointDto {
    /// `null` when the bucket has no answer to this question.
    pub value: Option<f64>,
    /// Answers the value rests on.
    pub n: f64,
    /// Fewer than `minReliable` answers: indicative only.
    pub small: bool,
}

/// One group's line, one point per bucket of the chart.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendLineDto {
    /// Site, queue or agent name; empty for the centre.
    pub group: String,
    /// The whole period.
    pub total: TrendPointDto,
    pub points: Vec<TrendPointDto>,
}

/// A trend chart (SVG drawn by fw-charts) and its numbers.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyTrendsDto {
    pub metric: SurveyMetricDto,
    pub svg: String,
    /// Each bucket's first day in the centre's time zone (`MM-DD`).
    pub labels: Vec<String>,
    pub bucket_starts_ms: Vec<f64>,
    /// The largest groups first (at most `maxLines`).
    pub lines: Vec<TrendLineDto>,
    pub max_lines: f64,
    /// Below this many answers a point is marked as a small sample.
    pub min_reliable: f64,
}

fn point(metric: SurveyMetricDto, tally: &SurveyTally) -> TrendPointDto {
    let (value, n) = metric.of(tally);
    TrendPointDto {
        value,
        n: n as f64,
        small: n < MIN_RELIABLE_SAMPLE,
    }
}

/// The series aligned on the sorted union of their buckets, labelled in `zone`.
pub fn trend_table<Z: TimeZone>(
    series: &[TrendSeries],
    metric: SurveyMetricDto,
    zone: &Z,
) -> (Vec<i64>, Vec<String>, Vec<TrendLineDto>)
where
    Z::Offset: std::fmt::Display,
{
    let mut starts: Vec<i64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(start, _)| *start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let labels = starts
        .iter()
        .map(|ms| {
            zone.timestamp_millis_opt(*ms)
                .single()
                .map_or_else(String::new, |t| t.format("%m-%d").to_string())
        })
        .collect();
    let empty = SurveyTally::default();
    let lines = series
        .iter()
        .map(|s| TrendLineDto {
            group: s.group.clone(),
            total: point(metric, &s.total),
            points: starts
                .iter()
                .map(|start| {
                    let tally = s
                        .points
                        .iter()
                        .find(|(at, _)| at == start)
                        .map_or(&empty, |(_, tally)| tally);
                    point(metric, tally)
                })
                .collect(),
        })
        .collect();
    (starts, labels, lines)
}

/// The lines as fw-charts draws them; the centre's line is named `centre`.
pub fn chart_series(lines: &[TrendLineDto], centre: &str) -> Vec<SurveySeries> {
    lines
        .iter()
        .map(|line| SurveySeries {
            label: if line.group.is_empty() {
                centre.to_owned()
            } else {
                line.group.clone()
            },
            points: line
                .points
                .iter()
                .map(|p| SurveyPoint {
                    value: p.value,
                    sample: p.n as u64,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(surveys: u64, top2: u64, nps_answers: u64, promoters: u64) -> SurveyTally {
        SurveyTally {
            surveys,
            csat_sum: surveys * 4,
            csat_top2: top2,
            nps_answers,
            promoters,
            ..SurveyTally::default()
        }
    }

    #[test]
    fn lines_share_one_list_of_days_and_small_samples_are_marked() {
        const DAY: i64 = 86_400_000;
        // Local midnights in Shanghai (16:00 UTC the day before).
        let d1 = 20_000 * DAY - 8 * 3_600_000;
        let series = vec![
            TrendSeries {
                group: "east".to_owned(),
                total: tally(140, 112, 100, 60),
                points: vec![
                    (d1, tally(100, 80, 80, 50)),
                    (d1 + DAY, tally(40, 32, 20, 10)),
                ],
            },
            TrendSeries {
                group: "<b>north</b>".to_owned(),
                total: tally(5, 1, 0, 0),
                points: vec![(d1 + 2 * DAY, tally(5, 1, 0, 0))],
            },
        ];
        let zone = chrono_tz::Asia::Shanghai;
        let (starts, labels, lines) = trend_table(&series, SurveyMetricDto::CsatShare, &zone);
        assert_eq!(starts, [d1, d1 + DAY, d1 + 2 * DAY]);
        assert_eq!(labels, ["10-04", "10-05", "10-06"]);
        assert_eq!(lines[0].points[0].value, Some(80.0));
        assert!(!lines[0].points[0].small);
        assert_eq!(
            lines[0].points[1],
            TrendPointDto {
                value: Some(80.0),
                n: 40.0,
                small: false
            }
        );
        assert_eq!(
            lines[0].points[2],
            TrendPointDto {
                value: None,
                n: 0.0,
                small: true
            }
        );
        assert_eq!(
            lines[1].points[2],
            TrendPointDto {
                value: Some(20.0),
                n: 5.0,
                small: true
            }
        );
        // NPS counts only the surveys that answered it.
        let (_, _, nps) = trend_table(&series, SurveyMetricDto::Nps, &zone);
        assert_eq!(
            nps[0].points[1],
            TrendPointDto {
                value: Some(50.0),
                n: 20.0,
                small: true
            }
        );
        assert_eq!(nps[1].total.value, None);

        let drawn = chart_series(&lines, "Centre");
        let svg = fw_charts::render_survey_svg(
            &fw_charts::SurveyChart {
                metric: SurveyMetricDto::CsatShare.chart(),
                series: &drawn,
                labels: &labels,
                small_sample: MIN_RELIABLE_SAMPLE,
                theme: fw_charts::ChartTheme::LIGHT,
                label_px: 12,
            },
            640,
            300,
        )
        .expect("drawn");
        assert!(!svg.contains("<b>"), "a group name is text, not markup");
        assert!(svg.contains("&lt;b&gt;north&lt;/b&gt;"));
        assert!(svg.contains("n=5"));
    }
}
