//! A supervisor's phone as the platform dials it: `TECHNOLOGY/resource`, e.g. `PJSIP/9001`,
//! `SIP/trunk/13800138000` or `Local/9001@supervisors`.
//!
//! Checked strictly because the text goes into a platform command (Asterisk's Originate
//! `Channel`): a line break would smuggle in AMI headers, and `&` would ring several phones
//! at once, so that monitoring audio could reach someone else's handset.

/// Longest endpoint accepted; real ones are a few dozen characters.
pub const MAX_ENDPOINT_CHARS: usize = 80;

/// Why an endpoint was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error("the phone is empty")]
    Empty,
    #[error("the phone is longer than {MAX_ENDPOINT_CHARS} characters")]
    TooLong,
    #[error("the phone needs a technology and a number, like PJSIP/9001")]
    NoTechnology,
    #[error("the phone may not contain {0:?}")]
    BadCharacter(char),
}

/// The endpoint, trimmed, if it is one the platform can dial safely.
pub fn parse_endpoint(text: &str) -> Result<String, EndpointError> {
    let endpoint = text.trim();
    if endpoint.is_empty() {
        return Err(EndpointError::Empty);
    }
    if endpoint.chars().count() > MAX_ENDPOINT_CHARS {
        return Err(EndpointError::TooLong);
    }
    let Some((technology, resource)) = endpoint.split_once('/') else {
        return Err(EndpointError::NoTechnology);
    };
    if technology.is_empty() || resource.is_empty() {
        return Err(EndpointError::NoTechnology);
    }
    if let Some(bad) = technology
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(EndpointError::BadCharacter(bad));
    }
    if let Some(bad) = resource
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_-.@:+/#*".contains(*c)))
    {
        return Err(EndpointError::BadCharacter(bad));
    }
    Ok(endpoint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_phones_are_accepted() {
        for phone in [
            "PJSIP/9001",
            " SIP/trunk/13800138000 ",
            "Local/9001@supervisors",
            "IAX2/user:secret@host",
            "PJSIP/NoAnswer-9009",
        ] {
            assert_eq!(parse_endpoint(phone).unwrap(), phone.trim());
        }
    }

    #[test]
    fn what_could_ring_someone_else_or_inject_a_header_is_refused() {
        assert_eq!(parse_endpoint("  "), Err(EndpointError::Empty));
        assert_eq!(parse_endpoint("9001"), Err(EndpointError::NoTechnology));
        assert_eq!(parse_endpoint("/9001"), Err(EndpointError::NoTechnology));
        assert_eq!(
            parse_endpoint("PJSIP/9001&PJSIP/9002"),
            Err(EndpointError::BadCharacter('&'))
        );
        assert_eq!(
            parse_endpoint("PJSIP/9001\r\nAction: Hangup"),
            Err(EndpointError::BadCharacter('\r'))
        );
        assert_eq!(
            parse_endpoint("PJ SIP/9001"),
            Err(EndpointError::BadCharacter(' '))
        );
        assert_eq!(
            parse_endpoint(&format!("PJSIP/{}", "9".repeat(80))),
            Err(EndpointError::TooLong)
        );
    }

    proptest! {
        /// Whatever is typed, an accepted endpoint carries no control character, space,
        /// comma or ampersand, and is its own trimmed text.
        #[test]
        fn an_accepted_endpoint_is_safe_to_dial(text in "\\PC{0,40}|[A-Za-z]{1,5}/[ -~]{1,20}") {
            if let Ok(endpoint) = parse_endpoint(&text) {
                prop_assert!(!endpoint.chars().any(|c| c.is_control() || " ,&|;".contains(c)));
                prop_assert_eq!(endpoint.as_str(), text.trim());
            }
        }
    }
}
