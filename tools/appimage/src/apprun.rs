//! What the AppRun does: which program it starts, with which environment, from where.
//!
//! Tauri copies an "AppRun-<arch>" into every AppDir before linuxdeploy runs: the old
//! AppImageKit AppRun (Tauri's `apprun-old` release), a small C program that reads `Exec=`
//! from the root desktop file, points the library and data search paths into the AppDir,
//! changes to `$APPDIR/usr` and execs the payload. `fw-apprun` is our version of it; this
//! module decides everything it does, so that the decisions are tested without exec'ing.
//!
//! The change of directory is not optional: Tauri's GTK plugin binary-patches every
//! `/usr` in the bundled libwebkit2gtk to `././`, so WebKit looks for its helper processes
//! (`WebKitWebProcess`, `WebKitNetworkProcess`) and injected bundle relative to the working
//! directory, which must be `$APPDIR/usr`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::desktop::DesktopEntry;
use crate::error::{Error, Result};

/// The multiarch library directory name (Debian's triplet) of the target this is built
/// for. Another architecture must be added here: a wrong guess would leave the app's
/// libraries unfound at run time rather than at build time.
#[cfg(target_arch = "x86_64")]
const MULTIARCH: &str = "x86_64-linux-gnu";
#[cfg(target_arch = "aarch64")]
const MULTIARCH: &str = "aarch64-linux-gnu";
#[cfg(target_arch = "x86")]
const MULTIARCH: &str = "i386-linux-gnu";
#[cfg(target_arch = "arm")]
const MULTIARCH: &str = "arm-linux-gnueabihf";
#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_arch = "x86",
    target_arch = "arm"
)))]
compile_error!("fw-appimage: add this architecture's multiarch triplet to MULTIARCH in apprun.rs");

/// How to start the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Variables to set (the rest of the environment is inherited unchanged).
    pub env: Vec<(OsString, OsString)>,
    pub cwd: PathBuf,
}

/// Plans the launch of the payload of the AppDir at `appdir` (absolute), described by its
/// root desktop `entry`, with the AppRun's own arguments `args`. `env` reads the current
/// environment and `is_file` tells whether a path is an existing file.
pub fn plan(
    appdir: &Path,
    entry: &DesktopEntry,
    args: Vec<OsString>,
    env: impl Fn(&str) -> Option<OsString>,
    is_file: impl Fn(&Path) -> bool,
) -> Result<Launch> {
    let argv = entry.exec_argv().ok_or(Error::NoExec)?;
    let usr = appdir.join("usr");
    let program = resolve_program(appdir, &argv[0], &is_file);
    let mut all_args: Vec<OsString> = argv[1..].iter().map(OsString::from).collect();
    all_args.extend(args);

    let dir = |relative: &str| appdir.join(relative).into_os_string();
    let mut vars = Vec::new();
    if env("APPDIR").is_none_or(|value| value.is_empty()) {
        vars.push(("APPDIR".into(), appdir.as_os_str().to_owned()));
    }
    vars.push(prepend(
        &env,
        "PATH",
        &[dir("usr/bin"), dir("usr/sbin")],
        None,
    ));
    vars.push(prepend(
        &env,
        "LD_LIBRARY_PATH",
        &[
            dir("usr/lib"),
            dir(&format!("usr/lib/{MULTIARCH}")),
            dir("usr/lib64"),
            dir("lib"),
            dir(&format!("lib/{MULTIARCH}")),
        ],
        None,
    ));
    // An unset XDG_DATA_DIRS means the spec's default, which must stay searched after ours.
    vars.push(prepend(
        &env,
        "XDG_DATA_DIRS",
        &[dir("usr/share")],
        Some("/usr/local/share:/usr/share"),
    ));
    vars.push(prepend(
        &env,
        "GSETTINGS_SCHEMA_DIR",
        &[dir("usr/share/glib-2.0/schemas")],
        None,
    ));
    Ok(Launch {
        program,
        args: all_args,
        env: vars,
        cwd: usr,
    })
}

/// Finds the payload named by `Exec=`'s first word: a bare name in `usr/bin` first (as the
/// original's execvp with `usr/bin` first on PATH would), a relative path below `usr/` (the
/// working directory), an absolute path as it is.
fn resolve_program(appdir: &Path, name: &str, is_file: &impl Fn(&Path) -> bool) -> PathBuf {
    let path = Path::new(name);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    if name.contains('/') {
        return appdir.join("usr").join(path);
    }
    let bundled = appdir.join("usr/bin").join(name);
    if is_file(&bundled) {
        bundled
    } else {
        path.to_path_buf()
    }
}

