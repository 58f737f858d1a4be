//! The runtime's own command line: `--appimage-*` as the first argument, as the official
//! type 2 runtime reads it; anything else is the app's.

use std::ffi::OsString;
use std::path::PathBuf;

/// What the runtime does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Mount the image and run AppRun with `args` (falling back to extracting it).
    Run {
        args: Vec<OsString>,
    },
    /// Extract to a temporary directory and run AppRun from there.
    ExtractAndRun {
        args: Vec<OsString>,
    },
    /// Extract to `./squashfs-root`, everything or what matches the pattern.
    Extract {
        pattern: Option<String>,
    },
    /// Mount, print the mount point, and keep it mounted until interrupted.
    Mount,
    /// Print the image's offset in the file.
    Offset,
    Help,
    Version,
    /// Internal: the helper process that keeps a mount served or cleans up a tree.
    Guard {
        job: GuardJob,
        dir: PathBuf,
    },
    /// An `--appimage-*` option this runtime does not have.
    Unknown(String),
}

/// What a guard process does until the app exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardJob {
    /// Serve the image over FUSE at the directory, then unmount it.
    Serve,
    /// Remove the (extracted) directory.
    Cleanup,
}

/// The internal flag that starts a guard; not in `--appimage-help`.
pub const GUARD_FLAG: &str = "--appimage-fw-guard";

/// Parses the arguments after the program name. `extract_and_run_env` is whether
/// `APPIMAGE_EXTRACT_AND_RUN=1` is set (which turns a plain run into extract-and-run).
pub fn parse(args: Vec<OsString>, extract_and_run_env: bool) -> Action {
    let first = args.first().map(|a| a.to_string_lossy().into_owned());
    let run = |args: Vec<OsString>| {
        if extract_and_run_env {
            Action::ExtractAndRun { args }
        } else {
            Action::Run { args }
        }
    };
    let Some(first) = first.filter(|f| f.starts_with("--appimage-")) else {
        return run(args);
    };
    let rest: Vec<OsString> = args[1..].to_vec();
    match first.as_str() {
        "--appimage-extract-and-run" => Action::ExtractAndRun { args: rest },
        "--appimage-extract" => Action::Extract {
            pattern: rest.first().map(|p| p.to_string_lossy().into_owned()),
        },
        "--appimage-mount" => Action::Mount,
        "--appimage-offset" => Action::Offset,
        "--appimage-help" => Action::Help,
        "--appimage-version" => Action::Version,
        GUARD_FLAG => {
            let job = match rest.first().and_then(|j| j.to_str()) {
                Some("serve") => GuardJob::Serve,
                Some("cleanup") => GuardJob::Cleanup,
                _ => return Action::Unknown(first),
            };
            match rest.get(1) {
                Some(dir) => Action::Guard {
                    job,
                    dir: PathBuf::from(dir),
                },
                None => Action::Unknown(first),
            }
        }
        _ => Action::Unknown(first),
    }
}

/// The `--appimage-help` text.
pub const HELP: &str = "\
AppImage options (Floorwalker's type 2 runtime):

  --appimage-extract [<pattern>]  Extract the contents to ./squashfs-root (only the paths
                                  matching the glob <pattern>, if given), then exit; an
                                  existing non-empty squashfs-root is left alone (error)
  --appimage-extract-and-run      Extract to a temporary directory, run from there, and
                                  remove it afterwards (keep it with NO_CLEANUP=1); also
                                  chosen by APPIMAGE_EXTRACT_AND_RUN=1, and used when FUSE
                                  is not available
  --appimage-mount                Mount the contents, print the mount point, and keep it
                                  mounted until interrupted
  --appimage-offset               Print the offset of the squashfs image in this file
  --appimage-help                 Print this help
  --appimage-version              Print the runtime's version

Without these, the AppImage mounts its contents read-only with FUSE and runs AppRun from
there with the given arguments.";

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn plain_arguments_belong_to_the_app() {
        assert_eq!(
            parse(args(&["--kiosk", "x"]), false),
            Action::Run {
                args: args(&["--kiosk", "x"])
            }
        );
        assert_eq!(parse(Vec::new(), false), Action::Run { args: Vec::new() });
        // Only the first argument is the runtime's: a later --appimage-* goes to the app.
        assert_eq!(
            parse(args(&["a", "--appimage-extract"]), false),
            Action::Run {
                args: args(&["a", "--appimage-extract"])
            }
        );
    }

    #[test]
    fn the_environment_switch_turns_a_run_into_extract_and_run() {
        assert_eq!(
            parse(args(&["x"]), true),
            Action::ExtractAndRun { args: args(&["x"]) }
        );
        assert_eq!(
            parse(args(&["--appimage-extract-and-run", "y"]), false),
            Action::ExtractAndRun { args: args(&["y"]) }
        );
    }

    #[test]
    fn runtime_options() {
        assert_eq!(
            parse(args(&["--appimage-extract"]), false),
            Action::Extract { pattern: None }
        );
        assert_eq!(
            parse(args(&["--appimage-extract", "*.desktop"]), false),
            Action::Extract {
                pattern: Some("*.desktop".into())
            }
        );
        assert_eq!(parse(args(&["--appimage-offset"]), true), Action::Offset);
        assert_eq!(parse(args(&["--appimage-mount"]), false), Action::Mount);
        assert_eq!(parse(args(&["--appimage-help"]), false), Action::Help);
        assert_eq!(parse(args(&["--appimage-version"]), false), Action::Version);
        assert_eq!(
            parse(args(&["--appimage-updateinformation"]), false),
            Action::Unknown("--appimage-updateinformation".into())
        );
    }

    #[test]
    fn the_internal_guard() {
        assert_eq!(
            parse(args(&[GUARD_FLAG, "serve", "/tmp/.mount_x"]), false),
            Action::Guard {
                job: GuardJob::Serve,
                dir: "/tmp/.mount_x".into()
            }
        );
        assert_eq!(
            parse(args(&[GUARD_FLAG, "cleanup", "/tmp/e"]), false),
            Action::Guard {
                job: GuardJob::Cleanup,
                dir: "/tmp/e".into()
            }
        );
        assert!(matches!(
            parse(args(&[GUARD_FLAG, "other", "/x"]), false),
            Action::Unknown(_)
        ));
        assert!(matches!(
            parse(args(&[GUARD_FLAG, "serve"]), false),
            Action::Unknown(_)
        ));
    }
}
