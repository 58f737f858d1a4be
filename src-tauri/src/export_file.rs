//! Writing an export to a file the user named, safely: the rows go to a temporary file in the
//! same folder, written on a blocking thread fed through a bounded channel (the survey desk
//! writes to any `Write` from async code, and disk writes must not stall the async workers),
//! then the file is renamed into place, so a failed export never leaves half a file under
//! the name the user asked for.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Bytes gathered before they are handed to the writing thread.
const CHUNK: usize = 256 * 1024;
/// Chunks in flight: the export waits when the disk is slower (backpressure, bounded memory).
const CHUNKS_IN_FLIGHT: usize = 8;

/// Why an export file could not be written.
#[derive(Debug)]
pub enum ExportFileError {
    /// The file exists and the user has not said to replace it.
    Exists(PathBuf),
    Io(String),
}

/// A `Write` that hands its bytes to the writing thread.
pub struct ChannelWriter {
    chunk: Vec<u8>,
    sender: Option<SyncSender<Vec<u8>>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunk.extend_from_slice(buf);
        if self.chunk.len() >= CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        let sender = self.sender.as_ref().ok_or_else(closed)?;
        sender.send(chunk).map_err(|_| closed())
    }

    /// Sends what is left and closes the channel, so the writing thread finishes.
    pub fn finish(mut self) -> io::Result<()> {
        let sent = self.send();
        self.sender = None;
        sent
    }
}

fn closed() -> io::Error {
    io::Error::new(
        io::ErrorKind::BrokenPipe,
        "the export file stopped taking rows",
    )
}

/// The checked target and the temporary file next to it.
#[derive(Clone, Debug)]
pub struct ExportTarget {
    pub path: PathBuf,
    temp: PathBuf,
    overwrite: bool,
}

/// Checks the path the user gave: absolute, in an existing folder, not a folder itself, and
/// not an existing file unless `overwrite`.
pub fn target(path: &str, overwrite: bool) -> Result<ExportTarget, ExportFileError> {
    let path = PathBuf::from(path.trim());
    let io = |message: String| ExportFileError::Io(message);
    if !path.is_absolute() {
        return Err(io(format!("{} is not a full path", path.display())));
    }
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(io(format!("{} names no file", path.display())));
    };
    if !folder.is_dir() {
        return Err(io(format!("there is no folder {}", folder.display())));
    }
    if path.is_dir() {
        return Err(io(format!("{} is a folder", path.display())));
    }
    if path.exists() && !overwrite {
        return Err(ExportFileError::Exists(path));
    }
    let temp = folder.join(format!(
        ".{}.{}.part",
        name.to_string_lossy(),
        std::process::id()
    ));
    Ok(ExportTarget {
        path,
        temp,
        overwrite,
    })
}

/// Opens the temporary file and starts the thread that writes it; the returned task
/// resolves when the writer is finished (or the disk failed).
pub fn start(
    target: &ExportTarget,
) -> Result<(ChannelWriter, tokio::task::JoinHandle<io::Result<()>>), ExportFileError> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&target.temp)
        .map_err(|e| ExportFileError::Io(format!("{}: {e}", target.temp.display())))?;
    let (sender, receiver) = sync_channel(CHUNKS_IN_FLIGHT);
    let task = tokio::task::spawn_blocking(move || write_all(file, &receiver));
    Ok((
        ChannelWriter {
            chunk: Vec::with_capacity(CHUNK),
            sender: Some(sender),
        },
        task,
    ))
}

fn write_all(file: File, receiver: &Receiver<Vec<u8>>) -> io::Result<()> {
    let mut out = BufWriter::new(file);
    for chunk in receiver {
        out.write_all(&chunk)?;
    }
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    // The export is the record a manager hands on: on disk before it is reported written.
    file.sync_all()
}

/// Moves the finished temporary file to its name (refusing, unless allowed, a file that
/// appeared meanwhile). Blocking: call from a blocking task.
pub fn commit(target: &ExportTarget) -> Result<(), ExportFileError> {
    if !target.overwrite && target.path.exists() {
        discard(target);
        return Err(ExportFileError::Exists(target.path.clone()));
    }
    std::fs::rename(&target.temp, &target.path).map_err(|e| {
        discard(target);
        ExportFileError::Io(format!("{}: {e}", target.path.display()))
    })
}

/// Removes the temporary file of a failed export.
pub fn discard(target: &ExportTarget) {
    if let Err(error) = std::fs::remove_file(&target.temp)
        && error.kind() != io::ErrorKind::NotFound
    {
        tracing::warn!(%error, path = %target.temp.display(), "a failed export's temporary file stays");
    }
}

/// `floorwalker-surveys-2025-03-14-2130.csv` in `folder`.
pub fn default_path(folder: &Path, local_stamp: &str) -> PathBuf {
    folder.join(format!("floorwalker-surveys-{local_stamp}.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fw-export-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[tokio::test]
    async fn rows_reach_the_file_only_once_committed_and_nothing_is_overwritten_unasked() {
        let dir = folder("commit");
        let path = dir.join("out.csv");
        let target = target(path.to_str().unwrap(), false).expect("a new file");
        let (mut writer, task) = start(&target).expect("opened");
        for i in 0..100_000 {
            writeln!(writer, "row {i},满意").unwrap();
        }
        writer.finish().unwrap();
        task.await.unwrap().unwrap();
        assert!(!path.exists(), "not under its name before the commit");
        commit(&target).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(matches!(
            super::target(path.to_str().unwrap(), false),
            Err(ExportFileError::Exists(_))
        ));
        assert!(super::target(path.to_str().unwrap(), true).is_ok());
        assert!(matches!(
            super::target("relative.csv", true),
            Err(ExportFileError::Io(_))
        ));
        assert!(matches!(
            super::target(dir.to_str().unwrap(), true),
            Err(ExportFileError::Io(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_discarded_export_leaves_no_file() {
        let dir = folder("discard");
        let path = dir.join("out.csv");
        let target = target(path.to_str().unwrap(), false).unwrap();
        let (mut writer, task) = start(&target).unwrap();
        writer.write_all(b"half").unwrap();
        writer.finish().unwrap();
        task.await.unwrap().unwrap();
        discard(&target);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
