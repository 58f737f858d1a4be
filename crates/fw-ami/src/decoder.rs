//! [`Decoder`]: bytes in, frames out, without IO.
//!
//! The connector owns the socket and hands whatever it read to [`Decoder::feed`]; the
//! decoder never blocks, never allocates beyond one frame plus one partial line, and never
//! panics. Every failure is a [`DecodeError`] after which the decoder has resynchronised
//! at the next blank line, because AMI has no other framing to recover by.

use crate::error::DecodeError;
use crate::frame::{Frame, is_valid_key};
use crate::greeting::Greeting;
use crate::message::Message;

/// The default limit on one frame. The largest frame in the recorded transcripts (the
/// `ListCommands` response) is under 6 KiB; 64 KiB leaves room for long `Command` output
/// while still bounding what a peer that never sends a blank line can make us hold.
pub const DEFAULT_MAX_FRAME_BYTES: usize = 64 * 1024;

/// Longest excerpt of a bad line kept in an error, so a log line stays a line.
const EXCERPT_CHARS: usize = 64;

/// One unit of the inbound stream: the greeting line or a `Key: value` frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// `Asterisk Call Manager/x.y.z`, a single line with no blank line after it.
    Greeting(Greeting),
    /// A frame ended by a blank line.
    Frame(Frame),
}

/// Decodes the AMI byte stream into [`Decoded`] units, incrementally.
///
/// Lines end in CRLF on the wire; a bare LF is accepted too (captures, `nc`, some
/// proxies), and a frame ends at the first empty line. Blank lines between frames are
/// ignored, so a greeting followed by a blank line (as the recorded transcripts show it)
/// decodes the same as the real wire. Results do not depend on how the bytes were split
/// across [`Decoder::feed`] calls.
///
/// The frame limit counts each line's bytes plus one for its line end.
#[derive(Debug)]
pub struct Decoder {
    /// Bytes not yet consumed start at `line_start`; `buf[..line_start]` is dead until
    /// the next compaction.
    buf: Vec<u8>,
    /// Start of the line being assembled.
    line_start: usize,
    /// Where the search for the next LF resumes: `buf[line_start..scan]` holds none.
    scan: usize,
    /// Stream offset of `buf[0]`, for error offsets.
    base: u64,
    /// Fields of the frame being assembled.
    fields: Vec<(String, String)>,
    /// Size of the frame being assembled, as counted against the limit.
    frame_bytes: usize,
    /// Stream offset of the first line of the frame being assembled.
    frame_offset: u64,
    /// Set while discarding the rest of a frame that failed.
    skip: Option<Skip>,
    max_frame_bytes: usize,
}

/// State of the discard after an error: the next empty line ends it.
#[derive(Debug, Clone, Copy)]
struct Skip {
    /// The line in progress already had content that was thrown away, so it is not
    /// empty whatever follows.
    mid_line: bool,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder with the [`DEFAULT_MAX_FRAME_BYTES`] limit.
    pub fn new() -> Self {
        Self::with_max_frame_bytes(DEFAULT_MAX_FRAME_BYTES)
    }

    /// A decoder that reports frames larger than `limit` as [`DecodeError::Oversized`].
    pub fn with_max_frame_bytes(limit: usize) -> Self {
        Self {
            buf: Vec::new(),
            line_start: 0,
            scan: 0,
            base: 0,
            fields: Vec::new(),
            frame_bytes: 0,
            frame_offset: 0,
            skip: None,
            max_frame_bytes: limit,
        }
    }

    /// The frame size limit.
    pub fn max_frame_bytes(&self) -> usize {
        self.max_frame_bytes
    }

