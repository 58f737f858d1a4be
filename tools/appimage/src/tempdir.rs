//! Private temporary directories for mount points and extracted trees.
//!
//! The official runtime names them `/tmp/.mount_<6 chars of the AppImage's name><6 random
//! chars>` and `/tmp/appimage_extracted_<hash>`; these follow the same pattern. Each is
//! created with mode 0700 and exclusively (it fails on an existing path), so another
//! user cannot plant one in a shared `/tmp`.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The prefix of a mount point's name (after the official runtime's).
pub const MOUNT_PREFIX: &str = ".mount_";

/// The prefix of an extracted tree's name (after the official runtime's).
pub const EXTRACTED_PREFIX: &str = "appimage_extracted_";

/// The directory temporary files go in: `$TMPDIR`, else `/tmp`; always absolute.
pub fn temp_root() -> PathBuf {
    temp_root_from(std::env::var_os("TMPDIR"))
}

/// [`temp_root`] for a given `TMPDIR` value. A relative value is made absolute against the
/// current directory here, once: the runtime's helper runs in `/` (and gets the absolute
/// path), so a relative path would name another directory there, where the mount and the
/// clean-up would miss, and `APPDIR` would be relative for an app that changes directory.
pub fn temp_root_from(tmpdir: Option<OsString>) -> PathBuf {
    let Some(value) = tmpdir.filter(|v| !v.is_empty()) else {
        return "/tmp".into();
    };
    // Fails only without a current directory (deleted under us): /tmp is the safe guess.
    std::path::absolute(&value).unwrap_or_else(|_| "/tmp".into())
}

/// The first six characters of the AppImage's file name, as the mount point's prefix
/// (so `mount` and `ps` show which AppImage a mount belongs to).
pub fn name_hint(appimage: &Path) -> String {
    appimage
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(6)
                .collect()
        })
        .unwrap_or_default()
}

/// Creates a new private directory `<parent>/<prefix><6 random characters>` (mode 0700,
/// created exclusively; `tempfile` retries on a name already taken). It is kept: the
/// runtime's helper removes it when the app is done.
pub fn create_private_dir(parent: &Path, prefix: &str) -> Result<PathBuf> {
    tempfile::Builder::new()
        .prefix(prefix)
        .rand_bytes(6)
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir_in(parent)
        .map(tempfile::TempDir::keep)
        .map_err(|error| Error::io(parent, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_new_private_and_distinct() {
        let dir = tempfile::tempdir().unwrap();
        let a = create_private_dir(dir.path(), ".mount_Floorw").unwrap();
        let b = create_private_dir(dir.path(), ".mount_Floorw").unwrap();
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(name.len(), ".mount_Floorw".len() + 6);
        let mode = std::fs::metadata(&a).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }

    #[test]
    fn the_temp_root_is_absolute() {
        assert_eq!(temp_root_from(None), Path::new("/tmp"));
        assert_eq!(temp_root_from(Some("".into())), Path::new("/tmp"));
        assert_eq!(
            temp_root_from(Some("/var/tmp".into())),
            Path::new("/var/tmp")
        );
        let relative = temp_root_from(Some("scratch/tmp".into()));
        assert!(relative.is_absolute(), "{}", relative.display());
        assert_eq!(
            relative,
            std::env::current_dir().unwrap().join("scratch/tmp")
        );
    }

    #[test]
    fn the_hint_is_the_start_of_the_name() {
        assert_eq!(
            name_hint(Path::new("/x/Floorwalker_0.1.0_amd64.AppImage")),
            "Floorw"
        );
        assert_eq!(name_hint(Path::new("/x/a b.AppImage")), "abAppI");
    }
}
