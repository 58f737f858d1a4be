//! [`Response`]: Asterisk's direct answer to one action.

use crate::frame::Frame;

/// The `Response:` value. Asterisk answers `Success` or `Error`, `Goodbye` to Logoff, and
/// (before Asterisk 14) `Follows` to Command; anything else is kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    Success,
    Error,
    Follows,
    Goodbye,
    Other(String),
}

impl Outcome {
    /// Reads a `Response:` value, ignoring ASCII case.
    pub fn parse(value: &str) -> Self {
        [
            ("Success", Self::Success),
            ("Error", Self::Error),
            ("Follows", Self::Follows),
            ("Goodbye", Self::Goodbye),
        ]
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(value))
        .map_or_else(|| Self::Other(value.to_owned()), |(_, outcome)| outcome)
    }

    /// The wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Success => "Success",
            Self::Error => "Error",
            Self::Follows => "Follows",
            Self::Goodbye => "Goodbye",
            Self::Other(value) => value,
        }
    }
}

/// A frame that starts with `Response:`, matched to its action by `ActionID`.
///
/// The whole frame is kept because responses carry action-specific fields (`Ping`,
/// `Value` for Getvar, Command's repeated `Output`). A list action's response has
/// `EventList: start` and is followed by events carrying the same `ActionID`; see
/// [`crate::Correlator`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    frame: Frame,
    outcome: Outcome,
}

impl Response {
    /// A response frame with only `Response: <outcome>`; add fields with
    /// [`Response::with`]. This is what a fake server in tests writes.
    pub fn new(outcome: &Outcome) -> Self {
        Self::from_frame(Frame::new().with("Response", outcome.as_str()))
    }

    /// Reads a decoded frame. A frame without a `Response` field gets an empty
    /// [`Outcome::Other`].
    pub fn from_frame(frame: Frame) -> Self {
        let outcome = Outcome::parse(frame.get("Response").unwrap_or(""));
        Self { frame, outcome }
    }

    /// Appends a field.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.frame.push(key, value);
        self
    }

    /// Success, Error, …
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// Whether the action succeeded.
    pub fn is_success(&self) -> bool {
        self.outcome == Outcome::Success
    }

    /// The `ActionID` echoed from the action.
    pub fn action_id(&self) -> Option<&str> {
        self.frame.get("ActionID")
    }

    /// The human-readable `Message:` (`Permission denied`, `Database entry not found`).
    pub fn message(&self) -> Option<&str> {
        self.frame.get("Message")
    }

    /// Whether events follow (`EventList: start`), to be collected until the list's
    /// `…Complete` event.
    pub fn is_list_start(&self) -> bool {
        self.frame
            .get("EventList")
            .is_some_and(|v| v.eq_ignore_ascii_case("start"))
    }

    /// Command's output lines (`Output:` fields, one per line, in order).
    pub fn output(&self) -> impl Iterator<Item = &str> {
        self.frame.get_all("Output")
    }

    /// The first value of any field.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.frame.get(key)
    }

    /// The whole frame.
    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    /// The whole frame, handed over.
    pub fn into_frame(self) -> Frame {
        self.frame
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_parses_case_insensitively_and_keeps_unknowns() {
        assert_eq!(Outcome::parse("success"), Outcome::Success);
        assert_eq!(Outcome::parse("Goodbye"), Outcome::Goodbye);
        assert_eq!(Outcome::parse("Pong"), Outcome::Other("Pong".into()));
        assert_eq!(Outcome::Other("Pong".into()).as_str(), "Pong");
    }

    #[test]
    fn reads_the_common_fields() {
        let r = Response::new(&Outcome::Success)
            .with("ActionID", "fw-3")
            .with("EventList", "start")
            .with("Message", "Queue summary will follow");
        assert!(r.is_success());
        assert!(r.is_list_start());
        assert_eq!(r.action_id(), Some("fw-3"));
        assert_eq!(r.message(), Some("Queue summary will follow"));

        let denied = Response::from_frame(
            Frame::new()
                .with("Response", "Error")
                .with("Message", "Permission denied"),
        );
        assert_eq!(denied.outcome(), &Outcome::Error);
        assert!(!denied.is_list_start());
        assert_eq!(denied.action_id(), None);
    }

    #[test]
    fn command_output_lines_stay_in_order() {
        let r = Response::new(&Outcome::Success)
            .with("Message", "Command output follows")
            .with("Output", "billing has 0 calls")
            .with("Output", "   Members: ")
            .with("Output", "");
        assert_eq!(
            r.output().collect::<Vec<_>>(),
            ["billing has 0 calls", "   Members: ", ""]
        );
    }
}
