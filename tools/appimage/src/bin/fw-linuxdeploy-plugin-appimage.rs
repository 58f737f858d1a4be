//! Our stand-in for linuxdeploy's AppImage output plugin: packs the AppDir with the
//! runtime (`runtime-<arch>` beside this program, or `FW_APPIMAGE_RUNTIME`) into the file
//! named by `OUTPUT` (as the Tauri CLI sets it), else `<Name>-<arch>.AppImage`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use fw_appimage::log::Log;
use fw_appimage::pack;

const USAGE: &str = "usage: linuxdeploy-plugin-appimage --appdir <AppDir>

Packs the AppDir into a type 2 AppImage (mksquashfs, zstd) with Floorwalker's runtime.
Environment: OUTPUT (the file to write), ARCH, FW_APPIMAGE_RUNTIME (the runtime to use;
default: runtime-<ARCH> beside this program), LINUXDEPLOY (set by linuxdeploy).";

fn main() -> anyhow::Result<()> {
    let mut appdir: Option<PathBuf> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        // Byte for byte: the AppDir's path need not be UTF-8.
        if let Some(value) = fw_appimage::args::inline_value(&arg, "--appdir") {
            appdir = Some(value.into());
            continue;
        }
        let text = arg.to_string_lossy().into_owned();
        match text.as_str() {
            // linuxdeploy's plugin protocol.
            "--plugin-api-version" => {
                println!("0");
                return Ok(());
            }
            "--plugin-type" => {
                println!("output");
                return Ok(());
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--appdir" => appdir = Some(args.next().context("--appdir needs a value")?.into()),
            _ if text.starts_with("--appimage-") => {}
            _ => bail!("unexpected argument {text}\n\n{USAGE}"),
        }
    }
    let appdir = appdir.context("--appdir is required")?;
    let arch = std::env::var("ARCH").unwrap_or_else(|_| std::env::consts::ARCH.to_owned());
    let runtime = if let Some(path) = std::env::var_os("FW_APPIMAGE_RUNTIME") {
        PathBuf::from(path)
    } else {
        let exe = std::env::current_exe().context("cannot find this plugin's own path")?;
        exe.with_file_name(format!("runtime-{arch}"))
    };
    let entry = pack::check_appdir(&appdir)?;
    let output = std::env::var_os("OUTPUT").map_or_else(
        || PathBuf::from(pack::default_output_name(&entry, &arch)),
        PathBuf::from,
    );
    let log = Log {
        program: "fw-linuxdeploy-plugin-appimage",
        level: 1,
    };
    pack::pack(&appdir, &runtime, &output, pack::DEFAULT_ZSTD_LEVEL, log)
        .with_context(|| format!("cannot pack {}", appdir.display()))?;
    Ok(())
}
