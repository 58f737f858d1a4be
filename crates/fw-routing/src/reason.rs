//! The typed reason every change to the plan carries: the audit trail and the banner on
//! every console show it, so "x" or a blank is not enough.

use crate::error::RuleError;

/// The fewest characters a reason may have (after trimming). Counted in characters, not
/// bytes: "台风断电停运" is six.
pub const MIN_REASON_CHARS: usize = 5;
/// The most characters a reason may have: a banner line, not an incident report.
pub const MAX_REASON_CHARS: usize = 500;

/// A checked reason: trimmed, `MIN_REASON_CHARS..=MAX_REASON_CHARS` characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reason(String);

impl Reason {
    /// Trims `text` and checks its length.
    pub fn new(text: &str) -> Result<Reason, RuleError> {
        let trimmed = text.trim();
        let chars = trimmed.chars().count();
        if chars == 0 {
            return Err(RuleError::ReasonMissing);
        }
        if chars < MIN_REASON_CHARS {
            return Err(RuleError::ReasonTooShort {
                chars,
                min: MIN_REASON_CHARS,
            });
        }
        if chars > MAX_REASON_CHARS {
            return Err(RuleError::ReasonTooLong {
                chars,
                max: MAX_REASON_CHARS,
            });
        }
        Ok(Reason(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_and_counted_in_characters() {
        assert_eq!(
            Reason::new("  typhoon  ").unwrap().as_str(),
            "typhoon",
            "trimmed"
        );
        assert!(
            Reason::new("台风断电停运").is_ok(),
            "six characters, 18 bytes"
        );
        assert_eq!(
            Reason::new("台风"),
            Err(RuleError::ReasonTooShort { chars: 2, min: 5 })
        );
        assert_eq!(Reason::new(" \t\n "), Err(RuleError::ReasonMissing));
        assert!(matches!(
            Reason::new(&"x".repeat(501)),
            Err(RuleError::ReasonTooLong { chars: 501, .. })
        ));
    }
}
