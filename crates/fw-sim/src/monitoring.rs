//! Live-call monitoring as the platform does it: ring the supervisor's endpoint, start the
//! spy in listen mode, switch modes on the same session, and end the supervisor's leg,
//! never the call.
//!
//! The console must react to what the platform did, so everything that takes time (the
//! supervisor's phone ringing, the spy starting or not) happens on the agenda and comes out
//! as events; only what the platform refuses outright is a synchronous error. The policy
//! (roles, protected groups, a supervisor on the call themself) is fw-app's; the physics
//! here are the platform's: one barge per call, a cap on spies per call, a spy that needs a
//! connected call.
//!
//! Monitoring draws from a random stream of its own and never touches a call, so a
//! monitored run has exactly the call and agent events of an unmonitored one.

use fw_domain::{
    CallId, DomainEvent, EventEnvelope, MonitorEndReason, MonitorMode, MonitorSessionId, SECOND_MS,
    SupervisorId, Timestamp,
};

use crate::agenda::Happening;
use crate::call_table::CallStage;
use crate::error::SimCommandError;
use crate::monitor_table::{Endpoint, Stage};
use crate::simulator::Simulator;

/// The fewest milliseconds a supervisor's endpoint rings before it answers.
pub const ENDPOINT_ANSWER_MIN_MS: i64 = 2 * SECOND_MS;
/// The most milliseconds a supervisor's endpoint rings before it answers.
pub const ENDPOINT_ANSWER_MAX_MS: i64 = 4 * SECOND_MS;
/// How long an unanswered endpoint rings before the platform gives up (Originate timeout).
pub const ENDPOINT_RING_TIMEOUT_MS: i64 = 30 * SECOND_MS;
/// How long after answering a spy may take to start before the session counts as failed
/// (the Asterisk connector waits as long for `ChanSpyStart`).
pub const SPY_START_TIMEOUT_MS: i64 = 5 * SECOND_MS;
/// Sessions one call can carry at once, ringing ones included (each holds a channel).
pub const MAX_MONITORS_PER_CALL: usize = 8;

impl Simulator {
    /// Rings the supervisor's endpoint; the session starts (or fails) later, on the agenda.
    pub(crate) fn start_monitor(
        &mut self,
        session: MonitorSessionId,
        supervisor: SupervisorId,
        endpoint: &str,
        call: CallId,
    ) -> Result<(), SimCommandError> {
        if self.monitors.contains(session) {
            return Err(SimCommandError::DuplicateSession(session));
        }
        let record = self
            .calls
            .get(call)
            .ok_or(SimCommandError::UnknownCall(call))?;
        // A spy needs an agent's channel to attach to: a call in the IVR, in line or ringing
        // has none yet.
        if !matches!(record.stage, CallStage::Talking | CallStage::Held) {
            return Err(SimCommandError::CallNotConnected(call));
        }
        if self.monitors.count_on(call) >= MAX_MONITORS_PER_CALL {
            return Err(SimCommandError::TooManyMonitors {
                call,
                limit: MAX_MONITORS_PER_CALL,
            });
        }
        let endpoint = Endpoint::of(endpoint);
        let attempt = self.monitors.open(session, supervisor, call, endpoint);
        let delay_ms = match endpoint {
            Endpoint::NeverAnswers => ENDPOINT_RING_TIMEOUT_MS,
            Endpoint::Answers | Endpoint::SpyNeverStarts => self
                .monitor_rng
                .between(ENDPOINT_ANSWER_MIN_MS, ENDPOINT_ANSWER_MAX_MS),
        };
        self.agenda.schedule(
            self.now.plus_ms(delay_ms),
            Happening::MonitorStep { session, attempt },
        );
        Ok(())
    }

