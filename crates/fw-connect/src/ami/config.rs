//! [`AmiConfig`]: where the PBX is, who logs in, and how monitoring is dialled.

use std::time::Duration;

use crate::ami::mapper::MapperSettings;
use crate::ami::secret::AmiSecret;

/// How a supervisor's monitoring leg is placed: an Originate of their endpoint into a
/// dialplan extension that runs `ChanSpy(${SPYCHAN},qEud)` (see `docs/asterisk.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpySettings {
    /// The dialplan context the site added for Floorwalker.
    pub context: String,
    /// The extension in it that runs ChanSpy.
    pub exten: String,
    /// How long the supervisor's endpoint may ring, in milliseconds (Originate `Timeout`).
    pub ring_timeout_ms: u32,
    /// The caller id the supervisor's phone shows.
    pub caller_id: String,
}

impl Default for SpySettings {
    fn default() -> Self {
        SpySettings {
            context: "floorwalker-spy".into(),
            exten: "monitor".into(),
            ring_timeout_ms: 30_000,
            caller_id: "\"Floorwalker\" <0>".into(),
        }
    }
}

/// Everything the AMI connector needs.
#[derive(Clone, Debug)]
pub struct AmiConfig {
    pub host: String,
    pub port: u16,
    pub username: String,
    /// From the OS keyring or `FLOORWALKER_AMI_SECRET`; prints as `***`.
    pub secret: AmiSecret,
    /// Whether the manager port speaks TLS. Not supported yet: refused by
    /// [`crate::AmiConnector::new`] with a clear error.
    pub tls: bool,
    /// A Ping goes out after this long without one; no answer within it again means the
    /// link is lost.
    pub heartbeat: Duration,
    /// Connecting, the greeting, login and each action's answer must come within this.
    pub timeout: Duration,
    pub spy: SpySettings,
    pub mapping: MapperSettings,
}

impl AmiConfig {
    /// A configuration with the defaults: 10 s heartbeat and timeouts, the
    /// `floorwalker-spy` context.
    pub fn new(host: &str, port: u16, username: &str, secret: AmiSecret) -> AmiConfig {
        AmiConfig {
            host: host.to_owned(),
            port,
            username: username.to_owned(),
            secret,
            tls: false,
            heartbeat: Duration::from_secs(10),
            timeout: Duration::from_secs(10),
            spy: SpySettings::default(),
            mapping: MapperSettings::default(),
        }
    }
}
