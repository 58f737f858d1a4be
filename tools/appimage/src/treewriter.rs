//! [`TreeWriter`]: writes an extracted tree below a root, and nothing outside it.
//!
//! The image being extracted is input: a corrupt or hostile one could list a symlink `a`
//! pointing anywhere and then a file `a/x`, or a name that climbs out of the root. So every
//! parent directory is checked to be a real directory below the root before anything is
//! written into it, files and links are only ever created new (`O_CREAT | O_EXCL`, which
//! also refuses to follow a symlink at the target), nothing is removed or overwritten, and
//! modes lose their setuid, setgid and sticky bits.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt, symlink};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Result};

/// The permission bits an extracted node keeps: no setuid, setgid or sticky bit, which an
/// AppImage has no use for and a user extracting one would not expect.
const MODE_MASK: u32 = 0o777;

/// Writes nodes below `root`, which it creates, or takes over when it is empty.
#[derive(Debug)]
pub struct TreeWriter {
    root: PathBuf,
    /// Directories below the root (relative paths) known to be real directories: created
    /// here or checked with `lstat`. Nothing is ever removed, so they stay so.
    checked: HashSet<PathBuf>,
    /// Directories and their modes, applied at the end: a read-only directory would refuse
    /// its own contents.
    modes: Vec<(PathBuf, u32)>,
}

impl TreeWriter {
    /// Starts a tree at `root`: created if missing; an existing empty directory is used,
    /// anything else (a non-empty directory, a file, a symlink) refused, so that an
    /// extraction never mixes with, or writes through, what was there.
    pub fn new(root: &Path) -> Result<Self> {
        match fs::symlink_metadata(root) {
            Err(error) if error.kind() == ErrorKind::NotFound => {
                fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
            }
            Err(error) => return Err(Error::io(root, error)),
            Ok(meta) if meta.is_dir() => {
                let mut entries = fs::read_dir(root).map_err(|e| Error::io(root, e))?;
                if entries.next().is_some() {
                    return Err(Error::NotEmpty(root.to_path_buf()));
                }
            }
            Ok(_) => return Err(Error::NotEmpty(root.to_path_buf())),
        }
        Ok(Self {
            root: root.to_path_buf(),
            checked: HashSet::new(),
            modes: Vec::new(),
        })
    }

    /// Creates the directory `relative` (its mode is set by [`finish`](Self::finish)).
    pub fn directory(&mut self, relative: &Path, mode: u32) -> Result<()> {
        let target = self.prepare(relative)?;
        match fs::create_dir(&target) {
            Ok(()) => {}
            // Made already as the parent of an earlier node: fine if it is a real directory.
            Err(error) if error.kind() == ErrorKind::AlreadyExists => {
                if !fs::symlink_metadata(&target).is_ok_and(|meta| meta.is_dir()) {
                    return Err(Error::UnsafeEntry(target));
                }
            }
            Err(error) => return Err(Error::io(&target, error)),
        }
        self.checked.insert(relative.to_path_buf());
        // The owner keeps full access, so that the tree can be removed afterwards.
        self.modes.push((target, (mode & MODE_MASK) | 0o700));
        Ok(())
    }

