//! One metric's intraday trend, drawn on any plotters backend.

use chrono::TimeZone;
use fw_domain::Timestamp;
use fw_engine::TrendPoint;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::palette::ChartTheme;

/// Why a chart could not be drawn. Only the backend can fail; the data never makes it fail.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ChartError {
    #[error("the chart backend failed: {0}")]
    Backend(String),
}

/// Which figure a trend chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrendMetric {
    /// Calls offered per interval (bars), with answered calls inside them.
    Offered,
    /// Service level per interval (a line) against the target (dashed).
    ServiceLevel,
    /// Average speed of answer per interval, in seconds (a line).
    Asa,
    /// Counted abandons per interval (bars).
    Abandoned,
}

/// Everything one chart needs.
#[derive(Clone, Copy, Debug)]
pub struct TrendChart<'a> {
    pub metric: TrendMetric,
    /// Oldest interval first; every point is drawn at its index.
    pub points: &'a [TrendPoint],
    /// One label per point (the interval's local start, e.g. "09:15").
    pub labels: &'a [String],
    /// The service-level target in percent, drawn as a dashed line on the SL chart.
    pub target_pct: Option<f64>,
    pub theme: ChartTheme,
    /// Axis label size in pixels; a wallboard seen from five metres wants it large.
    pub label_px: u32,
}

/// A point's local clock time ("09:15") in the centre's time zone.
pub fn clock_label(at: Timestamp, time_zone: chrono_tz::Tz) -> String {
    time_zone
        .timestamp_millis_opt(at.0)
        .single()
        .map_or_else(String::new, |local| local.format("%H:%M").to_string())
}

/// The value of `metric` at `point`, if the interval has one.
pub fn value(metric: TrendMetric, point: &TrendPoint) -> Option<f64> {
    match metric {
        TrendMetric::Offered => Some(f64::from(point.offered)),
        TrendMetric::Abandoned => Some(f64::from(point.abandoned)),
        TrendMetric::ServiceLevel => point.service_level_pct,
        TrendMetric::Asa => point.asa_ms.map(|ms| ms / 1000.0),
    }
}

/// The top of the y axis: fixed for percentages, headroom above the largest value otherwise.
fn y_max(chart: &TrendChart<'_>) -> f64 {
    match chart.metric {
        TrendMetric::ServiceLevel => 100.0,
        metric => {
            let floor = if metric == TrendMetric::Asa {
                30.0
            } else {
                5.0
            };
            let largest = chart
                .points
                .iter()
                .filter_map(|p| value(metric, p))
                .fold(0.0_f64, f64::max);
            (largest * 1.15).max(floor).ceil()
        }
    }
}