    /// Switches a started session's mode in place (ChanSpy's DTMF mode keys: no redial).
    pub(crate) fn change_monitor_mode(
        &mut self,
        session: MonitorSessionId,
        mode: MonitorMode,
        out: &mut Vec<EventEnvelope>,
    ) -> Result<(), SimCommandError> {
        let state = self
            .monitors
            .get(session)
            .ok_or(SimCommandError::UnknownSession(session))?;
        let Stage::Live(current) = state.stage else {
            return Err(SimCommandError::SessionNotStarted(session));
        };
        if current == mode {
            return Ok(());
        }
        let call = state.call;
        if mode == MonitorMode::Barge
            && let Some(by) = self.monitors.barge_on(call)
        {
            return Err(SimCommandError::BargeTaken { call, by });
        }
        self.monitors.set_stage(session, Stage::Live(mode));
        self.emit(
            self.now,
            DomainEvent::MonitorModeChanged { session, mode },
            out,
        );
        Ok(())
    }

    /// Hangs up the supervisor's leg (or cancels the ringing); the call is not touched.
    pub(crate) fn stop_monitor(
        &mut self,
        session: MonitorSessionId,
        out: &mut Vec<EventEnvelope>,
    ) -> Result<(), SimCommandError> {
        self.monitors
            .remove(session)
            .ok_or(SimCommandError::UnknownSession(session))?;
        // Any step still on the agenda for it finds the session gone and is dropped.
        self.end_monitor(self.now, session, MonitorEndReason::Stopped, out);
        Ok(())
    }

    /// The next step of a session falls due: its endpoint answers or gives up, or its spy
    /// fails to start.
    pub(crate) fn on_monitor_step(
        &mut self,
        at: Timestamp,
        session: MonitorSessionId,
        attempt: u64,
        out: &mut Vec<EventEnvelope>,
    ) {
        // Stopped, or ended with its call, since the step was scheduled.
        let Some(state) = self.monitors.current(session, attempt) else {
            return;
        };
        match (state.stage, state.endpoint) {
            (Stage::Ringing, Endpoint::Answers) => {
                state.stage = Stage::Live(MonitorMode::Listen);
                let (supervisor, call) = (state.supervisor, state.call);
                self.emit(
                    at,
                    DomainEvent::MonitorStarted {
                        session,
                        supervisor,
                        call,
                        mode: MonitorMode::Listen,
                    },
                    out,
                );
            }
            (Stage::Ringing, Endpoint::SpyNeverStarts) => {
                state.stage = Stage::Answered;
                self.agenda.schedule(
                    at.plus_ms(SPY_START_TIMEOUT_MS),
                    Happening::MonitorStep { session, attempt },
                );
            }
            (Stage::Ringing, Endpoint::NeverAnswers) => {
                self.monitors.remove(session);
                self.end_monitor(at, session, MonitorEndReason::EndpointNoAnswer, out);
            }
            (Stage::Answered, _) => {
                self.monitors.remove(session);
                self.end_monitor(at, session, MonitorEndReason::SpyNeverStarted, out);
            }
            // Nothing is ever scheduled for a started session.
            (Stage::Live(_), _) => {}
        }
    }

    /// The agent's leg of `call` has ended (completed, cut off, or transferred to tier 2):
    /// every session spying on it ends too, started or not. Called right after the call's
    /// own end event, so the sessions' ends follow it at the same instant.
    ///
    /// A transfer ends the sessions as well: ChanSpy follows the first agent's channel, not
    /// the caller, and that channel hangs up when the call moves on. The console starts a
    /// new session once tier 2 answers.
    pub(crate) fn end_monitors_on(
        &mut self,
        at: Timestamp,
        call: CallId,
        out: &mut Vec<EventEnvelope>,
    ) {
        // Nearly every call ends unmonitored: skip the scan.
        if self.monitors.is_empty() {
            return;
        }
        for session in self.monitors.take_on_call(call) {
            self.end_monitor(at, session, MonitorEndReason::CallEnded, out);
        }
    }

    fn end_monitor(
        &mut self,
        at: Timestamp,
        session: MonitorSessionId,
        reason: MonitorEndReason,
        out: &mut Vec<EventEnvelope>,
    ) {
        self.emit(at, DomainEvent::MonitorEnded { session, reason }, out);
    }
}

// A slow answer must never race the no-answer path.
const _: () = assert!(ENDPOINT_ANSWER_MIN_MS <= ENDPOINT_ANSWER_MAX_MS);
const _: () = assert!(ENDPOINT_ANSWER_MAX_MS < ENDPOINT_RING_TIMEOUT_MS);
