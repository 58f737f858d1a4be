//! Shared set-up for the AMI tests: a connector for the fake, an engine fed from it.

use std::time::Duration;

use fw_connect::ami::MapperSettings;
use fw_connect::{AmiConfig, AmiConnector, AmiSecret, Connector};
use fw_domain::{EventEnvelope, Topology};
use fw_engine::{Engine, EngineConfig, Frame};

use crate::fake_ami::FakeAmi;

/// A connector logging in to the fake as `user`.
pub fn connector_as(fake: &FakeAmi, user: &str, secret: &str) -> AmiConnector {
    let mut config = AmiConfig::new("127.0.0.1", fake.port, user, AmiSecret::new(secret));
    config.timeout = Duration::from_secs(10);
    config.mapping = MapperSettings {
        spy_start_grace_ms: 300,
        ..MapperSettings::default()
    };
    AmiConnector::new(config).expect("a valid configuration")
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
        let mut rig = Rig {
            connector: connector(fake),
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
