//! A survey figure (CSAT, NPS or FCR) over days or weeks, one line per group, with each
//! point's sample size shown so nobody over-reads five surveys.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::palette::{ChartTheme, Rgb};
use crate::trend_chart::ChartError;

/// Okabe–Ito colours for up to eight lines; markers differ too, so colour is never alone.
const LINE_COLOURS: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xe6, 0x9f, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0xcc, 0x79, 0xa7),
    Rgb(0x56, 0xb4, 0xe9),
    Rgb(0xd5, 0x5e, 0x00),
    Rgb(0xf0, 0xe4, 0x42),
    Rgb(0x99, 0x99, 0x99),
];

/// Which survey figure a chart shows, and so its axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurveyMetric {
    /// Top-2-box share, 0–100 %.
    Csat,
    /// The mean score, 1–5 (the definition's second CSAT figure).
    CsatMean,
    /// −100 to +100.
    Nps,
    /// Share resolved on first contact, 0–100 %.
    Fcr,
}

impl SurveyMetric {
    const fn range(self) -> (f64, f64) {
        match self {
            SurveyMetric::Nps => (-100.0, 100.0),
            SurveyMetric::CsatMean => (1.0, 5.0),
            SurveyMetric::Csat | SurveyMetric::Fcr => (0.0, 100.0),
        }
    }
}

/// One point: the figure (if the bucket has answers) and how many answers it rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SurveyPoint {
    pub value: Option<f64>,
    pub sample: u64,
}

/// One group's line (a site, queue, agent, or the centre).
#[derive(Clone, Debug, PartialEq)]
pub struct SurveySeries {
    pub label: String,
    /// One point per bucket, aligned with the chart's labels.
    pub points: Vec<SurveyPoint>,
}

/// Everything one survey chart needs.
#[derive(Clone, Copy, Debug)]
pub struct SurveyChart<'a> {
    pub metric: SurveyMetric,
    pub series: &'a [SurveySeries],
    /// One label per bucket ("11-02").
    pub labels: &'a [String],
    /// Below this sample a point is drawn hollow and its n printed beside it.
    pub small_sample: u64,
    pub theme: ChartTheme,
    pub label_px: u32,
}

/// Draws `chart` filling `area`.
pub fn draw_survey_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SurveyChart<'_>,
) -> Result<(), ChartError> {
    let fail = |error: &dyn std::fmt::Display| ChartError::Backend(error.to_string());
    let theme = chart.theme;
    area.fill(&RGBColor::from(theme.background))
        .map_err(|e| fail(&e))?;
    let count = chart.labels.len().max(1);
    let label_px = chart.label_px.max(8);
    let text = ("sans-serif", f64::from(label_px) * 1.24)
        .into_font()
        .color(&RGBColor::from(theme.text));
    let (low, high) = chart.metric.range();
    let mut built = ChartBuilder::on(area)
        .margin(label_px / 2)
        .x_label_area_size(label_px * 2)
        .y_label_area_size(label_px * 3)
        .build_cartesian_2d(-0.5..count as f64 - 0.5, low..high)
        .map_err(|e| fail(&e))?;
    let every = count.div_ceil(8).max(1);
    let labels = chart.labels;
    let x_format = |x: &f64| {
        let index = x.round();
        if (x - index).abs() < 1e-6 && index >= 0.0 && (index as usize).is_multiple_of(every) {
            labels.get(index as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    built
        .configure_mesh()
        .x_labels(count.min(60))
        .x_label_formatter(&x_format)
        .y_labels(5)
        .label_style(text.clone())
        .light_line_style(RGBColor::from(theme.grid).mix(0.4))
        .bold_line_style(RGBColor::from(theme.grid))
        .axis_style(RGBColor::from(theme.axis))
        .draw()
        .map_err(|e| fail(&e))?;

    for (index, series) in chart.series.iter().enumerate() {
        let colour = RGBColor::from(LINE_COLOURS[index % LINE_COLOURS.len()]);
        let points: Vec<(f64, f64, u64)> = series
            .points
            .iter()
            .enumerate()
            .filter_map(|(x, p)| p.value.map(|v| (x as f64, v.clamp(low, high), p.sample)))
            .collect();
        built
            .draw_series(LineSeries::new(
                points.iter().map(|(x, y, _)| (*x, *y)),
                colour.stroke_width(2),
            ))
            .map_err(|e| fail(&e))?
            .label(series.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
            });
        let radius = (label_px / 3).max(3);
        for &(x, y, sample) in &points {
            let small = sample < chart.small_sample;
            let marker = if small {
                colour.stroke_width(2)
            } else {
                colour.filled()
            };
            let shape: DynElement<'_, DB, (f64, f64)> = match index % 3 {
                0 => Circle::new((x, y), radius, marker).into_dyn(),
                1 => TriangleMarker::new((x, y), radius + 1, marker).into_dyn(),
                _ => Cross::new((x, y), radius, colour.stroke_width(2)).into_dyn(),
            };
            built
                .draw_series(std::iter::once(shape))
                .map_err(|e| fail(&e))?;
            if small {
                built
                    .draw_series(std::iter::once(Text::new(
                        format!("n={sample}"),
                        (x, y),
                        text.clone(),
                    )))
                    .map_err(|e| fail(&e))?;
            }
        }
    }
    if !chart.series.is_empty() {
        built
            .configure_series_labels()
            .label_font(text)
            .background_style(RGBColor::from(theme.background).mix(0.85))
            .border_style(RGBColor::from(theme.axis))
            .position(SeriesLabelPosition::LowerLeft)
            .draw()
            .map_err(|e| fail(&e))?;
    }
    Ok(())
}

/// Renders `chart` as a standalone SVG document of `width` × `height` pixels.
pub fn render_survey_svg(
    chart: &SurveyChart<'_>,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw_survey_chart(&root, chart)?;
        root.present()
            .map_err(|error| ChartError::Backend(error.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_samples_are_labelled_and_every_series_is_in_the_legend() {
        let series = vec![
            SurveySeries {
                label: "north".to_owned(),
                points: vec![
                    SurveyPoint {
                        value: Some(82.0),
                        sample: 120,
                    },
                    SurveyPoint {
                        value: Some(60.0),
                        sample: 5,
                    },
                    SurveyPoint {
                        value: None,
                        sample: 0,
                    },
                ],
            },
            SurveySeries {
                label: "east".to_owned(),
                points: vec![
                    SurveyPoint {
                        value: Some(-20.0),
                        sample: 40,
                    },
                    SurveyPoint {
                        value: Some(10.0),
                        sample: 45,
                    },
                    SurveyPoint {
                        value: Some(12.0),
                        sample: 31,
                    },
                ],
            },
        ];
        let labels: Vec<String> = ["11-02", "11-03", "11-04"].map(String::from).to_vec();
        let svg = render_survey_svg(
            &SurveyChart {
                metric: SurveyMetric::Nps,
                series: &series,
                labels: &labels,
                small_sample: 30,
                theme: ChartTheme::LIGHT,
                label_px: 12,
            },
            640,
            320,
        )
        .unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("n=5"), "the five-survey point says so");
        assert!(!svg.contains("n=120") && !svg.contains("n=40"));
        assert!(svg.contains("north") && svg.contains("east"));
        assert!(svg.contains("11-02"));
    }
}
