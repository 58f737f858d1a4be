//! [`MonitorBook`]: monitoring sessions as Asterisk reports them.
//!
//! A session is asked for with an Originate of the supervisor's endpoint into the ChanSpy
//! context (see `docs/asterisk.md`), but it only exists once Asterisk says so:
//!
//! * OriginateResponse `Failure` (no answer, busy, congestion) → ended, endpoint no answer;
//! * OriginateResponse `Success` names the supervisor's leg; ChanSpyStart on that leg →
//!   started, in listen mode (ChanSpyStart carries no mode; the context starts muted);
//! * no ChanSpyStart within the grace time, or the leg hung up first → ended, spy never
//!   started (ChanSpy found no such channel; the supervisor would hear silence);
//! * DTMF 4/5/6 received on the leg (ChanSpy option `d`) → mode changed, whoever pressed
//!   it: Floorwalker's PlayDTMF or the supervisor's own keypad;
//! * ChanSpyStop → ended: call ended when the spied call is over, stopped otherwise.
//!
//! Pure: time comes in as a parameter, and the book says which legs to hang up rather
//! than doing it.

use fw_domain::{
    CallId, DomainEvent, LiveMonitor, MonitorEndReason, MonitorMode, MonitorSessionId,
    SupervisorId, Timestamp,
};

/// Where one session is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    /// The Originate was accepted; the endpoint rings.
    Ringing {
        action_id: String,
        asked_at: Timestamp,
    },
    /// The endpoint answered; ChanSpy should start by `deadline`.
    Answered { deadline: Timestamp },
    /// ChanSpyStart seen.
    Spying { mode: MonitorMode },
}

#[derive(Clone, Debug)]
struct Session {
    id: MonitorSessionId,
    supervisor: SupervisorId,
    call: CallId,
    /// The spied channel (the agent's leg).
    spied_channel: String,
    /// The supervisor's leg, once the OriginateResponse names it.
    leg: Option<String>,
    stage: Stage,
}

/// Sessions in progress.
#[derive(Debug)]
pub struct MonitorBook {
    sessions: Vec<Session>,
    /// How long ChanSpy may take to start after the endpoint answered.
    spy_start_grace_ms: i64,
    /// How long an endpoint may ring before the session counts as unanswered, in case
    /// the OriginateResponse never comes.
    ring_limit_ms: i64,
}

/// What the book wants done on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonitorChores {
    /// Supervisor legs to hang up (a spy that never started must not leave a phone
    /// connected to silence).
    pub hang_up: Vec<String>,
}

/// The DTMF digit that switches ChanSpy (option `d`) into `mode`.
pub const fn mode_digit(mode: MonitorMode) -> char {
    match mode {
        MonitorMode::Listen => '4',
        MonitorMode::Whisper => '5',
        MonitorMode::Barge => '6',
    }
}

fn digit_mode(digit: &str) -> Option<MonitorMode> {
    match digit {
        "4" => Some(MonitorMode::Listen),
        "5" => Some(MonitorMode::Whisper),
        "6" => Some(MonitorMode::Barge),
        _ => None,
    }
}

impl MonitorBook {
    pub fn new(spy_start_grace_ms: i64, ring_limit_ms: i64) -> MonitorBook {
        MonitorBook {
            sessions: Vec::new(),
            spy_start_grace_ms,
            ring_limit_ms,
        }
    }

    /// The Originate for `session` was accepted by Asterisk.
    pub fn requested(
        &mut self,
        session: MonitorSessionId,
        supervisor: SupervisorId,
        call: CallId,
        spied_channel: &str,
        action_id: &str,
        at: Timestamp,
    ) {
        self.sessions.push(Session {
            id: session,
            supervisor,
            call,
            spied_channel: spied_channel.to_owned(),
            leg: None,
            stage: Stage::Ringing {
                action_id: action_id.to_owned(),
                asked_at: at,
            },
        });
    }

    pub fn is_known(&self, session: MonitorSessionId) -> bool {
        self.sessions.iter().any(|s| s.id == session)
    }

    /// The supervisor's leg of a session whose spy is running (for mode changes and stop).
    pub fn leg_of(&self, session: MonitorSessionId) -> Option<&str> {
        self.sessions
            .iter()
            .find(|s| s.id == session)
            .and_then(|s| s.leg.as_deref())
    }

    /// The call a supervisor leg is spying on.
    pub fn call_of_leg(&self, leg: &str) -> Option<CallId> {
        self.sessions
            .iter()
            .find(|s| s.leg.as_deref() == Some(leg))
            .map(|s| s.call)
    }

