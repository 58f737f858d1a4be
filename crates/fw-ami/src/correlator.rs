//! [`Correlator`]: matches responses and list events to the actions that asked for them.

use std::collections::BTreeMap;

use crate::action::Action;
use crate::action_result::{ActionResult, Routed};
use crate::error::CorrelateError;
use crate::event::Event;
use crate::message::Message;
use crate::response::Response;

/// Tracks outstanding actions by `ActionID` and assembles their answers.
///
/// AMI multiplexes everything on one connection: responses arrive in request order
/// but interleaved with unrelated events, and a list action's items are ordinary
/// events that carry the action's `ActionID`, ended by a `…Complete` event with
/// `EventList: Complete`. The correlator absorbs a response and its items and yields
/// one [`ActionResult`] when the answer is whole; everything else passes through as
/// [`Routed::Unsolicited`].
///
/// An event carrying a pending `ActionID` counts as a list item only after that
/// action's response said `EventList: start`. An async Originate's OriginateResponse
/// carries the Originate's `ActionID` too, but arrives after the (non-list) response
/// has already completed the action, so it stays an ordinary event.
///
/// Pure and clock-free: time-outs belong to the connector, which calls
/// [`Correlator::cancel`] or [`Correlator::clear`].
#[derive(Debug, Default)]
pub struct Correlator {
    pending: BTreeMap<String, Pending>,
}

#[derive(Debug)]
struct Pending {
    /// Set once a list-start response arrived; items follow.
    list: Option<Response>,
    items: Vec<Event>,
}

impl Correlator {
    /// A correlator with nothing outstanding.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts waiting for the answer to `action_id`.
    pub fn expect(&mut self, action_id: &str) -> Result<(), CorrelateError> {
        if self.pending.contains_key(action_id) {
            return Err(CorrelateError::DuplicateActionId {
                action_id: action_id.to_owned(),
            });
        }
        self.pending.insert(
            action_id.to_owned(),
            Pending {
                list: None,
                items: Vec::new(),
            },
        );
        Ok(())
    }

    /// Encodes `action` and starts waiting for its answer, in one step so an action is
    /// never sent untracked nor tracked unsent. The action must have an `ActionID`.
    pub fn send(&mut self, action: &Action) -> Result<Vec<u8>, CorrelateError> {
        let Some(action_id) = action.action_id() else {
            return Err(CorrelateError::MissingActionId {
                action: action.name().to_owned(),
            });
        };
        if self.pending.contains_key(action_id) {
            return Err(CorrelateError::DuplicateActionId {
                action_id: action_id.to_owned(),
            });
        }
        let bytes = action.encode()?;
        self.expect(action_id)?;
        Ok(bytes)
    }

    /// Whether an answer to `action_id` is still awaited.
    pub fn is_pending(&self, action_id: &str) -> bool {
        self.pending.contains_key(action_id)
    }

    /// How many actions await an answer.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// The outstanding `ActionID`s, sorted.
    pub fn pending_ids(&self) -> impl Iterator<Item = &str> {
        self.pending.keys().map(String::as_str)
    }

    /// Stops waiting for `action_id` (it timed out); returns whether it was pending.
    /// Anything arriving for it later passes through as unsolicited.
    pub fn cancel(&mut self, action_id: &str) -> bool {
        self.pending.remove(action_id).is_some()
    }

    /// Forgets every outstanding action (the connection dropped) and returns their ids,
    /// sorted, so the caller can fail each one.
    pub fn clear(&mut self) -> Vec<String> {
        std::mem::take(&mut self.pending).into_keys().collect()
    }

    /// Routes one message: `None` when it was absorbed into an answer still being
    /// assembled (a list's start or an item).
    pub fn route(&mut self, message: Message) -> Option<Routed> {
        match message {
            Message::Response(response) => self.on_response(response),
            Message::Event(event) => self.on_event(event),
            other => Some(Routed::Unsolicited(other)),
        }
    }

    fn on_response(&mut self, response: Response) -> Option<Routed> {
        let Some(pending) = response
            .action_id()
            .and_then(|id| self.pending.get_mut(id))
            .filter(|p| p.list.is_none())
        else {
            return Some(Routed::Unsolicited(Message::Response(response)));
        };
        if response.is_list_start() {
            pending.list = Some(response);
            return None;
        }
        self.pending
            .remove(response.action_id().unwrap_or_default());
        Some(Routed::Completed(ActionResult {
            response,
            items: Vec::new(),
            complete: None,
        }))
    }

