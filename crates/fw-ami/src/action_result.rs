//! [`ActionResult`] and [`Routed`]: what the correlator hands back.

use crate::event::Event;
use crate::message::Message;
use crate::response::Response;

/// Everything Asterisk said in answer to one action: the response and, for a list
/// action (`EventList: start`), the items and the `…Complete` event that closed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionResult {
    /// The direct response. For a list this is the `EventList: start` response.
    pub response: Response,
    /// The list items in arrival order (QueueParams, QueueMember, QueueEntry, …);
    /// empty for single-response actions.
    pub items: Vec<Event>,
    /// The event that ended the list (QueueStatusComplete, DBGetComplete, …); its
    /// `ListItems` says how many items Asterisk meant to send.
    pub complete: Option<Event>,
}

impl ActionResult {
    /// The `ActionID` shared by the response and its items.
    pub fn action_id(&self) -> &str {
        self.response.action_id().unwrap_or("")
    }

    /// Whether the action succeeded.
    pub fn is_success(&self) -> bool {
        self.response.is_success()
    }

    /// Whether the number of items matches the `ListItems` the closing event announced;
    /// `None` when there is no count to compare with.
    pub fn count_matches(&self) -> Option<bool> {
        let announced = self.complete.as_ref()?.get("ListItems")?;
        let announced: usize = announced.trim().parse().ok()?;
        Some(announced == self.items.len())
    }
}

/// What [`crate::Correlator::route`] made of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routed {
    /// An outstanding action is now fully answered.
    Completed(ActionResult),
    /// Anything that answers no outstanding action: asynchronous events (including an
    /// OriginateResponse, whose ActionID arrives after its action was already answered),
    /// the greeting, and responses nobody is waiting for.
    Unsolicited(Message),
}