    /// Bytes received but not yet turned into frames (part of a line, or of a frame
    /// being skipped).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.line_start
    }

    /// Appends received bytes. Call [`Decoder::next_frame`] until it returns `None`
    /// after each feed; only then is the buffer down to a partial line.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.compact();
        self.buf.extend_from_slice(bytes);
    }

    /// The next greeting, frame or error, or `None` when more bytes are needed.
    pub fn next_frame(&mut self) -> Option<Result<Decoded, DecodeError>> {
        loop {
            let Some(lf) = self.buf[self.scan..].iter().position(|&b| b == b'\n') else {
                self.scan = self.buf.len();
                return self.on_partial_line();
            };
            let end = self.scan + lf;
            let start = self.line_start;
            self.line_start = end + 1;
            self.scan = end + 1;
            let content_end = if end > start && self.buf[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
            let empty = content_end == start;

            if let Some(skip) = &mut self.skip {
                let blank = empty && !skip.mid_line;
                skip.mid_line = false;
                if blank {
                    self.skip = None;
                }
                continue;
            }
            if empty {
                if self.fields.is_empty() {
                    continue; // a stray blank line between frames
                }
                self.frame_bytes = 0;
                let fields = std::mem::take(&mut self.fields);
                return Some(Ok(Decoded::Frame(Frame::from(fields))));
            }
            if let Some(result) = self.on_line(start, content_end) {
                return Some(result);
            }
        }
    }

    /// [`Decoder::next_frame`], classified into a [`Message`].
    pub fn next_message(&mut self) -> Option<Result<Message, DecodeError>> {
        self.next_frame()
            .map(|decoded| decoded.and_then(Message::try_from))
    }

    /// Ends the stream (the peer closed the connection): reports a frame cut short as
    /// [`DecodeError::Truncated`] and leaves the decoder empty, ready for a new stream.
    pub fn finish(&mut self) -> Option<DecodeError> {
        let pending = self.pending_content();
        let error = (self.skip.is_none() && (!self.fields.is_empty() || pending > 0)).then(|| {
            let offset = if self.fields.is_empty() {
                self.offset_of(self.line_start)
            } else {
                self.frame_offset
            };
            DecodeError::Truncated {
                offset,
                bytes: self.frame_bytes + pending,
            }
        });
        self.base += self.buf.len() as u64;
        self.buf.clear();
        self.line_start = 0;
        self.scan = 0;
        self.fields.clear();
        self.frame_bytes = 0;
        self.skip = None;
        error
    }

    /// Handles one complete, non-empty line `buf[start..end]` (line end removed).
    fn on_line(&mut self, start: usize, end: usize) -> Option<Result<Decoded, DecodeError>> {
        let offset = self.offset_of(start);
        if self.fields.is_empty() {
            self.frame_offset = offset;
        }
        self.frame_bytes += end - start + 1;
        if self.frame_bytes > self.max_frame_bytes {
            let error = DecodeError::Oversized {
                offset: self.frame_offset,
                limit: self.max_frame_bytes,
            };
            return Some(Err(self.fail(error, false)));
        }
        let line = &self.buf[start..end];
        if self.fields.is_empty() && Greeting::is_greeting(line) {
            self.frame_bytes = 0;
            let text = String::from_utf8_lossy(line).into_owned();
            return Some(Ok(Decoded::Greeting(Greeting::from_line(text))));
        }
        let Ok(text) = std::str::from_utf8(line) else {
            return Some(Err(self.fail(DecodeError::InvalidUtf8 { offset }, false)));
        };
        match text.split_once(':') {
            Some((key, value)) if is_valid_key(key) => {
                let value = value.strip_prefix(' ').unwrap_or(value);
                self.fields.push((key.to_owned(), value.to_owned()));
                None
            }
            _ => {
                let line = text.chars().take(EXCERPT_CHARS).collect();
                Some(Err(
                    self.fail(DecodeError::MalformedLine { offset, line }, false)
                ))
            }
        }
    }

    /// Called when the buffer ends inside a line: enforces the limit on the part seen
    /// so far, and throws away what a skip does not need.
    fn on_partial_line(&mut self) -> Option<Result<Decoded, DecodeError>> {
        // A trailing CR may be the first half of a CRLF, so it is never counted or
        // dropped until the next byte says what it is.
        let keep = usize::from(self.buf.last() == Some(&b'\r') && self.buffered() > 0);
        let droppable = self.buffered() - keep;
        if let Some(skip) = &mut self.skip {
            if droppable > 0 {
                skip.mid_line = true;
                self.line_start += droppable;
            }
            return None;
        }
        if droppable > 0 && self.frame_bytes + droppable > self.max_frame_bytes {
            if self.fields.is_empty() {
                self.frame_offset = self.offset_of(self.line_start);
            }
            self.line_start += droppable;
            let error = DecodeError::Oversized {
                offset: self.frame_offset,
                limit: self.max_frame_bytes,
            };
            return Some(Err(self.fail(error, true)));
        }
        None
    }

    /// Drops the frame being assembled and skips to the next blank line.
    fn fail(&mut self, error: DecodeError, mid_line: bool) -> DecodeError {
        self.fields.clear();
        self.frame_bytes = 0;
        self.skip = Some(Skip { mid_line });
        error
    }

    /// Content bytes of the partial line (a trailing CR not counted).
    fn pending_content(&self) -> usize {
        let pending = &self.buf[self.line_start..];
        pending.len() - usize::from(pending.last() == Some(&b'\r'))
    }

    fn offset_of(&self, index: usize) -> u64 {
        self.base + index as u64
    }

    /// Moves the unconsumed bytes to the front so the buffer holds at most one partial
    /// line plus what the last feed brought.
    fn compact(&mut self) {
        if self.line_start > 0 {
            self.buf.drain(..self.line_start);
            self.base += self.line_start as u64;
            self.scan -= self.line_start;
            self.line_start = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(decoder: &mut Decoder, bytes: &[u8]) -> Vec<Result<Decoded, DecodeError>> {
        decoder.feed(bytes);
        std::iter::from_fn(|| decoder.next_frame()).collect()
    }

    /// An expected successful frame, in the shape `decode_all` returns.
    #[allow(clippy::unnecessary_wraps)]
    fn frame(fields: &[(&str, &str)]) -> Result<Decoded, DecodeError> {
        Ok(Decoded::Frame(fields.iter().copied().collect()))
    }

    #[test]
    fn greeting_is_one_line_and_the_next_frame_follows_at_once() {
        let mut d = Decoder::new();
        let out = decode_all(
            &mut d,
            b"Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: fw-1\r\n\r\n",
        );
        assert_eq!(
            out,
            [
                Ok(Decoded::Greeting(Greeting::new("11.0.0"))),
                frame(&[("Response", "Success"), ("ActionID", "fw-1")]),
            ]
        );
    }

    #[test]
    fn bare_lf_and_stray_blank_lines_are_accepted() {
        let mut d = Decoder::new();
        let out = decode_all(
            &mut d,
            b"Asterisk Call Manager/11.0.0\n\n\r\nEvent: A\nX: 1\n\nEvent: B\r\n\r\n",
        );
        assert_eq!(
            out,
            [
                Ok(Decoded::Greeting(Greeting::new("11.0.0"))),
                frame(&[("Event", "A"), ("X", "1")]),
                frame(&[("Event", "B")]),
            ]
        );
    }

    #[test]
    fn values_keep_everything_after_the_single_separator_space() {
        let mut d = Decoder::new();
        let out = decode_all(
            &mut d,
            b"Response: Success\r\nOutput:    Members: \r\nAccountCode: \r\nBare:\r\nTight:x\r\nChanVariable(Local/a;1): CC=\r\n\r\n",
        );
        assert_eq!(
            out,
            [frame(&[
                ("Response", "Success"),
                ("Output", "   Members: "),
                ("AccountCode", ""),
                ("Bare", ""),
                ("Tight", "x"),
                ("ChanVariable(Local/a;1)", "CC="),
            ])]
        );
    }

    #[test]
    fn malformed_and_binary_lines_fail_their_frame_only() {
        let mut d = Decoder::new();
        let out = decode_all(
            &mut d,
            b"Event: A\r\nno colon here\r\nX: 1\r\n\r\nEvent: B\r\n\r\n\xff\xfe: \x00\r\n\r\nEvent: C\r\n\r\n: empty key\r\n\r\n",
        );
        assert_eq!(
            out,
            [
                Err(DecodeError::MalformedLine {
                    offset: 10,
                    line: "no colon here".into()
                }),
                frame(&[("Event", "B")]),
                Err(DecodeError::InvalidUtf8 { offset: 45 }),
                frame(&[("Event", "C")]),
                Err(DecodeError::MalformedLine {
                    offset: 66,
                    line: ": empty key".into()
                }),
            ]
        );
        assert_eq!(d.finish(), None);
    }

    #[test]
    fn oversized_frames_are_skipped_and_the_stream_recovers() {
        let mut d = Decoder::with_max_frame_bytes(32);
        let mut input = b"Event: Big\r\n".to_vec();
        for _ in 0..10 {
            input.extend_from_slice(b"Filler: 0123456789\r\n");
        }
        input.extend_from_slice(b"\r\nEvent: Small\r\n\r\n");
        let out = decode_all(&mut d, &input);
        assert_eq!(
            out,
            [
                Err(DecodeError::Oversized {
                    offset: 0,
                    limit: 32
                }),
                frame(&[("Event", "Small")]),
            ]
        );
    }

    #[test]
    fn an_endless_line_is_cut_off_without_buffering_it() {
        let mut d = Decoder::with_max_frame_bytes(1024);
        d.feed(b"Event: A\r\n");
        assert_eq!(d.next_frame(), None);
        let mut errors = 0;
        for _ in 0..1000 {
            d.feed(&[b'x'; 1000]);
            while let Some(item) = d.next_frame() {
                assert!(matches!(item, Err(DecodeError::Oversized { .. })));
                errors += 1;
            }
            assert!(d.buffered() <= 1024, "buffer stays bounded");
        }
        assert_eq!(errors, 1);
        let out = decode_all(&mut d, b"\r\n\r\nEvent: B\r\n\r\n");
        assert_eq!(out, [frame(&[("Event", "B")])]);
    }

    #[test]
    fn a_split_crlf_is_still_a_blank_line_while_skipping() {
        let mut d = Decoder::with_max_frame_bytes(10);
        let mut out = decode_all(&mut d, b"Event: too long\r\n\r");
        out.extend(decode_all(&mut d, b"\nEvent: B\r\n\r\n"));
        assert_eq!(
            out,
            [
                Err(DecodeError::Oversized {
                    offset: 0,
                    limit: 10
                }),
                frame(&[("Event", "B")]),
            ]
        );
    }

    #[test]
    fn byte_at_a_time_gives_the_same_result() {
        let input: &[u8] = b"Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: 1\r\n\r\nbad\r\n\r\nEvent: X\nA: b\n\n";
        let whole = decode_all(&mut Decoder::new(), input);
        let mut d = Decoder::new();
        let mut pieces = Vec::new();
        for byte in input {
            pieces.extend(decode_all(&mut d, std::slice::from_ref(byte)));
        }
        assert_eq!(whole, pieces);
        assert_eq!(whole.len(), 4);
    }

    #[test]
    fn finish_reports_a_truncated_frame_and_resets() {
        let mut d = Decoder::new();
        assert!(decode_all(&mut d, b"Event: A\r\nQueue: sup").is_empty());
        assert_eq!(
            d.finish(),
            Some(DecodeError::Truncated {
                offset: 0,
                bytes: 19
            })
        );
        assert_eq!(d.buffered(), 0);
        assert_eq!(d.finish(), None, "nothing left after a reset");
        assert_eq!(
            decode_all(&mut d, b"Event: B\r\n\r\n"),
            [frame(&[("Event", "B")])]
        );
    }

    #[test]
    fn finish_ignores_a_lone_trailing_cr_between_frames() {
        let mut d = Decoder::new();
        assert_eq!(decode_all(&mut d, b"Event: A\r\n\r\n\r").len(), 1);
        assert_eq!(d.finish(), None);
    }

    #[test]
    fn next_message_classifies_frames() {
        let mut d = Decoder::new();
        d.feed(b"Foo: bar\r\n\r\nEvent: FullyBooted\r\n\r\n");
        assert_eq!(
            d.next_message(),
            Some(Err(DecodeError::UnknownFrame {
                first_key: "Foo".into()
            }))
        );
        assert!(matches!(d.next_message(), Some(Ok(Message::Event(_)))));
        assert_eq!(d.next_message(), None);
    }
}
