//! The monitoring tests' harness: a run that keeps its events, command and event builders,
//! and the call legs of an unmonitored run to aim monitors at.

use std::collections::BTreeMap;

use fw_domain::{
    CallId, CompletionReason, DomainEvent, EventEnvelope, LiveMonitor, MonitorEndReason,
    MonitorMode, MonitorSessionId, PlatformCommand, Snapshot, SupervisorId, Timestamp,
};
use fw_sim::{ENDPOINT_ANSWER_MAX_MS, SimCommandError, SimConfig, Simulator};

use crate::support::{Checker, china};

pub const SEED: u64 = 11;
pub const AGENTS: u32 = 80;
pub const SUPERVISOR: SupervisorId = SupervisorId(4);
pub const PHONE: &str = "PJSIP/9001";
pub const NO_ANSWER: &str = "PJSIP/noanswer-9001";
pub const NO_SPY: &str = "PJSIP/nospy-9002";

pub fn start_time() -> Timestamp {
    china(10, 0)
}

/// A simulator with every event it has emitted, checked against the stream invariants.
pub struct Run {
    pub sim: Simulator,
    pub initial: Snapshot,
    pub events: Vec<EventEnvelope>,
}

impl Run {
    pub fn new() -> Run {
        Run::with(SimConfig::new(SEED, AGENTS, start_time()))
    }

    pub fn with(config: SimConfig) -> Run {
        let sim = Simulator::new(config).expect("valid config");
        let initial = sim.snapshot();
        Run {
            sim,
            initial,
            events: Vec::new(),
        }
    }

    pub fn now(&self) -> Timestamp {
        self.sim.now()
    }

    /// Advances to `until`, returning the events of this step.
    pub fn to(&mut self, until: Timestamp) -> Vec<EventEnvelope> {
        let from = self.events.len();
        self.sim.advance_to(until, &mut self.events);
        self.events[from..].to_vec()
    }

    /// Advances by `ms`; `by(0)` collects what the last commands emitted.
    pub fn by(&mut self, ms: i64) -> Vec<EventEnvelope> {
        self.to(self.now().plus_ms(ms))
    }

    pub fn exec(&mut self, command: &PlatformCommand) -> Result<(), SimCommandError> {
        self.sim.execute(command)
    }

    pub fn monitors(&self) -> Vec<LiveMonitor> {
        self.sim.snapshot().monitors
    }

    /// Every invariant of the whole stream so far, monitoring included.
    pub fn check(&self) -> Checker<'_> {
        let mut checker = Checker::from_snapshot(&self.initial, &self.initial.topology);
        checker.check_all(&self.events);
        checker
    }
}

pub fn start(session: u64, endpoint: &str, call: CallId) -> PlatformCommand {
    PlatformCommand::StartMonitor {
        session: MonitorSessionId(session),
        supervisor: SUPERVISOR,
        endpoint: endpoint.into(),
        call,
    }
}

pub fn change(session: u64, mode: MonitorMode) -> PlatformCommand {
    PlatformCommand::ChangeMonitorMode {
        session: MonitorSessionId(session),
        mode,
    }
}

pub fn stop(session: u64) -> PlatformCommand {
    PlatformCommand::StopMonitor {
        session: MonitorSessionId(session),
    }
}

pub fn is_monitor_event(event: &DomainEvent) -> bool {
    matches!(
        event,
        DomainEvent::MonitorStarted { .. }
            | DomainEvent::MonitorModeChanged { .. }
            | DomainEvent::MonitorEnded { .. }
    )
}

/// The monitoring events, with their times.
pub fn monitoring(events: &[EventEnvelope]) -> Vec<(Timestamp, DomainEvent)> {
    events
        .iter()
        .filter(|envelope| is_monitor_event(&envelope.event))
        .map(|envelope| (envelope.at, envelope.event.clone()))
        .collect()
}

/// Everything else, with times but not sequence numbers.
pub fn centre_only(events: &[EventEnvelope]) -> Vec<(Timestamp, DomainEvent)> {
    events
        .iter()
        .filter(|envelope| !is_monitor_event(&envelope.event))
        .map(|envelope| (envelope.at, envelope.event.clone()))
        .collect()
}

