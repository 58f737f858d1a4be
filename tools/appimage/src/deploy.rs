//! Copies executables and their shared libraries into an AppDir, as linuxdeploy does.
//!
//! Every ELF file already in the AppDir (the app in `usr/bin`, WebKit's helper processes
//! that Tauri copies below `usr/lib`, the modules the GTK plugin copies) is traced with
//! `ldd`, and every library it resolves to, less the [excludelist](crate::excludelist), is
//! copied to `usr/lib` under the name the loader looks for. linuxdeploy also rewrites
//! each file's RPATH to `$ORIGIN/../lib`; we leave the files untouched and let the AppRun
//! put `usr/lib` first on `LD_LIBRARY_PATH` (as the AppImageKit AppRun Tauri ships does),
//! which also reaches WebKit's helper processes since they inherit the environment.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::excludelist::is_excluded;
use crate::ldd;
use crate::log::Log;
use crate::pattern::Pattern;

/// Deploys into one AppDir, remembering what it already traced and copied.
#[derive(Debug)]
pub struct Deployer {
    appdir: PathBuf,
    exclude: Vec<Pattern>,
    traced: HashSet<PathBuf>,
    log: Log,
}

impl Deployer {
    /// Creates the AppDir's basic layout (as linuxdeploy does) if it is not there yet.
    pub fn new(appdir: &Path, exclude: &[String], log: Log) -> Result<Self> {
        for dir in [
            "usr/bin",
            "usr/lib",
            "usr/share/applications",
            "usr/share/icons/hicolor",
        ] {
            let path = appdir.join(dir);
            fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
        Ok(Self {
            appdir: appdir.to_path_buf(),
            exclude: exclude.iter().map(|p| Pattern::new(p)).collect(),
            traced: HashSet::new(),
            log,
        })
    }

    fn lib_dir(&self) -> PathBuf {
        self.appdir.join("usr/lib")
    }

    /// `--library`: copies `source` into `usr/lib` under its own file name (following a
    /// symlink to its contents, as linuxdeploy does), then its dependencies.
    pub fn deploy_library(&mut self, source: &Path) -> Result<()> {
        let name = file_name(source)?;
        if is_excluded(&name, &self.exclude) {
            self.log
                .debug(format_args!("not deploying excluded library {name}"));
            return Ok(());
        }
        copy_new(source, &self.lib_dir().join(&name), self.log)?;
        self.deploy_dependencies(source, false)
    }

    /// `--executable`: copies `source` into `usr/bin`, then its dependencies.
    pub fn deploy_executable(&mut self, source: &Path) -> Result<()> {
        let target = self.appdir.join("usr/bin").join(file_name(source)?);
        copy_new(source, &target, self.log)?;
        self.deploy_dependencies(source, true)
    }

    /// Traces every ELF file in the AppDir not traced yet, except the libraries directly
    /// in `usr/lib`: those were copied as part of a closure that `ldd` already listed whole.
    /// Missing libraries are an error for the programs in `usr/bin` and a warning for the
    /// rest (a print backend whose optional library is not installed must not stop a build).
    pub fn deploy_dependencies_of_existing_files(&mut self) -> Result<()> {
        let mut roots = Vec::new();
        collect_elf_files(&self.appdir, &mut roots)?;
        roots.sort();
        let lib_dir = self.lib_dir();
        let bin_dir = self.appdir.join("usr/bin");
        for file in roots {
            if file.parent() == Some(lib_dir.as_path()) {
                continue;
            }
            let strict = file.parent() == Some(bin_dir.as_path());
            self.deploy_dependencies(&file, strict)?;
        }
        Ok(())
    }

    /// Copies the libraries `elf` needs (the whole closure, as `ldd` lists it).
    fn deploy_dependencies(&mut self, elf: &Path, strict: bool) -> Result<()> {
        if !self.traced.insert(elf.to_path_buf()) {
            return Ok(());
        }
        self.log.debug(format_args!("tracing {}", elf.display()));
        let mut missing = Vec::new();
        for dependency in ldd::trace(elf)? {
            if is_excluded(&dependency.name, &self.exclude) {
                continue;
            }
            let Some(source) = dependency.path else {
                missing.push(dependency.name);
                continue;
            };
            let target = self.lib_dir().join(&dependency.name);
            // Its own dependencies are in the same ldd listing, so no recursion is needed.
            copy_new(&source, &target, self.log)?;
        }
        if missing.is_empty() {
            Ok(())
        } else if strict {
            Err(Error::MissingLibraries(
                elf.to_path_buf(),
                missing.join(", "),
            ))
        } else {
            self.log.warn(format_args!(
                "{} needs libraries that are not installed: {}",
                elf.display(),
                missing.join(", ")
            ));
            Ok(())
        }
    }
}

/// The file name of `path` as text (library names are ASCII in practice).
fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"),
            )
        })
}

