//! The crate's error types. Every way bad input can go wrong is a variant here, so the
//! connector can count and log each kind without matching strings, and nothing panics.

use thiserror::Error;

/// Why the decoder could not turn some bytes into a frame or a message.
///
/// After any of these the decoder has already skipped to the next frame boundary (a
/// blank line), so the caller just logs the error and keeps reading: one bad frame never
/// poisons the connection. Offsets count bytes from the start of the stream, which is
/// enough to find the spot in a packet capture.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// A frame grew past the decoder's limit. The limit bounds memory against a peer
    /// that never sends a blank line; the rest of the frame is discarded unread.
    #[error("frame at byte {offset} exceeds the {limit}-byte limit and was skipped")]
    Oversized { offset: u64, limit: usize },
    /// A line is not UTF-8. AMI is text; binary garbage means a confused peer or a
    /// protocol mix-up, and guessing at an encoding would corrupt names silently.
    #[error("line at byte {offset} is not valid UTF-8; its frame was skipped")]
    InvalidUtf8 { offset: u64 },
    /// A line is not `Key: value` (no colon, an empty key, or control characters in the
    /// key). `line` is a short, lossy excerpt for the log.
    #[error("line at byte {offset} is not `Key: value`; its frame was skipped: {line:?}")]
    MalformedLine { offset: u64, line: String },
    /// The stream ended inside a frame (reported by [`crate::Decoder::finish`]). The
    /// partial frame is dropped: a half-received event is worse than none.
    #[error("stream ended inside the frame at byte {offset} ({bytes} bytes dropped)")]
    Truncated { offset: u64, bytes: usize },
    /// A well-formed frame whose first key is not `Response`, `Event` or `Action`, so
    /// nothing can say what it means.
    #[error("frame is neither a response, an event nor an action; first key: {first_key:?}")]
    UnknownFrame { first_key: String },
}

/// Why a frame or an action could not be written to the wire.
///
/// Values often come from outside (a caller ID, an agent's pause reason), so the encoder
/// refuses anything that would change the framing instead of escaping it: a CR or LF in a
/// value would let the value inject its own AMI lines, even a whole extra action.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EncodeError {
    /// The key is empty, contains `:` or a control character, or starts or ends with
    /// whitespace: it would not read back as the same key.
    #[error("field key is not encodable: {key:?}")]
    InvalidKey { key: String },
    /// The value of `key` contains CR or LF. The value itself is left out of the error:
    /// it may be a secret.
    #[error("value of field {key} contains CR or LF")]
    InvalidValue { key: String },
    /// A frame with no fields would encode to a bare blank line, which reads back as
    /// nothing at all.
    #[error("frame has no fields")]
    EmptyFrame,
    /// An action header named `Action` or `ActionID`: those come from the action's name
    /// and id, and a second copy would make the request ambiguous.
    #[error("action header {key} is reserved; set it through the action's name or id")]
    ReservedKey { key: String },
}

/// Why a well-formed event could not be read as its typed form.
///
/// The raw [`crate::Event`] is still usable; this only says which field the typed view
/// needed and did not get.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldError {
    /// A field the typed view needs is absent.
    #[error("{event} has no {field} field")]
    Missing { event: String, field: String },
    /// A field is present but does not parse as the expected kind of value.
    #[error("{event} field {field} is not {expected}: {value:?}")]
    Invalid {
        event: String,
        field: String,
        expected: &'static str,
        value: String,
    },
}

/// Why the correlator refused to track an action.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CorrelateError {
    /// Only an action with an `ActionID` can be matched to its response.
    #[error("action {action} has no ActionID, so its response could not be matched")]
    MissingActionId { action: String },
    /// Two outstanding actions with one id would get each other's responses.
    #[error("ActionID {action_id} is already outstanding")]
    DuplicateActionId { action_id: String },
    /// The action could not be encoded.
    #[error(transparent)]
    Encode(#[from] EncodeError),
}
