//! What a screen may show of a caller's number: the whole number only to roles allowed to see
//! caller numbers, a masked one to everybody else. Decided here, so a screen never receives
//! what its user may not see.

use crate::roles::Permission;
use crate::team::User;

/// The caller's number as `viewer` may see it: whole for roles with `SeeCallerNumbers`,
/// otherwise masked in the usual Chinese style (`138****5678`: the carrier prefix and the
/// last four digits, enough to tell two callers apart, not enough to call back). Nobody
/// unknown sees a number.
pub fn caller_number_for(viewer: Option<&User>, number: &str) -> String {
    if viewer.is_some_and(|u| u.role.allows(Permission::SeeCallerNumbers)) {
        number.to_string()
    } else {
        mask_number(number)
    }
}

/// Masks the middle digits: `13812345678` → `138****5678`; short numbers keep only their last
/// two digits; a withheld (empty) number stays empty.
pub fn mask_number(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    if n == 0 {
        return String::new();
    }
    let (head, tail) = if n >= 11 {
        (3, 4)
    } else if n >= 7 {
        (2, 3)
    } else {
        (0, 2.min(n))
    };
    let mut masked: String = digits[..head].iter().collect();
    masked.push_str(&"*".repeat(n - head - tail));
    masked.extend(&digits[n - tail..]);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;

    fn user(role: Role) -> User {
        User {
            name: "u".into(),
            display_name: String::new(),
            role,
            endpoint: None,
            agent: None,
        }
    }

    #[test]
    fn numbers_are_masked_unless_the_role_may_see_them() {
        let number = "+86 138-1234-5678";
        assert_eq!(
            caller_number_for(Some(&user(Role::FloorSupervisor)), number),
            number
        );
        for hidden in [
            Some(&user(Role::QualityManager)),
            Some(&user(Role::Wallboard)),
            None,
        ] {
            assert_eq!(caller_number_for(hidden, number), "861******5678");
        }
    }

    #[test]
    fn masking_keeps_few_digits_whatever_the_length() {
        assert_eq!(mask_number("13812345678"), "138****5678");
        assert_eq!(mask_number("0571-8888123"), "057****8123");
        assert_eq!(mask_number("8888123"), "88**123");
        assert_eq!(mask_number("12345"), "***45");
        assert_eq!(mask_number("7"), "7");
        assert_eq!(mask_number(""), "");
        assert_eq!(mask_number("anonymous"), "");
    }
}
