//! How far QA raters agree: Krippendorff's alpha over a calibration round's scores, and the
//! spread of the scores given to one item.

mod alpha;
mod spread;

pub use alpha::{Metric, krippendorff_alpha};
pub use spread::{ItemSpread, spread};
