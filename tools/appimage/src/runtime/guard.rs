//! The guard: a helper process that outlives the `exec` of AppRun.
//!
//! The runtime execs AppRun in its own process, so that the app has the PID that was
//! started (a supervisor's `kill` reaches the app, and the app's exit status is the
//! AppImage's). What has to happen after the app exits (unmounting the image, removing
//! an extracted tree) is therefore done by a guard process, started before the exec.
//!
//! Protocol: the runtime starts the guard (`--appimage-fw-guard <job> <dir>`) with both its
//! standard input and output on pipes. The guard answers `ready` (or `error <why>`) on its
//! standard output once it is set up. The runtime keeps the write end of the stdin pipe
//! open across the exec: it closes when the app (and any child that inherited it) has
//! exited, and the guard, reading end-of-file, does its job. This is the official
//! runtime's "keepalive pipe".
//!
//! Since the flag can be passed by anyone, the guard first checks that the directory is
//! one the runtime makes for it (see [`guard_dir`]). It outlives SIGTERM, SIGHUP and SIGINT
//! and relies on the pipe alone to know the app has exited.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use fuser::MountOption;

use crate::error::{Error, Result};
use crate::fusefs::ImageFs;
use crate::image::{Image, payload_offset};
use crate::runtime::guard_dir;
use crate::runtime::options::GuardJob;
use crate::tempdir::temp_root;

/// What the guard answers once it is set up.
pub const READY: &str = "ready";

/// Runs a guard job for `dir`, the AppImage being `appimage`. Returns the process's exit
/// code.
pub fn run(job: GuardJob, dir: &Path, appimage: &Path) -> i32 {
    outlive_termination_signals();
    if let Err(error) = admit(job, dir) {
        answer(&format!("error {error}"));
        return 1;
    }
    match job {
        GuardJob::Serve => serve(dir, appimage),
        GuardJob::Cleanup => {
            answer(READY);
            wait_for_eof();
            if let Err(error) = std::fs::remove_dir_all(dir) {
                log(format_args!("cannot remove {}: {error}", dir.display()));
                return 1;
            }
            0
        }
    }
}

/// Refuses a directory the runtime would not have given (see [`guard_dir`]).
fn admit(job: GuardJob, dir: &Path) -> Result<()> {
    let facts = guard_dir::gather(dir)?;
    let uid = rustix::process::geteuid().as_raw();
    guard_dir::check(job, dir, &temp_root(), uid, &facts).map_err(|reason| Error::GuardRefused {
        dir: dir.to_path_buf(),
        reason,
    })
}

/// Keeps the guard alive through SIGTERM, SIGHUP and SIGINT. They come to the whole
/// session or control group at once (a logout, systemd stopping the session, a closing
/// terminal), while the app may still be shutting down: dying then would pull the mount
/// from under the app and leave a dead `.mount_*` behind, or leave the extracted tree. The
/// guard instead does its job when the keepalive pipe closes, which happens once the app
/// has exited however it was stopped; SIGKILL still ends it. A handler (rather than
/// ignoring the signal) is what the safe API offers, and it has a use: unlike an ignored
/// signal, it is reset to the default in the programs the guard runs (`fusermount3`).
fn outlive_termination_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Nobody reads the flag: catching the signal is the point.
    let caught = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        if let Err(error) = signal_hook::flag::register(signal, Arc::clone(&caught)) {
            log(format_args!("cannot catch signal {signal}: {error}"));
        }
    }
}

/// Standard error is the runtime's (and so the app's): prefixed, one line.
fn log(message: std::fmt::Arguments<'_>) {
    eprintln!("fw-appimage-runtime: {message}");
}

/// Writes the one-line answer to the runtime and closes nothing: the runtime drops its end
/// after reading it (at its exec), so nothing else may be written to standard output.
fn answer(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", line.replace('\n', " "));
    let _ = stdout.flush();
}

/// Blocks until the keepalive pipe on standard input reaches end-of-file.
fn wait_for_eof() {
    let mut stdin = std::io::stdin().lock();
    let mut sink = [0u8; 64];
    loop {
        match stdin.read(&mut sink) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Mounts the image at `mountpoint`, serves it until the app has exited, then unmounts it
/// lazily (files still open keep being served until they are closed) and removes the
/// mount point. On a failed mount the runtime removes the mount point.
fn serve(mountpoint: &Path, appimage: &Path) -> i32 {
    let session = match mount(mountpoint, appimage) {
        Ok(session) => session,
        Err(error) => {
            answer(&format!("error {error}"));
            return 1;
        }
    };
    answer(READY);
    wait_for_eof();
    if !detach(mountpoint) {
        // Still mounted: leaving now aborts the connection, which at least makes the
        // mount point fail fast ("transport endpoint is not connected") instead of hang.
        log(format_args!("could not unmount {}", mountpoint.display()));
        std::process::exit(1);
    }
    // The session ends when the kernel drops the connection: once nothing is open.
    if let Err(error) = session.join() {
        log(format_args!(
            "serving {} ended with an error: {error}",
            mountpoint.display()
        ));
    }
    if let Err(error) = std::fs::remove_dir(mountpoint) {
        log(format_args!(
            "cannot remove the mount point {}: {error}",
            mountpoint.display()
        ));
        return 1;
    }
    0
}

fn mount(mountpoint: &Path, appimage: &Path) -> Result<fuser::BackgroundSession> {
    let offset = payload_offset(appimage)?;
    let image = Image::open(appimage, offset)?;
    let uid = rustix::process::getuid().as_raw();
    let gid = rustix::process::getgid().as_raw();
    // The name shows in /proc/mounts; commas would split the mount options.
    let name = appimage
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().replace(',', "_"));
    let mut config = fuser::Config::default();
    config.mount_options = vec![
        MountOption::RO,
        MountOption::NoDev,
        MountOption::NoSuid,
        // The kernel checks access against the modes served (as it would for an extracted
        // copy): without it, access(X_OK) and the like are answered "allowed" for anything.
        MountOption::DefaultPermissions,
        MountOption::FSName(name),
        MountOption::Subtype("fw-appimage".into()),
    ];
    fuser::spawn_mount(ImageFs::new(image, uid, gid), mountpoint, &config).map_err(|source| {
        Error::Mount {
            mountpoint: mountpoint.to_path_buf(),
            source,
        }
    })
}

/// Detaches the mount: directly when allowed (root), else through the setuid
/// `fusermount3 -u -z` (or the FUSE 2 `fusermount`). Whether it worked.
fn detach(mountpoint: &Path) -> bool {
    if rustix::mount::unmount(mountpoint, rustix::mount::UnmountFlags::DETACH).is_ok() {
        return true;
    }
    ["fusermount3", "fusermount"].iter().any(|tool| {
        Command::new(tool)
            .args(["-u", "-z"])
            .arg(mountpoint)
            .status()
            .is_ok_and(|status| status.success())
    })
}
