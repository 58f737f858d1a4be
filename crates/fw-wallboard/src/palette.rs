//! The board's colours for each theme, dimmed when the data is stale.

use egui::Color32;
use fw_charts::ChartTheme;

use crate::config::Theme;
use crate::thresholds::Level;

/// The board's colours. Level colours are Okabe–Ito, and each level also has a shape.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub background: Color32,
    pub panel: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub good: Color32,
    pub warning: Color32,
    pub breach: Color32,
    pub banner: Color32,
    pub chart: ChartTheme,
}

impl Palette {
    pub fn for_theme(theme: Theme, stale: bool) -> Palette {
        let mut palette = match theme {
            Theme::Dark => Palette {
                background: Color32::from_rgb(0x0b, 0x0e, 0x12),
                panel: Color32::from_rgb(0x12, 0x16, 0x1c),
                text: Color32::from_rgb(0xf2, 0xf4, 0xf6),
                muted: Color32::from_rgb(0x9a, 0xa3, 0xad),
                good: Color32::from_rgb(0x00, 0x9e, 0x73),
                warning: Color32::from_rgb(0xe6, 0x9f, 0x00),
                breach: Color32::from_rgb(0xd5, 0x5e, 0x00),
                banner: Color32::from_rgb(0x8a, 0x2a, 0x00),
                chart: ChartTheme::DARK,
            },
            Theme::Light => Palette {
                background: Color32::from_rgb(0xf4, 0xf5, 0xf7),
                panel: Color32::WHITE,
                text: Color32::from_rgb(0x11, 0x14, 0x18),
                muted: Color32::from_rgb(0x57, 0x60, 0x6a),
                good: Color32::from_rgb(0x00, 0x7a, 0x5a),
                warning: Color32::from_rgb(0xb3, 0x6b, 0x00),
                breach: Color32::from_rgb(0xc0, 0x3a, 0x00),
                banner: Color32::from_rgb(0xc0, 0x3a, 0x00),
                chart: ChartTheme::LIGHT,
            },
        };
        if stale {
            // Stale figures keep their place but lose their colour: nobody acts on old news.
            palette.text = palette.muted;
            palette.good = palette.muted;
            palette.warning = palette.muted;
            palette.breach = palette.muted;
        }
        palette
    }

    pub(crate) fn level(&self, level: Level) -> Color32 {
        match level {
            Level::Neutral => self.text,
            Level::Good => self.good,
            Level::Warning => self.warning,
            Level::Breach => self.breach,
        }
    }
}
