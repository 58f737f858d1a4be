//! The files in an AppDir's root that make it an AppImage: the desktop file, the icon,
//! `.DirIcon` and `AppRun`.
//!
//! Tauri leaves the root desktop file as an absolute symlink into its build directory,
//! which would dangle inside the image; linuxdeploy replaces it with a relative one, and
//! so does [`deploy_desktop_file`]. Tauri names the root icon after the product
//! (`Floorwalker.png`) while the spec wants it named after `Icon=` (`floorwalker.png`):
//! [`deploy_icon`] adds that one.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use crate::desktop::DesktopEntry;
use crate::error::{Error, Result};
use crate::hooks;

/// The icon file extensions an AppImage root icon may have, in order of preference.
const ICON_EXTENSIONS: &[&str] = &["png", "svg", "svgz", "xpm"];

fn appdir_error(appdir: &Path, reason: impl Into<String>) -> Error {
    Error::AppDir {
        appdir: appdir.to_path_buf(),
        reason: reason.into(),
    }
}

/// Copies the `--desktop-file`s into `usr/share/applications`, then makes the root desktop
/// file a relative symlink to the chosen one (the first in name order, as linuxdeploy
/// takes the first). Returns its parsed entry.
pub fn deploy_desktop_file(appdir: &Path, extra: &[PathBuf]) -> Result<DesktopEntry> {
    let applications = appdir.join("usr/share/applications");
    for file in extra {
        let name = file
            .file_name()
            .ok_or_else(|| appdir_error(appdir, "bad --desktop-file"))?;
        let target = applications.join(name);
        fs::copy(file, &target).map_err(|e| Error::io(file, e))?;
    }
    let mut candidates = files_with_extension(&applications, "desktop")?;
    candidates.sort();
    let chosen = candidates
        .first()
        .ok_or_else(|| appdir_error(appdir, "no desktop file in usr/share/applications"))?;
    let name = chosen
        .file_name()
        .expect("listed files have names")
        .to_owned();

    // Root desktop files that are symlinks are ours to replace; a regular file is the
    // packager's own choice and stays.
    for existing in files_with_extension(appdir, "desktop")? {
        if fs::symlink_metadata(&existing).is_ok_and(|m| m.file_type().is_symlink()) {
            fs::remove_file(&existing).map_err(|e| Error::io(&existing, e))?;
        }
    }
    let root_desktop = appdir.join(&name);
    if fs::symlink_metadata(&root_desktop).is_err() {
        let relative = Path::new("usr/share/applications").join(&name);
        symlink(&relative, &root_desktop).map_err(|e| Error::io(&root_desktop, e))?;
    }
    let text = fs::read_to_string(&root_desktop).map_err(|e| Error::io(&root_desktop, e))?;
    let entry = DesktopEntry::parse(&text);
    let problems = entry.problems();
    if !problems.is_empty() {
        return Err(Error::Desktop {
            path: root_desktop,
            reason: problems.join(", "),
        });
    }
    Ok(entry)
}

/// Makes sure the root holds `<Icon=>.<ext>` (a relative symlink to the largest matching
/// icon under `usr/share`) and `.DirIcon` (a symlink to that root icon). `--icon-file`s
/// are copied to `usr/share/icons/hicolor/<size>/apps/` first.
pub fn deploy_icon(appdir: &Path, entry: &DesktopEntry, extra: &[PathBuf]) -> Result<PathBuf> {
    let icon = entry
        .icon
        .as_deref()
        .ok_or_else(|| appdir_error(appdir, "no Icon= key"))?;
    for file in extra {
        let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("png");
        let size = if extension == "png" {
            png_size(file).map_or_else(|| "256x256".to_owned(), |(w, h)| format!("{w}x{h}"))
        } else {
            "scalable".to_owned()
        };
        let dir = appdir
            .join("usr/share/icons/hicolor")
            .join(size)
            .join("apps");
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let target = dir.join(format!("{icon}.{extension}"));
        fs::copy(file, &target).map_err(|e| Error::io(file, e))?;
    }

    let root_icon = if let Some(path) = existing_root_icon(appdir, icon) {
        path
    } else {
        let found = best_icon(appdir, icon)?
            .ok_or_else(|| appdir_error(appdir, format!("no icon named {icon} in usr/share")))?;
        let extension = found.extension().and_then(|e| e.to_str()).unwrap_or("png");
        let root_icon = appdir.join(format!("{icon}.{extension}"));
        let relative = found.strip_prefix(appdir).expect("found below the AppDir");
        symlink(relative, &root_icon).map_err(|e| Error::io(&root_icon, e))?;
        root_icon
    };
    let dir_icon = appdir.join(".DirIcon");
    if fs::metadata(&dir_icon).is_err() {
        // Missing or dangling: point it at the root icon.
        let _ = fs::remove_file(&dir_icon);
        let name = root_icon.file_name().expect("root icon has a name");
        symlink(name, &dir_icon).map_err(|e| Error::io(&dir_icon, e))?;
    }
    Ok(root_icon)
}

