//! Bytes to text, refusing rather than guessing: a wrongly decoded file would store
//! garbled comments, and lost data is an error.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, GB18030};

use super::source::SourceEncoding;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// The file's text without its byte-order mark, or a file-level message saying why not.
pub(crate) fn decode(bytes: &[u8], encoding: SourceEncoding) -> Result<Cow<'_, str>, String> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        // The mark settles it, whatever was chosen.
        return utf8(rest);
    }
    if bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM) {
        return Err(
            "the file is UTF-16 (Excel's \"Unicode text\"); save it as CSV UTF-8 and \
                    import that"
                .to_owned(),
        );
    }
    match encoding {
        SourceEncoding::Utf8 => utf8(bytes),
        SourceEncoding::Gb18030 => gb18030(bytes).map(Cow::Owned),
    }
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|error| {
            let line = line_of(&bytes[..error.valid_up_to()]);
            format!(
                "line {line} is not valid UTF-8; re-export the file as UTF-8, or import it as \
             GB18030 if it came from a tool that writes GBK"
            )
        })
}

fn gb18030(bytes: &[u8]) -> Result<String, String> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or_else(|| "the file is too large to decode".to_owned())?;
    let mut text = String::with_capacity(capacity);
    let (result, _read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(..) => {
            // Everything decoded so far is good: the bad bytes are on the next line to start.
            let line = text.matches('\n').count() + 1;
            Err(format!(
                "line {line} is not valid GB18030; check the file's encoding (UTF-8 files \
                 should be imported as UTF-8)"
            ))
        }
        DecoderResult::OutputFull => Err("the file could not be decoded".to_owned()),
    }
}

/// The 1-based line on which the byte after `before` sits.
fn line_of(before: &[u8]) -> usize {
    before.split(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_bom_is_stripped_even_when_gb18030_was_chosen() {
        let bytes = "\u{feff}call_ref,csat\n".as_bytes();
        assert_eq!(
            decode(bytes, SourceEncoding::Utf8).unwrap(),
            "call_ref,csat\n"
        );
        assert_eq!(
            decode(bytes, SourceEncoding::Gb18030).unwrap(),
            "call_ref,csat\n"
        );
    }

    #[test]
    fn gbk_bytes_decode_as_gb18030_and_are_refused_as_utf8() {
        let (bytes, _, _) = GB18030.encode("通话ID,满意度\n1,5\n");
        assert_eq!(
            decode(&bytes, SourceEncoding::Gb18030).unwrap(),
            "通话ID,满意度\n1,5\n"
        );
        let error = decode(&bytes, SourceEncoding::Utf8).unwrap_err();
        assert!(error.starts_with("line 1 is not valid UTF-8"), "{error}");
    }

    #[test]
    fn the_first_bad_byte_is_located_by_line() {
        let bytes = b"a,b\n1,2\n3,\xff\n";
        let error = decode(bytes, SourceEncoding::Utf8).unwrap_err();
        assert!(error.starts_with("line 3 "), "{error}");
        assert!(error.contains("re-export the file as UTF-8"), "{error}");
        let bad_gb = b"a,b\n1,\x81\n";
        let error = decode(bad_gb, SourceEncoding::Gb18030).unwrap_err();
        assert!(error.starts_with("line 2 "), "{error}");
    }

    #[test]
    fn utf16_is_named_not_misread() {
        let error = decode(b"\xFF\xFEa\x00", SourceEncoding::Utf8).unwrap_err();
        assert!(error.contains("UTF-16"), "{error}");
    }
}