/// Draws `chart` filling `area`.
pub fn draw_trend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &TrendChart<'_>,
) -> Result<(), ChartError> {
    let fail = |error: &dyn std::fmt::Display| ChartError::Backend(error.to_string());
    let theme = chart.theme;
    area.fill(&RGBColor::from(theme.background))
        .map_err(|e| fail(&e))?;
    let count = chart.points.len().max(1);
    let label_px = chart.label_px.max(8);
    // plotters scales a font's size down by 1.24 when drawing; undo it so label_px is pixels.
    let text = ("sans-serif", f64::from(label_px) * 1.24)
        .into_font()
        .color(&RGBColor::from(theme.text));
    let mut built = ChartBuilder::on(area)
        .margin(label_px / 2)
        .x_label_area_size(label_px * 2)
        .y_label_area_size(label_px * 3)
        .build_cartesian_2d(0.0..count as f64, 0.0..y_max(chart))
        .map_err(|e| fail(&e))?;

    // About six time labels whatever the width, on round steps (with 15-minute intervals:
    // every hour, two, three or four hours).
    let every = [1, 2, 4, 8, 12, 16, 24, 48]
        .into_iter()
        .find(|step| count.div_ceil(*step) <= 7)
        .unwrap_or(96);
    let labels = chart.labels;
    let x_format = |x: &f64| {
        let index = x.round() as usize;
        if (x - x.round()).abs() < 1e-6 && index.is_multiple_of(every) {
            labels.get(index).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let percent = chart.metric == TrendMetric::ServiceLevel;
    let y_format = |y: &f64| {
        if percent {
            format!("{y:.0}%")
        } else {
            format!("{y:.0}")
        }
    };
    built
        .configure_mesh()
        .x_labels(count + 1)
        .x_label_formatter(&x_format)
        .y_labels(5)
        .y_label_formatter(&y_format)
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(RGBColor::from(theme.grid))
        .axis_style(RGBColor::from(theme.axis))
        .label_style(text)
        .draw()
        .map_err(|e| fail(&e))?;

    draw_data(&mut built, chart, count)
}

/// Draws the metric's bars or line (and the target) into a built chart.
fn draw_data<DB: DrawingBackend>(
    built: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    chart: &TrendChart<'_>,
    count: usize,
) -> Result<(), ChartError> {
    let fail = |error: &dyn std::fmt::Display| ChartError::Backend(error.to_string());
    let theme = chart.theme;
    let label_px = chart.label_px.max(8);
    let percent = chart.metric == TrendMetric::ServiceLevel;
    let series = RGBColor::from(theme.series);
    let secondary = RGBColor::from(theme.secondary);
    match chart.metric {
        TrendMetric::Offered | TrendMetric::Abandoned => {
            let bars = chart.points.iter().enumerate().map(|(i, p)| {
                let x = i as f64;
                Rectangle::new(
                    [
                        (x + 0.12, 0.0),
                        (x + 0.88, value(chart.metric, p).unwrap_or(0.0)),
                    ],
                    series.filled(),
                )
            });
            built.draw_series(bars).map_err(|e| fail(&e))?;
            if chart.metric == TrendMetric::Offered {
                // Answered inside offered: the gap between the two is what was lost or still waits.
                let answered = chart.points.iter().enumerate().map(|(i, p)| {
                    let x = i as f64;
                    Rectangle::new(
                        [(x + 0.32, 0.0), (x + 0.68, f64::from(p.answered))],
                        secondary.filled(),
                    )
                });
                built.draw_series(answered).map_err(|e| fail(&e))?;
            }
        }
        TrendMetric::ServiceLevel | TrendMetric::Asa => {
            let stroke = (label_px / 6).max(2);
            for run in runs(chart.metric, chart.points) {
                built
                    .draw_series(LineSeries::new(run.clone(), series.stroke_width(stroke)))
                    .map_err(|e| fail(&e))?;
                built
                    .draw_series(
                        run.iter()
                            .map(|&point| Circle::new(point, stroke + 2, series.filled())),
                    )
                    .map_err(|e| fail(&e))?;
            }
            if let (true, Some(target)) = (percent, chart.target_pct) {
                let dash = label_px / 2 + 2;
                built
                    .draw_series(DashedLineSeries::new(
                        [(0.0, target), (count as f64, target)],
                        dash,
                        dash / 2 + 1,
                        RGBColor::from(theme.target).stroke_width(stroke),
                    ))
                    .map_err(|e| fail(&e))?;
            }
        }
    }
    Ok(())
}

/// Consecutive intervals that have a value, as line runs (an interval with no calls breaks
/// the line rather than dragging it to zero). Points sit mid-interval.
fn runs(metric: TrendMetric, points: &[TrendPoint]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for (i, point) in points.iter().enumerate() {
        match value(metric, point) {
            Some(v) => current.push((i as f64 + 0.5, v)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(i: i64, offered: u32, sl: Option<f64>) -> TrendPoint {
        TrendPoint {
            start: Timestamp(i * 900_000),
            offered,
            answered: offered,
            abandoned: 0,
            service_level_pct: sl,
            asa_ms: sl.map(|_| 12_000.0),
        }
    }

    #[test]
    fn an_interval_without_calls_breaks_the_line_instead_of_plunging_to_zero() {
        let points = [
            point(0, 3, Some(80.0)),
            point(1, 0, None),
            point(2, 4, Some(90.0)),
            point(3, 5, Some(70.0)),
        ];
        let runs = runs(TrendMetric::ServiceLevel, &points);
        assert_eq!(
            runs,
            vec![vec![(0.5, 80.0)], vec![(2.5, 90.0), (3.5, 70.0)]]
        );
    }

    #[test]
    fn the_y_axis_leaves_headroom_and_never_collapses() {
        let labels: Vec<String> = Vec::new();
        let mut chart = TrendChart {
            metric: TrendMetric::Offered,
            points: &[],
            labels: &labels,
            target_pct: None,
            theme: ChartTheme::DARK,
            label_px: 12,
        };
        assert!((y_max(&chart) - 5.0).abs() < f64::EPSILON);
        let points = [point(0, 100, Some(80.0))];
        chart.points = &points;
        assert!((y_max(&chart) - 115.0).abs() < f64::EPSILON);
        chart.metric = TrendMetric::ServiceLevel;
        assert!((y_max(&chart) - 100.0).abs() < f64::EPSILON);
        chart.metric = TrendMetric::Asa;
        assert!((y_max(&chart) - 30.0).abs() < f64::EPSILON);
    }

    #[test]
    fn clock_labels_are_in_the_centres_time_zone() {
        // 2026-11-22 01:15 UTC is 09:15 in Shanghai.
        let at = Timestamp(1_795_310_100_000);
        assert_eq!(clock_label(at, chrono_tz::Asia::Shanghai), "09:15");
        assert_eq!(clock_label(at, chrono_tz::UTC), "01:15");
    }
}
