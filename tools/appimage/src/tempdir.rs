//! Private temporary directories for mount points and extracted trees.
//!
//! The official runtime names them `/tmp/.mount_<6 chars of the AppImage's name><6 random
//! chars>` and `/tmp/appimage_extracted_<hash>`; these follow the same pattern. Each is
//! created with mode 0700 and `create_dir` (which fails on an existing path), so another
//! user cannot plant one in a shared `/tmp`.

use std::ffi::OsString;
use std::fs::DirBuilder;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

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

/// Six random characters from [`ALPHABET`]. `RandomState` is seeded randomly per process
/// (and differs per call), which is enough to make names unguessable in advance; the
/// exclusive create is what makes them safe.
fn random_suffix() -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u64) as usize];
            bits /= ALPHABET.len() as u64;
            char::from(c)
        })
        .collect()
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

/// Creates a new private directory `<parent>/<prefix><random>`.
pub fn create_private_dir(parent: &Path, prefix: &str) -> Result<PathBuf> {
    let mut last_error = None;
    for _ in 0..16 {
        let path = parent.join(format!("{prefix}{}", random_suffix()));
        match DirBuilder::new().mode(0o700).create(&path) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                last_error = Some(Error::io(&path, error));
            }
            Err(error) => return Err(Error::io(&path, error)),
        }
    }
    Err(last_error.expect("the loop ran"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

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
