//! Random monitoring commands interleaved with time, judged by a ledger: an independent
//! model fed only the commands the simulator accepted and the events it emitted. It knows
//! which sessions a command opened, so it can tell a session the platform made up, one that
//! ended twice, or a mode change before the start.

use std::collections::BTreeMap;

use fw_domain::{
    CallId, CallPhase, DomainEvent, EventEnvelope, LiveMonitor, MonitorEndReason, MonitorMode,
    MonitorSessionId, PlatformCommand, Snapshot, SupervisorId,
};
use fw_sim::{SimCommandError, SimConfig};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::harness::{Run, SUPERVISOR};
use crate::support::{MINUTE_MS, china};

/// Endpoints of every behaviour (and a name in odd case).
const ENDPOINTS: [&str; 4] = [
    "PJSIP/9001",
    "PJSIP/9003",
    "PJSIP/noanswer-9001",
    "PJSIP/NoSpy-9002",
];

/// Few enough session ids that they collide and get reused.
const SESSIONS: u64 = 6;

/// A monitoring command, bound to a live call only when it is issued.
#[derive(Clone, Debug)]
enum Op {
    Start {
        session: u64,
        pick: usize,
        endpoint: usize,
    },
    Change {
        session: u64,
        mode: MonitorMode,
    },
    Stop {
        session: u64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    // Barge most, so sessions contend for it.
    let mode = prop_oneof![
        1 => Just(MonitorMode::Listen),
        1 => Just(MonitorMode::Whisper),
        2 => Just(MonitorMode::Barge)
    ];
    prop_oneof![
        4 => (0..SESSIONS, any::<usize>(), 0..ENDPOINTS.len())
            .prop_map(|(session, pick, endpoint)| Op::Start { session, pick, endpoint }),
        4 => (0..SESSIONS, mode).prop_map(|(session, mode)| Op::Change { session, mode }),
        1 => (0..SESSIONS).prop_map(|session| Op::Stop { session }),
    ]
}

impl Op {
    /// The command, bound to what is live: a start to a call in `snapshot`; a change or stop
    /// mostly to one of the `open` sessions (any id at all would nearly always be unknown).
    fn command(&self, snapshot: &Snapshot, open: &[MonitorSessionId]) -> PlatformCommand {
        let target = |session: u64| match open.len() {
            0 => MonitorSessionId(session),
            _ if session + 1 == SESSIONS => MonitorSessionId(session),
            len => open[session as usize % len],
        };
        match *self {
            Op::Start {
                session,
                pick,
                endpoint,
            } => PlatformCommand::StartMonitor {
                session: MonitorSessionId(session),
                supervisor: SUPERVISOR,
                endpoint: ENDPOINTS[endpoint].into(),
                call: pick_call(snapshot, pick),
            },
            Op::Change { session, mode } => PlatformCommand::ChangeMonitorMode {
                session: target(session),
                mode,
            },
            Op::Stop { session } => PlatformCommand::StopMonitor {
                session: target(session),
            },
        }
    }
}

/// Mostly one of the first two connected calls (so sessions meet on a call and contend
/// for the barge), sometimes a call not connected yet, now and then one that does not exist.
fn pick_call(snapshot: &Snapshot, pick: usize) -> CallId {
    let (connected, waiting): (Vec<_>, Vec<_>) = snapshot
        .calls
        .iter()
        .partition(|call| matches!(call.phase, CallPhase::Talking | CallPhase::OnHold));
    match pick % 8 {
        0 => CallId(u64::MAX),
        1 if !waiting.is_empty() => waiting[pick % waiting.len()].call,
        _ if !connected.is_empty() => connected[pick % connected.len().min(2)].call,
        _ => CallId(u64::MAX),
    }
}

#[derive(Clone, Copy, Debug)]
struct Opened {
    call: CallId,
    /// `None` until `MonitorStarted`.
    mode: Option<MonitorMode>,
}

/// Sessions opened by an accepted `StartMonitor` and not yet ended.
#[derive(Debug, Default)]
struct Ledger {
    open: BTreeMap<MonitorSessionId, Opened>,
}

impl Ledger {
    fn open_ids(&self) -> Vec<MonitorSessionId> {
        self.open.keys().copied().collect()
    }

    fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// Started sessions as a snapshot should list them.
    fn live(&self, supervisor: SupervisorId) -> Vec<LiveMonitor> {
        self.open
            .iter()
            .filter_map(|(session, opened)| {
                opened.mode.map(|mode| LiveMonitor {
                    session: *session,
                    supervisor,
                    call: opened.call,
                    mode,
                })
            })
            .collect()
    }