/// `name` set to `dirs` followed by its current value (or `default` when unset), with no
/// empty elements: an empty element in a search path means the working directory.
fn prepend(
    env: &impl Fn(&str) -> Option<OsString>,
    name: &str,
    dirs: &[OsString],
    default: Option<&str>,
) -> (OsString, OsString) {
    let current = env(name).filter(|value| !value.is_empty());
    let current = current.or_else(|| default.map(OsString::from));
    let mut value = OsString::new();
    let mut parts: Vec<&OsStr> = dirs.iter().map(OsString::as_os_str).collect();
    if let Some(current) = &current {
        parts.push(current.as_os_str());
    }
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            value.push(":");
        }
        value.push(part);
    }
    (name.into(), value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn entry(exec: &str) -> DesktopEntry {
        DesktopEntry {
            exec: Some(exec.to_owned()),
            ..DesktopEntry::default()
        }
    }

    fn vars(launch: &Launch) -> HashMap<String, String> {
        launch
            .env
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.to_string_lossy().into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn starts_the_bundled_binary_from_usr_with_its_arguments() {
        let appdir = Path::new("/tmp/.mount_FloorwXYZ");
        let launch = plan(
            appdir,
            &entry("floorwalker --kiosk %U"),
            vec!["--verbose".into()],
            |_| None,
            |path| path == Path::new("/tmp/.mount_FloorwXYZ/usr/bin/floorwalker"),
        )
        .unwrap();
        assert_eq!(
            launch.program,
            Path::new("/tmp/.mount_FloorwXYZ/usr/bin/floorwalker")
        );
        assert_eq!(
            launch.args,
            [OsString::from("--kiosk"), OsString::from("--verbose")]
        );
        assert_eq!(launch.cwd, Path::new("/tmp/.mount_FloorwXYZ/usr"));
    }

    #[test]
    fn search_paths_point_into_the_appdir_first() {
        let appdir = Path::new("/a");
        let current: HashMap<&str, &str> = [
            ("PATH", "/usr/bin:/bin"),
            ("LD_LIBRARY_PATH", ""),
            ("APPDIR", "/a"),
        ]
        .into();
        let launch = plan(
            appdir,
            &entry("app"),
            Vec::new(),
            |name| current.get(name).map(OsString::from),
            |_| true,
        )
        .unwrap();
        let vars = vars(&launch);
        assert_eq!(vars["PATH"], "/a/usr/bin:/a/usr/sbin:/usr/bin:/bin");
        // An empty LD_LIBRARY_PATH adds no empty element (which would mean the cwd).
        assert!(vars["LD_LIBRARY_PATH"].starts_with("/a/usr/lib:/a/usr/lib/"));
        assert!(!vars["LD_LIBRARY_PATH"].ends_with(':'));
        assert_eq!(
            vars["XDG_DATA_DIRS"],
            "/a/usr/share:/usr/local/share:/usr/share"
        );
        assert_eq!(
            vars["GSETTINGS_SCHEMA_DIR"],
            "/a/usr/share/glib-2.0/schemas"
        );
        // APPDIR was set by the runtime already and is left alone.
        assert!(!vars.contains_key("APPDIR"));
    }

    #[test]
    fn appdir_is_set_when_run_from_an_extracted_tree() {
        let launch = plan(
            Path::new("/x/squashfs-root"),
            &entry("app"),
            Vec::new(),
            |_| None,
            |_| false,
        )
        .unwrap();
        assert_eq!(vars(&launch)["APPDIR"], "/x/squashfs-root");
        // Not bundled: the name is left for the PATH search.
        assert_eq!(launch.program, Path::new("app"));
    }

    #[test]
    fn relative_and_absolute_exec_paths() {
        let appdir = Path::new("/a");
        let relative = plan(appdir, &entry("bin/tool"), Vec::new(), |_| None, |_| true).unwrap();
        assert_eq!(relative.program, Path::new("/a/usr/bin/tool"));
        let absolute = plan(
            appdir,
            &entry("/bin/sh -c true"),
            Vec::new(),
            |_| None,
            |_| true,
        );
        assert_eq!(absolute.unwrap().program, Path::new("/bin/sh"));
    }

    #[test]
    fn no_exec_line_is_an_error() {
        let result = plan(
            Path::new("/a"),
            &DesktopEntry::default(),
            Vec::new(),
            |_| None,
            |_| true,
        );
        assert!(matches!(result, Err(Error::NoExec)));
    }
}
