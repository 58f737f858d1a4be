//! linuxdeploy's command line, as far as Tauri and the GTK plugin use it (and a little
//! more, so that the stand-in can also be run by hand).
//!
//! The Tauri CLI runs `linuxdeploy --appimage-extract-and-run --verbosity 1 --appdir
//! <AppDir> --plugin gtk [--plugin gstreamer] --output appimage`; the GTK plugin calls back
//! `LINUXDEPLOY_PLUGIN_MODE=1 linuxdeploy --appdir=<AppDir> --library=<path>...`. Both the
//! `--flag value` and `--flag=value` forms are accepted, as linuxdeploy's parser does.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// What linuxdeploy was asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    pub appdir: Option<PathBuf>,
    pub libraries: Vec<PathBuf>,
    pub executables: Vec<PathBuf>,
    pub desktop_files: Vec<PathBuf>,
    pub icon_files: Vec<PathBuf>,
    pub custom_apprun: Option<PathBuf>,
    pub plugins: Vec<String>,
    pub outputs: Vec<String>,
    pub exclude_libraries: Vec<String>,
    /// 0 debug, 1 info (the default), 2 warnings, 3 errors only.
    pub verbosity: u8,
    pub help: bool,
    pub version: bool,
    /// Ours: print the excludelist, one name a line (for checks outside this crate).
    pub print_excludelist: bool,
}

/// The flags that take a value, long and short names.
const WITH_VALUE: &[(&str, Option<char>)] = &[
    ("appdir", None),
    ("library", Some('l')),
    ("executable", Some('e')),
    ("desktop-file", Some('d')),
    ("icon-file", Some('i')),
    ("custom-apprun", None),
    ("plugin", Some('p')),
    ("output", Some('o')),
    ("exclude-library", None),
    ("verbosity", Some('v')),
];

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Options> {
    let mut options = Options {
        verbosity: 1,
        ..Options::default()
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        // The real linuxdeploy is an AppImage and its runtime takes these; ours is not.
        if text.starts_with("--appimage-") {
            continue;
        }
        match text.as_str() {
            "-h" | "--help" => {
                options.help = true;
                continue;
            }
            "-V" | "--version" => {
                options.version = true;
                continue;
            }
            "--print-excludelist" => {
                options.print_excludelist = true;
                continue;
            }
            _ => {}
        }
        let (flag, inline) = split_flag(&arg, &text)?;
        let value = match inline {
            Some(value) => value,
            None => args.next().ok_or(Error::MissingValue(text))?,
        };
        apply(&mut options, flag, value)?;
    }
    Ok(options)
}

/// The value of `arg` if it is `<flag>=<value>` (`flag` with its dashes: `--appdir`). The
/// value's bytes are taken from the argument itself, not a lossy text of it, so a path that
/// is not UTF-8 survives (splitting after an ASCII '=' is always valid).
pub fn inline_value(arg: &OsStr, flag: &str) -> Option<OsString> {
    let rest = arg.as_bytes().strip_prefix(flag.as_bytes())?;
    rest.strip_prefix(b"=").map(bytes_to_os)
}

/// Names the flag in `arg` and returns its inline value (`--flag=value`, `-lvalue`), if any.
fn split_flag(arg: &OsStr, text: &str) -> Result<(&'static str, Option<OsString>)> {
    let raw = arg.as_bytes();
    if let Some(long) = text.strip_prefix("--") {
        let name = long.split('=').next().unwrap_or(long);
        let (flag, _) = WITH_VALUE
            .iter()
            .find(|(candidate, _)| *candidate == name)
            .ok_or_else(|| Error::UnknownOption(text.to_owned()))?;
        let inline = inline_value(arg, &format!("--{name}"));
        return Ok((flag, inline));
    }
    let mut chars = text.chars();
    if chars.next() == Some('-')
        && let Some(short) = chars.next()
        && let Some((flag, _)) = WITH_VALUE.iter().find(|(_, s)| *s == Some(short))
    {
        let inline = (raw.len() > 2).then(|| bytes_to_os(&raw[2..]));
        return Ok((flag, inline));
    }
    Err(Error::UnexpectedArgument(text.to_owned()))
}

/// Rebuilds an `OsString` from a tail of another's bytes, split after an ASCII character.
fn bytes_to_os(bytes: &[u8]) -> OsString {
    OsStr::from_bytes(bytes).to_owned()
}

