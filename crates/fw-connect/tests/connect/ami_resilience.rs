//! A link that drops, a peer that sends garbage, an AMI user who may not act: each gives
//! a clear error, and after `connect` (what the hub does) the figures are as if nothing
//! had happened: nothing lost, nothing counted twice.

use fw_connect::{CommandError, Connector, ConnectorError};
use fw_domain::{
    AgentId, BreakReason, CallId, MonitorSessionId, PlatformCommand, SupervisorId, TargetAgentState,
};

use crate::ami_support::{Rig, connector_as, counts, end_of, next_error, uninterrupted};
use crate::fake_ami::{FakeAmi, Script};

#[tokio::test]
async fn dropping_the_link_at_every_event_then_resyncing_counts_nothing_twice() {
    let script = Script::load("01-queue-flow.txt");
    let expected = uninterrupted(&script).await;
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    let mut drops = 0;
    while fake.released() < fake.event_count() {
        fake.release_next(1);
        rig.sync().await;
        fake.drop_link();
        let error = next_error(&mut rig).await;
        assert!(
            matches!(&error, ConnectorError::Disconnected(m) if m.contains("closed")),
            "{error}"
        );
        rig.reconnect().await;
        drops += 1;
    }
    assert!(drops >= 60, "dropped {drops} times");
    assert_eq!(fake.connections(), drops + 1);
    assert_eq!(counts(&rig.frame()), expected);
    let anomalies = rig.engine.anomalies();
    assert_eq!(
        (anomalies.gaps, anomalies.unresolved_calls),
        (0, 0),
        "{anomalies:?}"
    );
}

#[tokio::test]
async fn events_missed_while_disconnected_come_back_through_the_snapshot() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    fake.release_until(1_000, script.t0_ms);
    rig.sync().await;
    // The link drops; meanwhile three more callers join (and nobody tells us).
    fake.drop_link();
    next_error(&mut rig).await;
    fake.release_until(1_900, script.t0_ms);
    rig.reconnect().await;
    fake.release_until(5_114, script.t0_ms);
    rig.sync().await;
    let frame = rig.frame();
    let waiting: u32 = frame.queues.iter().map(|q| q.figures.live.waiting).sum();
    let offered: u32 = frame
        .queues
        .iter()
        .map(|q| q.figures.counters.offered)
        .sum();
    assert_eq!(
        waiting, 4,
        "Ann, Di, Flo and Gus wait, as QueueStatus said at +5.114"
    );
    assert_eq!(offered, 7, "every caller counted once");
}

#[tokio::test]
async fn malformed_frames_give_a_clear_error_and_the_stream_recovers() {
    let script = Script::load("01-queue-flow.txt");
    let expected = uninterrupted(&script).await;
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    fake.release_until(2_000, script.t0_ms);
    rig.sync().await;
    fake.inject(b"this line has no colon\r\nEvent: QueueCallerJoin\r\n\r\n");
    let error = next_error(&mut rig).await;
    let ConnectorError::Protocol(message) = &error else {
        panic!("expected a protocol error, got {error}");
    };
    assert!(
        message.contains("not `Key: value`") && message.contains("resyncing"),
        "{message}"
    );
    rig.reconnect().await;

    fake.inject(b"\xff\xfe binary \x00 garbage\r\n\r\n");
    let error = next_error(&mut rig).await;
    assert!(error.to_string().contains("not valid UTF-8"), "{error}");
    rig.reconnect().await;

    fake.release_until(end_of(&script), script.t0_ms);
    rig.sync().await;
    assert_eq!(counts(&rig.frame()), expected);
}

#[tokio::test]
async fn a_read_only_ami_user_sees_the_wallboard_but_cannot_act() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let mut connector = connector_as(&fake, "wallboard", "wallboard");
    let snapshot = connector.connect().await.expect("reading is allowed");
    assert_eq!(snapshot.topology.queues.len(), 2);
    let refused = connector
        .execute(PlatformCommand::SetAgentState {
            agent: AgentId(0),
            state: TargetAgentState::Break(BreakReason::Lunch),
        })
        .await;
    let Err(CommandError::Rejected(message)) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert!(
        message.contains("QueuePause")
            && message.contains("`wallboard`")
            && message.contains("Permission denied"),
        "{message}"
    );
    let no_call = connector
        .execute(PlatformCommand::StartMonitor {
            session: MonitorSessionId(1),
            supervisor: SupervisorId(1),
            endpoint: "PJSIP/9001".into(),
            call: CallId(999),
        })
        .await;
    assert!(
        matches!(no_call, Err(CommandError::Rejected(_))),
        "{no_call:?}"
    );

    drop(connector); // the fake serves one client at a time
    let mut wrong = connector_as(&fake, "supervisor", "not-the-secret");
    let error = wrong.connect().await.unwrap_err();
    assert_eq!(
        error,
        ConnectorError::Config(
            "Asterisk refused the login of AMI user `supervisor`: Authentication failed".into()
        )
    );
    assert!(
        !format!("{wrong:?}").contains("not-the-secret"),
        "the secret never shows in Debug"
    );
}

#[tokio::test]
async fn agent_commands_become_queue_pause_and_come_back_as_events() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    let bob = rig
        .engine
        .topology()
        .agents
        .iter()
        .find(|a| a.name == "Bob")
        .expect("Bob")
        .id;
    rig.connector
        .execute(PlatformCommand::SetAgentState {
            agent: bob,
            state: TargetAgentState::Break(BreakReason::Lunch),
        })
        .await
        .expect("pause accepted");
    rig.sync().await;
    assert!(
        rig.applied.iter().any(|e| e.event
            == fw_domain::DomainEvent::AgentStateChanged {
                agent: bob,
                state: fw_domain::AgentState::Break(BreakReason::Lunch)
            }),
        "the break arrives as an event"
    );
    let pause = fake
        .actions()
        .into_iter()
        .rfind(|a| a.name() == "QueuePause")
        .expect("sent");
    assert_eq!(pause.get("Interface"), Some("Local/agent2@agents/n"));
    assert_eq!(pause.get("Reason"), Some("lunch"));
    rig.connector
        .execute(PlatformCommand::SetAgentState {
            agent: bob,
            state: TargetAgentState::Available,
        })
        .await
        .expect("unpause accepted");
    let logout = rig
        .connector
        .execute(PlatformCommand::SetAgentState {
            agent: bob,
            state: TargetAgentState::LoggedOut,
        })
        .await;
    assert!(
        matches!(&logout, Err(CommandError::Rejected(m)) if m.contains("Member not dynamic")),
        "static members cannot be logged out: {logout:?}"
    );
    let routing = rig
        .connector
        .execute(PlatformCommand::ActivateRoutingMode {
            mode: fw_domain::RoutingMode::NightMode {
                scope: fw_domain::RoutingScope::Centre,
            },
            revert_at: None,
        })
        .await;
    assert!(
        matches!(routing, Err(CommandError::Unsupported { .. })),
        "{routing:?}"
    );
}