/// The root icon named after `icon`, if one exists and resolves.
fn existing_root_icon(appdir: &Path, icon: &str) -> Option<PathBuf> {
    ICON_EXTENSIONS
        .iter()
        .map(|extension| appdir.join(format!("{icon}.{extension}")))
        .find(|path| fs::metadata(path).is_ok_and(|m| m.is_file()))
}

/// The largest `<icon>.png` under `usr/share/icons/hicolor/<N>x<N>/apps`, else a scalable
/// SVG, else `usr/share/pixmaps/<icon>.png`.
fn best_icon(appdir: &Path, icon: &str) -> Result<Option<PathBuf>> {
    let hicolor = appdir.join("usr/share/icons/hicolor");
    // Ranked by pixels, then an unscaled directory over a `@2` one of the same pixels, then
    // name, so that the choice does not depend on the order the directory is listed in.
    let mut best: Option<((u32, bool, String), PathBuf)> = None;
    if hicolor.is_dir() {
        for entry in fs::read_dir(&hicolor).map_err(|e| Error::io(&hicolor, e))? {
            let entry = entry.map_err(|e| Error::io(&hicolor, e))?;
            let dir_name = entry.file_name().to_string_lossy().into_owned();
            let candidate = entry.path().join("apps").join(format!("{icon}.png"));
            if let Some(size) = square_size(&dir_name)
                && candidate.is_file()
            {
                let rank = (size, !dir_name.contains('@'), dir_name);
                if best.as_ref().is_none_or(|(best_rank, _)| rank > *best_rank) {
                    best = Some((rank, candidate));
                }
            }
        }
    }
    if let Some((_, path)) = best {
        return Ok(Some(path));
    }
    let fallbacks = [
        hicolor.join(format!("scalable/apps/{icon}.svg")),
        appdir.join(format!("usr/share/pixmaps/{icon}.png")),
        appdir.join(format!("usr/share/pixmaps/{icon}.svg")),
    ];
    Ok(fallbacks.into_iter().find(|path| path.is_file()))
}

/// `N` for an icon theme directory named `NxN` (and `NxN@2` as twice N); others are `None`.
fn square_size(dir_name: &str) -> Option<u32> {
    let (size, scale) = match dir_name.split_once('@') {
        Some((size, scale)) => (size, scale.trim_end_matches('x').parse::<u32>().ok()?),
        None => (dir_name, 1),
    };
    let (width, height) = size.split_once('x')?;
    let width: u32 = width.parse().ok()?;
    (height.parse::<u32>().ok()? == width).then_some(width * scale)
}

/// A PNG's width and height from its IHDR chunk.
fn png_size(path: &Path) -> Option<(u32, u32)> {
    let bytes = fs::read(path).ok()?;
    if bytes.len() < 24 || bytes[..8] != *b"\x89PNG\r\n\x1a\n" || bytes[12..16] != *b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((width, height))
}

