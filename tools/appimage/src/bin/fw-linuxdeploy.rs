//! Our stand-in for linuxdeploy, for the command lines the Tauri CLI and its GTK plugin
//! use: deploys the shared libraries of the AppDir's programs, runs the input plugins,
//! fills the AppDir's root (desktop file, icon, `.DirIcon`, AppRun with the plugins'
//! hooks) and runs the output plugins. With `LINUXDEPLOY_PLUGIN_MODE=1` (a plugin calling
//! back) it only deploys the `--library`/`--executable` files and their dependencies.

use anyhow::{Context, bail};
use fw_appimage::deploy::Deployer;
use fw_appimage::excludelist::EXCLUDED;
use fw_appimage::log::Log;
use fw_appimage::{args, plugins, rootfiles};

const USAGE: &str = "usage: linuxdeploy --appdir <AppDir> [options]

  --appdir <dir>            the AppDir to fill (required)
  -e, --executable <file>   copy a program into usr/bin and deploy its libraries
  -l, --library <file>      copy a library into usr/lib and deploy its libraries
  -d, --desktop-file <file> add a desktop file
  -i, --icon-file <file>    add an icon
  --custom-apprun <file>    use this AppRun
  -p, --plugin <name>       run the input plugin linuxdeploy-plugin-<name>
  -o, --output <name>       run the output plugin linuxdeploy-plugin-<name> (e.g. appimage)
  --exclude-library <glob>  keep matching libraries out, besides the built-in excludelist
  -v, --verbosity <0-3>     0 debug, 1 info (default), 2 warnings, 3 errors
  --print-excludelist       print the built-in excludelist and exit

With FW_LINUXDEPLOY_LOG=<file>, everything (at least at info level, and the plugins'
output) is appended to that file instead of standard error.

Floorwalker's stand-in for linuxdeploy (tools/appimage): libraries are found with ldd and
left unpatched; the AppRun puts usr/lib on LD_LIBRARY_PATH.";

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fw-linuxdeploy: error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let options = args::parse(std::env::args_os().skip(1))?;
    if options.help {
        println!("{USAGE}");
        return Ok(());
    }
    if options.version {
        println!(
            "fw-linuxdeploy {} (Floorwalker's linuxdeploy stand-in)",
            env!("CARGO_PKG_VERSION")
        );
        return Ok(());
    }
    if options.print_excludelist {
        for name in EXCLUDED {
            println!("{name}");
        }
        return Ok(());
    }
    let Some(appdir) = options.appdir.clone() else {
        bail!("--appdir is required\n\n{USAGE}");
    };
    let appdir = std::path::absolute(&appdir).context("cannot make the AppDir path absolute")?;
    let mut level = options.verbosity;
    // The Tauri CLI keeps linuxdeploy's output to itself unless it fails, and then shows
    // only "failed to run linuxdeploy"; a log file keeps the story (ours, the plugins',
    // the plugin callbacks') for scripts/bundle.sh to show.
    if let Some(path) = std::env::var_os("FW_LINUXDEPLOY_LOG") {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot open the log {}", path.to_string_lossy()))?;
        rustix::stdio::dup2_stderr(&file).context("cannot send standard error to the log")?;
        level = level.min(1);
    }
    let log = Log {
        program: "fw-linuxdeploy",
        level,
    };
    let plugin_mode = std::env::var_os("LINUXDEPLOY_PLUGIN_MODE").is_some_and(|v| v == "1");

    let mut deployer = Deployer::new(&appdir, &options.exclude_libraries, log)?;
    for executable in &options.executables {
        deployer.deploy_executable(executable)?;
    }
    for library in &options.libraries {
        deployer.deploy_library(library)?;
    }
    if plugin_mode {
        return Ok(());
    }
    log.info(format_args!(
        "deploying the dependencies of the programs in {}",
        appdir.display()
    ));
    deployer.deploy_dependencies_of_existing_files()?;

    let me = std::env::current_exe().context("cannot find linuxdeploy's own path")?;
    let own_dir = me.parent().context("linuxdeploy has no directory")?;
    let arch = std::env::var("ARCH").unwrap_or_else(|_| std::env::consts::ARCH.to_owned());
    let path = std::env::var_os("PATH");
    let find = |name: &str| {
        plugins::find(name, &arch, own_dir, path.as_deref())
            .ok_or_else(|| fw_appimage::Error::PluginNotFound(name.to_owned()))
    };
    for plugin in &options.plugins {
        let found = find(plugin)?;
        log.info(format_args!("running input plugin {}", found.display()));
        plugins::run(&found, &appdir, &me)?;
    }
    // The plugins copy modules (GTK's input methods, pixbuf loaders, GIO's TLS module)
    // whose own libraries must come along too.
    deployer.deploy_dependencies_of_existing_files()?;

    let entry = rootfiles::deploy_desktop_file(&appdir, &options.desktop_files)?;
    rootfiles::deploy_icon(&appdir, &entry, &options.icon_files)?;
    rootfiles::deploy_apprun(&appdir, &entry, options.custom_apprun.as_deref())?;

    for output in &options.outputs {
        let found = find(output)?;
        log.info(format_args!("running output plugin {}", found.display()));
        plugins::run(&found, &appdir, &me)?;
    }
    Ok(())
}
