//! [`Greeting`]: the one line Asterisk sends when a client connects.

use crate::error::EncodeError;

/// What every AMI greeting starts with (AstManProxy says `Asterisk Call Manager Proxy/…`).
pub(crate) const GREETING_PREFIX: &str = "Asterisk Call Manager";

/// The banner Asterisk writes as soon as a client connects, e.g.
/// `Asterisk Call Manager/11.0.0`.
///
/// It is a single line with no blank line after it, unlike every other packet, so the
/// decoder recognises it by its prefix rather than by framing. The version is the AMI
/// protocol's, not Asterisk's (Asterisk 22 says 11.0.0); a connector can log it and
/// refuse versions it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Greeting {
    line: String,
}

impl Greeting {
    /// A greeting with the line `Asterisk Call Manager/<version>`, as a fake server sends.
    pub fn new(version: &str) -> Self {
        Self {
            line: format!("{GREETING_PREFIX}/{version}"),
        }
    }

    /// Whether a line at the start of a frame is a greeting: it has the prefix and no
    /// colon, so it can never be mistaken for a `Key: value` line.
    pub(crate) fn is_greeting(line: &[u8]) -> bool {
        line.starts_with(GREETING_PREFIX.as_bytes()) && !line.contains(&b':')
    }

    /// Wraps a line the decoder recognised. Not public: a greeting that did not pass
    /// [`Greeting::is_greeting`] would not read back as one.
    pub(crate) fn from_line(line: String) -> Self {
        Self { line }
    }

    /// The whole line as received, without its line end.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The part before the first `/`: `Asterisk Call Manager`.
    pub fn product(&self) -> &str {
        self.line.split_once('/').map_or(&self.line, |(p, _)| p)
    }

    /// The part after the first `/`: the AMI protocol version, empty when absent.
    pub fn version(&self) -> &str {
        self.line.split_once('/').map_or("", |(_, v)| v)
    }

    /// The wire form: the line and CRLF, with no blank line after it.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        if !Self::is_greeting(self.line.as_bytes()) || self.line.contains(['\r', '\n']) {
            return Err(EncodeError::InvalidValue {
                key: "greeting".into(),
            });
        }
        let mut out = Vec::with_capacity(self.line.len() + 2);
        out.extend_from_slice(self.line.as_bytes());
        out.extend_from_slice(b"\r\n");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_product_and_version() {
        let g = Greeting::new("11.0.0");
        assert_eq!(g.line(), "Asterisk Call Manager/11.0.0");
        assert_eq!(g.product(), "Asterisk Call Manager");
        assert_eq!(g.version(), "11.0.0");
        assert_eq!(g.encode().unwrap(), b"Asterisk Call Manager/11.0.0\r\n");

        let bare = Greeting::from_line("Asterisk Call Manager Proxy".into());
        assert_eq!(bare.product(), "Asterisk Call Manager Proxy");
        assert_eq!(bare.version(), "");
    }

    #[test]
    fn a_header_line_is_never_a_greeting() {
        assert!(Greeting::is_greeting(b"Asterisk Call Manager/1.3"));
        assert!(!Greeting::is_greeting(b"Asterisk Call Manager/1.3: x"));
        assert!(!Greeting::is_greeting(b"Response: Success"));
    }

    #[test]
    fn refuses_to_encode_a_line_that_would_not_read_back() {
        assert!(Greeting::new("1.0\r\nAction: Logoff").encode().is_err());
        assert!(Greeting::new("1.0: x").encode().is_err());
    }
}
