//! Chart colours for light and dark screens.

use plotters::style::RGBColor;

/// An sRGB colour, independent of any drawing library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl From<Rgb> for RGBColor {
    fn from(Rgb(r, g, b): Rgb) -> RGBColor {
        RGBColor(r, g, b)
    }
}

/// The colours of one chart. Series colours are from the Okabe–Ito palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartTheme {
    pub background: Rgb,
    pub text: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    /// The metric's own series.
    pub series: Rgb,
    /// A second series (answered beside offered).
    pub secondary: Rgb,
    /// The target line.
    pub target: Rgb,
}

impl ChartTheme {
    /// For dark wallboards and the console's dark theme.
    pub const DARK: ChartTheme = ChartTheme {
        background: Rgb(0x12, 0x16, 0x1c),
        text: Rgb(0xe8, 0xea, 0xed),
        grid: Rgb(0x2c, 0x33, 0x3d),
        axis: Rgb(0x8a, 0x93, 0x9e),
        series: Rgb(0x56, 0xb4, 0xe9),    // sky blue
        secondary: Rgb(0xe6, 0x9f, 0x00), // orange
        target: Rgb(0xf0, 0xe4, 0x42),    // yellow
    };

    /// For the console's light theme and printouts.
    pub const LIGHT: ChartTheme = ChartTheme {
        background: Rgb(0xff, 0xff, 0xff),
        text: Rgb(0x1f, 0x23, 0x28),
        grid: Rgb(0xe1, 0xe4, 0xe8),
        axis: Rgb(0x57, 0x60, 0x6a),
        series: Rgb(0x00, 0x72, 0xb2),    // blue
        secondary: Rgb(0xd5, 0x5e, 0x00), // vermillion
        target: Rgb(0x00, 0x9e, 0x73),    // bluish green
    };
}
