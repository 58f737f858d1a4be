//! Charts as SVG text, for the console's web view.

use plotters::prelude::*;

use crate::trend_chart::{ChartError, TrendChart, draw_trend};

/// Renders `chart` as a standalone SVG document of `width` × `height` pixels.
pub fn render_svg(chart: &TrendChart<'_>, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw_trend(&root, chart)?;
        root.present()
            .map_err(|error| ChartError::Backend(error.to_string()))?;
    }
    Ok(out)
}
