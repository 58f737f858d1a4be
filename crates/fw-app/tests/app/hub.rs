//! The Hub over the real simulator, on tokio's paused clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use fw_app::{Hub, LinkState, LiveFrame};
use fw_connect::{CommandError, Connector, ConnectorError, SimConnector, SimConnectorConfig};
use fw_domain::{EventEnvelope, PlatformCommand, Snapshot, Timestamp};
use fw_engine::{EngineConfig, Window};
use fw_sim::SimConfig;

/// 2026-11-22 10:00 in Shanghai.
const PRESENT: Timestamp = Timestamp(1_795_312_800_000);

fn sim_connector(seed: u64) -> SimConnector {
    let sim = SimConfig::new(seed, 300, PRESENT.plus_ms(-3_600_000));
    SimConnector::new(SimConnectorConfig {
        sim,
        present: PRESENT,
        tick: Duration::from_millis(100),
    })
    .unwrap()
}

async fn next_frame(frames: &mut tokio::sync::watch::Receiver<Arc<LiveFrame>>) -> Arc<LiveFrame> {
    frames.changed().await.expect("the hub is running");
    frames.borrow_and_update().clone()
}

async fn frame_where(
    frames: &mut tokio::sync::watch::Receiver<Arc<LiveFrame>>,
    what: impl Fn(&LiveFrame) -> bool,
) -> Arc<LiveFrame> {
    for _ in 0..10_000 {
        let live = next_frame(frames).await;
        if what(&live) {
            return live;
        }
    }
    panic!("no such frame was published");
}

#[tokio::test(start_paused = true)]
async fn the_warm_up_is_not_shown_the_first_frame_is_the_present() {
    let hub = Hub::start(sim_connector(5), EngineConfig::default());
    let mut frames = hub.frames();
    // The hour before the present is replayed first; no frame shows it.
    let first = frame_where(&mut frames, |l| l.frame.is_some()).await;
    assert_eq!(first.link.state, LinkState::Connected);
    let newest = first
        .link
        .last_event_at
        .expect("the warm-up's events were applied");
    assert!(
        newest >= PRESENT.plus_ms(-120_000),
        "the first frame shows the present, not the warm-up: newest event at {newest:?}"
    );
    assert!(
        first.link.events_received > 1_000,
        "the hour of warm-up is behind it: {} events",
        first.link.events_received
    );
}

#[tokio::test(start_paused = true)]
async fn frames_flow_at_most_twenty_a_second_and_the_window_can_change() {
    let hub = Hub::start(sim_connector(3), EngineConfig::default());
    let mut frames = hub.frames();
    assert_eq!(frames.borrow().link.state, LinkState::Connecting);
    let live = frame_where(&mut frames, |l| {
        l.link.state == LinkState::Connected && l.frame.is_some()
    })
    .await;
    assert_eq!(live.topology.queues.len(), 21);

    // Count publications over ten seconds of (virtual) time.
    let started = tokio::time::Instant::now();
    let mut published = 0;
    while started.elapsed() < Duration::from_secs(10) {
        next_frame(&mut frames).await;
        published += 1;
    }
    assert!(
        (10..=201).contains(&published),
        "{published} frames in 10 s: at least 1 Hz, at most 20 Hz"
    );

    hub.set_window(Window::Day).await.unwrap();
    let live = frame_where(&mut frames, |l| {
        l.frame.as_ref().is_some_and(|f| f.window == Window::Day)
    })
    .await;
    let frame = live.frame.as_ref().unwrap();
    assert!(
        frame.total.counters.offered > 0,
        "an hour of warm-up shows in today's figures"
    );
}

/// Wraps the real SimConnector and cuts the link every `drop_every` batches.
struct FlakyLink {
    inner: SimConnector,
    batches: u32,
    drop_every: u32,
    connects: Arc<AtomicU32>,
    fail_first_connect: bool,
}

impl Connector for FlakyLink {
    fn platform(&self) -> String {
        "flaky simulator".into()
    }
    fn now(&self) -> Timestamp {
        self.inner.now()
    }
    async fn connect(&mut self) -> Result<Snapshot, ConnectorError> {
        let attempt = self.connects.fetch_add(1, Ordering::SeqCst);
        if self.fail_first_connect && attempt == 0 {
            return Err(ConnectorError::Disconnected("connection refused".into()));
        }
        self.inner.connect().await
    }
    async fn next_events(&mut self, out: &mut Vec<EventEnvelope>) -> Result<(), ConnectorError> {
        self.batches += 1;
        if self.batches.is_multiple_of(self.drop_every) {
            return Err(ConnectorError::Disconnected("link dropped".into()));
        }
        self.inner.next_events(out).await
    }
    async fn execute(&mut self, command: PlatformCommand) -> Result<(), CommandError> {
        self.inner.execute(command).await
    }
    async fn apply_routing(&mut self, plan: &fw_routing::RoutingPlan) -> Result<(), CommandError> {
        self.inner.apply_routing(plan).await
    }
}

#[tokio::test(start_paused = true)]
async fn dropped_links_reconnect_resync_and_never_double_count() {
    let connects = Arc::new(AtomicU32::new(0));
    let flaky = FlakyLink {
        inner: sim_connector(5),
        batches: 0,
        drop_every: 7,
        connects: connects.clone(),
        fail_first_connect: true,
    };
    let flaky_hub = Hub::start(
        flaky,
        EngineConfig {
            window: Window::Day,
            ..EngineConfig::default()
        },
    );
    let steady_hub = Hub::start(
        sim_connector(5),
        EngineConfig {
            window: Window::Day,
            ..EngineConfig::default()
        },
    );
    let mut flaky_frames = flaky_hub.frames();
    let steady_frames = steady_hub.frames();

    let failed = frame_where(&mut flaky_frames, |l| l.link.detail.is_some()).await;
    assert_eq!(
        failed.link.state,
        LinkState::Connecting,
        "the first attempt failed: {:?}",
        failed.link.detail
    );
    // (A "reconnecting" frame can be coalesced away by the watch channel when the link comes
    // straight back, which the simulator does; the connect count shows the reconnections.)

    // Let both run two simulated minutes past the present, then compare the same instant.
    tokio::time::sleep(Duration::from_mins(2)).await;
    let flaky = flaky_frames.borrow().clone();
    let steady = steady_frames.borrow().clone();
    let (flaky, steady) = (
        flaky.frame.as_ref().unwrap(),
        steady.frame.as_ref().unwrap(),
    );
    assert!(
        connects.load(Ordering::SeqCst) > 5,
        "the link was cut and re-established several times"
    );
    let (f, s) = (&flaky.total.counters, &steady.total.counters);
    assert!(s.offered > 100, "a busy hour: {}", s.offered);
    // Both hubs saw the same deterministic centre; the flaky one may lag by a tick but must
    // never count more than the steady one.
    assert!(
        f.offered <= s.offered && f.answered <= s.answered,
        "flaky {f:?} vs steady {s:?}"
    );
    assert!(
        s.offered - f.offered <= s.offered / 20,
        "flaky {} vs steady {}",
        f.offered,
        s.offered
    );
    assert_eq!(flaky.anomalies.duplicates, 0);
}
