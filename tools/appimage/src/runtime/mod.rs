//! The AppImage type 2 runtime: the ELF program at the front of every AppImage we build.
//!
//! It finds the squashfs image appended to itself (at the end of its ELF part), mounts it
//! read-only with FUSE at a private temporary mount point and execs `AppRun` from there,
//! setting `APPDIR`, `APPIMAGE`, `ARGV0` and `OWD` as the official runtime does. Without
//! FUSE it extracts the image to a temporary directory instead, says so, and runs from
//! there. See [`options`] for its `--appimage-*` options.

pub mod guard;
pub mod guard_dir;
pub mod launch;
pub mod options;

use std::ffi::OsString;
use std::fmt::Display;
use std::path::Path;

use launch::Context;
use options::Action;

/// The runtime's `main`: returns the exit code (when it does not exec the app).
pub fn main() -> i32 {
    let mut args = std::env::args_os();
    let argv0 = args.next().unwrap_or_default();
    let rest: Vec<OsString> = args.collect();
    let extract_and_run = std::env::var_os("APPIMAGE_EXTRACT_AND_RUN").is_some_and(|v| v == "1");
    let action = options::parse(rest, extract_and_run);

    // The running file: /proc/self/exe, resolved (the path it was started by may be
    // relative or a symlink).
    let appimage = match std::env::current_exe() {
        Ok(path) => path,
        Err(error) => return fail(format_args!("cannot find the running AppImage: {error}")),
    };
    // Only the actions on the image need its offset (and a readable ELF header).
    let image = ImageRun {
        appimage: &appimage,
        argv0: &argv0,
    };

    match action {
        Action::Guard { job, dir } => guard::run(job, &dir, &appimage),
        Action::Run { args } => image.with(|context| fail(launch::run_mounted(context, args))),
        Action::ExtractAndRun { args } => {
            image.with(|context| fail(launch::extract_and_run(context, args)))
        }
        Action::Extract { pattern } => {
            image.with(
                |context| match launch::extract_here(context, pattern.as_deref()) {
                    Ok(count) => {
                        eprintln!(
                            "fw-appimage-runtime: extracted {count} entries to squashfs-root"
                        );
                        0
                    }
                    Err(error) => fail(error),
                },
            )
        }
        Action::Mount => image.with(|context| match launch::mount_and_wait(context) {
            Ok(never) => match never {},
            Err(error) => fail(error),
        }),
        Action::Offset => image.with(|context| {
            println!("{}", context.offset);
            0
        }),
        Action::Help => {
            println!("{}", options::HELP);
            0
        }
        Action::Version => {
            println!("fw-appimage-runtime {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Action::Unknown(option) => fail(format_args!(
            "{option} is not an option of this runtime (see --appimage-help)"
        )),
    }
}

/// What an action on the image needs to find it.
struct ImageRun<'a> {
    appimage: &'a Path,
    argv0: &'a OsString,
}

impl ImageRun<'_> {
    /// Runs `act` with the context of a run of the AppImage (where its image starts), or
    /// fails when the image cannot be found.
    fn with(&self, act: impl FnOnce(&Context) -> i32) -> i32 {
        match crate::image::payload_offset(self.appimage) {
            Ok(offset) => act(&Context {
                appimage: self.appimage.to_path_buf(),
                offset,
                argv0: self.argv0.clone(),
            }),
            Err(error) => fail(error),
        }
    }
}

fn fail(message: impl Display) -> i32 {
    eprintln!("fw-appimage-runtime: {message}");
    1
}
