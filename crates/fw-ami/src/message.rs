//! [`Message`]: what a decoded unit means.

use crate::action::Action;
use crate::decoder::Decoded;
use crate::error::{DecodeError, EncodeError};
use crate::event::Event;
use crate::frame::Frame;
use crate::greeting::Greeting;
use crate::response::Response;

/// One inbound unit, classified by its first key.
///
/// A client sees greetings, responses and events; `Action` is there so the same decoder
/// serves a fake AMI server in tests (and a proxy), which reads what clients send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Greeting(Greeting),
    Response(Response),
    Event(Event),
    Action(Action),
}

impl Message {
    /// The `ActionID`, for responses, events and actions that carry one.
    pub fn action_id(&self) -> Option<&str> {
        match self {
            Self::Greeting(_) => None,
            Self::Response(r) => r.action_id(),
            Self::Event(e) => e.action_id(),
            Self::Action(a) => a.action_id(),
        }
    }

    /// The wire form: what a fake server writes, or a proxy forwards.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        match self {
            Self::Greeting(g) => g.encode(),
            Self::Response(r) => r.frame().encode(),
            Self::Event(e) => e.frame().encode(),
            Self::Action(a) => a.encode(),
        }
    }
}

/// Classifies by the first key, which is how Asterisk writes every packet. Looking at
/// the first key rather than searching matters: OriginateResponse is an event that also
/// has a `Response:` field.
impl TryFrom<Frame> for Message {
    type Error = DecodeError;

    fn try_from(frame: Frame) -> Result<Self, Self::Error> {
        let Some((first, _)) = frame.first() else {
            return Err(DecodeError::UnknownFrame {
                first_key: String::new(),
            });
        };
        if first.eq_ignore_ascii_case("Event") {
            Ok(Self::Event(Event::from_frame(frame)))
        } else if first.eq_ignore_ascii_case("Response") {
            Ok(Self::Response(Response::from_frame(frame)))
        } else if first.eq_ignore_ascii_case("Action") {
            Ok(Self::Action(Action::from_frame(frame)))
        } else {
            Err(DecodeError::UnknownFrame {
                first_key: first.to_owned(),
            })
        }
    }
}

impl TryFrom<Decoded> for Message {
    type Error = DecodeError;

    fn try_from(decoded: Decoded) -> Result<Self, Self::Error> {
        match decoded {
            Decoded::Greeting(g) => Ok(Self::Greeting(g)),
            Decoded::Frame(frame) => Self::try_from(frame),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_decides() {
        let originate_response = Frame::new()
            .with("Event", "OriginateResponse")
            .with("ActionID", "fw-2")
            .with("Response", "Success");
        let message = Message::try_from(originate_response).unwrap();
        assert!(matches!(&message, Message::Event(e) if e.name() == "OriginateResponse"));
        assert_eq!(message.action_id(), Some("fw-2"));

        let response = Frame::new().with("response", "Goodbye");
        assert!(matches!(
            Message::try_from(response),
            Ok(Message::Response(_))
        ));
        let action = Frame::new().with("Action", "Ping").with("ActionID", "9");
        assert!(matches!(
            Message::try_from(action),
            Ok(Message::Action(a)) if a.name() == "Ping" && a.action_id() == Some("9")
        ));
        assert_eq!(
            Message::try_from(Frame::new()),
            Err(DecodeError::UnknownFrame {
                first_key: String::new()
            })
        );
    }

    #[test]
    fn encodes_each_kind() {
        let greeting = Message::Greeting(Greeting::new("11.0.0"));
        assert_eq!(
            greeting.encode().unwrap(),
            b"Asterisk Call Manager/11.0.0\r\n"
        );
        let event = Message::Event(Event::new("FullyBooted").with("Status", "Fully Booted"));
        assert_eq!(
            event.encode().unwrap(),
            b"Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n"
        );
    }
}
