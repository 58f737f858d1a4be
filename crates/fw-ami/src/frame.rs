//! [`Frame`]: one AMI packet as the ordered list of `Key: value` lines it was sent as.

use std::fmt;

use crate::error::EncodeError;

/// Keys whose values never appear in `Debug` output. AMI's Login carries the password in
/// clear text, and a frame can end up in a log line from anywhere.
const REDACTED_KEYS: [&str; 1] = ["Secret"];

/// One AMI packet: `Key: value` lines in the order they arrived.
///
/// A list rather than a map because AMI repeats keys on purpose (`ChanVariable`,
/// `Variable`, Command's `Output`) and because order carries meaning: a `UserEvent`'s own
/// headers follow its `UserEvent:` line, after the channel's, and both sets can hold a
/// `Priority`. Keys compare ASCII-case-insensitively, as Asterisk does; values are kept
/// exactly as sent, minus the single space after the colon.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Frame {
    fields: Vec<(String, String)>,
}

impl Frame {
    /// An empty frame.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a field, keeping any earlier field with the same key.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.fields.push((key.into(), value.into()));
    }

    /// Builder form of [`Frame::push`].
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.push(key, value);
        self
    }

    /// The first value of `key`, ignoring ASCII case.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.position(key).map(|i| self.fields[i].1.as_str())
    }

    /// Every value of `key`, in order, ignoring ASCII case.
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Whether `key` is present, ignoring ASCII case.
    pub fn contains(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// The index of the first field named `key`, ignoring ASCII case.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|(k, _)| k.eq_ignore_ascii_case(key))
    }

    /// The first value of the key `prefix` + `key` (`Dest` + `Channel`), without building
    /// the joined key: typed events read prefixed channel snapshots this way.
    pub(crate) fn get_prefixed(&self, prefix: &str, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| key_matches(k, prefix, key))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `prefix` + `key`, in order.
    pub(crate) fn get_all_prefixed<'a>(
        &'a self,
        prefix: &'a str,
        key: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| key_matches(k, prefix, key))
            .map(|(_, v)| v.as_str())
    }

    /// The first field, which says what the frame is (`Response`, `Event`, `Action`).
    pub fn first(&self) -> Option<(&str, &str)> {
        self.fields.first().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// All fields in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// All fields in order, as stored.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }

    /// The fields, handed over.
    pub fn into_fields(self) -> Vec<(String, String)> {
        self.fields
    }

    /// Number of fields (repeats counted).
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the frame has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Checks that the frame would read back as itself, without writing anything.
    pub fn validate(&self) -> Result<(), EncodeError> {
        if self.fields.is_empty() {
            return Err(EncodeError::EmptyFrame);
        }
        self.fields.iter().try_for_each(|(k, v)| check_field(k, v))
    }

    /// Appends the wire form (`Key: value` CRLF lines and a blank line) to `out`.
    /// Nothing is written when the frame is not encodable.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.validate()?;
        for (k, v) in &self.fields {
            write_line(out, k, v);
        }
        out.extend_from_slice(b"\r\n");
        Ok(())
    }

    /// The wire form as a new buffer.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.encoded_len_hint());
        self.encode_into(&mut out)?;
        Ok(out)
    }

    fn encoded_len_hint(&self) -> usize {
        self.fields
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>()
            + 2
    }
}

/// Whether `key` is `prefix` + `wanted`, ignoring ASCII case.
fn key_matches(key: &str, prefix: &str, wanted: &str) -> bool {
    let key = key.as_bytes();
    key.len() == prefix.len() + wanted.len()
        && key[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        && key[prefix.len()..].eq_ignore_ascii_case(wanted.as_bytes())
}

/// Whether `key` reads back as itself: not empty, no colon (the separator), no control
/// characters (CR/LF would break the line), no whitespace at either end.
pub(crate) fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && !key.contains(':')
        && !key.chars().any(char::is_control)
        && !key.starts_with(char::is_whitespace)
        && !key.ends_with(char::is_whitespace)
}

/// Checks one field for encoding: a CR or LF in a value would inject lines.
pub(crate) fn check_field(key: &str, value: &str) -> Result<(), EncodeError> {
    if !is_valid_key(key) {
        return Err(EncodeError::InvalidKey {
            key: key.to_owned(),
        });
    }
    if value.contains(['\r', '\n']) {
        return Err(EncodeError::InvalidValue {
            key: key.to_owned(),
        });
    }
    Ok(())
}

