//! The wallboard hangs over the floor where visitors walk by: it never shows a caller's
//! number or name. Its view model carries no call data at all; on top of that, every name
//! that comes from outside (the platform's topology, the wallboard file) passes through
//! [`scrub`], so a phone number typed into a queue name or a label is masked too.

/// Digits in a row (spaces, dashes and dots between them allowed) from which a text is
/// treated as a phone number: mainland mobile numbers have 11, landlines 7 or 8 after the
/// area code.
const PHONE_DIGITS: usize = 7;

/// `text` with every phone-number-like run of digits replaced by `•••`.
pub fn scrub(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            // Measure the run: digits with single separators between them.
            let mut end = i + 1;
            let mut digits = usize::from(chars[i].is_ascii_digit());
            while end < chars.len() {
                if chars[end].is_ascii_digit() {
                    digits += 1;
                    end += 1;
                } else if matches!(chars[end], ' ' | '-' | '.' | '(' | ')')
                    && chars.get(end + 1).is_some_and(char::is_ascii_digit)
                {
                    end += 1;
                } else {
                    break;
                }
            }
            if digits >= PHONE_DIGITS {
                out.push_str("•••");
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn phone_numbers_in_any_common_spelling_are_masked() {
        assert_eq!(scrub("VIP 13800138000"), "VIP •••");
        assert_eq!(scrub("call +86 138-0013-8000 now"), "call ••• now");
        assert_eq!(scrub("(010) 6552 9988"), "(010) •••");
        assert_eq!(scrub("021.5555.1234"), "•••");
    }

    #[test]
    fn ordinary_names_and_short_numbers_are_kept() {
        assert_eq!(scrub("north.tier2"), "north.tier2");
        assert_eq!(scrub("Queue 12 · 2026"), "Queue 12 · 2026");
        assert_eq!(scrub("华北 手机 400"), "华北 手机 400");
    }
}
