//! The monitoring rules against a real simulated centre's live state.

use fw_app::{MonitorDenial, MonitorDesk, MonitorRequest, Permission, Role, Team};
use fw_domain::{
    CallId, CallPhase, DomainEvent, EventEnvelope, MonitorEndReason, MonitorMode, MonitorSessionId,
    PlatformCommand, SourceId, Timestamp,
};
use fw_engine::{Engine, EngineConfig};
use fw_sim::{SimConfig, Simulator};

/// 2026-11-22 10:00 in Shanghai.
const PRESENT: Timestamp = Timestamp(1_795_312_800_000);
/// Monitoring events in these tests come from their own source, sequenced apart.
const PLATFORM: SourceId = SourceId(77);

struct Floor {
    engine: Engine,
    seq: u64,
}

impl Floor {
    fn busy() -> Floor {
        let start = PRESENT.plus_ms(-3_600_000);
        let mut sim = Simulator::new(SimConfig::new(5, 200, start)).unwrap();
        let mut engine = Engine::new(sim.topology().clone(), EngineConfig::default()).unwrap();
        engine.resync(&sim.snapshot(), start).unwrap();
        let mut events = Vec::new();
        sim.advance_to(PRESENT, &mut events);
        for event in &events {
            engine.apply(event, event.at);
        }
        Floor { engine, seq: 0 }
    }

    fn talking_calls(&self) -> Vec<fw_domain::LiveCall> {
        self.engine
            .live_calls()
            .into_iter()
            .filter(|c| c.phase == CallPhase::Talking && c.agent.is_some())
            .collect()
    }

    fn queued_call(&self) -> Option<CallId> {
        self.engine
            .live_calls()
            .into_iter()
            .find(|c| c.phase == CallPhase::Queued)
            .map(|c| c.call)
    }

    /// The platform reports what a command did.
    fn platform(&mut self, event: DomainEvent) {
        self.seq += 1;
        let envelope = EventEnvelope {
            source: PLATFORM,
            seq: self.seq,
            at: PRESENT,
            event,
        };
        self.engine.apply(&envelope, PRESENT);
    }

    /// Runs a plan as the platform would: the session starts in listen mode.
    fn start(&mut self, desk: &mut MonitorDesk, user: &str, call: CallId) -> MonitorSessionId {
        let plan = desk
            .authorize(user, &MonitorRequest::Start { call }, &self.engine)
            .unwrap();
        let PlatformCommand::StartMonitor {
            session,
            supervisor,
            ..
        } = plan.command
        else {
            panic!("a start plan starts");
        };
        self.platform(DomainEvent::MonitorStarted {
            session,
            supervisor,
            call,
            mode: MonitorMode::Listen,
        });
        desk.settled(session);
        session
    }
}

fn team(extra: &str) -> Team {
    Team::parse(
        &format!(
            r#"
            [[user]]
            name = "li"
            role = "floor_supervisor"
            endpoint = "PJSIP/9001"
            [[user]]
            name = "wang"
            role = "night_shift_lead"
            endpoint = "PJSIP/9002"
            [[user]]
            name = "qm"
            role = "quality_manager"
            endpoint = "PJSIP/9003"
            [[user]]
            name = "board"
            role = "wallboard"
            [[user]]
            name = "nophone"
            role = "floor_supervisor"
            {extra}
            "#
        ),
        "team.toml",
    )
    .unwrap()
}

#[test]
fn a_session_starts_in_listen_on_the_supervisors_own_phone() {
    let floor = Floor::busy();
    let mut desk = MonitorDesk::new(team(""));
    let call = floor.talking_calls()[0].clone();
    let plan = desk
        .authorize(
            "li",
            &MonitorRequest::Start { call: call.call },
            &floor.engine,
        )
        .unwrap();
    assert_eq!(plan.mode, MonitorMode::Listen);
    assert_eq!(plan.agent, call.agent);
    assert!(matches!(
        plan.command,
        PlatformCommand::StartMonitor { ref endpoint, call: c, .. } if endpoint == "PJSIP/9001" && c == call.call
    ));
    // From an agent: whatever call they are on.
    let plan = desk
        .authorize(
            "wang",
            &MonitorRequest::StartOnAgent {
                agent: call.agent.unwrap(),
            },
            &floor.engine,
        )
        .unwrap();
    assert_eq!(plan.call, call.call);
}

#[test]
fn roles_decide_who_may_listen_whisper_and_barge() {
    let mut floor = Floor::busy();
    let mut desk = MonitorDesk::new(team(""));
    let call = floor.talking_calls()[0].call;
    assert_eq!(
        desk.authorize("board", &MonitorRequest::Start { call }, &floor.engine),
        Err(MonitorDenial::NotPermitted {
            role: Role::Wallboard,
            permission: Permission::Listen
        })
    );
    let session = floor.start(&mut desk, "qm", call);
    let whisper = MonitorRequest::ChangeMode {
        session,
        mode: MonitorMode::Whisper,
    };
    let denied = desk.authorize("qm", &whisper, &floor.engine).unwrap_err();
    assert_eq!(
        denied.to_string(),
        "the quality_manager role may not whisper to agents"
    );
    assert_eq!(
        desk.authorize("ghost", &MonitorRequest::Start { call }, &floor.engine),
        Err(MonitorDenial::UnknownUser("ghost".into()))
    );
    assert_eq!(
        desk.authorize("nophone", &MonitorRequest::Start { call }, &floor.engine),
        Err(MonitorDenial::NoEndpoint)
    );
}

