//! The seam between Floorwalker and a telephony platform.

use std::future::Future;

use fw_domain::{EventEnvelope, PlatformCommand, Snapshot, Timestamp};
use fw_routing::RoutingPlan;

use crate::error::{CommandError, ConnectorError};

/// A telephony platform as Floorwalker sees it: a snapshot after every (re)connect, then a
/// stream of sequenced events, and commands going the other way.
///
/// `next_events` must be cancel-safe: the hub races it against commands and its frame
/// timer, and drops the future when another branch wins. No event may be lost by that.
pub trait Connector: Send + 'static {
    /// What to call the platform on screen, e.g. "Simulator" or "Asterisk 10.0.0.5:5038".
    fn platform(&self) -> String;

    /// The platform's current time (the simulator's virtual clock, or wall time).
    fn now(&self) -> Timestamp;

    /// True while the platform replays the past faster than real time (the simulator warming
    /// up, or catching up after the process was suspended): its events are history, and a
    /// frame then would show the past against the present clock (every wait hours long).
    /// A platform that only ever delivers the present says false.
    fn catching_up(&self) -> bool {
        false
    }

    /// Connects, or reconnects after an error, and returns the platform's full state.
    /// Events of `snapshot.source` numbered above `snapshot.last_seq` follow.
    fn connect(&mut self) -> impl Future<Output = Result<Snapshot, ConnectorError>> + Send;

    /// Waits for the next events and appends them, in order, to `out` (a bounded batch).
    /// An error means the link is gone: call `connect` again.
    fn next_events(
        &mut self,
        out: &mut Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), ConnectorError>> + Send;

    /// Asks the platform to act. Success means the platform accepted the command; its effect
    /// arrives later as events.
    fn execute(
        &mut self,
        command: PlatformCommand,
    ) -> impl Future<Output = Result<(), CommandError>> + Send;

    /// Brings the platform to exactly the disaster-mode routing of `plan` (its version and
    /// every active mode, with who, when, why and the approver): declarative and idempotent,
    /// so the hub calls it whenever the plan in force changed and after every connect, and a
    /// call that finds nothing to change sends nothing. The whole plan goes over rather than
    /// one mode at a time because Asterisk keeps the whole record of each mode, and because
    /// after a reconnect the connector alone knows what the platform still holds.
    ///
    /// `NotConnected` means nothing was sent: the hub hands the plan over again after the
    /// next connect.
    fn apply_routing(
        &mut self,
        plan: &RoutingPlan,
    ) -> impl Future<Output = Result<(), CommandError>> + Send;
}
