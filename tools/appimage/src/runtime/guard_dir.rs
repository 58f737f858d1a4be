//! Which directories the runtime's helper process agrees to serve or remove.
//!
//! The helper is started through a flag of the runtime, and anyone can pass that flag:
//! `Floorwalker.AppImage --appimage-fw-guard cleanup ~ </dev/null` would otherwise remove a
//! home directory. So the helper takes only what the runtime itself makes for it: a
//! directory directly in the temporary directory, named with the job's prefix, owned by the
//! user and private (mode 0700, as `create_private_dir` makes it), with the keepalive pipe
//! on standard input (a terminal or file there means the helper was not started by the
//! runtime).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::runtime::options::GuardJob;
use crate::tempdir::{EXTRACTED_PREFIX, MOUNT_PREFIX};

/// Why the helper refuses a directory.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("it is not directly in the temporary directory {0}")]
    NotInTempRoot(PathBuf),
    #[error("its name does not start with {0} followed by more")]
    WrongName(&'static str),
    #[error("it is not a directory (a symlink to one does not count)")]
    NotADirectory,
    #[error("it belongs to uid {owner}, not to {uid}")]
    NotOwned { owner: u32, uid: u32 },
    #[error("its mode is {0:o}, not 700")]
    NotPrivate(u32),
    #[error("standard input is not the runtime's pipe")]
    StdinNotPipe,
}

/// What the helper found out about its directory and its standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Whether the path is itself a directory (`lstat`: not a symlink to one).
    pub is_dir: bool,
    pub owner: u32,
    /// The permission bits (`st_mode & 0o7777`).
    pub mode: u32,
    pub stdin_is_pipe: bool,
}

/// The prefix of the directories a job is for.
pub fn prefix(job: GuardJob) -> &'static str {
    match job {
        GuardJob::Serve => MOUNT_PREFIX,
        GuardJob::Cleanup => EXTRACTED_PREFIX,
    }
}

/// Looks at `dir` (without following a symlink) and at standard input.
pub fn gather(dir: &Path) -> Result<Facts> {
    let meta = std::fs::symlink_metadata(dir).map_err(|e| Error::io(dir, e))?;
    let stdin = rustix::fs::fstat(std::io::stdin())
        .map_err(|e| Error::io("standard input", std::io::Error::from(e)))?;
    Ok(Facts {
        is_dir: meta.file_type().is_dir(),
        owner: meta.uid(),
        mode: meta.mode() & 0o7777,
        stdin_is_pipe: rustix::fs::FileType::from_raw_mode(stdin.st_mode)
            == rustix::fs::FileType::Fifo,
    })
}

/// Whether the helper may take on `dir` for `job`: the rules above, given the temporary
/// directory `temp_root` (absolute), the user's `uid` and what [`gather`] found.
pub fn check(
    job: GuardJob,
    dir: &Path,
    temp_root: &Path,
    uid: u32,
    facts: &Facts,
) -> std::result::Result<(), Refusal> {
    if !dir.is_absolute() || dir.parent() != Some(temp_root) {
        return Err(Refusal::NotInTempRoot(temp_root.to_path_buf()));
    }
    let prefix = prefix(job);
    let name = dir.file_name().unwrap_or_default().as_encoded_bytes();
    if name.len() <= prefix.len() || !name.starts_with(prefix.as_bytes()) {
        return Err(Refusal::WrongName(prefix));
    }
    if !facts.is_dir {
        return Err(Refusal::NotADirectory);
    }
    if facts.owner != uid {
        return Err(Refusal::NotOwned {
            owner: facts.owner,
            uid,
        });
    }
    if facts.mode != 0o700 {
        return Err(Refusal::NotPrivate(facts.mode));
    }
    if !facts.stdin_is_pipe {
        return Err(Refusal::StdinNotPipe);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: Facts = Facts {
        is_dir: true,
        owner: 1000,
        mode: 0o700,
        stdin_is_pipe: true,
    };

    fn check_cleanup(dir: &str, facts: &Facts) -> std::result::Result<(), Refusal> {
        check(
            GuardJob::Cleanup,
            Path::new(dir),
            Path::new("/tmp"),
            1000,
            facts,
        )
    }

    #[test]
    fn what_the_runtime_makes_is_accepted() {
        assert_eq!(
            check_cleanup("/tmp/appimage_extracted_abcDEF", &GOOD),
            Ok(())
        );
        assert_eq!(
            check(
                GuardJob::Serve,
                Path::new("/tmp/.mount_FloorwXyZ123"),
                Path::new("/tmp"),
                1000,
                &GOOD
            ),
            Ok(())
        );
    }

    #[test]
    fn only_directories_directly_in_the_temporary_directory() {
        for dir in [
            "/home/u",
            "/tmp/x/appimage_extracted_abc",
            "/appimage_extracted_abc",
            "appimage_extracted_abc",
            "/tmp",
            "/",
        ] {
            assert!(
                matches!(
                    check_cleanup(dir, &GOOD),
                    Err(Refusal::NotInTempRoot(_) | Refusal::WrongName(_))
                ),
                "{dir}"
            );
        }
    }

    #[test]
    fn only_the_jobs_own_prefix() {
        assert_eq!(
            check_cleanup("/tmp/.mount_Floorw123456", &GOOD),
            Err(Refusal::WrongName(EXTRACTED_PREFIX))
        );
        assert_eq!(
            check_cleanup("/tmp/appimage_extracted_", &GOOD),
            Err(Refusal::WrongName(EXTRACTED_PREFIX))
        );
        assert_eq!(
            check(
                GuardJob::Serve,
                Path::new("/tmp/appimage_extracted_abc"),
                Path::new("/tmp"),
                1000,
                &GOOD
            ),
            Err(Refusal::WrongName(MOUNT_PREFIX))
        );
    }

    #[test]
    fn only_a_private_directory_of_the_user_with_the_pipe_on_stdin() {
        let dir = "/tmp/appimage_extracted_abc";
        let with = |change: fn(&mut Facts)| {
            let mut facts = GOOD;
            change(&mut facts);
            check_cleanup(dir, &facts)
        };
        assert_eq!(with(|f| f.is_dir = false), Err(Refusal::NotADirectory));
        assert_eq!(
            with(|f| f.owner = 0),
            Err(Refusal::NotOwned {
                owner: 0,
                uid: 1000
            })
        );
        assert_eq!(with(|f| f.mode = 0o755), Err(Refusal::NotPrivate(0o755)));
        assert_eq!(with(|f| f.mode = 0o1700), Err(Refusal::NotPrivate(0o1700)));
        assert_eq!(
            with(|f| f.stdin_is_pipe = false),
            Err(Refusal::StdinNotPipe)
        );
    }

    #[test]
    fn gathers_the_facts_of_a_private_directory() {
        let root = tempfile::tempdir().unwrap();
        let dir = crate::tempdir::create_private_dir(root.path(), EXTRACTED_PREFIX).unwrap();
        let facts = gather(&dir).unwrap();
        assert!(facts.is_dir);
        assert_eq!(facts.mode, 0o700);
        assert_eq!(facts.owner, rustix::process::geteuid().as_raw());
        let link = root.path().join(".mount_link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(!gather(&link).unwrap().is_dir);
    }
}