    /// Creates the file `relative` with `mode` and `mtime`, its contents written by `write`.
    pub fn file(
        &mut self,
        relative: &Path,
        mode: u32,
        mtime: SystemTime,
        write: impl FnOnce(&mut File) -> Result<()>,
    ) -> Result<()> {
        let target = self.prepare(relative)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&target)
            .map_err(|e| Error::io(&target, e))?;
        write(&mut file)?;
        file.set_permissions(fs::Permissions::from_mode(mode & MODE_MASK))
            .map_err(|e| Error::io(&target, e))?;
        // Only a nicety (`ls -l` shows the packing time); a refusal is harmless.
        let _ = file.set_modified(mtime);
        Ok(())
    }

    /// Creates the symlink `relative` pointing at `link` (which may point anywhere: it is
    /// never followed here).
    pub fn symlink(&mut self, relative: &Path, link: &Path) -> Result<()> {
        let target = self.prepare(relative)?;
        symlink(link, &target).map_err(|e| Error::io(&target, e))
    }

    /// Applies the directories' modes, deepest first.
    pub fn finish(self) -> Result<()> {
        for (target, mode) in self.modes.into_iter().rev() {
            fs::set_permissions(&target, fs::Permissions::from_mode(mode))
                .map_err(|e| Error::io(&target, e))?;
        }
        Ok(())
    }

    /// Checks `relative` names something strictly below the root and makes its parent
    /// directories, each a real directory; returns the full path to create.
    fn prepare(&mut self, relative: &Path) -> Result<PathBuf> {
        let target = self.root.join(relative);
        let normal = relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        if !normal || relative.as_os_str().is_empty() {
            return Err(Error::UnsafeEntry(target));
        }
        let mut parent = PathBuf::new();
        let parents = relative.parent().into_iter().flat_map(Path::components);
        for part in parents {
            parent.push(part);
            if self.checked.contains(&parent) {
                continue;
            }
            let path = self.root.join(&parent);
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => return Err(Error::UnsafeEntry(target)),
                Err(error) if error.kind() == ErrorKind::NotFound => {
                    fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
                }
                Err(error) => return Err(Error::io(&path, error)),
            }
            self.checked.insert(parent.clone());
        }
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::time::UNIX_EPOCH;

    fn contents(text: &'static str) -> impl FnOnce(&mut File) -> Result<()> {
        move |file| {
            file.write_all(text.as_bytes())
                .map_err(|e| Error::io("x", e))
        }
    }

    #[test]
    fn a_file_below_a_symlink_is_not_written_outside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let mut writer = TreeWriter::new(&dir.path().join("root")).unwrap();
        writer.symlink(Path::new("a"), &outside).unwrap();
        let error = writer
            .file(Path::new("a/x"), 0o644, UNIX_EPOCH, contents("escaped"))
            .unwrap_err();
        assert!(matches!(error, Error::UnsafeEntry(_)), "{error}");
        // Nor a directory, or a link, below it.
        assert!(writer.directory(Path::new("a/d"), 0o755).is_err());
        assert!(writer.symlink(Path::new("a/l"), Path::new("/")).is_err());
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn existing_nodes_and_escaping_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let mut writer = TreeWriter::new(&root).unwrap();
        writer
            .file(Path::new("f"), 0o644, UNIX_EPOCH, contents("one"))
            .unwrap();
        // The same name again, or a link where a file is: never overwritten.
        assert!(
            writer
                .file(Path::new("f"), 0o644, UNIX_EPOCH, contents("two"))
                .is_err()
        );
        writer
            .symlink(Path::new("l"), &dir.path().join("target"))
            .unwrap();
        assert!(
            writer
                .file(Path::new("l"), 0o644, UNIX_EPOCH, contents("through"))
                .is_err()
        );
        assert!(!dir.path().join("target").exists());
        assert_eq!(fs::read_to_string(root.join("f")).unwrap(), "one");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(
                matches!(
                    writer.file(Path::new(bad), 0o644, UNIX_EPOCH, contents("x")),
                    Err(Error::UnsafeEntry(_))
                ),
                "{bad}"
            );
        }
        assert!(!dir.path().join("x").exists());
    }

    #[test]
    fn modes_lose_setuid_setgid_and_sticky_bits() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let mut writer = TreeWriter::new(&root).unwrap();
        writer.directory(Path::new("d"), 0o1755).unwrap();
        writer
            .file(Path::new("d/run"), 0o6755, UNIX_EPOCH, contents("#!"))
            .unwrap();
        writer.finish().unwrap();
        let mode = |p: &str| fs::metadata(root.join(p)).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode("d"), 0o755);
        assert_eq!(mode("d/run"), 0o755);
    }

    #[test]
    fn the_root_must_be_missing_or_empty() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        fs::create_dir(&root).unwrap();
        TreeWriter::new(&root).unwrap();
        fs::write(root.join("old"), "x").unwrap();
        assert!(matches!(TreeWriter::new(&root), Err(Error::NotEmpty(_))));
        let link = dir.path().join("link");
        symlink(dir.path().join("elsewhere"), &link).unwrap();
        assert!(matches!(TreeWriter::new(&link), Err(Error::NotEmpty(_))));
    }
}
