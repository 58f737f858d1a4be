//! The short, printable excerpt of an error body that goes into [`PullError::Http`].
//!
//! [`PullError::Http`]: crate::PullError::Http

/// The longest excerpt, in characters.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// At most [`EXCERPT_CHARS`] characters of `body`: invalid UTF-8 replaced, any echo of
/// `secret` replaced by `***`, control and bidirectional-override characters stripped (a
/// body must not break a log line or reorder what a reader sees), whitespace runs
/// collapsed, and `…` marking a cut.
pub(crate) fn body_excerpt(body: &[u8], secret: &str) -> String {
    let text = String::from_utf8_lossy(body);
    let text = if secret.is_empty() {
        text
    } else {
        text.replace(secret, "***").into()
    };
    let mut clean = String::with_capacity(text.len().min(EXCERPT_CHARS * 4));
    let mut chars = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            // CR, LF and tab separate words; one space keeps them apart.
            pending_space = true;
            continue;
        }
        if c.is_control() || is_bidi_control(c) {
            continue;
        }
        let needed = usize::from(pending_space && chars > 0) + 1;
        if chars + needed > EXCERPT_CHARS {
            return cut(clean);
        }
        if pending_space && chars > 0 {
            clean.push(' ');
            chars += 1;
        }
        pending_space = false;
        clean.push(c);
        chars += 1;
    }
    clean
}

/// Ends a full excerpt with `…` while staying within [`EXCERPT_CHARS`].
fn cut(mut clean: String) -> String {
    clean.pop();
    clean.push('…');
    clean
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_bodies_come_through_cleaned() {
        assert_eq!(body_excerpt(b"", ""), "");
        assert_eq!(
            body_excerpt(b"  {\"error\":\r\n\t\"bad limit\"}\x1b[31m ", ""),
            "{\"error\": \"bad limit\"}[31m"
        );
        assert_eq!(body_excerpt("a\u{202E}b\u{0}c".as_bytes(), ""), "abc");
        assert_eq!(body_excerpt(b"bad \xff byte", ""), "bad \u{FFFD} byte");
    }

    #[test]
    fn long_bodies_are_cut_to_200_characters() {
        let body = "漢".repeat(500);
        let excerpt = body_excerpt(body.as_bytes(), "");
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
        assert!(excerpt.ends_with('…'));
        let exact = "x".repeat(EXCERPT_CHARS);
        assert_eq!(body_excerpt(exact.as_bytes(), ""), exact);
    }

    #[test]
    fn an_echoed_token_is_redacted() {
        let excerpt = body_excerpt(b"token tok-123 is not valid for tok-123", "tok-123");
        assert_eq!(excerpt, "token *** is not valid for ***");
    }
}
