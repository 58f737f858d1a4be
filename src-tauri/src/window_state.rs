//! The console window's size, position and maximised state, remembered between runs in the
//! OS config directory (`window.json`), so a supervisor's layout survives a restart.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, PhysicalPosition, PhysicalSize, WebviewWindow};

/// Smaller than this and the wallboard does not fit (the window's own minimum).
const MIN_SIZE: (u32, u32) = (1024, 640);
/// Anything larger is a corrupt file, not a screen.
const MAX_SIDE: u32 = 16_384;

/// Where and how big the window was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    pub maximized: bool,
}

impl Placement {
    /// A placement that can be applied: sizes within bounds, the corner not far off-screen.
    /// `None` for one that makes no sense (a hand-edited or corrupt file).
    pub fn sane(self) -> Option<Placement> {
        if self.width > MAX_SIDE || self.height > MAX_SIDE {
            return None;
        }
        Some(Placement {
            width: self.width.max(MIN_SIZE.0),
            height: self.height.max(MIN_SIZE.1),
            // A window whose corner was dragged past the left or top edge comes back on screen.
            x: self.x.max(0),
            y: self.y.max(0),
            maximized: self.maximized,
        })
    }
}

fn file(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .app_config_dir()
        .ok()
        .map(|dir| dir.join("window.json"))
}

/// Puts the window where it was last time, if there was a last time.
pub fn restore(app: &AppHandle, window: &WebviewWindow) {
    let Some(path) = file(app) else { return };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let Some(placement) = serde_json::from_str::<Placement>(&text)
        .ok()
        .and_then(Placement::sane)
    else {
        tracing::warn!(path = %path.display(), "the saved window placement is unusable; ignored");
        return;
    };
    let _ = window.set_size(PhysicalSize::new(placement.width, placement.height));
    let _ = window.set_position(PhysicalPosition::new(placement.x, placement.y));
    if placement.maximized {
        let _ = window.maximize();
    }
}

/// Remembers the window's placement (called as it closes).
pub fn save(window: &tauri::Window) {
    let app = window.app_handle();
    let (Some(path), Ok(size), Ok(position)) =
        (file(app), window.inner_size(), window.outer_position())
    else {
        return;
    };
    let placement = Placement {
        width: size.width,
        height: size.height,
        x: position.x,
        y: position.y,
        maximized: window.is_maximized().unwrap_or(false),
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::write(&path, serde_json::to_string(&placement).unwrap_or_default())
        });
    if let Err(error) = written {
        tracing::warn!(%error, path = %path.display(), "the window placement was not saved");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_placement_is_brought_back_within_bounds() {
        let tiny = Placement {
            width: 300,
            height: 200,
            x: -40,
            y: 20,
            maximized: false,
        };
        assert_eq!(
            tiny.sane(),
            Some(Placement {
                width: 1024,
                height: 640,
                x: 0,
                y: 20,
                maximized: false
            })
        );
        let corrupt = Placement {
            width: 90_000,
            height: 800,
            x: 0,
            y: 0,
            maximized: true,
        };
        assert_eq!(corrupt.sane(), None);
        let normal = Placement {
            width: 1920,
            height: 1080,
            x: 1920,
            y: 0,
            maximized: true,
        };
        assert_eq!(normal.sane(), Some(normal));
    }
}
