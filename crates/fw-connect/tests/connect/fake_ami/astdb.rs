//! The fake's AstDB, the actions around disaster-mode routing and the test's handles on
//! them. The actions are answered as Asterisk 22 answers them (`04-disaster-mode-astdb.txt`;
//! `manager.c` and `app_queue.c` for what the recording does not show):
//! * `DBGet` of a key it holds: a list, one `DBGetResponse` then `DBGetComplete`; of a
//!   missing key: `Response: Error`, `Message: Database entry not found`;
//! * `DBPut`: `Updated database successfully`; `DBDel`: `Key deleted successfully`, or the
//!   same not-found error;
//! * `UserEvent`: `Event Sent`, then `Event: UserEvent` to every client (the sender too),
//!   carrying every header of the action but `Action` and `UserEvent`, `ActionID` included;
//! * `QueueChangePriorityCaller`: no privilege needed; the caller must be waiting in the queue.
//!
//! The privileges (`system` to write AstDB, `user` for UserEvent) are checked in `server.rs`.

use std::collections::BTreeMap;

use fw_ami::{Action, Frame};

use super::model::Model;
use super::server::{FakeAmi, lock, response, stamp, wake_all};

const NOT_FOUND: &str = "Database entry not found";

/// The test's handles on what the clients share.
impl FakeAmi {
    /// AstDB as it stands: `/family/key` → value.
    pub fn astdb(&self) -> BTreeMap<String, String> {
        lock(&self.shared).astdb.clone()
    }

    /// Sets an AstDB key as someone else (the CLI, another tool) would: no event.
    pub fn put_astdb(&self, full_key: &str, value: &str) {
        lock(&self.shared)
            .astdb
            .insert(full_key.to_owned(), value.to_owned());
    }

    /// Sends `frame` to every connected client, as if Asterisk had raised it, after
    /// applying it to the model (a caller joining, for instance).
    pub fn emit(&self, frame: Frame) {
        let mut shared = lock(&self.shared);
        shared.model.apply(&frame);
        shared.broadcasts.push(frame);
        wake_all(&mut shared);
    }
}

fn full_key(action: &Action) -> String {
    format!(
        "/{}/{}",
        action.get("Family").unwrap_or_default(),
        action.get("Key").unwrap_or_default()
    )
}

pub fn db_get(db: &BTreeMap<String, String>, action: &Action) -> Vec<Frame> {
    let Some(value) = db.get(&full_key(action)) else {
        return vec![response(action, "Error", NOT_FOUND)];
    };
    let id = action.action_id().unwrap_or_default();
    vec![
        Frame::new()
            .with("Response", "Success")
            .with("ActionID", id)
            .with("EventList", "start")
            .with("Message", "Result will follow"),
        Frame::new()
            .with("Event", "DBGetResponse")
            .with("Family", action.get("Family").unwrap_or_default())
            .with("Key", action.get("Key").unwrap_or_default())
            .with("Val", value.as_str())
            .with("ActionID", id),
        Frame::new()
            .with("Event", "DBGetComplete")
            .with("ActionID", id)
            .with("EventList", "Complete")
            .with("ListItems", "1"),
    ]
}

pub fn db_put(db: &mut BTreeMap<String, String>, action: &Action) -> Vec<Frame> {
    db.insert(
        full_key(action),
        action.get("Val").unwrap_or_default().to_owned(),
    );
    vec![response(action, "Success", "Updated database successfully")]
}

pub fn db_del(db: &mut BTreeMap<String, String>, action: &Action) -> Vec<Frame> {
    match db.remove(&full_key(action)) {
        Some(_) => vec![response(action, "Success", "Key deleted successfully")],
        None => vec![response(action, "Error", NOT_FOUND)],
    }
}

/// The answer to the sender, and the event every client gets.
pub fn user_event(action: &Action, now: i64) -> (Vec<Frame>, Frame) {
    let mut event = Frame::new()
        .with("Event", "UserEvent")
        .with("Privilege", "user,all")
        .with("Timestamp", stamp(now))
        .with("UserEvent", action.get("UserEvent").unwrap_or_default());
    if let Some(id) = action.action_id() {
        event.push("ActionID", id);
    }
    for (key, value) in action.headers() {
        if !key.eq_ignore_ascii_case("UserEvent") {
            event.push(key.as_str(), value.as_str());
        }
    }
    (vec![response(action, "Success", "Event Sent")], event)
}

pub fn change_priority(model: &mut Model, action: &Action) -> Vec<Frame> {
    let queue = action.get("Queue").unwrap_or_default();
    let caller = action.get("Caller").unwrap_or_default();
    let Some(priority) = action.get("Priority").and_then(|p| p.parse::<i32>().ok()) else {
        return vec![response(action, "Error", "'Priority' need integer.")];
    };
    if !model.queues.iter().any(|q| q.name == queue) {
        return vec![response(
            action,
            "Error",
            "Unable to change priority caller on queue: No such queue",
        )];
    }
    match model.entry_mut(queue, caller) {
        Some(entry) => {
            entry.priority = priority;
            vec![response(
                action,
                "Success",
                "Priority change for caller on queue",
            )]
        }
        None => vec![response(
            action,
            "Error",
            "Unable to change priority caller on queue: No such caller",
        )],
    }
}
