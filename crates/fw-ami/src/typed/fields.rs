//! [`Fields`]: typed reads of an event's fields, with errors that name the event and
//! the field.

use std::str::FromStr;

use crate::error::FieldError;
use crate::frame::Frame;

/// Reads fields of one frame, optionally under a prefix (`Dest`, `Spyer`, `Spyee`):
/// AMI repeats a whole channel snapshot under a prefix for the second channel of an
/// event, so a snapshot reader written once serves every leg.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    frame: &'a Frame,
    event: &'a str,
    prefix: &'a str,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(frame: &'a Frame, event: &'a str) -> Self {
        Self {
            frame,
            event,
            prefix: "",
        }
    }

    /// The same frame, reading `prefix` + key.
    pub(crate) fn prefixed(self, prefix: &'a str) -> Self {
        Self { prefix, ..self }
    }

    pub(crate) fn frame(&self) -> &'a Frame {
        self.frame
    }

    pub(crate) fn event(&self) -> &'a str {
        self.event
    }

    pub(crate) fn raw(&self, key: &str) -> Option<&'a str> {
        self.frame.get_prefixed(self.prefix, key)
    }

    pub(crate) fn all(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.frame.get_all_prefixed(self.prefix, key)
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.raw(key).is_some()
    }

    /// A field the typed view cannot do without.
    pub(crate) fn text(&self, key: &str) -> Result<String, FieldError> {
        self.raw(key)
            .map(str::to_owned)
            .ok_or_else(|| self.missing(key))
    }

    /// A descriptive field; absent reads as empty (older Asterisk versions omit some).
    pub(crate) fn text_or_default(&self, key: &str) -> String {
        self.raw(key).unwrap_or_default().to_owned()
    }

    /// A field whose absence means something.
    pub(crate) fn opt_text(&self, key: &str) -> Option<String> {
        self.raw(key).map(str::to_owned)
    }

    /// A required number.
    pub(crate) fn number<T: FromStr>(&self, key: &str) -> Result<T, FieldError> {
        self.opt_number(key)?.ok_or_else(|| self.missing(key))
    }

    /// A number that may be absent or empty; present but unparsable is an error.
    pub(crate) fn opt_number<T: FromStr>(&self, key: &str) -> Result<Option<T>, FieldError> {
        match self.raw(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(value) => value
                .parse()
                .map(Some)
                .map_err(|_| self.invalid(key, std::any::type_name::<T>(), value)),
        }
    }

    /// A required boolean (`1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off`).
    pub(crate) fn flag(&self, key: &str) -> Result<bool, FieldError> {
        self.opt_flag(key)?.ok_or_else(|| self.missing(key))
    }

    /// A boolean that may be absent or empty.
    pub(crate) fn opt_flag(&self, key: &str) -> Result<Option<bool>, FieldError> {
        let Some(value) = self.raw(key).map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        parse_flag(value)
            .map(Some)
            .ok_or_else(|| self.invalid(key, "a boolean", value))
    }

    pub(crate) fn missing(&self, key: &str) -> FieldError {
        FieldError::Missing {
            event: self.event.to_owned(),
            field: format!("{}{key}", self.prefix),
        }
    }

    pub(crate) fn invalid(&self, key: &str, expected: &'static str, value: &str) -> FieldError {
        FieldError::Invalid {
            event: self.event.to_owned(),
            field: format!("{}{key}", self.prefix),
            expected,
            value: value.to_owned(),
        }
    }
}

/// Splits `NAME=value` (a `ChanVariable` or `Variable`); a bare name has an empty value.
pub(crate) fn split_variable(raw: &str) -> (String, String) {
    let (name, value) = raw.split_once('=').unwrap_or((raw, ""));
    (name.to_owned(), value.to_owned())
}

/// An AMI boolean as Asterisk and dialplans write them: `1`/`0`, `true`/`false`,
/// `yes`/`no`, `on`/`off` (any case, spaces around ignored); `None` for anything else.
pub fn parse_flag(value: &str) -> Option<bool> {
    let value = value.trim();
    let is = |words: [&str; 4]| words.iter().any(|w| w.eq_ignore_ascii_case(value));
    if is(["1", "true", "yes", "on"]) {
        Some(true)
    } else if is(["0", "false", "no", "off"]) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame::new()
            .with("Position", "3")
            .with("Empty", "")
            .with("Bad", "x3")
            .with("Paused", "1")
            .with("InCall", "no")
            .with("Weird", "maybe")
            .with("DestPriority", "7")
    }

    #[test]
    fn numbers_are_required_optional_or_invalid() {
        let f = frame();
        let fields = Fields::new(&f, "QueueCallerJoin");
        assert_eq!(fields.number::<u32>("position"), Ok(3));
        assert_eq!(fields.opt_number::<u32>("Empty"), Ok(None));
        assert_eq!(
            fields.number::<u32>("Count"),
            Err(FieldError::Missing {
                event: "QueueCallerJoin".into(),
                field: "Count".into()
            })
        );
        assert!(matches!(
            fields.number::<u32>("Bad"),
            Err(FieldError::Invalid { value, .. }) if value == "x3"
        ));
        assert_eq!(fields.prefixed("Dest").number::<u32>("Priority"), Ok(7));
        assert_eq!(
            fields.prefixed("Dest").text("Channel"),
            Err(FieldError::Missing {
                event: "QueueCallerJoin".into(),
                field: "DestChannel".into()
            })
        );
    }

    #[test]
    fn flags_accept_asterisks_spellings() {
        let f = frame();
        let fields = Fields::new(&f, "QueueMember");
        assert_eq!(fields.flag("Paused"), Ok(true));
        assert_eq!(fields.flag("InCall"), Ok(false));
        assert_eq!(fields.opt_flag("Ringinuse"), Ok(None));
        assert!(fields.flag("Weird").is_err());
    }

    #[test]
    fn variables_split_at_the_first_equals() {
        assert_eq!(
            split_variable("CC_QUEUE=support"),
            ("CC_QUEUE".into(), "support".into())
        );
        assert_eq!(
            split_variable("CC_REGION="),
            ("CC_REGION".into(), String::new())
        );
        assert_eq!(split_variable("A=b=c"), ("A".into(), "b=c".into()));
        assert_eq!(split_variable("BARE"), ("BARE".into(), String::new()));
    }
}
