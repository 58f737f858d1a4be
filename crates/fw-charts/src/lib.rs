//! Floorwalker's charts, built once with plotters and drawn on any backend: SVG for the
//! console's web view, an egui painter for the big-screen wallboard. Pure: the data and the
//! look go in, drawing commands come out; no IO, no clock.
//!
//! The wallboard's charts are intraday trends of one metric per interval (see
//! [`fw_engine::Trends`]); the survey chart draws CSAT, NPS or FCR per day or week, one line
//! per group, with small samples marked.
//! Colours come from the Okabe–Ito palette, which stays distinguishable under the common
//! colour-vision deficiencies; the target line is dashed so it never relies on colour alone.

mod palette;
mod survey_chart;
mod svg;
mod trend_chart;

pub use palette::{ChartTheme, Rgb};
pub use survey_chart::{
    SurveyChart, SurveyMetric, SurveyPoint, SurveySeries, draw_survey_chart, render_survey_svg,
};
pub use svg::render_svg;
pub use trend_chart::{ChartError, TrendChart, TrendMetric, clock_label, draw_trend, value};
