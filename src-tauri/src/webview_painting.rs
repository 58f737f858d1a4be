//! How the webview paints. WebKitGTK composites its layers with OpenGL; on a machine without
//! a GPU (a thin client, a VM, Xvfb) that OpenGL is Mesa's llvmpipe, which emulates a GPU on
//! the CPU. Measured on the 504-queue wallboard under Xvfb, llvmpipe's threads took more of
//! the CPU than everything else the webview did; painting directly with Skia on the CPU
//! costs far less there. So without a GPU the webview is told not to accelerate.
//! `FLOORWALKER_WEBVIEW_GPU` = `auto` (the default), `on` or `off` overrides the guess; with
//! a GPU (or `on`) WebKit keeps its own default.

use std::path::Path;

/// The `FLOORWALKER_WEBVIEW_GPU` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GpuChoice {
    /// Accelerate where the machine has a GPU render node.
    Auto,
    On,
    Off,
}

impl GpuChoice {
    /// Reads the setting; an unknown value is an error that names the accepted ones.
    pub fn parse(value: Option<&str>) -> Result<GpuChoice, String> {
        match value.map(str::trim) {
            None | Some("" | "auto") => Ok(GpuChoice::Auto),
            Some("on") => Ok(GpuChoice::On),
            Some("off") => Ok(GpuChoice::Off),
            Some(other) => Err(format!(
                "FLOORWALKER_WEBVIEW_GPU is \"{other}\": expected auto, on or off"
            )),
        }
    }

    /// Whether the webview should composite with the GPU, given whether the machine has a
    /// GPU render node (`/dev/dri/renderD*`).
    pub fn accelerate(self, has_render_node: bool) -> bool {
        match self {
            GpuChoice::Auto => has_render_node,
            GpuChoice::On => true,
            GpuChoice::Off => false,
        }
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a GPU render node.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Tells the window's webview to paint on the CPU, without compositing through OpenGL.
#[cfg(target_os = "linux")]
pub fn paint_in_software(window: &tauri::WebviewWindow) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let applied = window.with_webview(|webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    match applied {
        Ok(()) => tracing::info!("no GPU: the webview paints in software"),
        Err(error) => tracing::warn!(%error, "the webview's painting could not be set"),
    }
}

/// Other platforms' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn paint_in_software(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_reads_three_words_and_refuses_others() {
        assert_eq!(GpuChoice::parse(None), Ok(GpuChoice::Auto));
        assert_eq!(GpuChoice::parse(Some(" off ")), Ok(GpuChoice::Off));
        assert_eq!(GpuChoice::parse(Some("on")), Ok(GpuChoice::On));
        let error = GpuChoice::parse(Some("yes")).unwrap_err();
        assert!(error.contains("auto, on or off"), "{error}");
    }

    #[test]
    fn auto_accelerates_only_with_a_render_node() {
        let dri = std::env::temp_dir().join(format!("fw-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dri).unwrap();
        assert!(!has_render_node(&dri));
        assert!(!has_render_node(&dri.join("missing")));
        std::fs::write(dri.join("card0"), b"").unwrap();
        assert!(!has_render_node(&dri));
        std::fs::write(dri.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&dri));
        std::fs::remove_dir_all(&dri).unwrap();

        assert!(GpuChoice::Auto.accelerate(true));
        assert!(!GpuChoice::Auto.accelerate(false));
        assert!(GpuChoice::On.accelerate(false));
        assert!(!GpuChoice::Off.accelerate(true));
    }
}
