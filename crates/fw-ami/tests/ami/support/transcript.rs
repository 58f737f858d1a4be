//! Reads the recorded transcripts in `tests/fixtures/asterisk/transcripts` (a copy, kept in
//! the repository, of the shared fixtures recorded from a real Asterisk 22).
//!
//! The files are not raw wire bytes: each block starts with a marker line
//! (`#< +S.mmm recv`, `#> +S.mmm sent`, `## +S.mmm NOTE …`), frames follow with line
//! ends normalised to LF, and the greeting is followed by a blank line that is not on the
//! wire. This reader turns them back into what crossed the socket (CRLF, greeting line
//! alone), so the codec is tested on the real wire shape. It lives in the tests: the
//! library only ever sees bytes.

use std::path::{Path, PathBuf};

/// Which way a block went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Asterisk → client.
    Recv,
    /// Client → Asterisk.
    Sent,
}

/// One marked block of a transcript.
#[derive(Debug, Clone)]
pub struct Segment {
    pub direction: Direction,
    /// Milliseconds after connecting.
    pub at_ms: u64,
    /// The block's lines, without line ends; the last is the blank frame terminator.
    pub lines: Vec<String>,
}

impl Segment {
    /// The block as wire bytes: CRLF line ends, and no blank line after a greeting.
    pub fn wire(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut lines = self.lines.iter().peekable();
        while let Some(line) = lines.next() {
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(b"\r\n");
            let greeting = line.starts_with("Asterisk Call Manager/") && !line.contains(':');
            if greeting && lines.peek().is_some_and(|next| next.is_empty()) {
                lines.next();
            }
        }
        out
    }
}

/// A parsed transcript file.
#[derive(Debug, Clone)]
pub struct Transcript {
    /// File name, e.g. `01-queue-flow.txt`.
    pub name: String,
    pub segments: Vec<Segment>,
    /// The `## … NOTE` lines, for readers.
    pub notes: Vec<String>,
}

impl Transcript {
    /// Parses a transcript; `None` when the file has no direction markers (so it is not
    /// an AMI transcript, like the queue_log sample).
    pub fn parse(name: &str, text: &str) -> Option<Self> {
        let mut segments: Vec<Segment> = Vec::new();
        let mut notes = Vec::new();
        let mut in_segment = false;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                notes.push(rest.to_owned());
                in_segment = false;
            } else if let Some((direction, rest)) = marker(line) {
                segments.push(Segment {
                    direction,
                    at_ms: parse_ms(rest)?,
                    lines: Vec::new(),
                });
                in_segment = true;
            } else if in_segment {
                segments.last_mut()?.lines.push(line.to_owned());
            } else if !line.is_empty() {
                return None; // text outside any block: not a transcript
            }
        }
        (!segments.is_empty()).then(|| Self {
            name: name.to_owned(),
            segments,
            notes,
        })
    }

    /// Everything that went one way, as one byte stream.
    pub fn wire(&self, direction: Direction) -> Vec<u8> {
        self.segments
            .iter()
            .filter(|s| s.direction == direction)
            .flat_map(Segment::wire)
            .collect()
    }

    /// Everything Asterisk sent.
    pub fn received(&self) -> Vec<u8> {
        self.wire(Direction::Recv)
    }
}

fn marker(line: &str) -> Option<(Direction, &str)> {
    if let Some(rest) = line.strip_prefix("#< ") {
        Some((Direction::Recv, rest))
    } else {
        line.strip_prefix("#> ").map(|rest| (Direction::Sent, rest))
    }
}

/// `+S.mmm recv` → milliseconds.
fn parse_ms(rest: &str) -> Option<u64> {
    let stamp = rest.split_whitespace().next()?.strip_prefix('+')?;
    let (secs, millis) = stamp.split_once('.')?;
    Some(secs.parse::<u64>().ok()? * 1000 + millis.parse::<u64>().ok()?)
}

/// The fixture folder: `shared/` sits beside the repository checkout.
pub fn transcripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/asterisk/transcripts")
}

/// Every file in the fixture folder, sorted, with its contents.
pub fn files() -> Vec<(String, String)> {
    let dir = transcripts_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// The AMI transcripts (files with direction markers), sorted by name.
pub fn all() -> Vec<Transcript> {
    files()
        .iter()
        .filter_map(|(name, text)| Transcript::parse(name, text))
        .collect()
}
