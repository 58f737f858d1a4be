//! Packs an AppDir into a type 2 AppImage: the runtime, then a squashfs image of the AppDir.
//!
//! appimagetool (which linuxdeploy's AppImage plugin runs) does the same: `mksquashfs` the
//! AppDir, append the image to the runtime, and mark the file with the type 2 magic. The
//! image is zstd-compressed, which the runtime's squashfs reader (backhand) decompresses.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::desktop::DesktopEntry;
use crate::elf::{APPIMAGE_TYPE2_MAGIC, MAGIC_OFFSET, elf_size};
use crate::error::{Error, Result};
use crate::log::Log;

/// The zstd level: 15 (mksquashfs's default) costs several times 9's time for a few per
/// cent of size; 9 keeps packing the ~350 MB AppDir to seconds on two cores.
pub const DEFAULT_ZSTD_LEVEL: u32 = 9;

/// Checks `appdir` has what an AppImage must have (an executable `AppRun`, one usable
/// desktop file and `.DirIcon` in the root) and returns the root desktop entry.
pub fn check_appdir(appdir: &Path) -> Result<DesktopEntry> {
    let fail = |reason: String| Error::AppDir {
        appdir: appdir.to_path_buf(),
        reason,
    };
    let apprun = fs::metadata(appdir.join("AppRun")).map_err(|e| fail(format!("AppRun: {e}")))?;
    if !apprun.is_file() || apprun.permissions().mode() & 0o111 == 0 {
        return Err(fail("AppRun is not an executable file".into()));
    }
    let mut desktops = Vec::new();
    for entry in fs::read_dir(appdir).map_err(|e| Error::io(appdir, e))? {
        let path = entry.map_err(|e| Error::io(appdir, e))?.path();
        if path.extension().is_some_and(|e| e == "desktop") {
            desktops.push(path);
        }
    }
    let [desktop] = desktops.as_slice() else {
        return Err(fail(format!(
            "{} desktop files in the root, not one",
            desktops.len()
        )));
    };
    // Reading through the symlink proves it resolves inside the tree that gets packed
    // (an absolute link into the build directory would resolve here but not in the image).
    if let Ok(target) = fs::read_link(desktop)
        && target.is_absolute()
    {
        return Err(fail(format!(
            "{} is an absolute symlink",
            desktop.display()
        )));
    }
    let text = fs::read_to_string(desktop).map_err(|e| Error::io(desktop, e))?;
    let entry = DesktopEntry::parse(&text);
    let problems = entry.problems();
    if !problems.is_empty() {
        return Err(Error::Desktop {
            path: desktop.clone(),
            reason: problems.join(", "),
        });
    }
    if fs::metadata(appdir.join(".DirIcon")).is_err() {
        return Err(fail(".DirIcon is missing or dangling".into()));
    }
    Ok(entry)
}

/// The file name appimagetool gives when none is asked for: `<Name>-<arch>.AppImage`,
/// spaces replaced by underscores.
pub fn default_output_name(entry: &DesktopEntry, arch: &str) -> String {
    let name = entry
        .name
        .as_deref()
        .unwrap_or("AppImage")
        .replace(' ', "_");
    format!("{name}-{arch}.AppImage")
}

/// Packs `appdir` with the runtime ELF at `runtime` into `output`.
pub fn pack(appdir: &Path, runtime: &Path, output: &Path, zstd_level: u32, log: Log) -> Result<()> {
    check_appdir(appdir)?;
    let runtime_bytes = read_runtime(runtime)?;

    let squashfs = sibling(output, ".squashfs.part");
    let _ = fs::remove_file(&squashfs);
    log.info(format_args!(
        "packing {} with mksquashfs (zstd level {zstd_level})",
        appdir.display()
    ));
    let mksquashfs = Command::new("mksquashfs")
        .arg(appdir)
        .arg(&squashfs)
        .args([
            "-root-owned",
            "-noappend",
            "-no-xattrs",
            "-quiet",
            "-no-progress",
        ])
        .args([
            "-comp",
            "zstd",
            "-Xcompression-level",
            &zstd_level.to_string(),
        ])
        .output()
        .map_err(|source| Error::Spawn {
            tool: "mksquashfs (squashfs-tools)".into(),
            source,
        })?;
    if !mksquashfs.status.success() {
        let _ = fs::remove_file(&squashfs);
        return Err(Error::Tool {
            tool: "mksquashfs".into(),
            status: mksquashfs.status,
            detail: format!(": {}", String::from_utf8_lossy(&mksquashfs.stderr).trim()),
        });
    }

    let part = sibling(output, ".part");
    let written = write_appimage(&part, &runtime_bytes, &squashfs);
    let _ = fs::remove_file(&squashfs);
    if let Err(error) = written {
        let _ = fs::remove_file(&part);
        return Err(error);
    }
    fs::rename(&part, output).map_err(|e| Error::io(output, e))?;
    log.info(format_args!(
        "wrote {} ({} MB)",
        output.display(),
        fs::metadata(output).map_or(0, |m| m.len()) / 1_000_000
    ));
    Ok(())
}