/// Copies `source` (its contents, through symlinks) to `target` unless `target` exists:
/// a file placed or patched earlier (Tauri's GTK plugin patches libwebkit in place) wins.
fn copy_new(source: &Path, target: &Path, log: Log) -> Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    log.debug(format_args!(
        "deploying {} to {}",
        source.display(),
        target.display()
    ));
    fs::copy(source, target).map_err(|e| Error::io(source, e))?;
    Ok(())
}

/// Whether `path` is a regular file starting with the ELF magic.
pub fn is_elf(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .is_ok()
        && magic == *b"\x7fELF"
}

/// Collects the regular ELF files below `dir`, not following symlinks.
pub fn collect_elf_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            collect_elf_files(&path, out)?;
        } else if kind.is_file() && is_elf(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> Log {
        Log {
            program: "test",
            level: 3,
        }
    }

    #[test]
    fn an_executable_brings_its_libraries_but_not_the_excluded_ones() {
        let dir = tempfile::tempdir().unwrap();
        let appdir = dir.path().join("A.AppDir");
        let mut deployer = Deployer::new(&appdir, &[], quiet()).unwrap();
        // A system program with a library outside the excludelist: find one.
        let candidates = [
            "/usr/bin/xz",
            "/usr/bin/zstd",
            "/usr/bin/gpg",
            "/usr/bin/tar",
        ];
        let program = candidates
            .iter()
            .map(Path::new)
            .find(|p| ldd::trace(p).is_ok_and(|d| d.iter().any(|d| !is_excluded(&d.name, &[]))))
            .expect("a program with a bundleable library");
        deployer.deploy_executable(program).unwrap();
        let bundled: Vec<String> = fs::read_dir(appdir.join("usr/lib"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !bundled.is_empty(),
            "nothing deployed for {}",
            program.display()
        );
        assert!(
            !bundled.iter().any(|name| is_excluded(name, &[])),
            "{bundled:?}"
        );
        assert!(
            appdir
                .join("usr/bin")
                .join(program.file_name().unwrap())
                .is_file()
        );
    }

    #[test]
    fn a_file_already_in_place_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("libpatched.so");
        fs::write(&target, b"patched in place").unwrap();
        copy_new(Path::new("/bin/sh"), &target, quiet()).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"patched in place");
    }

    #[test]
    fn elf_files_are_found_below_symlinks_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("usr/lib/sub")).unwrap();
        fs::copy("/bin/sh", dir.path().join("usr/lib/sub/tool")).unwrap();
        fs::write(dir.path().join("usr/lib/readme.txt"), "text").unwrap();
        std::os::unix::fs::symlink("/bin/sh", dir.path().join("usr/lib/link")).unwrap();
        let mut found = Vec::new();
        collect_elf_files(dir.path(), &mut found).unwrap();
        assert_eq!(found, [dir.path().join("usr/lib/sub/tool")]);
    }
}
