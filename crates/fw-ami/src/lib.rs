//! A sans-IO codec for the Asterisk Manager Interface (AMI).
//!
//! Bytes in, typed messages out, and actions back to bytes, with no sockets, no async and
//! no clock, so every rule is testable against recorded transcripts and arbitrary input.
//! The layers, each usable alone:
//!
//! 1. [`Decoder`]: bytes → [`Decoded`] (the greeting line, or a [`Frame`] of ordered
//!    `Key: value` fields). Never panics; bad input yields a [`DecodeError`] and the
//!    decoder resynchronises at the next blank line.
//! 2. [`Message`]: a frame classified as [`Response`], [`Event`] or [`Action`].
//! 3. [`Event::typed`]: the [`AmiEvent`] view of the queue, agent and channel events
//!    Floorwalker uses, with units and field-name quirks resolved.
//! 4. [`Correlator`]: responses and list events matched to outstanding actions by
//!    `ActionID`, yielding one [`ActionResult`] per answered action.
//!
//! Outbound, [`Action`] builds requests and encodes them with CRLF line ends, refusing
//! values that would inject extra lines. A TCP connector drives all of this from the
//! outside:
//!
//! ```
//! use fw_ami::{Action, AmiEvent, Correlator, Decoder, Routed};
//!
//! let mut correlator = Correlator::new();
//! let request = correlator.send(&Action::queue_summary(None).with_action_id("fw-3"))?;
//! assert!(request.starts_with(b"Action: QueueSummary\r\nActionID: fw-3\r\n"));
//!
//! // Whatever the socket delivered, split anywhere.
//! let mut decoder = Decoder::new();
//! decoder.feed(b"Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: fw-3\r\n\
//!     EventList: start\r\n\r\nEvent: QueueSummary\r\nQueue: support\r\nLoggedIn: 3\r\n\
//!     Available: 3\r\nCallers: 0\r\nHoldTime: 0\r\nTalkTime: 0\r\nLongestHoldTime: 0\r\n\
//!     ActionID: fw-3\r\n\r\nEvent: QueueSummaryComplete\r\nActionID: fw-3\r\n\
//!     EventList: Complete\r\nListItems: 1\r\n\r\n");
//! let mut answers = Vec::new();
//! while let Some(message) = decoder.next_message() {
//!     // A real connector logs a decode error and carries on.
//!     if let Some(Routed::Completed(result)) = correlator.route(message?) {
//!         answers.push(result);
//!     }
//! }
//! let summary = &answers[0];
//! assert_eq!(summary.count_matches(), Some(true));
//! let AmiEvent::QueueSummary(queue) = summary.items[0].typed()? else { unreachable!() };
//! assert_eq!((queue.queue.as_str(), queue.available), ("support", 3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod action;
mod action_result;
mod correlator;
mod decoder;
mod error;
mod event;
mod frame;
mod greeting;
mod message;
mod response;
pub mod typed;

pub use action::Action;
pub use action_result::{ActionResult, Routed};
pub use correlator::Correlator;
pub use decoder::{DEFAULT_MAX_FRAME_BYTES, Decoded, Decoder};
pub use error::{CorrelateError, DecodeError, EncodeError, FieldError};
pub use event::Event;
pub use frame::Frame;
pub use greeting::Greeting;
pub use message::Message;
pub use response::{Outcome, Response};
pub use typed::AmiEvent;
