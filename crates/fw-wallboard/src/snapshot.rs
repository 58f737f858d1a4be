//! Writing a screen capture as PNG.

use std::io::BufWriter;
use std::path::Path;

/// Why a screenshot could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot encode {path} as PNG: {source}")]
    Encode {
        path: String,
        source: png::EncodingError,
    },
}

/// Writes `image` to `path` as an RGBA PNG.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), SnapshotError> {
    let io = |source| SnapshotError::Io {
        path: path.display().to_string(),
        source,
    };
    let encode = |source| SnapshotError::Encode {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(io)?;
    let [width, height] = image.size;
    let mut encoder = png::Encoder::new(BufWriter::new(file), width as u32, height as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode)?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&bytes).map_err(encode)?;
    writer.finish().map_err(encode)
}
