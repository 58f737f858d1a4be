//! The mapper's part in disaster-mode routing: a console's announcement becomes a
//! `RoutingModeChanged` (the hub then reads the plan from the team's store at once), and the
//! callers waiting are listed for the connector to raise when a regional priority starts.

use fw_ami::Frame;
use fw_routing::astdb::decode_record;

#[allow(clippy::wildcard_imports)] // the parent's own imports, nothing else
use super::*;
use crate::ami::routing_announcement::Announcement;

/// A caller waiting in a queue, as `QueueChangePriorityCaller` names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WaitingCaller {
    pub(crate) call: CallId,
    pub(crate) queue_name: String,
    pub(crate) channel: String,
    pub(crate) caller: CallerInfo,
    pub(crate) priority: u8,
    pub(crate) queued_at: Timestamp,
}

impl AmiMapper {
    /// A `FloorwalkerRouting` announcement: the mode it names, read against this PBX's
    /// queues. One that does not read is only logged: the hub's poll of the store shows
    /// the change within half a second anyway.
    pub(super) fn on_routing_announced(
        &mut self,
        body: &Frame,
        at: Timestamp,
        out: &mut Vec<EventEnvelope>,
    ) {
        let announcement = match Announcement::read(body) {
            Ok(announcement) => announcement,
            Err(problem) => {
                tracing::debug!(%problem, "a FloorwalkerRouting announcement without its fields");
                return;
            }
        };
        let key = announcement.mode.0.to_string();
        match decode_record(&key, &announcement.record, &self.names.topology()) {
            Ok(mode) => self.emit(
                at,
                DomainEvent::RoutingModeChanged {
                    mode: mode.mode,
                    active: announcement.on,
                },
                out,
            ),
            Err(error) => tracing::debug!(
                %error,
                version = announcement.version,
                "an announced routing mode names what this PBX does not have"
            ),
        }
    }

    /// Every caller waiting in a queue (ringing included: they are still in line), oldest
    /// first.
    pub(crate) fn waiting_callers(&self) -> Vec<WaitingCaller> {
        let mut waiting: Vec<WaitingCaller> = self
            .calls
            .iter()
            .filter(|(_, track)| track.phase.is_waiting() && track.left_at.is_none())
            .filter_map(|(call, track)| {
                let queue = track.queue?;
                Some(WaitingCaller {
                    call: *call,
                    queue_name: self.names.queue_name(queue)?.to_owned(),
                    channel: track.caller_channel.clone(),
                    caller: track.caller.clone(),
                    priority: track.priority,
                    queued_at: track.queued_at.unwrap_or(track.offered_at),
                })
            })
            .collect();
        waiting.sort_by_key(|w| (w.queued_at, w.call));
        waiting
    }

    /// The connector raised a waiting caller's queue priority (Asterisk reports no event
    /// for it): the call is announced again in its queue with the new priority, as the
    /// simulator does, at the next [`AmiMapper::tick`], with the mode's fee waiver (a mark
    /// in Floorwalker: the caller's channel already passed the dialplan that sets
    /// `FW_WAIVE_FEES`).
    pub(crate) fn priority_raised(
        &mut self,
        call: CallId,
        priority: u8,
        fees_waived: bool,
        at: Timestamp,
    ) {
        let Some(track) = self.calls.get_mut(&call) else {
            return;
        };
        let Some(queue) = track.queue.filter(|_| track.phase.is_waiting()) else {
            return;
        };
        track.priority = priority;
        track.fees_waived |= fees_waived;
        self.held.push((
            at,
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                fees_waived,
            },
        ));
    }

    /// Drops held events: after a resync the snapshot already says what they would have.
    pub(crate) fn forget_held(&mut self) {
        self.held.clear();
    }
}
