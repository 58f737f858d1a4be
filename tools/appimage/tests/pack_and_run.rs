//! The whole chain as the Tauri CLI drives it, on a tiny app: our linuxdeploy (with an
//! input plugin that installs an AppRun hook and calls back to deploy a library, as Tauri's
//! GTK plugin does) fills an AppDir that holds our AppRun, our AppImage plugin packs it
//! with our runtime and mksquashfs, and the AppImage then runs: extracted
//! (`--appimage-extract`, `--appimage-extract-and-run`) and mounted with FUSE.
//!
//! One test function on purpose: it writes scripts and executes them, and a parallel test
//! forking at that moment could make the exec fail with "text file busy". For the same
//! reason the library's own tests that execute a script they write live here too.

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use fw_appimage::elf::has_type2_magic;
use fw_appimage::excludelist::is_excluded;
use fw_appimage::runtime::options::GUARD_FLAG;
use fw_appimage::tempdir::{EXTRACTED_PREFIX, create_private_dir};

const ARCH: &str = std::env::consts::ARCH;

fn write_executable(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn copy_executable(from: &str, to: &Path) {
    fs::copy(from, to).unwrap();
    fs::set_permissions(to, fs::Permissions::from_mode(0o755)).unwrap();
}

/// The tools directory as `scripts/bundle.sh` fills it (less the Tauri-written GTK plugin,
/// replaced by a small plugin of the same shape).
fn tools_dir(root: &Path) -> PathBuf {
    let tools = root.join("tools");
    fs::create_dir_all(&tools).unwrap();
    copy_executable(
        env!("CARGO_BIN_EXE_fw-linuxdeploy"),
        &tools.join(format!("linuxdeploy-{ARCH}.AppImage")),
    );
    copy_executable(
        env!("CARGO_BIN_EXE_fw-linuxdeploy-plugin-appimage"),
        &tools.join("linuxdeploy-plugin-appimage.AppImage"),
    );
    copy_executable(
        env!("CARGO_BIN_EXE_fw-apprun"),
        &tools.join(format!("AppRun-{ARCH}")),
    );
    copy_executable(
        env!("CARGO_BIN_EXE_fw-appimage-runtime"),
        &tools.join(format!("runtime-{ARCH}")),
    );
    write_executable(
        &tools.join("linuxdeploy-plugin-hello.sh"),
        "#!/bin/sh\nset -e\n[ \"$1\" = --appdir ] || exit 2\nmkdir -p \"$2/apprun-hooks\"\n\
         echo 'export HELLO_HOOK=sourced' > \"$2/apprun-hooks/hello-hook.sh\"\n\
         env LINUXDEPLOY_PLUGIN_MODE=1 \"$LINUXDEPLOY\" --appdir=\"$2\" \"--library=$HELLO_LIBRARY\"\n",
    );
    tools
}

/// An AppDir as the Tauri CLI leaves it for linuxdeploy: the program (a script that
/// reports what it sees, beside a real ELF program with a bundleable library), the
/// desktop file and icon under usr/share, and the AppRun copied from the tools directory.
fn appdir(root: &Path, tools: &Path) -> PathBuf {
    let appdir = root.join("Hello.AppDir");
    for dir in [
        "usr/bin",
        "usr/share/applications",
        "usr/share/icons/hicolor/32x32/apps",
    ] {
        fs::create_dir_all(appdir.join(dir)).unwrap();
    }
    write_executable(
        &appdir.join("usr/bin/hello"),
        "#!/bin/sh\necho \"cwd=$(pwd)\"\necho \"APPDIR=$APPDIR\"\necho \"APPIMAGE=$APPIMAGE\"\n\
         echo \"OWD=$OWD\"\necho \"hook=$HELLO_HOOK\"\necho \"args=$*\"\n\
         cat \"$APPDIR/usr/share/hello/greeting.txt\"\n\
         ldd \"$APPDIR/usr/bin/xz\" | grep liblzma\n\"$APPDIR/usr/bin/xz\" --version | head -1\nexit 3\n",
    );
    fs::copy("/usr/bin/xz", appdir.join("usr/bin/xz")).unwrap();
    fs::create_dir_all(appdir.join("usr/share/hello")).unwrap();
    fs::write(
        appdir.join("usr/share/hello/greeting.txt"),
        "greeting from inside the image\n",
    )
    .unwrap();
    fs::write(
        appdir.join("usr/share/applications/Hello.desktop"),
        "[Desktop Entry]\nType=Application\nName=Hello\nExec=hello\nIcon=hello\nCategories=Utility;\n",
    )
    .unwrap();
    fs::write(
        appdir.join("usr/share/icons/hicolor/32x32/apps/hello.png"),
        b"\x89PNG icon",
    )
    .unwrap();
    // Tauri's own root entries: an absolute desktop symlink and a product-named icon.
    symlink(
        appdir.join("usr/share/applications/Hello.desktop"),
        appdir.join("Hello.desktop"),
    )
    .unwrap();
    fs::write(appdir.join("Hello.png"), b"\x89PNG icon").unwrap();
    symlink("Hello.png", appdir.join(".DirIcon")).unwrap();
    fs::copy(tools.join(format!("AppRun-{ARCH}")), appdir.join("AppRun")).unwrap();
    appdir
}

/// Whether `path` is directly in `dir` with a name starting with `prefix`.
fn is_temp_dir(path: &Path, dir: &Path, prefix: &str) -> bool {
    path.parent() == Some(dir)
        && path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Waits (bounded) until `path` no longer exists: the guard removes it after the app exits.
fn gone_within(path: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if fs::symlink_metadata(path).is_err() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The `APPDIR=` line of the app's report.
fn appdir_line(stdout: &str) -> PathBuf {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("APPDIR="))
        .expect("an APPDIR line");
    PathBuf::from(line)
}

/// Runs our linuxdeploy with the Tauri CLI's command line and environment.
fn run_linuxdeploy(tools: &Path, appdir: &Path, output_file: &Path, library: &Path) {
    let linuxdeploy = Command::new(tools.join(format!("linuxdeploy-{ARCH}.AppImage")))
        .args(["--appimage-extract-and-run", "--verbosity", "1", "--appdir"])
        .arg(appdir)
        .args(["--plugin", "hello", "--output", "appimage"])
        .env("OUTPUT", output_file)
        .env("ARCH", ARCH)
        .env("APPIMAGE_EXTRACT_AND_RUN", "1")
        .env("HELLO_LIBRARY", library)
        .output()
        .unwrap();
    assert!(
        linuxdeploy.status.success(),
        "linuxdeploy failed: {}",
        String::from_utf8_lossy(&linuxdeploy.stderr)
    );
}

/// `--appimage-offset` and `--appimage-extract`: the image where the runtime says, and the
/// tree linuxdeploy made in it.
fn check_extracted_tree(appimage: &Path, work: &Path, plugin_library: &str) {
    let bytes = fs::read(appimage).unwrap();
    assert!(has_type2_magic(&bytes), "no AI\\x02 magic at offset 8");
    let offset = Command::new(appimage)
        .arg("--appimage-offset")
        .output()
        .unwrap();
    let offset: usize = stdout_of(&offset).trim().parse().unwrap();
    assert_eq!(
        &bytes[offset..offset + 4],
        b"hsqs",
        "the squashfs superblock is at the offset"
    );

    let extract = Command::new(appimage)
        .arg("--appimage-extract")
        .current_dir(work)
        .output()
        .unwrap();
    assert!(
        extract.status.success(),
        "{}",
        String::from_utf8_lossy(&extract.stderr)
    );
    let tree = work.join("squashfs-root");
    let apprun = fs::read_to_string(tree.join("AppRun")).unwrap();
    assert!(apprun.contains("apprun-hooks/'hello-hook.sh'"), "{apprun}");
    assert_eq!(
        fs::read(tree.join("AppRun.wrapped")).unwrap(),
        fs::read(env!("CARGO_BIN_EXE_fw-apprun")).unwrap(),
        "the AppRun Tauri copied is wrapped, not replaced"
    );
    assert_eq!(
        fs::read_link(tree.join("Hello.desktop")).unwrap(),
        Path::new("usr/share/applications/Hello.desktop")
    );
    assert!(
        fs::metadata(tree.join("hello.png")).unwrap().is_file(),
        "root icon named after Icon="
    );
    assert!(fs::metadata(tree.join(".DirIcon")).unwrap().is_file());
    assert!(
        tree.join("usr/lib/liblzma.so.5").is_file(),
        "xz's library was deployed"
    );
    assert!(
        tree.join("usr/lib").join(plugin_library).is_file(),
        "the plugin's library was deployed"
    );
    assert!(
        !tree.join("usr/lib/libc.so.6").exists(),
        "glibc stays on the system"
    );
}

/// Checks the app's report: hooks sourced, working directory `usr/`, the runtime's
/// variables, the arguments, a file read from the image, and xz resolving its library from
/// the image's `usr/lib`. Returns the AppDir the app ran from.
fn check_report(stdout: &str, appimage: &Path, owd: &Path, args: &str) -> PathBuf {
    let appdir = appdir_line(stdout);
    for expected in [
        format!("cwd={}", appdir.join("usr").display()),
        format!("APPIMAGE={}", appimage.display()),
        format!("OWD={}", owd.display()),
        "hook=sourced".to_owned(),
        format!("args={args}"),
        "greeting from inside the image".to_owned(),
        format!("=> {}", appdir.join("usr/lib/liblzma.so.5").display()),
        "xz (XZ Utils)".to_owned(),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    appdir
}

/// A plugin gets `--appdir <AppDir>` and `LINUXDEPLOY`, and its failure is ours.
fn check_plugin_protocol(root: &Path) {
    let dir = root.join("probe");
    fs::create_dir_all(&dir).unwrap();
    let plugin = dir.join("linuxdeploy-plugin-probe.sh");
    write_executable(
        &plugin,
        "#!/bin/sh\n[ \"$1\" = --appdir ] && echo \"$LINUXDEPLOY\" > \"$2/seen\"\n",
    );
    fw_appimage::plugins::run(&plugin, &dir, Path::new("/opt/linuxdeploy")).unwrap();
    assert_eq!(
        fs::read_to_string(dir.join("seen")).unwrap(),
        "/opt/linuxdeploy\n"
    );
    write_executable(&plugin, "#!/bin/sh\nexit 3\n");
    assert!(fw_appimage::plugins::run(&plugin, &dir, Path::new("/x")).is_err());
}

/// The runtime's helper process: it refuses a directory the runtime would not have made
/// for it; given one it would, it outlives SIGTERM, SIGHUP and SIGINT and removes the
/// directory once its standard input (the keepalive pipe) closes.
fn check_guard(root: &Path, tmp: &Path) {
    let runtime = env!("CARGO_BIN_EXE_fw-appimage-runtime");
    let victim = root.join("victim");
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("keep"), "x").unwrap();
    let refused = Command::new(runtime)
        .args([GUARD_FLAG, "cleanup"])
        .arg(&victim)
        .env("TMPDIR", tmp)
        .stdin(Stdio::piped())
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(stdout_of(&refused).starts_with("error "), "{refused:?}");
    assert!(
        victim.join("keep").is_file(),
        "the guard removed {}",
        victim.display()
    );

    let dir = create_private_dir(tmp, EXTRACTED_PREFIX).unwrap();
    fs::write(dir.join("file"), "x").unwrap();
    let mut guard = Command::new(runtime)
        .args([GUARD_FLAG, "cleanup"])
        .arg(&dir)
        .env("TMPDIR", tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut answer = String::new();
    BufReader::new(guard.stdout.take().unwrap())
        .read_line(&mut answer)
        .unwrap();
    assert_eq!(answer, "ready\n");
    for signal in ["-TERM", "-HUP", "-INT"] {
        let kill = Command::new("kill")
            .arg(signal)
            .arg(guard.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        guard.try_wait().unwrap().is_none(),
        "the guard died of a signal"
    );
    assert!(dir.join("file").is_file());
    drop(guard.stdin.take());
    assert!(guard.wait().unwrap().success());
    assert!(!dir.exists(), "{} was not removed", dir.display());
}

/// Runs the AppImage with `args` from `work`, with `TMPDIR=tmp`; returns its report and
/// standard error after checking the app's exit code came through.
fn run_appimage(appimage: &Path, args: &[&str], work: &Path, tmp: &Path) -> (String, String) {
    let run = Command::new(appimage)
        .args(args)
        .current_dir(work)
        .env("TMPDIR", tmp)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        stdout_of(&run),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    );
    assert_eq!(run.status.code(), Some(3), "{stdout}\n{stderr}");
    (stdout, stderr)
}

#[test]
fn linuxdeploy_builds_an_appimage_that_runs_extracted_and_mounted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let tools = tools_dir(root);
    let appdir = appdir(root, &tools);
    // A library for the plugin's callback: one of bash's that the excludelist lets through.
    let library = fw_appimage::ldd::trace(Path::new("/bin/bash"))
        .unwrap()
        .into_iter()
        .find(|d| !is_excluded(&d.name, &[]) && d.path.is_some())
        .expect("bash links a bundleable library (libtinfo)");
    let appimage = root.join("out/Hello_0.1.0_amd64.AppImage");
    let (work, tmp) = (root.join("work"), root.join("tmp"));
    for dir in [appimage.parent().unwrap(), &work, &tmp] {
        fs::create_dir_all(dir).unwrap();
    }

    check_plugin_protocol(root);
    check_guard(root, &tmp);
    run_linuxdeploy(&tools, &appdir, &appimage, library.path.as_deref().unwrap());
    check_extracted_tree(&appimage, &work, &library.name);

    // --appimage-extract-and-run: run from a private extracted tree, removed afterwards.
    let (stdout, _) = run_appimage(
        &appimage,
        &["--appimage-extract-and-run", "one", "two"],
        &work,
        &tmp,
    );
    let extracted = check_report(&stdout, &appimage, &work, "one two");
    assert!(
        is_temp_dir(&extracted, &tmp, "appimage_extracted_"),
        "{stdout}"
    );
    assert!(
        gone_within(&extracted, Duration::from_secs(20)),
        "{} was not cleaned up",
        extracted.display()
    );

    // The default: mounted with FUSE, or where FUSE cannot be used (no /dev/fuse, or a
    // mount refused, as in some containers), the announced fallback to extracting;
    // unmounted and removed once the app has exited. TMPDIR is relative here: the mount
    // point (or tree) must still be made, used and removed at the absolute path.
    let relative_tmp = work.join("tmp");
    fs::create_dir_all(&relative_tmp).unwrap();
    let (stdout, stderr) = run_appimage(&appimage, &["three"], &work, Path::new("tmp"));
    let mounted = check_report(&stdout, &appimage, &work, "three");
    if stderr.contains("cannot mount the AppImage with FUSE") {
        eprintln!("FUSE could not be used here, so the fallback was tested: {stderr}");
        assert!(
            is_temp_dir(&mounted, &relative_tmp, "appimage_extracted_"),
            "{stdout}\n{stderr}"
        );
    } else {
        // The mount point is named after the AppImage, as the official runtime names it.
        assert!(
            is_temp_dir(&mounted, &relative_tmp, ".mount_Hello0"),
            "{stdout}\n{stderr}"
        );
    }
    assert!(
        gone_within(&mounted, Duration::from_secs(20)),
        "{} is still there",
        mounted.display()
    );
    let mounts = fs::read_to_string("/proc/mounts").unwrap();
    assert!(
        !mounts.contains(&mounted.display().to_string()),
        "still mounted:\n{mounts}"
    );
}
