//! The seam between Floorwalker and a telephony platform.

use std::future::Future;

use fw_domain::{EventEnvelope, PlatformCommand, Snapshot, Timestamp};

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
}