/// Writes `key: value` CRLF; the caller has checked the field.
pub(crate) fn write_line(out: &mut Vec<u8>, key: &str, value: &str) {
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// Whether a key's value must stay out of logs.
pub(crate) fn is_redacted(key: &str) -> bool {
    REDACTED_KEYS.iter().any(|r| r.eq_ignore_ascii_case(key))
}

/// Formats fields as a map, with secrets replaced, for the `Debug` impls.
pub(crate) struct RedactedFields<'a>(pub(crate) &'a [(String, String)]);

impl fmt::Debug for RedactedFields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (k, v) in self.0 {
            if is_redacted(k) {
                list.entry(&(k, "<redacted>"));
            } else {
                list.entry(&(k, v));
            }
        }
        list.finish()
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Frame")
            .field(&RedactedFields(&self.fields))
            .finish()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Frame {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self {
            fields: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

impl From<Vec<(String, String)>> for Frame {
    fn from(fields: Vec<(String, String)>) -> Self {
        Self { fields }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Frame {
        Frame::new()
            .with("Event", "UserEvent")
            .with("Priority", "9")
            .with("ChanVariable", "CC_QUEUE=support")
            .with("ChanVariable", "CC_REGION=none")
            .with("UserEvent", "CallRouted")
            .with("Priority", "0")
    }

    #[test]
    fn lookup_ignores_case_and_returns_the_first_repeat() {
        let frame = sample();
        assert_eq!(frame.get("priority"), Some("9"));
        assert_eq!(frame.get("PRIORITY"), Some("9"));
        assert_eq!(
            frame.get_all("chanvariable").collect::<Vec<_>>(),
            ["CC_QUEUE=support", "CC_REGION=none"]
        );
        assert_eq!(frame.get("Missing"), None);
        assert_eq!(frame.position("userevent"), Some(4));
    }

    #[test]
    fn prefixed_lookup_matches_the_joined_key_only() {
        let frame = Frame::new()
            .with("DestChannel", "Local/a")
            .with("Channel", "Local/b")
            .with("DestChanVariable", "X=1");
        assert_eq!(frame.get_prefixed("dest", "channel"), Some("Local/a"));
        assert_eq!(frame.get_prefixed("", "Channel"), Some("Local/b"));
        assert_eq!(frame.get_prefixed("Spyer", "Channel"), None);
        assert_eq!(
            frame
                .get_all_prefixed("Dest", "ChanVariable")
                .collect::<Vec<_>>(),
            ["X=1"]
        );
    }

    #[test]
    fn encodes_crlf_lines_and_a_blank_line() {
        let frame = Frame::new().with("Action", "Ping").with("ActionID", "7");
        assert_eq!(
            frame.encode().unwrap(),
            b"Action: Ping\r\nActionID: 7\r\n\r\n"
        );
        let empty = Frame::new().with("AccountCode", "");
        assert_eq!(empty.encode().unwrap(), b"AccountCode: \r\n\r\n");
    }

    #[test]
    fn refuses_values_that_would_inject_lines() {
        let frame = Frame::new()
            .with("Action", "QueuePause")
            .with("Reason", "lunch\r\nAction: Originate");
        assert_eq!(
            frame.encode(),
            Err(EncodeError::InvalidValue {
                key: "Reason".into()
            })
        );
        let mut out = Vec::new();
        assert!(frame.encode_into(&mut out).is_err());
        assert!(out.is_empty(), "nothing is written on error");
    }

    #[test]
    fn refuses_keys_that_would_not_read_back() {
        for key in ["", "A:B", " Lead", "Trail ", "Nul\0", "New\nline"] {
            let frame = Frame::new().with(key, "v");
            assert_eq!(
                frame.encode(),
                Err(EncodeError::InvalidKey { key: key.into() }),
                "{key:?}"
            );
        }
        assert_eq!(Frame::new().encode(), Err(EncodeError::EmptyFrame));
    }

    #[test]
    fn debug_redacts_secrets() {
        let frame = Frame::new()
            .with("Action", "Login")
            .with("Username", "supervisor")
            .with("secret", "hunter2");
        let shown = format!("{frame:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains("supervisor"), "{shown}");
    }
}