pub fn started(session: u64, call: CallId) -> DomainEvent {
    DomainEvent::MonitorStarted {
        session: MonitorSessionId(session),
        supervisor: SUPERVISOR,
        call,
        mode: MonitorMode::Listen,
    }
}

pub fn mode_changed(session: u64, mode: MonitorMode) -> DomainEvent {
    DomainEvent::MonitorModeChanged {
        session: MonitorSessionId(session),
        mode,
    }
}

pub fn ended(session: u64, reason: MonitorEndReason) -> DomainEvent {
    DomainEvent::MonitorEnded {
        session: MonitorSessionId(session),
        reason,
    }
}

pub fn live(session: u64, call: CallId, mode: MonitorMode) -> LiveMonitor {
    LiveMonitor {
        session: MonitorSessionId(session),
        supervisor: SUPERVISOR,
        call,
        mode,
    }
}

/// One agent leg of a call, as an unmonitored run saw it.
#[derive(Clone, Copy, Debug)]
pub struct Leg {
    pub call: CallId,
    pub answered: Timestamp,
    pub ended: Timestamp,
    pub reason: CompletionReason,
}

/// The legs of the unmonitored run's first 45 minutes. Monitoring never changes the centre
/// (`monitoring_never_changes_what_the_centre_does`), so a monitored run replays them exactly.
pub fn legs() -> Vec<Leg> {
    let mut run = Run::new();
    let events = run.to(china(10, 45));
    let mut answered = BTreeMap::new();
    let mut legs = Vec::new();
    for envelope in &events {
        match envelope.event {
            DomainEvent::CallAnswered { call, .. } => {
                answered.insert(call, envelope.at);
            }
            DomainEvent::CallCompleted { call, reason } => {
                if let Some(at) = answered.remove(&call) {
                    legs.push(Leg {
                        call,
                        answered: at,
                        ended: envelope.at,
                        reason,
                    });
                }
            }
            _ => {}
        }
    }
    legs
}

/// A leg answered after the warm-up that matches `wanted`.
pub fn leg(wanted: impl Fn(&Leg) -> bool) -> Leg {
    legs()
        .into_iter()
        .find(|leg| leg.answered >= china(10, 2) && wanted(leg))
        .expect("the scout run has such a leg")
}

/// A leg of at least `ms`, and a run standing at its answer.
pub fn run_at_answer_of_a_leg_lasting(ms: i64) -> (Run, Leg) {
    let leg = leg(|leg| leg.ended.0 - leg.answered.0 >= ms);
    let mut run = Run::new();
    run.to(leg.answered);
    (run, leg)
}

/// Starts `session` on the leg's call and runs until it has started.
pub fn start_and_wait(run: &mut Run, session: u64, call: CallId) {
    run.exec(&start(session, PHONE, call)).unwrap();
    let events = run.by(ENDPOINT_ANSWER_MAX_MS);
    assert!(
        monitoring(&events)
            .iter()
            .any(|(_, event)| *event == started(session, call)),
        "{session} did not start: {events:?}"
    );
}

/// A fixed monitoring session script over the first legs of the morning.
pub fn scripted_run() -> Vec<EventEnvelope> {
    let legs: Vec<Leg> = legs()
        .into_iter()
        .filter(|leg| leg.answered >= china(10, 2))
        .take(6)
        .collect();
    let mut run = Run::new();
    let mut plan: Vec<(Timestamp, PlatformCommand)> = Vec::new();
    for (index, leg) in legs.iter().enumerate() {
        let session = index as u64;
        let endpoint = [PHONE, NO_SPY, PHONE, NO_ANSWER, PHONE, PHONE][index];
        plan.push((leg.answered, start(session, endpoint, leg.call)));
        plan.push((
            leg.answered.plus_ms(5_000),
            change(session, MonitorMode::Barge),
        ));
        plan.push((
            leg.answered.plus_ms(8_000),
            change(session, MonitorMode::Whisper),
        ));
        if index % 2 == 0 {
            plan.push((leg.answered.plus_ms(12_000), stop(session)));
        }
    }
    plan.sort_by_key(|(at, _)| *at);
    for (at, command) in &plan {
        run.to(*at);
        // Refusals (a session not started yet, say) are part of the script.
        let _ = run.exec(command);
    }
    run.to(china(10, 45));
    run.check();
    run.events
}
