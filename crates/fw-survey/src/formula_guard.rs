//! Spreadsheet formula injection: a CSV cell that starts with `=`, `+`, `-` or `@` is run as a
//! formula when the file is opened in Excel or WPS, so a caller's comment could run one on a
//! quality manager's machine. The export puts an apostrophe in front of such a cell (the
//! spreadsheets' own "this is text" mark, hidden when shown) and the CSV import takes exactly
//! that apostrophe off again, so an exported file imports back to the same text.
//!
//! To keep the pair exact, a cell that already starts with apostrophes followed by one of
//! the four characters gets one more apostrophe too: `'=x` is exported as `''=x` and imported
//! as `'=x`; a cell like `'abc` is left alone both ways.

use std::borrow::Cow;

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// Whether the text, after any leading apostrophes, starts with a formula character.
fn formula_after_apostrophes(text: &str) -> bool {
    text.trim_start_matches('\'')
        .starts_with(|c: char| FORMULA_STARTS.contains(&c))
}

/// The cell as written to an exported CSV: one leading apostrophe added where a spreadsheet
/// would otherwise see a formula.
pub(crate) fn neutralise(text: &str) -> Cow<'_, str> {
    if formula_after_apostrophes(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The cell as read from an imported CSV: the one apostrophe [`neutralise`] added, removed.
pub(crate) fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if formula_after_apostrophes(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_one_apostrophe_and_lose_exactly_that_one() {
        for (original, exported) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+86 138", "'+86 138"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("'=x", "''=x"),
            ("'abc", "'abc"),
            ("a=b", "a=b"),
            ("", ""),
            ("很好", "很好"),
        ] {
            assert_eq!(neutralise(original), exported, "{original}");
            assert_eq!(unneutralise(exported), original, "{exported}");
        }
    }
}
