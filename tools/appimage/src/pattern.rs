//! Shell-style glob patterns, as `fnmatch(3)` without flags matches them.
//!
//! Used for `--appimage-extract <pattern>` (the official runtime passes its pattern to
//! `fnmatch` with no flags, so `*` also crosses `/`) and for linuxdeploy's
//! `--exclude-library`.

/// A compiled glob: `*` (any run of characters, `/` included), `?` (one character),
/// `[abc]`, `[a-z]`, `[!a-z]` or `[^a-z]` (one character from a set or not from it), and
/// `\x` for a literal `x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    AnyOne,
    AnyRun,
    Set {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Pattern {
    /// Compiles `text`. Never fails: an unclosed `[` is taken literally, as fnmatch does.
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            match chars[at] {
                '*' => {
                    // Consecutive stars mean the same as one; folding them keeps matching linear.
                    if tokens.last() != Some(&Token::AnyRun) {
                        tokens.push(Token::AnyRun);
                    }
                    at += 1;
                }
                '?' => {
                    tokens.push(Token::AnyOne);
                    at += 1;
                }
                '\\' if at + 1 < chars.len() => {
                    tokens.push(Token::Literal(chars[at + 1]));
                    at += 2;
                }
                '[' => {
                    if let Some((token, next)) = parse_set(&chars, at) {
                        tokens.push(token);
                        at = next;
                    } else {
                        tokens.push(Token::Literal('['));
                        at += 1;
                    }
                }
                other => {
                    tokens.push(Token::Literal(other));
                    at += 1;
                }
            }
        }
        Self { tokens }
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        // Iterative matching with one backtrack point (the last star), the classic
        // wildcard algorithm: linear in practice, no recursion.
        let (mut t, mut p) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.tokens.get(p) {
                Some(Token::AnyRun) => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(token) if token.matches_one(text[t]) => {
                    t += 1;
                    p += 1;
                }
                _ => match star {
                    Some((star_p, star_t)) => {
                        p = star_p + 1;
                        t = star_t + 1;
                        star = Some((star_p, star_t + 1));
                    }
                    None => return false,
                },
            }
        }
        self.tokens[p..].iter().all(|token| *token == Token::AnyRun)
    }
}

impl Token {
    fn matches_one(&self, c: char) -> bool {
        match self {
            Token::Literal(literal) => *literal == c,
            Token::AnyOne => true,
            Token::AnyRun => false,
            Token::Set { negated, ranges } => {
                ranges.iter().any(|(low, high)| (*low..=*high).contains(&c)) != *negated
            }
        }
    }
}

/// Parses the set starting at `chars[open]` (a `[`); returns it and the index after its `]`.
fn parse_set(chars: &[char], open: usize) -> Option<(Token, usize)> {
    let mut at = open + 1;
    let negated = matches!(chars.get(at), Some('!' | '^'));
    if negated {
        at += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(at)?;
        // A `]` right after the opening (or the negation) is a member, not the end.
        if c == ']' && !first {
            return Some((Token::Set { negated, ranges }, at + 1));
        }
        first = false;
        let low = if c == '\\' {
            at += 1;
            *chars.get(at)?
        } else {
            c
        };
        if chars.get(at + 1) == Some(&'-') && chars.get(at + 2).is_some_and(|&h| h != ']') {
            ranges.push((low, chars[at + 2]));
            at += 3;
        } else {
            ranges.push((low, low));
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    fn m(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern).matches(text)
    }

    #[test]
    fn literals_and_wildcards() {
        assert!(m("AppRun", "AppRun"));
        assert!(!m("AppRun", "AppRun.wrapped"));
        assert!(m("*.desktop", "Floorwalker.desktop"));
        assert!(!m("*.desktop", "Floorwalker.desktop~"));
        assert!(m("lib?.so", "libz.so"));
        assert!(!m("lib?.so", "libzz.so"));
        assert!(m("*", ""));
        assert!(!m("?", ""));
    }

    #[test]
    fn a_star_crosses_slashes_as_fnmatch_without_flags_does() {
        assert!(m("usr/*", "usr/bin/floorwalker"));
        assert!(m("*/floorwalker", "usr/bin/floorwalker"));
        assert!(m(
            "usr/*/lib*.so*",
            "usr/lib/x86_64-linux-gnu/libgtk-3.so.0"
        ));
    }

    #[test]
    fn sets_ranges_and_negation() {
        assert!(m("lib[gx]tk*", "libgtk-3.so.0"));
        assert!(m("v[0-9].*", "v3.txt"));
        assert!(!m("v[0-9].*", "vx.txt"));
        assert!(m("v[!0-9]", "vx"));
        assert!(m("v[^0-9]", "vx"));
        assert!(!m("v[!0-9]", "v1"));
        assert!(m("[]]", "]"));
        assert!(m("[a-]", "-"));
    }

    #[test]
    fn escapes_and_unclosed_sets_are_literal() {
        assert!(m(r"a\*b", "a*b"));
        assert!(!m(r"a\*b", "axb"));
        assert!(m("a[b", "a[b"));
    }

    #[test]
    fn backtracking_finds_the_right_split() {
        assert!(m("*a*b*c", "xxaxxbxxbxxc"));
        assert!(!m("*a*b*c", "xxaxxbxx"));
        assert!(m("**x", "aax"));
        assert!(m("*.so.*", "libgio-2.0.so.0.7400.6"));
    }
}
