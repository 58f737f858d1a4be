//! CJK glyphs. egui's built-in fonts have none, so Chinese would render as empty boxes; the
//! board adds a CJK font as a fallback behind the built-in Latin one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Where the common CJK fonts live, with the face to use in a collection: the Simplified
/// Chinese face of Noto Sans CJK is the third (index 2).
const CANDIDATES: &[(&str, u32)] = &[
    // Debian/Ubuntu fonts-noto-cjk (installed by scripts/install-deps.sh).
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
    ),
    // Windows: Microsoft YaHei.
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    // macOS: PingFang, then Heiti.
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
];

/// Why no CJK font could be added.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read the CJK font {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "no CJK font found (looked in {searched}); install fonts-noto-cjk or set cjk_font in the wallboard file"
    )]
    NotFound { searched: String },
}

/// A CJK font file and the face to use.
#[derive(Clone, Debug)]
pub struct CjkFont {
    pub path: PathBuf,
    pub index: u32,
    bytes: Arc<FontBytes>,
}

/// The font file, memory-mapped: a CJK font is about 20 MB, of which a board touches the
/// few pages holding the glyphs it shows, so mapping keeps the kiosk's resident memory low
/// where reading the file would make all 20 MB resident.
#[derive(Debug)]
struct FontBytes(memmap2::Mmap);

impl AsRef<[u8]> for FontBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl CjkFont {
    /// Loads `configured` if given, else the first system font found.
    pub fn find(configured: Option<(&Path, u32)>) -> Result<CjkFont, FontError> {
        if let Some((path, index)) = configured {
            return CjkFont::read(path, index);
        }
        for (path, index) in CANDIDATES {
            let path = Path::new(path);
            if path.is_file() {
                return CjkFont::read(path, *index);
            }
        }
        Err(FontError::NotFound {
            searched: CANDIDATES
                .iter()
                .map(|(p, _)| *p)
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    #[allow(unsafe_code)] // the one mapping in the workspace; see the SAFETY note
    fn read(path: &Path, index: u32) -> Result<CjkFont, FontError> {
        let error = |source| FontError::Read {
            path: path.display().to_string(),
            source,
        };
        let file = std::fs::File::open(path).map_err(error)?;
        // SAFETY: the map is read-only and private to this process. The one hazard of a
        // mapped file is another process truncating it while mapped; system fonts are
        // replaced by package upgrades through a rename, which leaves this inode intact.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(error)?;
        Ok(CjkFont {
            path: path.to_path_buf(),
            index,
            bytes: Arc::new(FontBytes(map)),
        })
    }

    /// Adds the font behind egui's own in both families.
    pub fn install(&self, ctx: &egui::Context) {
        let data = FontData::from_blob(self.bytes.clone(), self.index);
        ctx.add_font(FontInsert {
            name: "floorwalker-cjk".into(),
            data,
            families: vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        });
    }
}
