//! The squashfs image inside an AppImage, opened with backhand and indexed for lookups.
//!
//! backhand lists every node sorted by full path; the index adds what a filesystem needs
//! on top: each node's parent, name and direct children (sorted, so lookups are binary
//! searches). Node `i` in backhand's list is inode `i + 1` (the root is inode 1, as FUSE
//! requires).

use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use backhand::{FilesystemReader, InnerNode, Node, SquashfsFileReader};

use crate::elf::elf_size;
use crate::error::{Error, Result};

/// What a node is, with what each kind needs to be served or extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Directory,
    File,
    Symlink,
    /// Devices, fifos and sockets: listed, but with no content (AppDirs have none).
    Other,
}

/// An opened image and its index.
pub struct Image {
    path: PathBuf,
    offset: u64,
    reader: FilesystemReader<'static>,
    /// Per node: its parent's index (the root is its own parent).
    parents: Vec<usize>,
    /// Per node: its direct children's indexes, sorted by name (empty unless a directory).
    children: Vec<Vec<usize>>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("path", &self.path)
            .field("offset", &self.offset)
            .field("nodes", &self.parents.len())
            .finish_non_exhaustive()
    }
}

/// Finds where the squashfs image starts in the AppImage at `path`.
pub fn payload_offset(path: &Path) -> Result<u64> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    elf_size(&mut file)
        .map_err(|e| Error::io(path, e))?
        .map_err(|source| Error::Elf {
            path: path.to_path_buf(),
            source,
        })
}

impl Image {
    /// Opens the squashfs image at `offset` in the file at `path`.
    pub fn open(path: &Path, offset: u64) -> Result<Self> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let squashfs_error = |source| Error::Squashfs {
            path: path.to_path_buf(),
            source,
        };
        let reader = FilesystemReader::from_reader_with_offset(BufReader::new(file), offset)
            .map_err(squashfs_error)?;
        let nodes = &reader.root.nodes;
        let mut parents = vec![0; nodes.len()];
        let mut children = vec![Vec::new(); nodes.len()];
        // Nodes are sorted by path, so a node's parent comes before it and a stack of open
        // directories finds it.
        let mut stack: Vec<usize> = Vec::new();
        for (index, node) in nodes.iter().enumerate().skip(1) {
            while let Some(&top) = stack.last() {
                if node.fullpath.starts_with(&nodes[top].fullpath) {
                    break;
                }
                stack.pop();
            }
            let parent = stack.last().copied().unwrap_or(0);
            parents[index] = parent;
            children[parent].push(index);
            if matches!(node.inner, InnerNode::Dir(_)) {
                stack.push(index);
            }
        }
        let mut image = Self {
            path: path.to_path_buf(),
            offset,
            reader,
            parents,
            children,
        };
        // Sort children by name bytes so that lookup can binary-search them.
        let mut sorted = std::mem::take(&mut image.children);
        for list in &mut sorted {
            list.sort_by(|a, b| image.name(*a).as_bytes().cmp(image.name(*b).as_bytes()));
        }
        image.children = sorted;
        Ok(image)
    }

    /// How many nodes the image has (inodes are 1 to this).
    pub fn len(&self) -> usize {
        self.parents.len()
    }

    /// Whether the image has no nodes at all (never true for a valid image: it has a root).
    pub fn is_empty(&self) -> bool {
        self.parents.is_empty()
    }

    fn node(&self, index: usize) -> &Node<SquashfsFileReader> {
        &self.reader.root.nodes[index]
    }

    /// The node's path relative to the root (`""` for the root itself).
    pub fn relative_path(&self, index: usize) -> &Path {
        let full = &self.node(index).fullpath;
        full.strip_prefix("/").unwrap_or(full)
    }

    /// The node's own name (`""` for the root).
    pub fn name(&self, index: usize) -> &OsStr {
        self.node(index).fullpath.file_name().unwrap_or_default()
    }

    pub fn parent(&self, index: usize) -> usize {
        self.parents[index]
    }

    pub fn children(&self, index: usize) -> &[usize] {
        &self.children[index]
    }

    pub fn kind(&self, index: usize) -> Kind {
        match self.node(index).inner {
            InnerNode::Dir(_) => Kind::Directory,
            InnerNode::File(_) => Kind::File,
            InnerNode::Symlink(_) => Kind::Symlink,
            _ => Kind::Other,
        }
    }

    /// Permission bits (the `mode` without the file type).
    pub fn permissions(&self, index: usize) -> u16 {
        self.node(index).header.permissions & 0o7777
    }

    pub fn mtime(&self, index: usize) -> u32 {
        self.node(index).header.mtime
    }

    /// Size in bytes: a file's length, a symlink's target length, 0 otherwise.
    pub fn size(&self, index: usize) -> u64 {
        match &self.node(index).inner {
            InnerNode::File(file) => file.file_len() as u64,
            InnerNode::Symlink(link) => link.link.as_os_str().len() as u64,
            _ => 0,
        }
    }

    /// A symlink's target.
    pub fn link_target(&self, index: usize) -> Option<&Path> {
        match &self.node(index).inner {
            InnerNode::Symlink(link) => Some(&link.link),
            _ => None,
        }
    }

    /// The child of `dir` named `name`.
    pub fn lookup(&self, dir: usize, name: &OsStr) -> Option<usize> {
        let children = self.children.get(dir)?;
        children
            .binary_search_by(|child| self.name(*child).as_bytes().cmp(name.as_bytes()))
            .ok()
            .map(|at| children[at])
    }

    /// The node at `relative` (`a/b/c`), resolving no symlinks.
    pub fn find(&self, relative: &Path) -> Option<usize> {
        relative
            .components()
            .try_fold(0, |dir, part| self.lookup(dir, part.as_os_str()))
    }

    /// Up to `size` bytes of a file from `offset` (fewer at the end of the file).
    pub fn read(&self, index: usize, offset: u64, size: usize) -> Result<Vec<u8>> {
        let InnerNode::File(file) = &self.node(index).inner else {
            return Ok(Vec::new());
        };
        let len = file.file_len() as u64;
        if offset >= len {
            return Ok(Vec::new());
        }
        let wanted = usize::try_from((len - offset).min(size as u64)).unwrap_or(size);
        let mut reader = self.reader.file(file).reader();
        let io_error = |e| Error::io(&self.path, e);
        // backhand's seek skips whole blocks without decompressing them, so a read in the
        // middle of a large library costs one or two blocks, not the blocks before it.
        reader.seek(SeekFrom::Start(offset)).map_err(io_error)?;
        let mut data = vec![0u8; wanted];
        reader.read_exact(&mut data).map_err(io_error)?;
        Ok(data)
    }

    /// Streams a whole file into `out`.
    pub fn copy_to(&self, index: usize, out: &mut impl std::io::Write) -> Result<u64> {
        let InnerNode::File(file) = &self.node(index).inner else {
            return Ok(0);
        };
        let mut reader = self.reader.file(file).reader();
        std::io::copy(&mut reader, out).map_err(|e| Error::io(&self.path, e))
    }

    /// All node indexes in path order (the root first).
    pub fn indexes(&self) -> std::ops::Range<usize> {
        0..self.len()
    }
}
