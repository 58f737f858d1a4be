//! Survey trends: CSAT, NPS or FCR per day or week and per site, queue or agent, over the
//! queue's filter, with days cut at the centre's midnight; drawn by fw-charts (plotters) as
//! SVG, with every point's sample size for the table under it.

use chrono::{Offset, TimeZone};
use fw_app::{Hub, MAX_TREND_LINES};
use fw_charts::{ChartTheme, SurveyChart, render_survey_svg};
use fw_survey::MIN_RELIABLE_SAMPLE;

use super::surveys::{centre_zone, invalid, now};
use crate::console::Console;
use crate::dto::{
    IpcErrorDto, SurveyFilterDto, SurveyMetricDto, SurveyTrendsDto, TrendGroupingDto,
    TrendIntervalDto, chart_series, trend_table,
};

const WIDTH: u32 = 760;
const HEIGHT: u32 = 320;

/// The trend of the filtered surveys as a chart and its numbers. `centre_label` names the
/// centre's line in the UI's language.
#[tauri::command]
#[allow(clippy::too_many_arguments)] // each is one choice the user makes on screen
pub async fn survey_trends(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    filter: SurveyFilterDto,
    grouping: TrendGroupingDto,
    interval: TrendIntervalDto,
    metric: SurveyMetricDto,
    dark: bool,
    centre_label: String,
) -> Result<SurveyTrendsDto, IpcErrorDto> {
    let filter = filter.into_domain().map_err(invalid)?;
    let zone = centre_zone(&hub);
    // The offset now: the reference centres' zones have no daylight saving time, so one
    // offset puts every bucket edge at local midnight.
    let offset_ms = zone
        .timestamp_millis_opt(now(&hub).0)
        .single()
        .map_or(8 * 3_600_000, |t| {
            i64::from(t.offset().fix().local_minus_utc()) * 1_000
        });
    let series = hub
        .surveys()?
        .trends(
            &console.user,
            &filter,
            grouping.into(),
            interval.into(),
            offset_ms,
        )
        .await?;
    let (starts, labels, lines) = trend_table(&series, metric, &zone);
    let drawn = chart_series(&lines, &centre_label);
    let svg = render_survey_svg(
        &SurveyChart {
            metric: metric.chart(),
            series: &drawn,
            labels: &labels,
            small_sample: MIN_RELIABLE_SAMPLE,
            theme: if dark {
                ChartTheme::DARK
            } else {
                ChartTheme::LIGHT
            },
            label_px: 13,
        },
        WIDTH,
        HEIGHT,
    )
    .map_err(|e| IpcErrorDto::new("chart", e.to_string()))?;
    Ok(SurveyTrendsDto {
        metric,
        svg,
        labels,
        bucket_starts_ms: starts.into_iter().map(|s| s as f64).collect(),
        lines,
        max_lines: MAX_TREND_LINES as f64,
        min_reliable: MIN_RELIABLE_SAMPLE as f64,
    })
}