    fn on_event(&mut self, event: Event) -> Option<Routed> {
        let Some(pending) = event
            .action_id()
            .and_then(|id| self.pending.get_mut(id))
            .filter(|p| p.list.is_some())
        else {
            return Some(Routed::Unsolicited(Message::Event(event)));
        };
        if !event.is_list_complete() {
            pending.items.push(event);
            return None;
        }
        let pending = self.pending.remove(event.action_id().unwrap_or_default())?;
        Some(Routed::Completed(ActionResult {
            response: pending.list?,
            items: pending.items,
            complete: Some(event),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::Outcome;

    fn ok(id: &str) -> Message {
        Message::Response(Response::new(&Outcome::Success).with("ActionID", id))
    }

    fn list_start(id: &str) -> Message {
        Message::Response(
            Response::new(&Outcome::Success)
                .with("ActionID", id)
                .with("EventList", "start"),
        )
    }

    fn item(name: &str, id: &str) -> Message {
        Message::Event(Event::new(name).with("ActionID", id))
    }

    fn complete(name: &str, id: &str, count: usize) -> Message {
        Message::Event(
            Event::new(name)
                .with("ActionID", id)
                .with("EventList", "Complete")
                .with("ListItems", count.to_string()),
        )
    }

    #[test]
    fn a_single_response_completes_its_action() {
        let mut c = Correlator::new();
        c.expect("fw-2").unwrap();
        let Some(Routed::Completed(result)) = c.route(ok("fw-2")) else {
            panic!("not completed");
        };
        assert_eq!(result.action_id(), "fw-2");
        assert!(result.items.is_empty());
        assert_eq!(c.pending_len(), 0);
    }

    #[test]
    fn a_list_collects_items_around_unrelated_events() {
        let mut c = Correlator::new();
        c.expect("fw-3").unwrap();
        assert_eq!(c.route(list_start("fw-3")), None);
        assert_eq!(c.route(item("QueueSummary", "fw-3")), None);
        let unrelated = Message::Event(Event::new("QueueMemberStatus"));
        assert_eq!(
            c.route(unrelated.clone()),
            Some(Routed::Unsolicited(unrelated))
        );
        assert_eq!(c.route(item("QueueSummary", "fw-3")), None);
        let Some(Routed::Completed(result)) = c.route(complete("QueueSummaryComplete", "fw-3", 2))
        else {
            panic!("not completed");
        };
        assert_eq!(result.items.len(), 2);
        assert_eq!(result.count_matches(), Some(true));
        assert_eq!(
            result.complete.as_ref().map(Event::name),
            Some("QueueSummaryComplete")
        );
    }

    #[test]
    fn an_error_to_a_list_action_completes_it_empty() {
        let mut c = Correlator::new();
        c.expect("fw-15").unwrap();
        let denied = Message::Response(
            Response::new(&Outcome::Error)
                .with("ActionID", "fw-15")
                .with("Message", "Database entry not found"),
        );
        let Some(Routed::Completed(result)) = c.route(denied) else {
            panic!("not completed");
        };
        assert!(!result.is_success());
        assert_eq!(result.count_matches(), None);
    }

    #[test]
    fn originate_response_after_completion_passes_through() {
        let mut c = Correlator::new();
        c.expect("fw-4").unwrap();
        assert!(matches!(c.route(ok("fw-4")), Some(Routed::Completed(_))));
        let late = item("OriginateResponse", "fw-4");
        assert_eq!(c.route(late.clone()), Some(Routed::Unsolicited(late)));
    }

    #[test]
    fn an_event_before_the_list_start_is_not_an_item() {
        let mut c = Correlator::new();
        c.expect("fw-4").unwrap();
        let early = item("OriginateResponse", "fw-4");
        assert_eq!(c.route(early.clone()), Some(Routed::Unsolicited(early)));
        assert!(c.is_pending("fw-4"));
    }

    #[test]
    fn unknown_and_missing_ids_pass_through() {
        let mut c = Correlator::new();
        let stray = ok("nobody");
        assert_eq!(c.route(stray.clone()), Some(Routed::Unsolicited(stray)));
        let anonymous = Message::Response(Response::new(&Outcome::Success));
        assert_eq!(
            c.route(anonymous.clone()),
            Some(Routed::Unsolicited(anonymous))
        );
    }

    #[test]
    fn send_encodes_and_tracks_once() {
        let mut c = Correlator::new();
        let bytes = c.send(&Action::ping().with_action_id("p1")).unwrap();
        assert_eq!(bytes, b"Action: Ping\r\nActionID: p1\r\n\r\n");
        assert!(c.is_pending("p1"));
        assert_eq!(
            c.send(&Action::ping().with_action_id("p1")),
            Err(CorrelateError::DuplicateActionId {
                action_id: "p1".into()
            })
        );
        assert_eq!(
            c.send(&Action::ping()),
            Err(CorrelateError::MissingActionId {
                action: "Ping".into()
            })
        );
        let bad = Action::ping().with_action_id("p2").header("Bad", "a\nb");
        assert!(matches!(c.send(&bad), Err(CorrelateError::Encode(_))));
        assert!(
            !c.is_pending("p2"),
            "an action that failed to encode is not tracked"
        );
    }

    #[test]
    fn cancel_and_clear_forget_pending_actions() {
        let mut c = Correlator::new();
        for id in ["b", "a", "c"] {
            c.expect(id).unwrap();
        }
        assert!(c.cancel("b"));
        assert!(!c.cancel("b"));
        assert_eq!(c.pending_ids().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(c.clear(), ["a", "c"]);
        assert_eq!(c.pending_len(), 0);
    }
}