    /// Sessions spying now, as a snapshot lists them.
    pub fn live(&self) -> Vec<LiveMonitor> {
        self.sessions
            .iter()
            .filter_map(|s| match s.stage {
                Stage::Spying { mode } => Some(LiveMonitor {
                    session: s.id,
                    supervisor: s.supervisor,
                    call: s.call,
                    mode,
                }),
                _ => None,
            })
            .collect()
    }

    /// After a reconnect: keeps the sessions whose leg still exists (or that still ring)
    /// and forgets the rest; a forgotten session simply is not in the snapshot.
    pub fn retain_alive(&mut self, leg_alive: impl Fn(&str) -> bool) {
        self.sessions.retain(|s| match &s.leg {
            Some(leg) => leg_alive(leg),
            None => true,
        });
    }

    fn end(&mut self, index: usize, reason: MonitorEndReason, out: &mut Vec<DomainEvent>) {
        let session = self.sessions.remove(index);
        out.push(DomainEvent::MonitorEnded {
            session: session.id,
            reason,
        });
    }

    /// An OriginateResponse (matched by the Originate's ActionID).
    pub fn originate_response(
        &mut self,
        action_id: &str,
        success: bool,
        leg: &str,
        at: Timestamp,
        out: &mut Vec<DomainEvent>,
    ) {
        let Some(index) = self.sessions.iter().position(
            |s| matches!(&s.stage, Stage::Ringing { action_id: id, .. } if id == action_id),
        ) else {
            return;
        };
        if success {
            let session = &mut self.sessions[index];
            session.leg = Some(leg.to_owned());
            session.stage = Stage::Answered {
                deadline: at.plus_ms(self.spy_start_grace_ms),
            };
        } else {
            self.end(index, MonitorEndReason::EndpointNoAnswer, out);
        }
    }

    fn by_leg(&self, leg: &str) -> Option<usize> {
        self.sessions
            .iter()
            .position(|s| s.leg.as_deref() == Some(leg))
    }

    /// ChanSpyStart on a supervisor leg.
    pub fn spy_started(&mut self, leg: &str, out: &mut Vec<DomainEvent>) {
        let Some(index) = self.by_leg(leg) else {
            return; // someone else's spy (another console, a supervisor dialling *222)
        };
        let session = &mut self.sessions[index];
        if matches!(session.stage, Stage::Answered { .. }) {
            session.stage = Stage::Spying {
                mode: MonitorMode::Listen,
            };
            out.push(DomainEvent::MonitorStarted {
                session: session.id,
                supervisor: session.supervisor,
                call: session.call,
                mode: MonitorMode::Listen,
            });
        }
    }

    /// A DTMF digit received on a channel.
    pub fn dtmf(&mut self, leg: &str, digit: &str, out: &mut Vec<DomainEvent>) {
        let (Some(index), Some(mode)) = (self.by_leg(leg), digit_mode(digit)) else {
            return;
        };
        let session = &mut self.sessions[index];
        if let Stage::Spying { mode: current } = &mut session.stage
            && *current != mode
        {
            *current = mode;
            out.push(DomainEvent::MonitorModeChanged {
                session: session.id,
                mode,
            });
        }
    }

    /// ChanSpyStop on a supervisor leg; `call_over` says whether the spied call ended.
    pub fn spy_stopped(&mut self, leg: &str, call_over: bool, out: &mut Vec<DomainEvent>) {
        let Some(index) = self.by_leg(leg) else {
            return;
        };
        let reason = match self.sessions[index].stage {
            Stage::Spying { .. } if call_over => MonitorEndReason::CallEnded,
            Stage::Spying { .. } => MonitorEndReason::Stopped,
            _ => MonitorEndReason::SpyNeverStarted,
        };
        self.end(index, reason, out);
    }

    /// A channel hung up: a leg whose spy never started ends the session as a failure.
    pub fn hangup(&mut self, channel: &str, out: &mut Vec<DomainEvent>) {
        let Some(index) = self.by_leg(channel) else {
            return;
        };
        let reason = match self.sessions[index].stage {
            Stage::Spying { .. } => MonitorEndReason::Stopped,
            _ => MonitorEndReason::SpyNeverStarted,
        };
        self.end(index, reason, out);
    }

    /// The spied channel went away: sessions on it end with the call.
    pub fn spied_channel_gone(&mut self, channel: &str, out: &mut Vec<DomainEvent>) {
        while let Some(index) = self
            .sessions
            .iter()
            .position(|s| s.spied_channel == channel && matches!(s.stage, Stage::Spying { .. }))
        {
            self.end(index, MonitorEndReason::CallEnded, out);
        }
    }

