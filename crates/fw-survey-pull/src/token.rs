//! [`BearerToken`]: the survey service's API token, kept out of logs and messages.

use std::fmt;

use crate::error::PullError;

/// The survey service's API token. `Debug` prints `BearerToken(***)`; there is no
/// `Display`, and only the crate itself reads the text, to put it in the request header.
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken(String);

impl BearerToken {
    /// Accepts visible ASCII only: a bearer token is one header token (RFC 6750), so
    /// whitespace, control characters or non-ASCII text mean a copy-paste accident, and
    /// it is better to say so now than to get a 401 on every pull. The messages never
    /// quote the token.
    pub fn new(token: String) -> Result<BearerToken, PullError> {
        if token.trim().is_empty() {
            return Err(PullError::InvalidToken("the token is empty"));
        }
        if token.chars().any(char::is_control) {
            return Err(PullError::InvalidToken(
                "the token contains a control character (a stray newline?)",
            ));
        }
        if token.chars().any(char::is_whitespace) {
            return Err(PullError::InvalidToken("the token contains whitespace"));
        }
        if !token.is_ascii() {
            return Err(PullError::InvalidToken(
                "the token contains a non-ASCII character",
            ));
        }
        Ok(BearerToken(token))
    }

    /// The token itself. Called only to build the `Authorization` header and to redact
    /// an echo of it from error bodies.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_plain_token_and_hides_it() {
        let token = BearerToken::new("abc.DEF-123_~+/=".to_owned()).unwrap();
        assert_eq!(token.expose(), "abc.DEF-123_~+/=");
        assert_eq!(format!("{token:?}"), "BearerToken(***)");
    }

    #[test]
    fn refuses_empty_whitespace_control_and_non_ascii() {
        for bad in [
            "",
            "   ",
            "abc def",
            "abc\n",
            "abc\u{7}",
            "tab\tbed",
            "caf\u{e9}",
        ] {
            let err = BearerToken::new(bad.to_owned()).expect_err(bad);
            let text = format!("{err} {err:?}");
            assert!(text.contains("token"), "{text}");
            if bad.len() > 3 {
                assert!(!text.contains(bad.trim()), "{text} quotes the token");
            }
        }
    }
}