/// Reads the runtime, refusing anything that is not a bare ELF file (an AppImage given as
/// the runtime would nest its own payload).
fn read_runtime(runtime: &Path) -> Result<Vec<u8>> {
    let mut file = File::open(runtime).map_err(|e| Error::io(runtime, e))?;
    let size = elf_size(&mut file)
        .map_err(|e| Error::io(runtime, e))?
        .map_err(|source| Error::Elf {
            path: runtime.to_path_buf(),
            source,
        })?;
    let len = file.metadata().map_err(|e| Error::io(runtime, e))?.len();
    if size != len {
        return Err(Error::NotBareElf(runtime.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.seek(SeekFrom::Start(0))
        .map_err(|e| Error::io(runtime, e))?;
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(runtime, e))?;
    Ok(bytes)
}

/// Writes runtime + magic + squashfs image to `path`, executable.
fn write_appimage(path: &Path, runtime: &[u8], squashfs: &Path) -> Result<()> {
    let io_error = |e: io::Error| Error::io(path, e);
    let mut file = File::create(path).map_err(io_error)?;
    let mut head = runtime.to_vec();
    let magic_at = usize::try_from(MAGIC_OFFSET).expect("small offset");
    head[magic_at..magic_at + APPIMAGE_TYPE2_MAGIC.len()].copy_from_slice(&APPIMAGE_TYPE2_MAGIC);
    file.write_all(&head).map_err(io_error)?;
    let mut image = File::open(squashfs).map_err(|e| Error::io(squashfs, e))?;
    io::copy(&mut image, &mut file).map_err(io_error)?;
    file.sync_all().map_err(io_error)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(io_error)?;
    Ok(())
}

/// `path` with `suffix` appended to its file name (a temporary beside the output, so that
/// the final rename stays on one filesystem).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn minimal_appdir(root: &Path) -> PathBuf {
        let appdir = root.join("T.AppDir");
        fs::create_dir_all(appdir.join("usr/share/applications")).unwrap();
        fs::write(appdir.join("AppRun"), "#!/bin/sh\necho hi\n").unwrap();
        fs::set_permissions(appdir.join("AppRun"), fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(
            appdir.join("usr/share/applications/t.desktop"),
            "[Desktop Entry]\nType=Application\nName=Test App\nExec=t\nIcon=t\n",
        )
        .unwrap();
        symlink("usr/share/applications/t.desktop", appdir.join("t.desktop")).unwrap();
        fs::write(appdir.join("t.png"), "png").unwrap();
        symlink("t.png", appdir.join(".DirIcon")).unwrap();
        appdir
    }

    #[test]
    fn a_complete_appdir_passes() {
        let dir = tempfile::tempdir().unwrap();
        let entry = check_appdir(&minimal_appdir(dir.path())).unwrap();
        assert_eq!(
            default_output_name(&entry, "x86_64"),
            "Test_App-x86_64.AppImage"
        );
    }

    #[test]
    fn each_missing_piece_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = minimal_appdir(dir.path());
        fs::set_permissions(appdir.join("AppRun"), fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            check_appdir(&appdir)
                .unwrap_err()
                .to_string()
                .contains("AppRun")
        );
        fs::set_permissions(appdir.join("AppRun"), fs::Permissions::from_mode(0o755)).unwrap();

        fs::remove_file(appdir.join("t.png")).unwrap();
        assert!(
            check_appdir(&appdir)
                .unwrap_err()
                .to_string()
                .contains(".DirIcon")
        );
        fs::write(appdir.join("t.png"), "png").unwrap();

        fs::remove_file(appdir.join("t.desktop")).unwrap();
        let absolute = appdir.join("usr/share/applications/t.desktop");
        symlink(&absolute, appdir.join("t.desktop")).unwrap();
        assert!(
            check_appdir(&appdir)
                .unwrap_err()
                .to_string()
                .contains("absolute symlink")
        );
    }

    #[test]
    fn an_appimage_is_not_accepted_as_a_runtime() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("runtime");
        let mut bytes = fs::read(std::env::current_exe().unwrap()).unwrap();
        bytes.extend_from_slice(b"hsqs payload");
        fs::write(&fake, bytes).unwrap();
        let error = read_runtime(&fake).unwrap_err().to_string();
        assert!(error.contains("appended"), "{error}");
        assert!(read_runtime(Path::new("/bin/sh")).is_ok());
    }
}
