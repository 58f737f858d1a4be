//! The wallboard path end to end: `01-queue-flow` replayed from the fake AMI server through
//! AmiConnector and the metrics engine. At each moment the recording asked Asterisk for
//! QueueStatus and QueueSummary, the engine's figures must equal what Asterisk answered.

use fw_ami::Frame;
use fw_connect::Connector;
use fw_engine::{Anomalies, Frame as EngineFrame, QueueFrame};

use crate::ami_support::Rig;
use crate::fake_ami::{FakeAmi, Script};

fn number(frame: &Frame, key: &str) -> u64 {
    frame
        .get(key)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{key} in {frame:?}"))
}

fn queue_frame<'a>(rig: &Rig, frame: &'a EngineFrame, name: &str) -> &'a QueueFrame {
    let id = rig
        .engine
        .topology()
        .queues
        .iter()
        .find(|q| q.name == name)
        .unwrap_or_else(|| panic!("queue {name} in the topology"))
        .id;
    &frame.queues[id.index()]
}

/// Asterisk's whole-second wait (`now - start` on `time_t`s) from the engine's exact one.
fn asterisk_seconds(now_ms: i64, longest_wait_ms: Option<u64>) -> u64 {
    longest_wait_ms.map_or(0, |wait| {
        let joined = now_ms - wait.cast_signed();
        (now_ms / 1000 - joined / 1000) as u64
    })
}

/// Compares the engine with the recorded QueueSummary and QueueStatus at one moment.
fn assert_matches_asterisk(rig: &Rig, script: &Script, status_at: u64) {
    let frame = rig.frame();
    let now = rig.connector.now().0;
    let status = script
        .recorded("QueueStatus")
        .into_iter()
        .find(|l| l.at_ms == status_at)
        .expect("a recorded QueueStatus");
    let summary = script
        .recorded("QueueSummary")
        .into_iter()
        .find(|l| l.at_ms >= status_at)
        .expect("a recorded QueueSummary after it");
    let mut checked = 0;
    for item in &summary.items {
        let name = item.get("Queue").expect("Queue");
        let figures = &queue_frame(rig, &frame, name).figures;
        let at = format!("{name} at +{status_at} ms");
        assert_eq!(
            u64::from(figures.live.agents.staffed()),
            number(item, "LoggedIn"),
            "LoggedIn, {at}"
        );
        assert_eq!(
            u64::from(figures.live.agents.available),
            number(item, "Available"),
            "Available, {at}"
        );
        assert_eq!(
            u64::from(figures.live.waiting),
            number(item, "Callers"),
            "Callers, {at}"
        );
        assert_eq!(
            asterisk_seconds(now, figures.live.longest_wait_ms),
            number(item, "LongestHoldTime"),
            "LongestHoldTime, {at}"
        );
        checked += 1;
    }
    for item in status
        .items
        .iter()
        .filter(|i| i.get("Event") == Some("QueueParams"))
    {
        let name = item.get("Queue").expect("Queue");
        let figures = &queue_frame(rig, &frame, name).figures;
        let at = format!("{name} at +{status_at} ms");
        assert_eq!(
            u64::from(figures.counters.handled),
            number(item, "Completed"),
            "Completed, {at}"
        );
        assert_eq!(
            u64::from(figures.counters.abandoned),
            number(item, "Abandoned"),
            "Abandoned, {at}"
        );
        assert_eq!(
            u64::from(figures.live.waiting),
            number(item, "Calls"),
            "Calls, {at}"
        );
        if number(item, "Completed") > 0 {
            // Asterisk counts SL on completion, the engine on answer; with every answered
            // call completed they are the same calls.
            assert_eq!(figures.counters.answered, figures.counters.handled);
            let recorded: f64 = item
                .get("ServicelevelPerf")
                .and_then(|v| v.parse().ok())
                .expect("SL");
            assert_eq!(
                figures.service_levels.abandons_ignored,
                Some(recorded),
                "ServicelevelPerf, {at}"
            );
        }
        let members = status
            .items
            .iter()
            .filter(|i| i.get("Event") == Some("QueueMember") && i.get("Queue") == Some(name))
            .count();
        let queue = queue_frame(rig, &frame, name).queue;
        let in_topology = rig
            .engine
            .topology()
            .agents
            .iter()
            .filter(|a| a.queues.contains(&queue))
            .count();
        assert_eq!(in_topology, members, "members, {at}");
        checked += 1;
    }
    assert!(checked >= 3, "compared {checked} queue reports");
}

#[tokio::test]
async fn replaying_01_queue_flow_gives_asterisks_own_figures() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    assert_eq!(rig.engine.topology().queues.len(), 2);
    assert_eq!(
        rig.engine.topology().agents.len(),
        4,
        "Carol is one agent in two queues"
    );

    for moment in [5_114, 45_119] {
        fake.release_until(moment, script.t0_ms);
        rig.sync().await;
        assert_matches_asterisk(&rig, &script, moment);
    }
    assert_eq!(
        fake.released(),
        fake.event_count(),
        "the whole recording was replayed"
    );
    assert_eq!(
        rig.engine.anomalies(),
        Anomalies::default(),
        "nothing unexpected in the stream"
    );
    let frame = rig.frame();
    assert_eq!(frame.total.counters.offered, 7, "7 callers");
    assert_eq!(frame.total.counters.answered, 5);
    assert_eq!(frame.total.counters.abandoned, 2, "Di and Gus gave up");
    let rna = rig
        .applied
        .iter()
        .filter(|e| matches!(e.event, fw_domain::DomainEvent::RingNoAnswer { .. }))
        .count();
    assert_eq!(rna, 1, "Alice rang and never answered");
    let surveys = rig
        .applied
        .iter()
        .filter(|e| matches!(e.event, fw_domain::DomainEvent::SurveyReceived { .. }))
        .count();
    assert_eq!(surveys, 5, "one survey per answered call");
    for pair in rig.applied.windows(2) {
        assert_eq!(pair[1].seq, pair[0].seq + 1, "contiguous sequence numbers");
    }
}

#[tokio::test]
async fn login_asks_for_an_event_mask_and_filters_out_the_noise() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let _rig = Rig::connect(&fake).await;
    let actions = fake.actions();
    let login = &actions[0];
    assert_eq!(login.name(), "Login");
    assert_eq!(login.get("Events"), Some(fw_connect::ami::EVENT_MASK));
    assert!(
        !fw_connect::ami::EVENT_MASK.contains("dialplan"),
        "VarSet and Newexten are dialplan events"
    );
    let filters: Vec<&str> = actions
        .iter()
        .filter(|a| a.name() == "Filter")
        .filter_map(|a| a.get("MatchCriteria"))
        .collect();
    assert_eq!(filters.len(), fw_connect::ami::MAPPED_EVENTS.len());
    assert!(filters.contains(&"action(include),name(AgentComplete)"));
    assert!(
        !filters
            .iter()
            .any(|f| f.contains("VarSet") || f.contains("Newexten"))
    );
    let snapshot_actions: Vec<&str> = actions.iter().map(fw_ami::Action::name).collect();
    for needed in ["QueueStatus", "QueueSummary", "Status", "Ping"] {
        assert!(
            snapshot_actions.contains(&needed),
            "{needed} read on connect"
        );
    }
}
