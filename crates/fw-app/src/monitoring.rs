//! Monitoring on the hub's task: the desk decides, the audit trail records, the platform acts.
//!
//! Every attempt is written to the audit trail before anything else happens: allowed ones
//! before the command goes to the platform (so a supervisor can never listen unrecorded: if
//! the trail cannot be written, the attempt is refused), denied ones with the reason, and
//! platform failures as failed.

use fw_connect::{CommandError, Connector};
use fw_domain::{MonitorEndReason, MonitorMode, MonitorSessionId, SupervisorId, Timestamp};
use fw_engine::Engine;
use fw_store::{AuditEntry, AuditOutcome, Store};

use crate::monitor_desk::{MonitorDenial, MonitorDesk, MonitorFacts, MonitorRequest};

/// The longest an audit write may take. A healthy store appends in milliseconds (see
/// BENCHMARKS.md); seconds mean it is unreachable.
pub const AUDIT_WRITE_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Why a monitoring request did not go through.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MonitorError {
    #[error("{0}")]
    Denied(#[from] MonitorDenial),
    #[error("the platform did not carry it out: {0}")]
    Platform(#[from] CommandError),
    #[error("the audit trail cannot be written, so monitoring is refused: {0}")]
    AuditUnavailable(String),
    #[error("this screen cannot monitor calls")]
    NotAvailable,
    #[error("the hub has stopped")]
    Stopped,
}

/// The desk and the audit trail, owned by the hub's task.
#[derive(Debug)]
pub struct Monitoring {
    pub desk: MonitorDesk,
    pub audit: Store,
}

fn supervisor_label(supervisor: SupervisorId) -> String {
    format!("supervisor {}", supervisor.0)
}

const fn mode_name(mode: MonitorMode) -> &'static str {
    match mode {
        MonitorMode::Listen => "listen",
        MonitorMode::Whisper => "whisper",
        MonitorMode::Barge => "barge",
    }
}

impl Monitoring {
    pub(crate) fn entry(
        &self,
        user: &str,
        facts: &MonitorFacts,
        outcome: AuditOutcome,
        at: Timestamp,
    ) -> AuditEntry {
        let role = self
            .desk
            .team()
            .user(user)
            .map_or("unknown", |u| u.role.name());
        AuditEntry {
            at_ms: at.0,
            user: user.to_string(),
            role: role.to_string(),
            action: facts.action.to_string(),
            outcome,
            call: facts.call.map(|c| c.0),
            agent: facts.agent.map(|a| a.0),
            queue: facts.queue.map(|q| q.0),
            mode: facts.mode.map(|m| mode_name(m).to_string()),
            detail: String::new(),
        }
    }

    /// Writes an entry; a failure is logged and returned. Bounded by [`AUDIT_WRITE_LIMIT`]:
    /// the hub's task waits for the write (nothing is done unaudited), and a store that has
    /// gone away must not hold the live figures still for a connection pool's long timeout.
    pub(crate) async fn record(&self, entry: AuditEntry) -> Result<(), String> {
        let written =
            tokio::time::timeout(AUDIT_WRITE_LIMIT, self.audit.append_audit(&entry)).await;
        let error = match written {
            Ok(Ok(_)) => return Ok(()),
            Ok(Err(error)) => error.to_string(),
            Err(_) => format!(
                "the store did not answer within {} s",
                AUDIT_WRITE_LIMIT.as_secs()
            ),
        };
        tracing::error!(%error, action = %entry.action, user = %entry.user, "audit trail write failed");
        Err(error)
    }

    /// The audit record of a session the platform ended by itself (not on the supervisor's
    /// stop, which was recorded when asked): a phone that never answered, a spy that never
    /// started, a refusal (failed), or the call ending under the monitor. Read from `engine`
    /// before the end is applied, so the session's mode and the call's facts are still there.
    /// `None` when the session is not this desk's or ended on the supervisor's own stop.
    pub(crate) fn platform_end(
        &mut self,
        session: MonitorSessionId,
        reason: MonitorEndReason,
        engine: &Engine,
        at: Timestamp,
    ) -> Option<AuditEntry> {
        let (supervisor, call) = self.desk.finished(session)?;
        let outcome = match reason {
            MonitorEndReason::Stopped => return None,
            MonitorEndReason::CallEnded => AuditOutcome::Allowed,
            MonitorEndReason::EndpointNoAnswer => AuditOutcome::Failed {
                reason: "the supervisor's phone did not answer".into(),
            },
            MonitorEndReason::SpyNeverStarted => AuditOutcome::Failed {
                reason: "the phone answered but listening never started (no audio)".into(),
            },
            MonitorEndReason::Refused => AuditOutcome::Failed {
                reason: "the platform refused the session".into(),
            },
        };
        let user = self
            .desk
            .team()
            .user_of(supervisor)
            .map_or_else(|| supervisor_label(supervisor), |u| u.name.clone());
        let live = engine.live_call(call);
        let facts = MonitorFacts {
            action: "monitor.end",
            call: Some(call),
            agent: live.as_ref().and_then(|c| c.agent),
            queue: live.and_then(|c| c.queue),
            mode: engine.monitor(session).map(|m| m.mode),
        };
        let mut entry = self.entry(&user, &facts, outcome, at);
        if reason == MonitorEndReason::CallEnded {
            "the call ended".clone_into(&mut entry.detail);
        }
        Some(entry)
    }

    /// Writes the platform's reports gathered by [`Self::platform_end`]. A failure here is
    /// logged (the session is already over; nothing is left to refuse).
    pub(crate) async fn record_platform_ends(&self, entries: Vec<AuditEntry>) {
        for entry in entries {
            let _ = self.record(entry).await;
        }
    }

    /// Checks, records and carries out one request. `engine` is `None` while there is no
    /// link: the attempt is recorded as failed.
    pub(crate) async fn handle<C: Connector>(
        &mut self,
        user: &str,
        request: &MonitorRequest,
        engine: Option<&Engine>,
        connector: &mut C,
    ) -> Result<MonitorSessionId, MonitorError> {
        let at = connector.now();
        let Some(engine) = engine else {
            let facts = MonitorFacts {
                action: "monitor.request",
                call: None,
                agent: None,
                queue: None,
                mode: None,
            };
            let reason = CommandError::NotConnected.to_string();
            let _ = self
                .record(self.entry(user, &facts, AuditOutcome::Failed { reason }, at))
                .await;
            return Err(CommandError::NotConnected.into());
        };
        let facts = MonitorDesk::facts(request, engine);
        let plan = match self.desk.authorize(user, request, engine) {
            Ok(plan) => plan,
            Err(denial) => {
                tracing::info!(%user, %denial, "monitoring refused");
                let outcome = AuditOutcome::Denied {
                    reason: denial.to_string(),
                };
                let _ = self.record(self.entry(user, &facts, outcome, at)).await;
                return Err(denial.into());
            }
        };
        let mut facts = facts;
        facts.call = Some(plan.call);
        facts.agent = plan.agent;
        facts.queue = plan.queue;
        if let Err(reason) = self
            .record(self.entry(user, &facts, AuditOutcome::Allowed, at))
            .await
        {
            self.desk.abandon(plan.session);
            return Err(MonitorError::AuditUnavailable(reason));
        }
        match connector.execute(plan.command).await {
            Ok(()) => Ok(plan.session),
            Err(error) => {
                self.desk.abandon(plan.session);
                let outcome = AuditOutcome::Failed {
                    reason: error.to_string(),
                };
                let _ = self.record(self.entry(user, &facts, outcome, at)).await;
                Err(error.into())
            }
        }
    }
}
