//! An ELF file's shared-library dependencies, as the system's dynamic loader resolves them.
//!
//! linuxdeploy asks `ldd` too: it lists the whole closure (dependencies of dependencies)
//! exactly as the loader would find them on this machine, which is what gets copied.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// One line of `ldd`'s output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The name the loader looked for (the `DT_NEEDED` entry), e.g. `libgtk-3.so.0`.
    pub name: String,
    /// Where it was found, or `None` for "not found".
    pub path: Option<PathBuf>,
}

/// Parses `ldd`'s standard output. The vDSO (no file) is left out; the loader, listed by
/// path alone, is kept with its file name as its name.
pub fn parse(output: &str) -> Vec<Dependency> {
    let mut dependencies = Vec::new();
    for line in output.lines() {
        let line = line.trim();
        if let Some((name, rest)) = line.split_once(" => ") {
            let rest = rest.trim();
            let path = if rest.starts_with("not found") {
                None
            } else {
                let path = rest.split(" (0x").next().unwrap_or(rest).trim();
                // "name =>  (0x...)": a vDSO-like entry with no file behind it.
                if path.is_empty() {
                    continue;
                }
                Some(PathBuf::from(path))
            };
            dependencies.push(Dependency {
                name: name.trim().to_owned(),
                path,
            });
        } else if let Some(path) = line.split(" (0x").next().filter(|p| p.starts_with('/')) {
            let name = Path::new(path)
                .file_name()
                .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned());
            dependencies.push(Dependency {
                name,
                path: Some(PathBuf::from(path)),
            });
        }
        // Anything else: the vDSO, "statically linked", "not a dynamic executable".
    }
    dependencies
}

/// Runs `ldd` on `file`. A static executable or a non-ELF file has no dependencies.
pub fn trace(file: &Path) -> Result<Vec<Dependency>> {
    let output = Command::new("ldd")
        .arg(file)
        // The AppDir's own search path must not leak into what the system resolves.
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LD_PRELOAD")
        .output()
        .map_err(|source| Error::Spawn {
            tool: "ldd".into(),
            source,
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stdout.contains("not a dynamic executable")
            || stderr.contains("not a dynamic executable")
        {
            return Ok(Vec::new());
        }
        return Err(Error::Tool {
            tool: format!("ldd {}", file.display()),
            status: output.status,
            detail: format!(": {}", stderr.trim()),
        });
    }
    Ok(parse(&stdout))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\tlinux-vdso.so.1 (0x00007ffc5e3f2000)\n\
        \tlibwebkit2gtk-4.1.so.0 => /lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0 (0x00007f0c2c000000)\n\
        \tlibmissing.so.3 => not found\n\
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0c2be1f000)\n\
        \t/lib64/ld-linux-x86-64.so.2 (0x00007f0c31a2b000)\n";

    #[test]
    fn resolved_missing_and_loader_lines() {
        let dependencies = parse(OUTPUT);
        assert_eq!(
            dependencies,
            [
                Dependency {
                    name: "libwebkit2gtk-4.1.so.0".into(),
                    path: Some("/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0".into()),
                },
                Dependency {
                    name: "libmissing.so.3".into(),
                    path: None
                },
                Dependency {
                    name: "libc.so.6".into(),
                    path: Some("/lib/x86_64-linux-gnu/libc.so.6".into()),
                },
                Dependency {
                    name: "ld-linux-x86-64.so.2".into(),
                    path: Some("/lib64/ld-linux-x86-64.so.2".into()),
                },
            ]
        );
    }

    #[test]
    fn static_executables_have_no_dependencies() {
        assert!(parse("\tstatically linked\n").is_empty());
        assert!(parse("\tnot a dynamic executable\n").is_empty());
    }

    #[test]
    fn paths_with_spaces_survive() {
        let dependencies = parse("\tlibx.so => /opt/my libs/libx.so (0x00007f0000000000)\n");
        assert_eq!(
            dependencies[0].path.as_deref(),
            Some(Path::new("/opt/my libs/libx.so"))
        );
    }

    #[test]
    fn tracing_a_real_binary_finds_libc() {
        let dependencies = trace(Path::new("/bin/sh")).unwrap();
        assert!(
            dependencies
                .iter()
                .any(|d| d.name == "libc.so.6" && d.path.is_some())
        );
    }
}
