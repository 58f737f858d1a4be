//! Running the app: mount (or extract), start the guard, exec AppRun.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::extract::extract;
use crate::image::Image;
use crate::runtime::guard::READY;
use crate::runtime::options::{GUARD_FLAG, GuardJob};
use crate::tempdir::{EXTRACTED_PREFIX, MOUNT_PREFIX, create_private_dir, name_hint, temp_root};

/// How long the guard may take to answer. Mounting reads the image's index and runs
/// `fusermount3`; a second or two at worst on a loaded machine. A hung `fusermount3` must
/// not hang the launch: past this the runtime extracts instead.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// Who is running: the AppImage's path, the offset of its image, and what the official
/// runtime passes on in the environment.
#[derive(Debug, Clone)]
pub struct Context {
    /// The AppImage (canonical path of the running file).
    pub appimage: PathBuf,
    pub offset: u64,
    /// `argv[0]` as given (`ARGV0` for the app).
    pub argv0: OsString,
}

/// A started guard, and the write end of its keepalive pipe.
struct Guard {
    child: Child,
    keepalive: OwnedFd,
}

/// Starts a guard for `job` on `dir` and waits (bounded) for its answer.
fn start_guard(context: &Context, job: GuardJob, dir: &Path) -> Result<Guard> {
    let job_name = match job {
        GuardJob::Serve => "serve",
        GuardJob::Cleanup => "cleanup",
    };
    let mut child = Command::new(&context.appimage)
        .arg(GUARD_FLAG)
        .arg(job_name)
        .arg(dir)
        // The guard checks `dir` is directly in the temporary directory; it runs in `/`, so
        // it gets the absolute path this process resolved.
        .env("TMPDIR", temp_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // Its own process group: a Ctrl-C in the terminal stops the app, and the guard then
        // cleans up after it rather than dying with it.
        .process_group(0)
        // Not to keep the caller's working directory busy.
        .current_dir("/")
        .spawn()
        .map_err(|source| Error::Spawn {
            tool: "the runtime's helper process".into(),
            source,
        })?;
    let stdout = child.stdout.take().expect("piped");
    let answer = read_answer(stdout, ANSWER_TIMEOUT).and_then(|line| {
        if line == READY {
            Ok(())
        } else if let Some(reason) = line.strip_prefix("error ") {
            Err(Error::Helper(reason.to_owned()))
        } else {
            Err(Error::HelperExited)
        }
    });
    let keepalive = answer.and_then(|()| {
        let keepalive: OwnedFd = child.stdin.take().expect("piped").into();
        // Kept open across the exec (std opens pipes close-on-exec): the app holds it now.
        rustix::io::fcntl_setfd(&keepalive, rustix::io::FdFlags::empty())
            .map_err(Error::KeepAlive)?;
        Ok(keepalive)
    });
    match keepalive {
        Ok(keepalive) => Ok(Guard { child, keepalive }),
        Err(error) => {
            // Not left running (or as a zombie) with nothing to guard.
            let _ = child.kill();
            let _ = child.wait();
            Err(error)
        }
    }
}

/// The guard's one-line answer, without its newline; `HelperExited` when it closed its
/// output without one, `HelperTimedOut` when none came in time. Read on a thread, since a
/// pipe read has no timeout of its own; on a timeout the thread is left blocked, and ends
/// with the guard's output once the guard is killed (or with this process at its exec).
fn read_answer(stdout: ChildStdout, limit: Duration) -> Result<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    match receiver.recv_timeout(limit) {
        Ok(line) if line.is_empty() => Err(Error::HelperExited),
        Ok(line) => Ok(line.trim_end().to_owned()),
        Err(RecvTimeoutError::Timeout) => Err(Error::HelperTimedOut(limit)),
        Err(RecvTimeoutError::Disconnected) => Err(Error::HelperExited),
    }
}

