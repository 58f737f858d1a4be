//! Which shared libraries stay out of the AppDir and come from the system that runs it.
//!
//! The list is linuxdeploy's: it generates its excludelist from the AppImage community's
//! `excludelist` (pkg2appimage), and this module copies that file's entries (one listed
//! twice there is here once). The reasons,
//! in short (the upstream file has one comment per entry):
//! - glibc and its loader (`libc`, `libm`, `libdl`, `libpthread`, `libnss_*`, `ld-linux`...):
//!   they must match the kernel interface and each other; bundling them breaks on any other
//!   system.
//! - `libstdc++` and `libgcc_s`: the system's is at least as new as what the app needs on
//!   any supported system, and a bundled older one breaks the system's graphics drivers.
//! - The graphics stack (`libGL`, `libEGL`, `libGLX`, `libGLdispatch`, `libOpenGL`,
//!   `libdrm`, `libglapi`, `libgbm`, `libxcb-dri2/3`, `libwayland-client`): tied to the
//!   machine's driver.
//! - The X11 client core (`libX11`, `libX11-xcb`, `libxcb`): must match the system's xcb
//!   extensions.
//! - Font rendering (`libfontconfig`, `libfreetype`, `libharfbuzz`, `libfribidi`): must
//!   read the system's font configuration and caches.
//! - Sound servers' client libraries (`libasound`, `libjack`, `libpipewire`): must match
//!   the running server.
//! - A few base-system libraries every distribution ships (`libz`, `libexpat`, `libuuid`,
//!   `libgmp`, `libcom_err`, `libgpg-error`, `libusb`, `libICE`, `libSM`).
//!
//! GLib, GTK, Pango and WebKitGTK are not on the list: they are bundled, as linuxdeploy
//! and Tauri's GTK plugin do.

/// The excluded file names (sonames), exactly as in the upstream list.
pub const EXCLUDED: &[&str] = &[
    // glibc
    "ld-linux.so.2",
    "ld-linux-x86-64.so.2",
    "libanl.so.1",
    "libBrokenLocale.so.1",
    "libcidn.so.1",
    "libc.so.6",
    "libdl.so.2",
    "libm.so.6",
    "libmvec.so.1",
    "libnss_compat.so.2",
    "libnss_dns.so.2",
    "libnss_files.so.2",
    "libnss_hesiod.so.2",
    "libnss_nisplus.so.2",
    "libnss_nis.so.2",
    "libpthread.so.0",
    "libresolv.so.2",
    "librt.so.1",
    "libthread_db.so.1",
    "libutil.so.1",
    // the C++ runtime
    "libstdc++.so.6",
    // graphics drivers
    "libGL.so.1",
    "libEGL.so.1",
    "libGLdispatch.so.0",
    "libGLX.so.0",
    "libOpenGL.so.0",
    "libdrm.so.2",
    "libglapi.so.0",
    "libgbm.so.1",
    "libxcb.so.1",
    "libX11.so.6",
    "libX11-xcb.so.1",
    "libwayland-client.so.0",
    // sound
    "libasound.so.2",
    // fonts
    "libfontconfig.so.1",
    "libfreetype.so.6",
    "libharfbuzz.so.0",
    // base system
    "libcom_err.so.2",
    "libexpat.so.1",
    "libgcc_s.so.1",
    "libgpg-error.so.0",
    "libICE.so.6",
    "libSM.so.6",
    "libusb-1.0.so.0",
    "libuuid.so.1",
    "libz.so.1",
    "libjack.so.0",
    "libpipewire-0.3.so.0",
    "libxcb-dri3.so.0",
    "libxcb-dri2.so.0",
    "libfribidi.so.0",
    "libgmp.so.10",
];

/// The kernel's virtual shared objects (the vDSO, under its 64- and 32-bit names): ldd lists
/// them, but they are mapped by the kernel and are never files to copy.
const NEVER_FILES: &[&str] = &["linux-vdso.so.1", "linux-gate.so.1"];

/// Whether the library named `name` (a soname or file name, without directories) stays
/// on the system rather than going into the AppDir. `extra` holds glob patterns given
/// with `--exclude-library`.
pub fn is_excluded(name: &str, extra: &[crate::pattern::Pattern]) -> bool {
    EXCLUDED.contains(&name)
        || NEVER_FILES.contains(&name)
        || extra.iter().any(|pattern| pattern.matches(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Pattern;

    #[test]
    fn glibc_and_the_graphics_stack_stay_on_the_system() {
        for name in [
            "libc.so.6",
            "libm.so.6",
            "ld-linux-x86-64.so.2",
            "libGL.so.1",
            "libEGL.so.1",
            "libdrm.so.2",
            "libgbm.so.1",
            "libX11.so.6",
            "libxcb.so.1",
            "libfontconfig.so.1",
            "libfreetype.so.6",
            "libstdc++.so.6",
            "libgcc_s.so.1",
            "linux-vdso.so.1",
        ] {
            assert!(is_excluded(name, &[]), "{name} should stay on the system");
        }
    }

    #[test]
    fn the_webview_and_gtk_stack_is_bundled() {
        for name in [
            "libwebkit2gtk-4.1.so.0",
            "libjavascriptcoregtk-4.1.so.0",
            "libgtk-3.so.0",
            "libgdk-3.so.0",
            "libglib-2.0.so.0",
            "libgio-2.0.so.0",
            "libpango-1.0.so.0",
            "libsoup-3.0.so.0",
            "libicudata.so.72",
            "libXi.so.6",
            "libxcb-shm.so.0",
        ] {
            assert!(!is_excluded(name, &[]), "{name} should be bundled");
        }
    }

    #[test]
    fn names_match_exactly_not_by_prefix() {
        // libc.so.6 is excluded; a library whose name merely starts with "libc" is not.
        assert!(!is_excluded("libcairo.so.2", &[]));
        assert!(!is_excluded("libc.so", &[]));
        assert!(!is_excluded("libGLESv2.so.2", &[]));
    }

    #[test]
    fn exclude_library_patterns_add_to_the_list() {
        let extra = [Pattern::new("libgst*")];
        assert!(is_excluded("libgstreamer-1.0.so.0", &extra));
        assert!(!is_excluded("libgtk-3.so.0", &extra));
    }

    #[test]
    fn the_list_has_no_duplicates() {
        let mut names = EXCLUDED.to_vec();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
