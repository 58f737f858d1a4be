//! Finding and running linuxdeploy plugins.
//!
//! A plugin is a program named `linuxdeploy-plugin-<name>` (with `.sh`, `.AppImage` or
//! `-<arch>.AppImage` after it) beside linuxdeploy or on `PATH`; linuxdeploy runs it
//! with `--appdir <AppDir>` and `LINUXDEPLOY` set to its own path, so that the plugin can
//! call back to deploy libraries. The Tauri CLI puts the GTK plugin script, and
//! `scripts/bundle.sh` our AppImage output plugin, beside the linuxdeploy it runs.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// The file names a plugin called `name` may have, in the order they are looked for.
pub fn candidate_names(name: &str, arch: &str) -> Vec<String> {
    let base = format!("linuxdeploy-plugin-{name}");
    vec![
        format!("{base}.sh"),
        format!("{base}-{arch}.AppImage"),
        format!("{base}.AppImage"),
        base,
    ]
}

/// Looks for the plugin `name` in `own_dir` (linuxdeploy's directory), then on `path`.
pub fn find(name: &str, arch: &str, own_dir: &Path, path: Option<&OsStr>) -> Option<PathBuf> {
    let mut dirs = vec![own_dir.to_path_buf()];
    if let Some(path) = path {
        dirs.extend(std::env::split_paths(path));
    }
    let names = candidate_names(name, arch);
    dirs.iter()
        .flat_map(|dir| names.iter().map(move |file| dir.join(file)))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Runs `plugin --appdir <appdir>` with `LINUXDEPLOY=<linuxdeploy>`. Both its outputs go to
/// our standard error, where linuxdeploy's own messages go (and the Tauri CLI looks).
pub fn run(plugin: &Path, appdir: &Path, linuxdeploy: &Path) -> Result<()> {
    let status = Command::new(plugin)
        .arg("--appdir")
        .arg(appdir)
        .env("LINUXDEPLOY", linuxdeploy)
        .stdout(std::io::stderr())
        .status()
        .map_err(|source| Error::Spawn {
            tool: plugin.display().to_string(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Tool {
            tool: plugin.display().to_string(),
            status,
            detail: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn executable(path: &Path) {
        fs::write(path, "#!/bin/sh\n").unwrap();
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn a_script_beside_linuxdeploy_comes_before_path() {
        let own = tempfile::tempdir().unwrap();
        let on_path = tempfile::tempdir().unwrap();
        executable(&own.path().join("linuxdeploy-plugin-gtk.sh"));
        executable(&on_path.path().join("linuxdeploy-plugin-gtk"));
        let found = find(
            "gtk",
            "x86_64",
            own.path(),
            Some(on_path.path().as_os_str()),
        );
        assert_eq!(found, Some(own.path().join("linuxdeploy-plugin-gtk.sh")));
    }

    #[test]
    fn an_appimage_plugin_is_found_on_path_and_must_be_executable() {
        let own = tempfile::tempdir().unwrap();
        let on_path = tempfile::tempdir().unwrap();
        fs::write(
            own.path().join("linuxdeploy-plugin-appimage.AppImage"),
            "not executable",
        )
        .unwrap();
        executable(
            &on_path
                .path()
                .join("linuxdeploy-plugin-appimage-x86_64.AppImage"),
        );
        let found = find(
            "appimage",
            "x86_64",
            own.path(),
            Some(on_path.path().as_os_str()),
        );
        assert_eq!(
            found,
            Some(
                on_path
                    .path()
                    .join("linuxdeploy-plugin-appimage-x86_64.AppImage")
            )
        );
        assert_eq!(find("qt", "x86_64", own.path(), None), None);
    }

    // Running a plugin is tested in tests/pack_and_run.rs: a script written and executed
    // here, while another test of this binary forks, could fail with "text file busy".
}
