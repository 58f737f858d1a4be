//! How a regional-priority mode names its regions, and which callers they match.
//!
//! A region is written one of two ways:
//!
//! * an **area code**: the national trunk prefix `0` and two or three more digits, exactly as
//!   a landline number starts (`010` Beijing, `020` Guangzhou, `0898` Hainan). It matches a
//!   caller whose number starts with it; `+86…` and `0086…` numbers are read in their
//!   national form first (`+86 898 …` is `0898…`). Mobile numbers carry no area code, so a
//!   mobile caller is matched by province only.
//! * a **province** (or municipality, region) by name, as the platform reports the caller's
//!   region (`CallerInfo::region`, Asterisk's `CC_REGION`): `Hainan`, `Inner Mongolia`,
//!   `海南`. Letters (any script), spaces, `-`, `'` and `·`, 2 to 40 characters; matched
//!   whole and case-insensitively (`hainan` matches `Hainan`, but `海南` does not match
//!   `海南省`: write the name the platform uses).

use fw_domain::CallerInfo;

/// The most characters a province name may have.
const MAX_PROVINCE_CHARS: usize = 40;

/// One region of a regional-priority mode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// `0` and two or three more digits.
    AreaCode(String),
    /// A province name with its whitespace tidied (trimmed, runs of spaces made one).
    Province(String),
}

impl Region {
    /// Reads a region as a supervisor typed it. The error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Region, &'static str> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("a region cannot be empty");
        }
        if trimmed.chars().any(|c| c.is_ascii_digit()) {
            return parse_area_code(trimmed);
        }
        parse_province(trimmed)
    }

    /// The region as the plan stores and shows it.
    pub fn as_str(&self) -> &str {
        match self {
            Region::AreaCode(code) => code,
            Region::Province(name) => name,
        }
    }

    /// The form two regions are compared in (and the AstDB key): area codes as they are,
    /// provinces lower-cased.
    pub fn key(&self) -> String {
        match self {
            Region::AreaCode(code) => code.clone(),
            Region::Province(name) => name.to_lowercase(),
        }
    }

    /// Whether a caller is from this region.
    pub fn matches(&self, caller: &CallerInfo) -> bool {
        match self {
            Region::AreaCode(code) => national_number(&caller.number).starts_with(code.as_str()),
            Region::Province(name) => {
                let region = caller.region.trim();
                !region.is_empty() && region.to_lowercase() == name.to_lowercase()
            }
        }
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn parse_area_code(text: &str) -> Result<Region, &'static str> {
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return Err("an area code is digits only (e.g. 0898), a province has no digits");
    }
    if !text.starts_with('0') {
        return Err("an area code starts with 0, e.g. 0898 for Hainan or 010 for Beijing");
    }
    if !(3..=4).contains(&text.len()) {
        return Err("an area code has 3 or 4 digits with its leading 0 (010, 0898)");
    }
    Ok(Region::AreaCode(text.to_owned()))
}

fn parse_province(text: &str) -> Result<Region, &'static str> {
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = tidy.chars().count();
    if !(2..=MAX_PROVINCE_CHARS).contains(&chars) {
        return Err("a province name has 2 to 40 characters");
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '·');
    if !tidy.chars().all(allowed) {
        return Err("a province name has letters, spaces, '-', ''' or '·' only");
    }
    Ok(Region::Province(tidy))
}

/// A caller's number in its national form: separators dropped, `+86`/`0086` replaced by
/// the trunk prefix `0`.
fn national_number(number: &str) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if let Some(rest) = digits.strip_prefix("+86") {
        format!("0{rest}")
    } else if let Some(rest) = digits.strip_prefix("0086") {
        format!("0{rest}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(number: &str, region: &str) -> CallerInfo {
        CallerInfo {
            number: number.into(),
            region: region.into(),
        }
    }

    #[test]
    fn area_codes_and_provinces_are_told_apart_and_checked() {
        assert_eq!(Region::parse(" 0898 "), Ok(Region::AreaCode("0898".into())));
        assert_eq!(Region::parse("010"), Ok(Region::AreaCode("010".into())));
        assert_eq!(
            Region::parse("Inner   Mongolia"),
            Ok(Region::Province("Inner Mongolia".into()))
        );
        assert_eq!(Region::parse("海南"), Ok(Region::Province("海南".into())));
        assert!(Region::parse("898").unwrap_err().contains("starts with 0"));
        assert!(
            Region::parse("08981")
                .unwrap_err()
                .contains("3 or 4 digits")
        );
        assert!(
            Region::parse("Hainan 2")
                .unwrap_err()
                .contains("digits only")
        );
        assert!(Region::parse("Hai/nan").unwrap_err().contains("letters"));
        assert!(Region::parse("H").unwrap_err().contains("2 to 40"));
        assert!(Region::parse("  ").is_err());
    }

    #[test]
    fn area_codes_match_landlines_in_national_or_international_form() {
        let hainan = Region::parse("0898").unwrap();
        assert!(hainan.matches(&caller("089866112233", "")));
        assert!(hainan.matches(&caller("+86 898 6611 2233", "")));
        assert!(hainan.matches(&caller("0086-898-66112233", "")));
        assert!(
            !hainan.matches(&caller("13812345678", "Hainan")),
            "a mobile"
        );
        assert!(!hainan.matches(&caller("", "")));
    }

    #[test]
    fn provinces_match_the_whole_name_whatever_the_case() {
        let hainan = Region::parse("hainan").unwrap();
        assert!(hainan.matches(&caller("13812345678", "Hainan")));
        assert!(!hainan.matches(&caller("13812345678", "Hainan Island")));
        assert!(!hainan.matches(&caller("13812345678", "")));
        assert_eq!(hainan.key(), Region::parse("HAINAN").unwrap().key());
    }
}
