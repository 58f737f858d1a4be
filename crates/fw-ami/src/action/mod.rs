//! [`Action`]: a request to Asterisk, and its wire form.

mod builders;

use std::fmt;

use crate::error::EncodeError;
use crate::frame::{Frame, RedactedFields, check_field, write_line};

/// A request to Asterisk: `Action: <name>`, an optional `ActionID`, and headers in order.
///
/// Built with the named constructors (`Action::queue_status(None)`, `Action::login(…)`)
/// or [`Action::new`] for anything else, then chained: headers repeat when added twice,
/// as Originate's `Variable` must. The `ActionID` is how the response finds its way back
/// (see [`crate::Correlator`]), so it is a first-class part of the action rather than a
/// header. `Debug` never shows a `Secret`.
#[derive(Clone, PartialEq, Eq)]
pub struct Action {
    name: String,
    /// The `ActionID`.
    id: Option<String>,
    headers: Vec<(String, String)>,
}

impl Action {
    /// An action with no headers.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            id: None,
            headers: Vec::new(),
        }
    }

    /// Appends a header, keeping earlier ones with the same key.
    #[must_use]
    pub fn header(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((key.into(), value.into()));
        self
    }

    /// Appends a header only when there is a value: for optional parameters.
    #[must_use]
    pub fn header_opt(self, key: impl Into<String>, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(value) => self.header(key, value),
            None => self,
        }
    }

    /// Appends `Variable: name=value` (Originate's channel variables; repeatable).
    #[must_use]
    pub fn variable(self, name: &str, value: &str) -> Self {
        self.header("Variable", format!("{name}={value}"))
    }

    /// Sets the `ActionID` that Asterisk echoes in the response and list events.
    #[must_use]
    pub fn with_action_id(mut self, action_id: impl Into<String>) -> Self {
        self.id = Some(action_id.into());
        self
    }

    /// The action name, e.g. `QueueStatus`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `ActionID`, if set.
    pub fn action_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The headers after `Action` and `ActionID`, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, ignoring ASCII case.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Reads an action from a frame (a fake server's view): the first `Action` field is
    /// the name, the first `ActionID` the id, everything else a header in order.
    pub fn from_frame(frame: Frame) -> Self {
        let mut name = None;
        let mut action_id = None;
        let mut headers = Vec::with_capacity(frame.len());
        for (key, value) in frame.into_fields() {
            if name.is_none() && key.eq_ignore_ascii_case("Action") {
                name = Some(value);
            } else if action_id.is_none() && key.eq_ignore_ascii_case("ActionID") {
                action_id = Some(value);
            } else {
                headers.push((key, value));
            }
        }
        Self {
            name: name.unwrap_or_default(),
            id: action_id,
            headers,
        }
    }

    /// The action as a frame: `Action`, `ActionID`, then the headers.
    pub fn to_frame(&self) -> Frame {
        let mut frame = Frame::new().with("Action", self.name.as_str());
        if let Some(id) = &self.id {
            frame.push("ActionID", id.as_str());
        }
        for (k, v) in &self.headers {
            frame.push(k.as_str(), v.as_str());
        }
        frame
    }

    /// Checks that the action would read back as itself, without writing anything.
    pub fn validate(&self) -> Result<(), EncodeError> {
        check_field("Action", &self.name)?;
        if let Some(id) = &self.id {
            check_field("ActionID", id)?;
        }
        for (k, v) in &self.headers {
            if k.eq_ignore_ascii_case("Action") || k.eq_ignore_ascii_case("ActionID") {
                return Err(EncodeError::ReservedKey { key: k.clone() });
            }
            check_field(k, v)?;
        }
        Ok(())
    }

    /// Appends the wire form to `out`; nothing is written when the action is invalid.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.validate()?;
        write_line(out, "Action", &self.name);
        if let Some(id) = &self.id {
            write_line(out, "ActionID", id);
        }
        for (k, v) in &self.headers {
            write_line(out, k, v);
        }
        out.extend_from_slice(b"\r\n");
        Ok(())
    }

    /// The wire form as a new buffer.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(64);
        self.encode_into(&mut out)?;
        Ok(out)
    }
}

impl fmt::Debug for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Action")
            .field("name", &self.name)
            .field("action_id", &self.id)
            .field("headers", &RedactedFields(&self.headers))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_name_id_then_headers_in_order() {
        let action = Action::new("QueuePause")
            .with_action_id("fw-8")
            .header("Queue", "support")
            .header("Interface", "Local/agent2@agents/n")
            .header("Paused", "true")
            .header_opt("Reason", Some("lunch"))
            .header_opt("Missing", None::<&str>);
        assert_eq!(
            String::from_utf8(action.encode().unwrap()).unwrap(),
            "Action: QueuePause\r\nActionID: fw-8\r\nQueue: support\r\n\
             Interface: Local/agent2@agents/n\r\nPaused: true\r\nReason: lunch\r\n\r\n"
        );
    }

    #[test]
    fn reads_back_from_its_frame() {
        let action = Action::new("Originate")
            .with_action_id("fw-4")
            .header("Channel", "Local/support@callers/n")
            .variable("PATIENCE", "60")
            .variable("__TALKTIME", "8");
        assert_eq!(Action::from_frame(action.to_frame()), action);
        assert_eq!(
            action.get("variable"),
            Some("PATIENCE=60"),
            "first of the repeats"
        );
    }

    #[test]
    fn refuses_reserved_headers_and_injected_lines() {
        let doubled = Action::new("Ping").header("ActionID", "x");
        assert_eq!(
            doubled.encode(),
            Err(EncodeError::ReservedKey {
                key: "ActionID".into()
            })
        );
        let injected = Action::new("Ping").with_action_id("1\r\nAction: Logoff");
        assert!(matches!(
            injected.encode(),
            Err(EncodeError::InvalidValue { .. })
        ));
        let mut out = b"kept".to_vec();
        assert!(injected.encode_into(&mut out).is_err());
        assert_eq!(out, b"kept");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let login = Action::login("supervisor", "s3cr3t-pass").with_action_id("fw-1");
        let shown = format!("{login:?} {login:#?}");
        assert!(!shown.contains("s3cr3t-pass"), "{shown}");
        assert!(shown.contains("supervisor"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        // The wire form still carries it, of course.
        let wire = String::from_utf8(login.encode().unwrap()).unwrap();
        assert!(wire.contains("Secret: s3cr3t-pass\r\n"));
    }
}