    /// Ends sessions whose spy missed its start deadline or whose endpoint rang too long.
    pub fn tick(&mut self, now: Timestamp, out: &mut Vec<DomainEvent>) -> MonitorChores {
        let mut chores = MonitorChores::default();
        let mut index = 0;
        while index < self.sessions.len() {
            let overdue = match &self.sessions[index].stage {
                Stage::Answered { deadline } => {
                    (now >= *deadline).then_some(MonitorEndReason::SpyNeverStarted)
                }
                Stage::Ringing { asked_at, .. } => (now.millis_since(*asked_at)
                    >= self.ring_limit_ms.unsigned_abs())
                .then_some(MonitorEndReason::EndpointNoAnswer),
                Stage::Spying { .. } => None,
            };
            match overdue {
                Some(reason) => {
                    if let Some(leg) = self.sessions[index].leg.clone() {
                        chores.hang_up.push(leg);
                    }
                    self.end(index, reason, out);
                }
                None => index += 1,
            }
        }
        chores
    }

    /// The earliest deadline pending, so a driver knows when to tick.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.sessions
            .iter()
            .filter_map(|s| match &s.stage {
                Stage::Answered { deadline } => Some(*deadline),
                Stage::Ringing { asked_at, .. } => Some(asked_at.plus_ms(self.ring_limit_ms)),
                Stage::Spying { .. } => None,
            })
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Timestamp = Timestamp(5_000_000);
    const LEG: &str = "Local/supervisor@supervisor-phone-00000022;1";
    const AGENT_LEG: &str = "Local/agent1@agents-00000021;1";

    fn book_with_request() -> MonitorBook {
        let mut book = MonitorBook::new(3_000, 40_000);
        book.requested(
            MonitorSessionId(1),
            SupervisorId(2),
            CallId(3),
            AGENT_LEG,
            "fw-12",
            T,
        );
        book
    }

    #[test]
    fn started_changed_and_stopped_come_from_asterisks_reports() {
        let mut book = book_with_request();
        let mut out = Vec::new();
        book.originate_response("fw-12", true, LEG, T, &mut out);
        assert!(out.is_empty(), "answering is not listening yet");
        book.spy_started(LEG, &mut out);
        book.dtmf(LEG, "5", &mut out);
        book.dtmf(LEG, "5", &mut out);
        book.dtmf(LEG, "1", &mut out);
        book.spy_stopped(LEG, false, &mut out);
        assert_eq!(
            out,
            [
                DomainEvent::MonitorStarted {
                    session: MonitorSessionId(1),
                    supervisor: SupervisorId(2),
                    call: CallId(3),
                    mode: MonitorMode::Listen
                },
                DomainEvent::MonitorModeChanged {
                    session: MonitorSessionId(1),
                    mode: MonitorMode::Whisper
                },
                DomainEvent::MonitorEnded {
                    session: MonitorSessionId(1),
                    reason: MonitorEndReason::Stopped
                },
            ]
        );
        assert!(!book.is_known(MonitorSessionId(1)));
    }

    #[test]
    fn failures_are_reported_with_their_reason() {
        let ended = |reason| {
            vec![DomainEvent::MonitorEnded {
                session: MonitorSessionId(1),
                reason,
            }]
        };
        let mut book = book_with_request();
        let mut out = Vec::new();
        book.originate_response("fw-12", false, "PJSIP/1001", T, &mut out);
        assert_eq!(out, ended(MonitorEndReason::EndpointNoAnswer));

        let mut book = book_with_request();
        let mut out = Vec::new();
        book.originate_response("fw-12", true, LEG, T, &mut out);
        book.hangup(LEG, &mut out);
        assert_eq!(out, ended(MonitorEndReason::SpyNeverStarted));

        let mut book = book_with_request();
        let mut out = Vec::new();
        book.originate_response("fw-12", true, LEG, T, &mut out);
        assert_eq!(book.next_deadline(), Some(T.plus_ms(3_000)));
        assert_eq!(book.tick(T.plus_ms(2_999), &mut out).hang_up.len(), 0);
        let chores = book.tick(T.plus_ms(3_000), &mut out);
        assert_eq!(chores.hang_up, [LEG]);
        assert_eq!(out, ended(MonitorEndReason::SpyNeverStarted));

        let mut book = book_with_request();
        let mut out = Vec::new();
        book.originate_response("fw-12", true, LEG, T, &mut out);
        book.spy_started(LEG, &mut out);
        out.clear();
        book.spy_stopped(LEG, true, &mut out);
        assert_eq!(out, ended(MonitorEndReason::CallEnded));
    }
}