    /// Whether the simulator's answer to `command` fits what the ledger knows.
    fn judge(
        &mut self,
        command: &PlatformCommand,
        result: &Result<(), SimCommandError>,
    ) -> Result<(), String> {
        let open = |session: &MonitorSessionId| self.open.get(session).copied();
        let fits = match (command, result) {
            (PlatformCommand::StartMonitor { session, call, .. }, Ok(())) => {
                let fresh = open(session).is_none();
                self.open.insert(
                    *session,
                    Opened {
                        call: *call,
                        mode: None,
                    },
                );
                fresh
            }
            (
                PlatformCommand::StartMonitor { session, .. },
                Err(SimCommandError::DuplicateSession(refused)),
            ) => refused == session && open(session).is_some(),
            (
                PlatformCommand::StartMonitor { session, call, .. },
                Err(
                    SimCommandError::UnknownCall(refused)
                    | SimCommandError::CallNotConnected(refused),
                ),
            ) => refused == call && open(session).is_none(),
            (PlatformCommand::ChangeMonitorMode { session, .. }, Ok(())) => {
                open(session).is_some_and(|opened| opened.mode.is_some())
            }
            (
                PlatformCommand::ChangeMonitorMode { session, .. }
                | PlatformCommand::StopMonitor { session },
                Err(SimCommandError::UnknownSession(refused)),
            ) => refused == session && open(session).is_none(),
            (
                PlatformCommand::ChangeMonitorMode { session, .. },
                Err(SimCommandError::SessionNotStarted(refused)),
            ) => refused == session && open(session).is_some_and(|opened| opened.mode.is_none()),
            (
                PlatformCommand::ChangeMonitorMode {
                    session,
                    mode: MonitorMode::Barge,
                },
                Err(SimCommandError::BargeTaken { call, by }),
            ) => {
                let mine = open(session);
                let theirs = open(by);
                by != session
                    && mine.is_some_and(|o| o.call == *call && o.mode.is_some())
                    && theirs.is_some_and(|o| o.call == *call && o.mode == Some(MonitorMode::Barge))
            }
            (PlatformCommand::StopMonitor { session }, Ok(())) => open(session).is_some(),
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(format!("{command:?} answered {result:?} against {self:?}"))
        }
    }

    /// Follows the sessions through the events.
    fn observe(&mut self, events: &[EventEnvelope]) -> Result<(), String> {
        for envelope in events {
            match &envelope.event {
                DomainEvent::MonitorStarted {
                    session,
                    call,
                    mode,
                    ..
                } => {
                    let opened = self
                        .open
                        .get_mut(session)
                        .ok_or(format!("{session} started without a command opening it"))?;
                    if opened.mode.is_some() || opened.call != *call || *mode != MonitorMode::Listen
                    {
                        return Err(format!("{session} started wrongly: {envelope:?}"));
                    }
                    opened.mode = Some(MonitorMode::Listen);
                }
                DomainEvent::MonitorModeChanged { session, mode } => {
                    let opened = self
                        .open
                        .get_mut(session)
                        .ok_or(format!("{session} changed mode while not open"))?;
                    match opened.mode {
                        None => return Err(format!("{session} changed mode before it started")),
                        Some(current) if current == *mode => {
                            return Err(format!("{session} reported no change as a change"));
                        }
                        Some(_) => opened.mode = Some(*mode),
                    }
                }
                DomainEvent::MonitorEnded { session, reason } => {
                    let opened = self.open.remove(session).ok_or(format!(
                        "{session} ended while not open (twice, or never opened)"
                    ))?;
                    let never_started = matches!(
                        reason,
                        MonitorEndReason::EndpointNoAnswer | MonitorEndReason::SpyNeverStarted
                    );
                    if never_started && opened.mode.is_some() {
                        return Err(format!("{session} started, then ended as {reason:?}"));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_monitoring_keeps_every_session_consistent(
        seed in any::<u64>(),
        steps in proptest::collection::vec((0_i64..8_000, op()), 1..60),
    ) {
        let mut run = Run::with(SimConfig::new(seed, 60, china(10, 0)));
        run.to(china(10, 3));
        let mut ledger = Ledger::default();
        for (wait, op) in steps {
            let events = run.by(wait);
            ledger.observe(&events).map_err(TestCaseError::fail)?;
            let command = op.command(&run.sim.snapshot(), &ledger.open_ids());
            let result = run.exec(&command);
            ledger.judge(&command, &result).map_err(TestCaseError::fail)?;
            let events = run.by(0);
            ledger.observe(&events).map_err(TestCaseError::fail)?;
            prop_assert_eq!(run.monitors(), ledger.live(SUPERVISOR));
        }
        // Long enough for every monitored call to end (talk is capped at 90 minutes) and
        // every phone to stop ringing: each opened session must have ended exactly once.
        let events = run.by(100 * MINUTE_MS);
        ledger.observe(&events).map_err(TestCaseError::fail)?;
        prop_assert!(ledger.is_empty(), "sessions never ended: {ledger:?}");
        prop_assert_eq!(run.sim.snapshot().last_seq, run.events.len() as u64);
        run.check();
    }
}
