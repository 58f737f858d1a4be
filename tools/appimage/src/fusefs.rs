//! The image served read-only over FUSE (the runtime's default way to run an AppImage).
//!
//! Inode numbers are node indexes plus one (the root is 1). The image never changes while
//! mounted, so attributes and directory entries are cached by the kernel for long, and
//! file pages are kept across opens (`FOPEN_KEEP_CACHE`): the second process to map
//! libwebkit (WebKit's web process after the app) gets it from the page cache.

use std::ffi::OsStr;
use std::time::{Duration, UNIX_EPOCH};

use fuser::{
    Errno, FileAttr, FileHandle, FileType, Filesystem, FopenFlags, Generation, INodeNo,
    KernelConfig, LockOwner, OpenAccMode, OpenFlags, ReplyAttr, ReplyData, ReplyDirectory,
    ReplyEntry, ReplyOpen, ReplyStatfs, Request,
};

use crate::image::{Image, Kind};

/// How long the kernel may cache attributes and lookups: the image is immutable.
const TTL: Duration = Duration::from_hours(1);

/// The filesystem: the image, and who owns its files (the user who mounted it, so that
/// permission checks pass as they would on an extracted copy).
#[derive(Debug)]
pub struct ImageFs {
    image: Image,
    uid: u32,
    gid: u32,
}

impl ImageFs {
    pub fn new(image: Image, uid: u32, gid: u32) -> Self {
        Self { image, uid, gid }
    }

    /// The node index for an inode number, if it is one of ours.
    fn index(&self, ino: INodeNo) -> Option<usize> {
        let index = usize::try_from(ino.0.checked_sub(1)?).ok()?;
        (index < self.image.len()).then_some(index)
    }

    fn attr(&self, index: usize) -> FileAttr {
        let image = &self.image;
        let kind = file_type(image.kind(index));
        let size = image.size(index);
        let mtime = UNIX_EPOCH + Duration::from_secs(u64::from(image.mtime(index)));
        let nlink = if kind == FileType::Directory {
            let subdirs = image.children(index).iter();
            2 + subdirs
                .filter(|c| image.kind(**c) == Kind::Directory)
                .count() as u32
        } else {
            1
        };
        FileAttr {
            ino: INodeNo(index as u64 + 1),
            size,
            blocks: size.div_ceil(512),
            atime: mtime,
            mtime,
            ctime: mtime,
            crtime: mtime,
            kind,
            perm: image.permissions(index),
            nlink,
            uid: self.uid,
            gid: self.gid,
            rdev: 0,
            blksize: 4096,
            flags: 0,
        }
    }
}

fn file_type(kind: Kind) -> FileType {
    match kind {
        Kind::Directory => FileType::Directory,
        // Devices and fifos are not served; shown as empty files if they ever appear.
        Kind::File | Kind::Other => FileType::RegularFile,
        Kind::Symlink => FileType::Symlink,
    }
}

impl Filesystem for ImageFs {
    fn init(&mut self, _req: &Request, config: &mut KernelConfig) -> std::io::Result<()> {
        // Large readahead: libraries are read sequentially at startup. The kernel caps it.
        let _ = config.set_max_readahead(1 << 20);
        Ok(())
    }

    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let Some(dir) = self.index(parent) else {
            return reply.error(Errno::ENOENT);
        };
        match self.image.lookup(dir, name) {
            Some(child) => reply.entry(&TTL, &self.attr(child), Generation(0)),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        match self.index(ino) {
            Some(index) => reply.attr(&TTL, &self.attr(index)),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn readlink(&self, _req: &Request, ino: INodeNo, reply: ReplyData) {
        match self
            .index(ino)
            .and_then(|index| self.image.link_target(index))
        {
            Some(target) => reply.data(target.as_os_str().as_encoded_bytes()),
            None => reply.error(Errno::EINVAL),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, flags: OpenFlags, reply: ReplyOpen) {
        let Some(index) = self.index(ino) else {
            return reply.error(Errno::ENOENT);
        };
        if self.image.kind(index) == Kind::Directory {
            return reply.error(Errno::EISDIR);
        }
        if flags.acc_mode() != OpenAccMode::O_RDONLY {
            return reply.error(Errno::EROFS);
        }
        reply.opened(FileHandle(0), FopenFlags::FOPEN_KEEP_CACHE);
    }

    fn read(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyData,
    ) {
        let Some(index) = self.index(ino) else {
            return reply.error(Errno::ENOENT);
        };
        match self.image.read(index, offset, size as usize) {
            Ok(data) => reply.data(&data),
            Err(error) => {
                let path = self.image.relative_path(index).display();
                eprintln!("fw-appimage-runtime: reading {path}: {error}");
                reply.error(Errno::EIO);
            }
        }
    }

    fn opendir(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        match self.index(ino).map(|index| self.image.kind(index)) {
            Some(Kind::Directory) => reply.opened(FileHandle(0), FopenFlags::FOPEN_KEEP_CACHE),
            Some(_) => reply.error(Errno::ENOTDIR),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn readdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectory,
    ) {
        let Some(dir) = self.index(ino) else {
            return reply.error(Errno::ENOENT);
        };
        let parent = self.image.parent(dir);
        // Entry k (".", "..", then the children) is followed by offset k + 1.
        let dots = [(dir, OsStr::new(".")), (parent, OsStr::new(".."))];
        let children = self
            .image
            .children(dir)
            .iter()
            .map(|c| (*c, self.image.name(*c)));
        let entries = dots.into_iter().chain(children).enumerate();
        for (position, (index, name)) in entries.skip(usize::try_from(offset).unwrap_or(usize::MAX))
        {
            let kind = file_type(self.image.kind(index));
            if reply.add(INodeNo(index as u64 + 1), position as u64 + 1, kind, name) {
                break;
            }
        }
        reply.ok();
    }

    fn statfs(&self, _req: &Request, _ino: INodeNo, reply: ReplyStatfs) {
        let files = self.image.len() as u64;
        reply.statfs(0, 0, 0, files, 0, 4096, 255, 4096);
    }
}