/// Execs `<appdir>/AppRun` with `args` and the official runtime's variables. Returns only
/// if the exec failed.
fn exec_apprun(context: &Context, appdir: &Path, args: Vec<OsString>) -> Error {
    let apprun = appdir.join("AppRun");
    let owd = std::env::current_dir().unwrap_or_default();
    let error = Command::new(&apprun)
        .args(args)
        .env("APPDIR", appdir)
        .env("APPIMAGE", &context.appimage)
        .env("ARGV0", &context.argv0)
        .env("OWD", owd)
        .exec();
    Error::Spawn {
        tool: apprun.display().to_string(),
        source: error,
    }
}

/// Whether FUSE can be tried at all: the device exists and is usable by us (fuser opens it
/// itself before it turns to fusermount3, so a device we cannot open is a failed mount).
fn fuse_available() -> Result<()> {
    const DEVICE: &str = "/dev/fuse";
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(DEVICE)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NoFuseDevice),
        Err(e) => Err(Error::io(DEVICE, e)),
    }
}

/// Makes a private mount point and has a guard mount the image there.
fn mount(context: &Context) -> Result<(PathBuf, Guard)> {
    fuse_available()?;
    let prefix = format!("{MOUNT_PREFIX}{}", name_hint(&context.appimage));
    let mountpoint = create_private_dir(&temp_root(), &prefix)?;
    match start_guard(context, GuardJob::Serve, &mountpoint) {
        Ok(guard) => Ok((mountpoint, guard)),
        Err(error) => {
            if let Err(remove) = std::fs::remove_dir(&mountpoint) {
                eprintln!(
                    "fw-appimage-runtime: cannot remove the mount point {}: {remove}",
                    mountpoint.display()
                );
            }
            Err(error)
        }
    }
}

/// The default: mount with FUSE and exec AppRun; without FUSE, extract and run instead.
pub fn run_mounted(context: &Context, args: Vec<OsString>) -> Error {
    match mount(context) {
        Ok((mountpoint, guard)) => {
            let error = exec_apprun(context, &mountpoint, args);
            drop(guard.keepalive);
            error
        }
        Err(reason) => {
            eprintln!(
                "fw-appimage-runtime: cannot mount the AppImage with FUSE ({reason}); \
                 extracting it to a temporary directory and running it from there instead"
            );
            extract_and_run(context, args)
        }
    }
}

/// Extracts to a private temporary directory and execs AppRun from there; a guard removes
/// the directory after the app exits (unless `NO_CLEANUP` is set).
pub fn extract_and_run(context: &Context, args: Vec<OsString>) -> Error {
    let dir = match create_private_dir(&temp_root(), EXTRACTED_PREFIX) {
        Ok(dir) => dir,
        Err(error) => return error,
    };
    if let Err(error) =
        Image::open(&context.appimage, context.offset).and_then(|image| extract(&image, &dir, None))
    {
        let _ = std::fs::remove_dir_all(&dir);
        return error;
    }
    let keep = std::env::var_os("NO_CLEANUP").is_some_and(|v| !v.is_empty());
    let guard = if keep {
        None
    } else {
        match start_guard(context, GuardJob::Cleanup, &dir) {
            Ok(guard) => Some(guard),
            Err(reason) => {
                eprintln!(
                    "fw-appimage-runtime: cannot start the clean-up ({reason}); {} will be left behind",
                    dir.display()
                );
                None
            }
        }
    };
    let error = exec_apprun(context, &dir, args);
    drop(guard);
    error
}

/// `--appimage-mount`: mounts, prints the mount point, and waits to be interrupted.
pub fn mount_and_wait(context: &Context) -> Result<std::convert::Infallible> {
    let (mountpoint, guard) = mount(context)?;
    println!("{}", mountpoint.display());
    // The guard unmounts when this process ends and the keepalive pipe closes with it.
    let _guard = guard;
    loop {
        std::thread::park();
    }
}

/// `--appimage-extract [pattern]`: to `./squashfs-root`.
pub fn extract_here(context: &Context, pattern: Option<&str>) -> Result<usize> {
    let image = Image::open(&context.appimage, context.offset)?;
    let pattern = pattern.map(crate::pattern::Pattern::new);
    extract(&image, Path::new("squashfs-root"), pattern.as_ref())
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("pid", &self.child.id())
            .finish_non_exhaustive()
    }
}
