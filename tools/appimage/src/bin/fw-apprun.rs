//! The AppRun Tauri copies into the AppDir (as `AppRun-<arch>`): our stand-in for the
//! AppImageKit AppRun. Reads `Exec=` from the root desktop file, points the search paths
//! into the AppDir, changes to `$APPDIR/usr` and execs the payload (see
//! `fw_appimage::apprun` for why each of these).

use std::os::unix::process::CommandExt;
use std::process::Command;

use anyhow::{Context, bail};
use fw_appimage::apprun;
use fw_appimage::desktop::DesktopEntry;
use fw_appimage::rootfiles::files_with_extension;

fn main() -> anyhow::Result<()> {
    // The AppDir is where this file is (as AppRun, or AppRun.wrapped behind the hooks).
    let exe = std::env::current_exe().context("cannot find the AppRun's own path")?;
    let appdir = exe.parent().context("the AppRun has no directory")?;
    let mut desktops = files_with_extension(appdir, "desktop")?;
    desktops.sort();
    let Some(desktop) = desktops.first() else {
        bail!("no desktop file in {}", appdir.display());
    };
    let text = std::fs::read_to_string(desktop)
        .with_context(|| format!("cannot read {}", desktop.display()))?;
    let entry = DesktopEntry::parse(&text);
    let launch = apprun::plan(
        appdir,
        &entry,
        std::env::args_os().skip(1).collect(),
        |name| std::env::var_os(name),
        std::path::Path::is_file,
    )?;
    let error = Command::new(&launch.program)
        .args(&launch.args)
        .envs(launch.env)
        .current_dir(&launch.cwd)
        .exec();
    Err(error).with_context(|| format!("cannot run {}", launch.program.display()))
}