/// Makes sure `AppRun` exists (a custom one, else the one there, else a relative symlink to
/// the `Exec=` program) and, when `apprun-hooks/` holds hooks, wraps it in a hook AppRun.
pub fn deploy_apprun(appdir: &Path, entry: &DesktopEntry, custom: Option<&Path>) -> Result<()> {
    let apprun = appdir.join("AppRun");
    if let Some(custom) = custom {
        let _ = fs::remove_file(&apprun);
        fs::copy(custom, &apprun).map_err(|e| Error::io(custom, e))?;
    }
    if fs::symlink_metadata(&apprun).is_err() {
        let argv = entry
            .exec_argv()
            .ok_or_else(|| appdir_error(appdir, "no Exec= line"))?;
        let program = Path::new(&argv[0])
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default();
        let target = Path::new("usr/bin").join(program);
        if !appdir.join(&target).is_file() {
            return Err(appdir_error(
                appdir,
                format!("no AppRun and no {}", target.display()),
            ));
        }
        symlink(&target, &apprun).map_err(|e| Error::io(&apprun, e))?;
    }

    let hook_dir = appdir.join("apprun-hooks");
    let mut hooks = Vec::new();
    if hook_dir.is_dir() {
        for entry in fs::read_dir(&hook_dir).map_err(|e| Error::io(&hook_dir, e))? {
            let entry = entry.map_err(|e| Error::io(&hook_dir, e))?;
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                hooks.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    if hooks.is_empty() {
        return Ok(());
    }
    hooks.sort();
    let current = fs::read(&apprun).unwrap_or_default();
    if !hooks::is_hook_apprun(&current) {
        let wrapped = appdir.join(hooks::WRAPPED);
        fs::rename(&apprun, &wrapped).map_err(|e| Error::io(&apprun, e))?;
    }
    fs::write(&apprun, hooks::hook_apprun_script(&hooks)).map_err(|e| Error::io(&apprun, e))?;
    fs::set_permissions(&apprun, fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(&apprun, e))?;
    Ok(())
}

/// The files in `dir` (not below) whose name ends in `.<extension>`.
pub fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESKTOP: &str =
        "[Desktop Entry]\nType=Application\nName=Floorwalker\nExec=floorwalker\nIcon=floorwalker\n";

    /// An AppDir as the Tauri CLI leaves it before running linuxdeploy.
    fn tauri_appdir(root: &Path) -> PathBuf {
        let appdir = root.join("Floorwalker.AppDir");
        fs::create_dir_all(appdir.join("usr/bin")).unwrap();
        fs::create_dir_all(appdir.join("usr/share/applications")).unwrap();
        for size in ["32x32", "128x128", "512x512", "256x256@2"] {
            let dir = appdir.join(format!("usr/share/icons/hicolor/{size}/apps"));
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("floorwalker.png"), size).unwrap();
        }
        fs::write(appdir.join("usr/bin/floorwalker"), "#!/bin/sh\n").unwrap();
        let desktop = appdir.join("usr/share/applications/Floorwalker.desktop");
        fs::write(&desktop, DESKTOP).unwrap();
        // Tauri's absolute symlink, its product-named icon and .DirIcon.
        symlink(&desktop, appdir.join("Floorwalker.desktop")).unwrap();
        fs::write(appdir.join("Floorwalker.png"), "512x512").unwrap();
        symlink("Floorwalker.png", appdir.join(".DirIcon")).unwrap();
        fs::write(appdir.join("AppRun"), "\x7fELF apprun").unwrap();
        appdir
    }

    #[test]
    fn the_root_desktop_file_becomes_a_relative_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        let entry = deploy_desktop_file(&appdir, &[]).unwrap();
        assert_eq!(entry.icon.as_deref(), Some("floorwalker"));
        let link = fs::read_link(appdir.join("Floorwalker.desktop")).unwrap();
        assert_eq!(
            link,
            Path::new("usr/share/applications/Floorwalker.desktop")
        );
    }

    #[test]
    fn the_root_icon_is_named_after_icon_and_points_at_the_largest() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        let entry = deploy_desktop_file(&appdir, &[]).unwrap();
        let root_icon = deploy_icon(&appdir, &entry, &[]).unwrap();
        assert_eq!(root_icon, appdir.join("floorwalker.png"));
        // 256x256@2 has as many pixels; the unscaled directory wins the tie.
        assert_eq!(
            fs::read_link(&root_icon).unwrap(),
            Path::new("usr/share/icons/hicolor/512x512/apps/floorwalker.png")
        );
        // Tauri's .DirIcon resolves, so it is kept.
        assert_eq!(
            fs::read_link(appdir.join(".DirIcon")).unwrap(),
            Path::new("Floorwalker.png")
        );
    }

    #[test]
    fn a_dangling_dir_icon_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        fs::remove_file(appdir.join("Floorwalker.png")).unwrap();
        let entry = deploy_desktop_file(&appdir, &[]).unwrap();
        deploy_icon(&appdir, &entry, &[]).unwrap();
        assert_eq!(
            fs::read_link(appdir.join(".DirIcon")).unwrap(),
            Path::new("floorwalker.png")
        );
        assert!(fs::metadata(appdir.join(".DirIcon")).unwrap().is_file());
    }

    #[test]
    fn hooks_wrap_the_existing_apprun_once() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        fs::create_dir_all(appdir.join("apprun-hooks")).unwrap();
        fs::write(
            appdir.join("apprun-hooks/linuxdeploy-plugin-gtk.sh"),
            "export A=1\n",
        )
        .unwrap();
        let entry = deploy_desktop_file(&appdir, &[]).unwrap();
        deploy_apprun(&appdir, &entry, None).unwrap();
        deploy_apprun(&appdir, &entry, None).unwrap();
        assert_eq!(
            fs::read(appdir.join("AppRun.wrapped")).unwrap(),
            b"\x7fELF apprun"
        );
        let apprun = fs::read_to_string(appdir.join("AppRun")).unwrap();
        assert!(
            apprun.contains("linuxdeploy-plugin-gtk.sh")
                && hooks::is_hook_apprun(apprun.as_bytes())
        );
        let mode = fs::metadata(appdir.join("AppRun"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111);
    }

    #[test]
    fn without_an_apprun_one_links_to_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        fs::remove_file(appdir.join("AppRun")).unwrap();
        let entry = deploy_desktop_file(&appdir, &[]).unwrap();
        deploy_apprun(&appdir, &entry, None).unwrap();
        assert_eq!(
            fs::read_link(appdir.join("AppRun")).unwrap(),
            Path::new("usr/bin/floorwalker")
        );
    }

    #[test]
    fn icon_theme_directory_sizes() {
        assert_eq!(square_size("512x512"), Some(512));
        assert_eq!(square_size("256x256@2"), Some(512));
        assert_eq!(square_size("256x256@2x"), Some(512));
        assert_eq!(square_size("scalable"), None);
        assert_eq!(square_size("16x32"), None);
    }

    #[test]
    fn a_desktop_file_without_an_icon_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = tauri_appdir(dir.path());
        fs::write(
            appdir.join("usr/share/applications/Floorwalker.desktop"),
            "[Desktop Entry]\nType=Application\nName=F\nExec=f\n",
        )
        .unwrap();
        let error = deploy_desktop_file(&appdir, &[]).unwrap_err().to_string();
        assert!(error.contains("no Icon"), "{error}");
    }
}
