//! Shared set-up for the AMI tests: a connector for the fake, an engine fed from it.

use std::time::Duration;

use fw_connect::ami::MapperSettings;
use fw_connect::{AmiConfig, AmiConnector, AmiSecret, Connector, ConnectorError};
use fw_domain::{EventEnvelope, Topology};
use fw_engine::{Engine, EngineConfig, Frame};

use crate::fake_ami::{FakeAmi, Script};

/// The tests' configuration for the fake (plain TCP), as `user`.
pub fn config_as(fake: &FakeAmi, user: &str, secret: &str) -> AmiConfig {
    let mut config = AmiConfig::new("127.0.0.1", fake.port, user, AmiSecret::new(secret));
    config.timeout = Duration::from_secs(10);
    config.mapping = MapperSettings {
        spy_start_grace_ms: 300,
        ..MapperSettings::default()
    };
    config
}

/// A connector logging in to the fake as `user`.
pub fn connector_as(fake: &FakeAmi, user: &str, secret: &str) -> AmiConnector {
    AmiConnector::new(config_as(fake, user, secret)).expect("a valid configuration")
}

/// When the recording's last event came.
pub fn end_of(script: &Script) -> u64 {
    script.events.last().map_or(0, |e| e.at_ms)
}

/// Per queue: offered, answered, handled, abandoned, waiting, available. The figures that
/// must not depend on how the stream was delivered.
pub type Counts = Vec<(u32, u32, u32, u32, u32, u32)>;

pub fn counts(frame: &Frame) -> Counts {
    frame
        .queues
        .iter()
        .map(|q| {
            let f = &q.figures;
            (
                f.counters.offered,
                f.counters.answered,
                f.counters.handled,
                f.counters.abandoned,
                f.live.waiting,
                f.live.agents.available,
            )
        })
        .collect()
}

/// The figures after the whole recording, delivered without a break.
pub async fn uninterrupted(script: &Script) -> Counts {
    let fake = FakeAmi::start(script).await;
    let mut rig = Rig::connect(&fake).await;
    fake.release_until(end_of(script), script.t0_ms);
    rig.sync().await;
    counts(&rig.frame())
}

/// Waits for the connector to notice the link is gone (the test's guard is the caller's
/// tokio test timeout, not a timing assertion).
pub async fn next_error(rig: &mut Rig) -> ConnectorError {
    loop {
        let mut events = Vec::new();
        match rig.connector.next_events(&mut events).await {
            Ok(()) => rig.apply(events),
            Err(error) => return error,
        }
    }
}

pub fn connector(fake: &FakeAmi) -> AmiConnector {
    connector_as(fake, "supervisor", "secret")
}

/// The connector and an engine kept in step with it, as the hub does.
pub struct Rig {
    pub connector: AmiConnector,
    pub engine: Engine,
    /// Every event applied, in order.
    pub applied: Vec<EventEnvelope>,
}

impl Rig {
    pub async fn connect(fake: &FakeAmi) -> Rig {
        Rig::connect_with(connector(fake)).await
    }

    pub async fn connect_with(connector: AmiConnector) -> Rig {
        let mut rig = Rig {
            connector,
            engine: Engine::new(Topology::default(), EngineConfig::default()).expect("engine"),
            applied: Vec::new(),
        };
        rig.reconnect().await;
        rig
    }

    pub async fn reconnect(&mut self) {
        let snapshot = self
            .connector
            .connect()
            .await
            .expect("connects to the fake");
        self.engine
            .resync(&snapshot, self.connector.now())
            .expect("a valid topology");
    }

    /// Reads everything the fake has sent and applies it.
    pub async fn sync(&mut self) {
        let mut events = Vec::new();
        self.connector
            .sync(&mut events)
            .await
            .expect("the link holds");
        self.apply(events);
    }

    pub fn apply(&mut self, events: Vec<EventEnvelope>) {
        let now = self.connector.now();
        for event in &events {
            self.engine.apply(event, now);
        }
        self.applied.extend(events);
    }

    pub fn frame(&self) -> Frame {
        self.engine.frame(self.connector.now())
    }
}
