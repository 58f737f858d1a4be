//! The pure mapping layer on what a real Asterisk said: the monitoring transcript
//! (`05-chanspy-listen-whisper-barge`) fed event by event to the mapper.

use fw_ami::{AmiEvent, Event};
use fw_connect::ami::{AmiMapper, MapperSettings, SnapshotLists};
use fw_domain::{
    DomainEvent, MonitorEndReason, MonitorMode, MonitorSessionId, SourceId, SupervisorId, Timestamp,
};

use crate::fake_ami::Script;
use crate::fake_ami::script::stamp_ms;

fn typed(event: &Event) -> AmiEvent {
    event.typed().expect("a readable event")
}

/// The state at +0.030 of the recording, as QueueStatus and Status would list it: one
/// support call answered by agent1, whose leg the supervisor spies on.
fn lists() -> SnapshotLists {
    let channel = |name: &str, uniqueid: &str, app: &str, data: &str| {
        let status = Event::new("Status")
            .with("Channel", name)
            .with("Uniqueid", uniqueid)
            .with("CallerIDNum", "5555001")
            .with("BridgeID", "b-1")
            .with("Application", app)
            .with("Data", data)
            .with("Seconds", "0");
        match typed(&status) {
            AmiEvent::Status(status) => *status,
            other => panic!("{other:?}"),
        }
    };
    SnapshotLists {
        queue_status: vec![
            typed(
                &Event::new("QueueParams")
                    .with("Queue", "support")
                    .with("Max", "0")
                    .with("Calls", "0")
                    .with("Holdtime", "0")
                    .with("TalkTime", "0")
                    .with("Completed", "0")
                    .with("Abandoned", "0")
                    .with("ServiceLevel", "20")
                    .with("ServicelevelPerf", "0.0"),
            ),
            typed(
                &Event::new("QueueMember")
                    .with("Queue", "support")
                    .with("Name", "Alice")
                    .with("Location", "Local/agent1@agents/n")
                    .with("Status", "2")
                    .with("Paused", "0"),
            ),
        ],
        channels: vec![
            channel(
                "Local/support@callers-00000020;2",
                "1795343774.65",
                "Queue",
                "support,c,,,300",
            ),
            channel(
                "Local/agent1@agents-00000021;1",
                "1795343774.66",
                "AppQueue",
                "(Outgoing Line)",
            ),
        ],
    }
}

/// Every Originate the recording sent becomes a session, numbered by its ActionID.
fn register_sessions(script: &Script, mapper: &mut AmiMapper, call: fw_domain::CallId) {
    for originate in script
        .sent
        .iter()
        .filter(|s| s.frame.get("Action") == Some("Originate"))
    {
        let id = originate.frame.get("ActionID").expect("ActionID");
        let Some(number) = id.strip_prefix("fw-").and_then(|n| n.parse::<u64>().ok()) else {
            continue;
        };
        if number == 11 {
            continue; // the customer's call, not a supervisor
        }
        mapper.monitors_mut().requested(
            MonitorSessionId(number),
            SupervisorId(1),
            call,
            "Local/agent1@agents-00000021;1",
            id,
            Timestamp(script.t0_ms + originate.at_ms.cast_signed()),
        );
    }
}

#[test]
fn the_recorded_chanspy_sessions_map_to_started_changed_and_ended() {
    let script = Script::load("05-chanspy-listen-whisper-barge.txt");
    let mut mapper = AmiMapper::new("pbx", MapperSettings::default());
    let t0 = Timestamp(script.t0_ms + 30);
    let snapshot = mapper.resync(&lists(), SourceId(1), t0);
    assert_eq!(
        snapshot.calls.len(),
        1,
        "the answered call is in the snapshot"
    );
    let call = snapshot.calls[0].call;
    assert_eq!(
        mapper.agent_channel_of(call),
        Some("Local/agent1@agents-00000021;1")
    );

    register_sessions(&script, &mut mapper, call);
    let mut out = Vec::new();
    for event in script.all_events.iter().filter(|e| e.at_ms > 30) {
        let at =
            Timestamp(stamp_ms(&event.frame).unwrap_or(script.t0_ms + event.at_ms.cast_signed()));
        mapper.on_event(
            &typed(&Event::from_frame(event.frame.clone())),
            at,
            &mut out,
        );
    }
    let of = |session: u64| -> Vec<DomainEvent> {
        out.iter()
            .map(|e| e.event.clone())
            .filter(|e| match e {
                DomainEvent::MonitorStarted { session: s, .. }
                | DomainEvent::MonitorModeChanged { session: s, .. }
                | DomainEvent::MonitorEnded { session: s, .. } => *s == MonitorSessionId(session),
                _ => false,
            })
            .collect()
    };
    let started = |session: u64| DomainEvent::MonitorStarted {
        session: MonitorSessionId(session),
        supervisor: SupervisorId(1),
        call,
        mode: MonitorMode::Listen,
    };
    let ended = |session: u64, reason| DomainEvent::MonitorEnded {
        session: MonitorSessionId(session),
        reason,
    };
    let changed = |mode| DomainEvent::MonitorModeChanged {
        session: MonitorSessionId(18),
        mode,
    };
    for session in [12, 14, 16, 23, 25, 26] {
        assert_eq!(
            of(session),
            [started(session), ended(session, MonitorEndReason::Stopped)],
            "fw-{session}"
        );
    }
    assert_eq!(
        of(18),
        [
            started(18),
            changed(MonitorMode::Whisper),
            changed(MonitorMode::Barge),
            changed(MonitorMode::Listen),
            ended(18, MonitorEndReason::Stopped),
        ],
        "DTMF 5, 6, 4 on the coach leg switch the mode"
    );
    assert_eq!(
        of(29),
        [started(29), ended(29, MonitorEndReason::CallEnded)],
        "the spied call ended under the supervisor"
    );
    assert_eq!(
        of(31),
        [ended(31, MonitorEndReason::SpyNeverStarted)],
        "spying on a channel that does not exist never starts"
    );
    assert!(
        out.iter().any(|e| e.event
            == DomainEvent::CallCompleted {
                call,
                reason: fw_domain::CompletionReason::CallerHangup
            }),
        "the monitored call completes"
    );
}