fn apply(options: &mut Options, flag: &str, value: OsString) -> Result<()> {
    let text = || value.to_string_lossy().into_owned();
    match flag {
        "appdir" => options.appdir = Some(value.into()),
        "library" => options.libraries.push(value.into()),
        "executable" => options.executables.push(value.into()),
        "desktop-file" => options.desktop_files.push(value.into()),
        "icon-file" => options.icon_files.push(value.into()),
        "custom-apprun" => options.custom_apprun = Some(value.into()),
        "plugin" => options.plugins.push(text()),
        "output" => options.outputs.push(text()),
        "exclude-library" => options.exclude_libraries.push(text()),
        "verbosity" => {
            options.verbosity = text()
                .parse::<u8>()
                .ok()
                .filter(|level| *level <= 3)
                .ok_or_else(|| Error::BadVerbosity(text()))?;
        }
        _ => unreachable!("every flag in WITH_VALUE is handled"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Options> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn the_tauri_cli_command_line() {
        let options = parse_strs(&[
            "--appimage-extract-and-run",
            "--verbosity",
            "1",
            "--appdir",
            "/t/bundle/appimage/Floorwalker.AppDir",
            "--plugin",
            "gtk",
            "--output",
            "appimage",
        ])
        .unwrap();
        assert_eq!(
            options.appdir,
            Some("/t/bundle/appimage/Floorwalker.AppDir".into())
        );
        assert_eq!(options.plugins, ["gtk"]);
        assert_eq!(options.outputs, ["appimage"]);
        assert_eq!(options.verbosity, 1);
    }

    #[test]
    fn the_gtk_plugin_callback() {
        let options = parse_strs(&[
            "--appdir=/t/A.AppDir",
            "--library=/usr/lib/x86_64-linux-gnu/libgio-2.0.so.0",
            "--library=/usr/lib/x86_64-linux-gnu/librsvg-2.so.2",
        ])
        .unwrap();
        assert_eq!(options.appdir, Some("/t/A.AppDir".into()));
        assert_eq!(options.libraries.len(), 2);
        assert!(options.plugins.is_empty() && options.outputs.is_empty());
    }

    #[test]
    fn short_flags_with_attached_or_separate_values() {
        let options = parse_strs(&["-l/lib/a.so", "-l", "/lib/b.so", "-ebin/app", "-v0"]).unwrap();
        assert_eq!(
            options.libraries,
            [PathBuf::from("/lib/a.so"), PathBuf::from("/lib/b.so")]
        );
        assert_eq!(options.executables, [PathBuf::from("bin/app")]);
        assert_eq!(options.verbosity, 0);
    }

    #[test]
    fn values_may_contain_equals_signs() {
        let options = parse_strs(&["--appdir=/t/a=b.AppDir"]).unwrap();
        assert_eq!(options.appdir, Some("/t/a=b.AppDir".into()));
    }

    #[test]
    fn unknown_flags_missing_values_and_bad_levels_are_errors() {
        assert!(matches!(
            parse_strs(&["--frobnicate"]),
            Err(Error::UnknownOption(option)) if option == "--frobnicate"
        ));
        assert!(matches!(
            parse_strs(&["--appdir"]),
            Err(Error::MissingValue(flag)) if flag == "--appdir"
        ));
        assert!(matches!(
            parse_strs(&["--verbosity", "7"]),
            Err(Error::BadVerbosity(level)) if level == "7"
        ));
        assert!(matches!(
            parse_strs(&["stray"]),
            Err(Error::UnexpectedArgument(_))
        ));
    }

    #[test]
    fn inline_values_keep_bytes_that_are_not_utf8() {
        let arg = OsStr::from_bytes(b"--appdir=/t/\xff.AppDir");
        assert_eq!(
            inline_value(arg, "--appdir").unwrap().as_bytes(),
            b"/t/\xff.AppDir"
        );
        let raw = OsStr::from_bytes(b"--appdir=/t/\xfe\xff");
        assert_eq!(
            inline_value(raw, "--appdir").unwrap().as_bytes(),
            b"/t/\xfe\xff"
        );
        assert_eq!(inline_value(OsStr::new("--appdir"), "--appdir"), None);
        assert_eq!(inline_value(OsStr::new("--appdirx=1"), "--appdir"), None);
        assert_eq!(
            inline_value(OsStr::new("--appdir="), "--appdir"),
            Some(OsString::new())
        );
    }

    #[test]
    fn help_version_and_the_excludelist_switch() {
        let options = parse_strs(&["--help", "--version", "--print-excludelist"]).unwrap();
        assert!(options.help && options.version && options.print_excludelist);
    }
}