#[test]
fn only_connected_calls_can_be_monitored() {
    let floor = Floor::busy();
    let mut desk = MonitorDesk::new(team(""));
    if let Some(queued) = floor.queued_call() {
        assert_eq!(
            desk.authorize("li", &MonitorRequest::Start { call: queued }, &floor.engine),
            Err(MonitorDenial::CallNotConnected(queued))
        );
    }
    let gone = CallId(u64::MAX);
    assert_eq!(
        desk.authorize("li", &MonitorRequest::Start { call: gone }, &floor.engine),
        Err(MonitorDenial::UnknownCall(gone))
    );
}

#[test]
fn nobody_monitors_a_call_they_are_on_or_a_protected_agent_or_queue() {
    let floor = Floor::busy();
    let calls = floor.talking_calls();
    let topology = floor.engine.topology();
    let agent_name =
        |c: &fw_domain::LiveCall| topology.agent(c.agent.unwrap()).unwrap().name.clone();
    let (first, second) = (&calls[0], &calls[1]);
    let queue_name = topology.queues[second.queue.unwrap().index()].name.clone();
    let extra = format!(
        "agent = {:?}\n[monitoring]\nprotected_agents = [{:?}]\nprotected_queues = [{:?}]\n",
        agent_name(first),
        agent_name(&calls[2]),
        queue_name
    );
    // `extra` lands on the last user ("nophone"), who then also works as the first agent.
    let mut team = team(&extra);
    team.users.last_mut().unwrap().endpoint = Some("PJSIP/9009".into());
    let mut desk = MonitorDesk::new(team);
    assert_eq!(
        desk.authorize(
            "nophone",
            &MonitorRequest::Start { call: first.call },
            &floor.engine
        ),
        Err(MonitorDenial::PartyToCall)
    );
    assert_eq!(
        desk.authorize(
            "li",
            &MonitorRequest::Start {
                call: calls[2].call
            },
            &floor.engine
        ),
        Err(MonitorDenial::ProtectedAgent(agent_name(&calls[2])))
    );
    if calls[2].queue != second.queue {
        assert_eq!(
            desk.authorize(
                "li",
                &MonitorRequest::Start { call: second.call },
                &floor.engine
            ),
            Err(MonitorDenial::ProtectedQueue(queue_name))
        );
    }
}

#[test]
fn the_listener_limit_counts_sessions_still_ringing_and_one_barge_per_call() {
    let mut floor = Floor::busy();
    let mut desk = MonitorDesk::new(team("")); // two per call by default
    let call = floor.talking_calls()[0].call;
    let li = floor.start(&mut desk, "li", call);
    // Wang's request is pending (his phone is ringing) ...
    let pending = desk
        .authorize("wang", &MonitorRequest::Start { call }, &floor.engine)
        .unwrap();
    // ... so a third is refused even though the platform reports one session.
    assert_eq!(
        desk.authorize("qm", &MonitorRequest::Start { call }, &floor.engine),
        Err(MonitorDenial::ListenerLimit { limit: 2 })
    );
    let PlatformCommand::StartMonitor { supervisor, .. } = pending.command else {
        unreachable!()
    };
    floor.platform(DomainEvent::MonitorStarted {
        session: pending.session,
        supervisor,
        call,
        mode: MonitorMode::Listen,
    });
    desk.settled(pending.session);
    let barge = |session| MonitorRequest::ChangeMode {
        session,
        mode: MonitorMode::Barge,
    };
    let plan = desk.authorize("li", &barge(li), &floor.engine).unwrap();
    assert_eq!(
        plan.command,
        PlatformCommand::ChangeMonitorMode {
            session: li,
            mode: MonitorMode::Barge
        }
    );
    floor.platform(DomainEvent::MonitorModeChanged {
        session: li,
        mode: MonitorMode::Barge,
    });
    assert_eq!(
        desk.authorize("wang", &barge(pending.session), &floor.engine),
        Err(MonitorDenial::BargeTaken)
    );
    // Whisper is still open to him, and only he may change his own session.
    assert!(
        desk.authorize(
            "wang",
            &MonitorRequest::ChangeMode {
                session: pending.session,
                mode: MonitorMode::Whisper
            },
            &floor.engine
        )
        .is_ok()
    );
    assert_eq!(
        desk.authorize(
            "li",
            &MonitorRequest::Stop {
                session: pending.session
            },
            &floor.engine
        ),
        Err(MonitorDenial::NotYourSession(pending.session))
    );
    // Li stops: only her leg ends; the platform reports it and the limit frees a place.
    let stop = desk
        .authorize("li", &MonitorRequest::Stop { session: li }, &floor.engine)
        .unwrap();
    assert_eq!(stop.command, PlatformCommand::StopMonitor { session: li });
    floor.platform(DomainEvent::MonitorEnded {
        session: li,
        reason: MonitorEndReason::Stopped,
    });
    assert!(
        desk.authorize("qm", &MonitorRequest::Start { call }, &floor.engine)
            .is_ok()
    );
    assert_eq!(
        desk.authorize("li", &MonitorRequest::Stop { session: li }, &floor.engine),
        Err(MonitorDenial::UnknownSession(li))
    );
}
