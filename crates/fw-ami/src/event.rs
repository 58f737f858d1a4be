//! [`Event`]: a frame that starts with `Event:`, kept raw until someone asks for its
//! typed form.

use crate::error::FieldError;
use crate::frame::Frame;
use crate::typed::AmiEvent;

/// An asynchronous event, or one item of a list action's answer.
///
/// Kept as the raw frame so that an event Floorwalker has no typed view for (VarSet,
/// Newexten, …) costs nothing beyond framing and can still be filtered by name or
/// forwarded. [`Event::typed`] gives the typed view on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    frame: Frame,
}

impl Event {
    /// An event frame with only `Event: <name>`; add fields with [`Event::with`].
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            frame: Frame::new().with("Event", name),
        }
    }

    /// Wraps a decoded frame.
    pub fn from_frame(frame: Frame) -> Self {
        Self { frame }
    }

    /// Appends a field.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.frame.push(key, value);
        self
    }

    /// The `Event:` value, e.g. `QueueCallerJoin`; empty if the frame has none.
    pub fn name(&self) -> &str {
        self.frame.get("Event").unwrap_or("")
    }

    /// The `ActionID` of the action this event answers, for list items and
    /// OriginateResponse.
    pub fn action_id(&self) -> Option<&str> {
        self.frame.get("ActionID")
    }

    /// Whether this event ends a list (`EventList: Complete`).
    pub fn is_list_complete(&self) -> bool {
        self.frame
            .get("EventList")
            .is_some_and(|v| v.eq_ignore_ascii_case("complete"))
    }

    /// The first value of a field, ignoring ASCII case.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.frame.get(key)
    }

    /// Every value of a repeated field.
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.frame.get_all(key)
    }

    /// The whole frame.
    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    /// The whole frame, handed over.
    pub fn into_frame(self) -> Frame {
        self.frame
    }

    /// The typed view: [`AmiEvent::Other`] for events without one, a [`FieldError`]
    /// when a field the typed view needs is missing or unreadable.
    pub fn typed(&self) -> Result<AmiEvent, FieldError> {
        AmiEvent::parse(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_name_action_id_and_list_end() {
        let done = Event::new("QueueSummaryComplete")
            .with("ActionID", "fw-3")
            .with("EventList", "Complete")
            .with("ListItems", "2");
        assert_eq!(done.name(), "QueueSummaryComplete");
        assert_eq!(done.action_id(), Some("fw-3"));
        assert!(done.is_list_complete());

        let plain = Event::from_frame(Frame::new().with("Queue", "support"));
        assert_eq!(plain.name(), "");
        assert!(!plain.is_list_complete());
    }
}
