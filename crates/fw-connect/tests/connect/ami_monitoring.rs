//! Monitoring through the connector and the fake server: what Floorwalker asks (Originate,
//! PlayDTMF, Hangup) and what it reports (only what Asterisk said happened).

use fw_connect::{CommandError, Connector};
use fw_domain::{
    CallId, DomainEvent, MonitorEndReason, MonitorMode, MonitorSessionId, PlatformCommand,
    SupervisorId,
};

use crate::ami_support::Rig;
use crate::fake_ami::{FakeAmi, Script};

/// Reads events until one about `session` arrives (the test's own timeout guards it).
async fn next_about(rig: &mut Rig, session: MonitorSessionId) -> DomainEvent {
    loop {
        let mut events = Vec::new();
        rig.connector
            .next_events(&mut events)
            .await
            .expect("the link holds");
        let found = events.iter().find_map(|e| match &e.event {
            DomainEvent::MonitorStarted { session: s, .. }
            | DomainEvent::MonitorModeChanged { session: s, .. }
            | DomainEvent::MonitorEnded { session: s, .. }
                if *s == session =>
            {
                Some(e.event.clone())
            }
            _ => None,
        });
        rig.apply(events);
        if let Some(event) = found {
            return event;
        }
    }
}

/// The fake Asterisk of the ChanSpy transcript, connected once the customer's call is
/// answered (+0.030), so the snapshot has it; and that call.
async fn connected_on_a_live_call() -> (FakeAmi, Rig, CallId) {
    let script = Script::load("05-chanspy-listen-whisper-barge.txt");
    let fake = FakeAmi::start(&script).await;
    fake.release_until(30, script.t0_ms);
    let rig = Rig::connect(&fake).await;
    let call = rig
        .engine
        .live_calls()
        .first()
        .expect("the answered call")
        .call;
    (fake, rig, call)
}

fn start_monitor(session: u64, endpoint: &str, call: CallId) -> PlatformCommand {
    PlatformCommand::StartMonitor {
        session: MonitorSessionId(session),
        supervisor: SupervisorId(7),
        endpoint: endpoint.into(),
        call,
    }
}

#[tokio::test]
async fn a_session_starts_changes_mode_and_stops_as_asterisk_reports() {
    let (fake, mut rig, call) = connected_on_a_live_call().await;
    let start = |session: u64, endpoint: &str| start_monitor(session, endpoint, call);

    let session = MonitorSessionId(1);
    rig.connector
        .execute(start(1, "Local/supervisor@supervisor-phone"))
        .await
        .expect("originated");
    assert_eq!(
        next_about(&mut rig, session).await,
        DomainEvent::MonitorStarted {
            session,
            supervisor: SupervisorId(7),
            call,
            mode: MonitorMode::Listen
        }
    );
    let originate = fake
        .actions()
        .into_iter()
        .rfind(|a| a.name() == "Originate")
        .expect("sent");
    assert_eq!(
        originate.get("Channel"),
        Some("Local/supervisor@supervisor-phone")
    );
    assert_eq!(originate.get("Context"), Some("floorwalker-spy"));
    assert_eq!(
        originate.get("Variable"),
        Some("SPYCHAN=Local/agent1@agents-00000021;1")
    );
    assert_eq!(originate.get("Async"), Some("true"));

    rig.connector
        .execute(PlatformCommand::ChangeMonitorMode {
            session,
            mode: MonitorMode::Whisper,
        })
        .await
        .expect("mode change accepted");
    assert_eq!(
        next_about(&mut rig, session).await,
        DomainEvent::MonitorModeChanged {
            session,
            mode: MonitorMode::Whisper
        }
    );
    let dtmf = fake
        .actions()
        .into_iter()
        .rfind(|a| a.name() == "PlayDTMF")
        .expect("sent");
    assert_eq!(
        (dtmf.get("Digit"), dtmf.get("Receive")),
        (Some("5"), Some("true"))
    );
    assert_eq!(
        fake.actions()
            .iter()
            .filter(|a| a.name() == "Originate")
            .count(),
        1,
        "no redial for a mode change"
    );

    rig.connector
        .execute(PlatformCommand::StopMonitor { session })
        .await
        .expect("stopped");
    assert_eq!(
        next_about(&mut rig, session).await,
        DomainEvent::MonitorEnded {
            session,
            reason: MonitorEndReason::Stopped
        }
    );
    let hangup = fake
        .actions()
        .into_iter()
        .rfind(|a| a.name() == "Hangup")
        .expect("sent");
    assert!(
        hangup
            .get("Channel")
            .is_some_and(|c| c.starts_with("Local/supervisor@supervisor-phone-")),
        "only the supervisor's leg is hung up: {hangup:?}"
    );
    assert!(rig.engine.live_call(call).is_some(), "the call goes on");
    assert!(rig.engine.monitors().is_empty());
}

#[tokio::test]
async fn an_unanswered_endpoint_and_a_spy_that_never_starts_are_failures() {
    let (fake, mut rig, call) = connected_on_a_live_call().await;
    let start = |session: u64, endpoint: &str| start_monitor(session, endpoint, call);

    let unanswered = MonitorSessionId(2);
    rig.connector
        .execute(start(2, "PJSIP/noanswer"))
        .await
        .expect("originated");
    assert_eq!(
        next_about(&mut rig, unanswered).await,
        DomainEvent::MonitorEnded {
            session: unanswered,
            reason: MonitorEndReason::EndpointNoAnswer
        }
    );

    // Answers, but ChanSpy never reports starting: after the grace time the session is
    // a failure and the connector hangs the silent leg up.
    let silent = MonitorSessionId(3);
    rig.connector
        .execute(start(3, "PJSIP/silent"))
        .await
        .expect("originated");
    assert_eq!(
        next_about(&mut rig, silent).await,
        DomainEvent::MonitorEnded {
            session: silent,
            reason: MonitorEndReason::SpyNeverStarted
        }
    );
    rig.sync().await;
    let hangup = fake
        .actions()
        .into_iter()
        .rfind(|a| a.name() == "Hangup")
        .expect("the silent leg is hung up");
    assert!(
        hangup
            .get("Channel")
            .is_some_and(|c| c.starts_with("PJSIP/silent-")),
        "{hangup:?}"
    );

    let unknown = rig
        .connector
        .execute(PlatformCommand::ChangeMonitorMode {
            session: MonitorSessionId(99),
            mode: MonitorMode::Barge,
        })
        .await;
    assert!(
        matches!(unknown, Err(CommandError::Rejected(_))),
        "{unknown:?}"
    );
    assert!(
        rig.engine.monitors().is_empty(),
        "no session was ever reported as running"
    );
}
