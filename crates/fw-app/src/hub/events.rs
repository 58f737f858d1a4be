//! Events from the platform, applied in order on the hub's task.

use fw_domain::{DomainEvent, EventEnvelope};
use fw_store::AuditEntry;

use super::HubTask;
use crate::live_frame::EndedMonitor;
use fw_connect::Connector;

impl<C: Connector> HubTask<C> {
    /// Applies a batch in order. Returns the audit records of sessions of this desk that the
    /// platform ended by itself, to be written once the batch is in.
    pub(super) fn apply(&mut self, batch: &mut Vec<EventEnvelope>) -> Vec<AuditEntry> {
        let now = self.connector.now();
        let mut ended = Vec::new();
        let Some(engine) = self.engine.as_mut() else {
            return ended;
        };
        if !batch.is_empty() {
            self.publisher.events_arrived(std::time::SystemTime::now());
            self.publisher.link.events_received += batch.len() as u64;
        }
        let mut routing_announced = false;
        for envelope in batch.drain(..) {
            // Another console changed the plan and the platform announced it: read the
            // plan now rather than at the next poll.
            routing_announced |= matches!(envelope.event, DomainEvent::RoutingModeChanged { .. });
            if let DomainEvent::MonitorEnded { session, reason } = &envelope.event {
                // Read before the end is applied, while the engine still has the session.
                let owner = self
                    .monitoring
                    .as_ref()
                    .and_then(|m| m.desk.owner(*session));
                let started = engine.monitor(*session);
                self.publisher.monitor_ended(EndedMonitor {
                    session: *session,
                    supervisor: started
                        .as_ref()
                        .map(|m| m.supervisor)
                        .or(owner.map(|o| o.0)),
                    call: started.map(|m| m.call).or(owner.map(|o| o.1)),
                    reason: *reason,
                    at: envelope.at,
                });
            }
            if let Some(monitoring) = self.monitoring.as_mut() {
                match &envelope.event {
                    DomainEvent::MonitorStarted { session, .. } => {
                        monitoring.desk.settled(*session);
                    }
                    DomainEvent::MonitorEnded { session, reason } => {
                        ended.extend(monitoring.platform_end(
                            *session,
                            *reason,
                            engine,
                            envelope.at,
                        ));
                    }
                    _ => {}
                }
            }
            if let Some(surveys) = self.surveys.as_mut() {
                surveys.observe(&envelope, engine.topology());
            }
            let link = &mut self.publisher.link;
            link.last_event_at = Some(
                link.last_event_at
                    .map_or(envelope.at, |t| t.max(envelope.at)),
            );
            engine.apply(&envelope, now);
        }
        // Surveys of the simulator's warm-up wait until the present is reached: storing
        // hours of them at once competed with the console's start for the CPU.
        if let Some(surveys) = self.surveys.as_mut()
            && !self.connector.catching_up()
        {
            surveys.flush();
        }
        if routing_announced {
            self.routing.poll_now = true;
        }
        self.publisher.dirty = true;
        ended
    }
}
