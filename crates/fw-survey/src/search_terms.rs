//! Full-text search terms for comments in Chinese and English, the same on both backends.
//!
//! Chinese has no spaces, so a word-splitting index cannot find 退款 inside 退款很快到账.
//! Each run of CJK characters is indexed as its overlapping character pairs (bigrams), the
//! classic approach for CJK search without a dictionary; a query is cut the same way and every
//! pair must be present. Latin words are indexed whole and by their prefixes of 3 to
//! [`MAX_PREFIX_CHARS`] characters, so "refund" finds "refunds". The terms are plain
//! space-separated tokens: SQLite indexes them with FTS5, PostgreSQL with a GIN index over
//! the token array, and both answer "all these tokens" exactly. The store then checks the
//! phrase itself against the comment (a substring test), so pairs that occur apart do not
//! give false hits.

/// Longest indexed Latin prefix; longer query words are looked up by this prefix and then
/// checked against the comment.
pub const MAX_PREFIX_CHARS: usize = 12;
/// Shortest Latin query word the index can answer; shorter ones are matched by scanning.
pub const MIN_LATIN_CHARS: usize = 3;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F and supplements
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cjk,
    Latin,
    Gap,
}

fn kind(c: char) -> Kind {
    if is_cjk(c) {
        Kind::Cjk
    } else if c.is_alphanumeric() {
        Kind::Latin
    } else {
        Kind::Gap
    }
}

/// Splits lower-cased text into runs of one kind.
fn runs(text: &str) -> Vec<(Kind, Vec<char>)> {
    let mut out: Vec<(Kind, Vec<char>)> = Vec::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let k = kind(c);
        match out.last_mut() {
            Some((last, chars)) if *last == k && k != Kind::Gap => chars.push(c),
            _ if k == Kind::Gap => out.push((Kind::Gap, Vec::new())),
            _ => out.push((k, vec![c])),
        }
    }
    out.retain(|(k, chars)| *k != Kind::Gap && !chars.is_empty());
    out
}

fn push_unique(out: &mut Vec<String>, token: String) {
    if !out.contains(&token) {
        out.push(token);
    }
}

/// The index terms of a comment: space-separated, each token once.
pub fn index_terms(comment: &str) -> String {
    let mut tokens: Vec<String> = Vec::new();
    for (kind, chars) in runs(comment) {
        match kind {
            Kind::Cjk if chars.len() == 1 => push_unique(&mut tokens, chars[0].to_string()),
            Kind::Cjk => {
                for pair in chars.windows(2) {
                    push_unique(&mut tokens, pair.iter().collect());
                }
            }
            Kind::Latin => {
                let longest = chars.len().min(MAX_PREFIX_CHARS);
                for end in MIN_LATIN_CHARS.min(chars.len())..=longest {
                    push_unique(&mut tokens, chars[..end].iter().collect());
                }
                if chars.len() > MAX_PREFIX_CHARS {
                    push_unique(&mut tokens, chars.iter().collect());
                }
            }
            Kind::Gap => {}
        }
    }
    tokens.join(" ")
}

/// How a search text is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// Tokens that must all be in the index (empty: the index cannot help, scan).
    pub tokens: Vec<String>,
    /// Lower-cased phrases each comment must contain, checked after the index lookup.
    pub phrases: Vec<String>,
}

impl SearchQuery {
    /// `None` for a blank search.
    pub fn parse(text: &str) -> Option<SearchQuery> {
        let phrases: Vec<String> = text
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|p| !p.is_empty())
            .collect();
        if phrases.is_empty() {
            return None;
        }
        let mut tokens = Vec::new();
        for (kind, chars) in runs(text) {
            match kind {
                Kind::Cjk if chars.len() >= 2 => {
                    for pair in chars.windows(2) {
                        push_unique(&mut tokens, pair.iter().collect());
                    }
                }
                Kind::Latin if chars.len() >= MIN_LATIN_CHARS => {
                    let end = chars.len().min(MAX_PREFIX_CHARS);
                    push_unique(&mut tokens, chars[..end].iter().collect());
                }
                // A lone CJK character or a short word: the index holds no such token for
                // every comment containing it, so it is only checked as a phrase.
                _ => {}
            }
        }
        Some(SearchQuery { tokens, phrases })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_all(terms: &str, query: &SearchQuery) -> bool {
        let indexed: Vec<&str> = terms.split(' ').collect();
        query.tokens.iter().all(|t| indexed.contains(&t.as_str()))
    }

    #[test]
    fn chinese_words_inside_a_sentence_are_found() {
        let terms = index_terms("退款很快到账了，点赞");
        for word in ["退款", "很快到账", "点赞", "到账了"] {
            let query = SearchQuery::parse(word).unwrap();
            assert!(!query.tokens.is_empty(), "{word}");
            assert!(has_all(&terms, &query), "{word} in {terms}");
        }
        assert!(!has_all(&terms, &SearchQuery::parse("投诉").unwrap()));
    }

    #[test]
    fn english_words_match_by_prefix_and_case_insensitively() {
        let terms = index_terms("Refunds came through; the Agent was GREAT");
        for word in ["refund", "REFUNDS", "agent", "gre"] {
            assert!(
                has_all(&terms, &SearchQuery::parse(word).unwrap()),
                "{word}"
            );
        }
        assert!(!has_all(&terms, &SearchQuery::parse("parcel").unwrap()));
        let long = index_terms("internationalisation");
        assert!(has_all(
            &long,
            &SearchQuery::parse("internationalis").unwrap()
        ));
    }

    #[test]
    fn short_terms_fall_back_to_phrases_only() {
        let query = SearchQuery::parse("好 ok").unwrap();
        assert!(query.tokens.is_empty());
        assert_eq!(query.phrases, vec!["好", "ok"]);
        assert_eq!(SearchQuery::parse("   "), None);
    }

    #[test]
    fn mixed_text_is_cut_into_both_kinds() {
        let terms = index_terms("App闪退 crash");
        assert!(terms.split(' ').any(|t| t == "闪退"));
        assert!(terms.split(' ').any(|t| t == "app"));
        assert!(terms.split(' ').any(|t| t == "cra"));
    }
}
