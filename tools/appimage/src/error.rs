//! [`Error`]: what can go wrong while building or running an AppImage.

use std::path::PathBuf;
use std::time::Duration;

use crate::elf::ElfError;
use crate::runtime::guard_dir::Refusal;

/// Every failure of the library, each naming the file or tool involved so that a failed
/// bundle step says what to look at without a debugger.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not an ELF file the runtime understands: {source}")]
    Elf {
        path: PathBuf,
        #[source]
        source: ElfError,
    },
    #[error("{0} has data appended to it already (is it an AppImage?)")]
    NotBareElf(PathBuf),
    #[error("{path}: {reason}")]
    Desktop { path: PathBuf, reason: String },
    #[error("the root desktop file has no Exec= line")]
    NoExec,
    #[error("could not run {tool}: {source}")]
    Spawn {
        tool: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{tool} failed ({status}){detail}")]
    Tool {
        tool: String,
        status: std::process::ExitStatus,
        /// Its standard error, when it was captured, prefixed with ": ".
        detail: String,
    },
    #[error("{0} depends on libraries that are not installed: {1}")]
    MissingLibraries(PathBuf, String),
    #[error("the AppDir {appdir} is not ready to pack: {reason}")]
    AppDir { appdir: PathBuf, reason: String },
    #[error("the squashfs image in {path} cannot be read: {source}")]
    Squashfs {
        path: PathBuf,
        #[source]
        source: backhand::BackhandError,
    },
    #[error("{0} exists and is not an empty directory: move it away, or extract elsewhere")]
    NotEmpty(PathBuf),
    #[error("{0}: the image would write through a symlink or outside the tree it fills")]
    UnsafeEntry(PathBuf),
    #[error("no plugin '{0}' next to linuxdeploy or on PATH")]
    PluginNotFound(String),

    // linuxdeploy's command line.
    #[error("unknown option {0} (see --help)")]
    UnknownOption(String),
    #[error("unexpected argument {0} (see --help)")]
    UnexpectedArgument(String),
    #[error("{0} needs a value")]
    MissingValue(String),
    #[error("--verbosity takes 0 to 3, not {0}")]
    BadVerbosity(String),

    // The runtime and its helper process.
    #[error("there is no /dev/fuse: load the fuse kernel module, or install fuse3")]
    NoFuseDevice,
    #[error("cannot mount {mountpoint} with FUSE: {source}")]
    Mount {
        mountpoint: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The helper process's own account of its failure (it can only send text).
    #[error("{0}")]
    Helper(String),
    #[error("the runtime's helper process exited without answering")]
    HelperExited,
    #[error("the runtime's helper process did not answer within {} s", .0.as_secs())]
    HelperTimedOut(Duration),
    #[error("cannot keep the helper process's pipe open across the exec: {0}")]
    KeepAlive(#[source] rustix::io::Errno),
    #[error("the helper process refuses {dir}: {reason}")]
    GuardRefused {
        dir: PathBuf,
        #[source]
        reason: Refusal,
    },
}

impl Error {
    /// An IO error on `path`; the common case, so it gets a short constructor.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
