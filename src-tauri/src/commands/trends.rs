//! The day's intraday trends as charts: offered/answered, service level against target, ASA
//! and abandons per 15-minute interval, drawn by fw-charts (plotters) as SVG.

use fw_app::Hub;
use fw_charts::{ChartTheme, TrendChart, TrendMetric, clock_label, render_svg};
use fw_domain::{QueueId, SiteId};

use crate::dto::{IpcErrorDto, TrendChartsDto, TrendScopeDto};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 240;

/// The four trend charts of one scope (the centre, a site or a queue), in the theme asked for.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn trend_charts(
    hub: tauri::State<'_, Hub>,
    scope: TrendScopeDto,
    dark: bool,
) -> Result<TrendChartsDto, IpcErrorDto> {
    let live = hub.frames().borrow().clone();
    let Some(trends) = live.trends.as_ref() else {
        return Ok(TrendChartsDto {
            charts: Vec::new(),
            intervals: 0,
        });
    };
    let (series, target) = match scope {
        TrendScopeDto::Centre => (Some(&trends.total), 80.0),
        TrendScopeDto::Site { id } => (
            trends
                .sites
                .iter()
                .find(|(site, _)| *site == SiteId(id as u16))
                .map(|(_, s)| s),
            80.0,
        ),
        TrendScopeDto::Queue { id } => {
            let queue = QueueId(id as u16);
            (
                trends
                    .queues
                    .iter()
                    .find(|(q, _)| *q == queue)
                    .map(|(_, s)| s),
                live.topology
                    .queue(queue)
                    .map_or(80.0, |q| f64::from(q.sl_target_pct)),
            )
        }
    };
    let series =
        series.ok_or_else(|| IpcErrorDto::new("unknown_scope", "no such site or queue"))?;
    let zone = live.calendar.tz();
    let labels: Vec<String> = series
        .points
        .iter()
        .map(|p| clock_label(p.start, zone))
        .collect();
    let theme = if dark {
        ChartTheme::DARK
    } else {
        ChartTheme::LIGHT
    };
    let charts = [
        TrendMetric::Offered,
        TrendMetric::ServiceLevel,
        TrendMetric::Asa,
        TrendMetric::Abandoned,
    ]
    .into_iter()
    .map(|metric| {
        let chart = TrendChart {
            metric,
            points: &series.points,
            labels: &labels,
            target_pct: Some(target),
            theme,
            label_px: 13,
        };
        render_svg(&chart, WIDTH, HEIGHT).map_err(|e| IpcErrorDto::new("chart", e.to_string()))
    })
    .collect::<Result<Vec<_>, _>>()?;
    Ok(TrendChartsDto {
        charts,
        intervals: series.points.len() as u32,
    })
}
