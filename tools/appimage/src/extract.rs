//! Extracting an AppImage's image to a directory (`--appimage-extract`, and the first half
//! of `--appimage-extract-and-run`).

use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use crate::error::Result;
use crate::image::{Image, Kind};
use crate::pattern::Pattern;
use crate::treewriter::TreeWriter;

/// Extracts the nodes whose path relative to the root matches `pattern` (all of them
/// without one) below `dest`, with their parent directories. Returns how many nodes were
/// written. `dest` must be missing or an empty directory: unlike the official runtime, which
/// writes into an existing `squashfs-root`, nothing is overwritten (see [`TreeWriter`] for
/// why), so a second extraction needs the first moved away.
pub fn extract(image: &Image, dest: &Path, pattern: Option<&Pattern>) -> Result<usize> {
    let mut writer = TreeWriter::new(dest)?;
    let mut written = 0;
    for index in image.indexes().skip(1) {
        let relative = image.relative_path(index);
        if let Some(pattern) = pattern
            && !pattern.matches(&relative.to_string_lossy())
        {
            continue;
        }
        let mode = u32::from(image.permissions(index));
        match image.kind(index) {
            Kind::Directory => writer.directory(relative, mode)?,
            Kind::File => {
                let mtime = UNIX_EPOCH + Duration::from_secs(u64::from(image.mtime(index)));
                writer.file(relative, mode, mtime, |file| {
                    image.copy_to(index, file).map(drop)
                })?;
            }
            Kind::Symlink => {
                let link = image.link_target(index).expect("a symlink has a target");
                writer.symlink(relative, link)?;
            }
            Kind::Other => continue,
        }
        written += 1;
    }
    writer.finish()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::{PermissionsExt, symlink};
    use std::process::Command;

    /// A squashfs image (zstd, as the packer makes them) of a small tree, at `offset` in
    /// a file that starts with `offset` bytes of filler, like an AppImage's runtime.
    fn image_of_tree(root: &Path, offset: usize) -> std::path::PathBuf {
        let tree = root.join("tree");
        fs::create_dir_all(tree.join("usr/bin")).unwrap();
        fs::create_dir_all(tree.join("usr/share/empty")).unwrap();
        fs::write(tree.join("AppRun"), "#!/bin/sh\necho run\n").unwrap();
        fs::set_permissions(tree.join("AppRun"), fs::Permissions::from_mode(0o755)).unwrap();
        // Large enough for several 128 KiB blocks plus a fragment tail.
        let big: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(tree.join("usr/bin/big"), &big).unwrap();
        symlink("usr/bin/big", tree.join("big.link")).unwrap();
        let squashfs = root.join("tree.squashfs");
        let status = Command::new("mksquashfs")
            .arg(&tree)
            .arg(&squashfs)
            .args([
                "-root-owned",
                "-noappend",
                "-quiet",
                "-no-progress",
                "-comp",
                "zstd",
            ])
            .status()
            .expect("mksquashfs (squashfs-tools) is installed by scripts/install-deps.sh");
        assert!(status.success());
        let mut bytes = vec![0x55u8; offset];
        bytes.extend(fs::read(&squashfs).unwrap());
        let combined = root.join("combined");
        fs::write(&combined, bytes).unwrap();
        combined
    }

    #[test]
    fn extracts_files_links_and_modes_from_an_offset_image() {
        let dir = tempfile::tempdir().unwrap();
        let image = Image::open(&image_of_tree(dir.path(), 4096), 4096).unwrap();
        let dest = dir.path().join("squashfs-root");
        extract(&image, &dest, None).unwrap();
        let big = fs::read(dest.join("usr/bin/big")).unwrap();
        assert_eq!(big.len(), 700_000);
        assert!(big.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8));
        assert_eq!(
            fs::read_link(dest.join("big.link")).unwrap(),
            Path::new("usr/bin/big")
        );
        let mode = fs::metadata(dest.join("AppRun"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o755);
        assert!(dest.join("usr/share/empty").is_dir());
        // A second extraction does not write into the first.
        assert!(matches!(
            extract(&image, &dest, None),
            Err(crate::Error::NotEmpty(_))
        ));
    }

    #[test]
    fn a_pattern_extracts_only_what_matches_with_its_parents() {
        let dir = tempfile::tempdir().unwrap();
        let image = Image::open(&image_of_tree(dir.path(), 0), 0).unwrap();
        let dest = dir.path().join("out");
        let written = extract(&image, &dest, Some(&Pattern::new("usr/bin/*"))).unwrap();
        assert_eq!(written, 1);
        assert!(dest.join("usr/bin/big").is_file());
        assert!(!dest.join("AppRun").exists());
    }

    #[test]
    fn reads_in_the_middle_and_past_the_end_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let image = Image::open(&image_of_tree(dir.path(), 512), 512).unwrap();
        let big = image.find(Path::new("usr/bin/big")).unwrap();
        assert_eq!(image.kind(big), Kind::File);
        // Across the boundary of the second and third 128 KiB blocks.
        let data = image.read(big, 262_100, 100).unwrap();
        assert_eq!(data.len(), 100);
        assert!(
            data.iter()
                .enumerate()
                .all(|(i, b)| *b == ((262_100 + i) % 251) as u8)
        );
        // In the fragment tail, cut at the end of the file.
        assert_eq!(image.read(big, 699_990, 100).unwrap().len(), 10);
        assert!(image.read(big, 800_000, 10).unwrap().is_empty());
        // The index: names, parents, lookups.
        let usr = image.find(Path::new("usr")).unwrap();
        assert_eq!(image.parent(big), image.find(Path::new("usr/bin")).unwrap());
        assert_eq!(image.parent(usr), 0);
        let names: Vec<_> = image
            .children(0)
            .iter()
            .map(|i| image.name(*i).to_owned())
            .collect();
        assert_eq!(names, ["AppRun", "big.link", "usr"]);
        // A symlink's size is its target's length ("usr/bin/big").
        assert_eq!(image.size(image.find(Path::new("big.link")).unwrap()), 11);
    }
}
