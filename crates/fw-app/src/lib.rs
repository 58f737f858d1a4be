//! Floorwalker's use cases and composition root. The [`Hub`] owns the connector and the
//! metrics engine, applies events in order, and publishes a [`LiveFrame`] on a watch
//! channel at most ten times a second. Screens (the Tauri console, the egui wallboard)
//! only read frames and send commands.

mod config;
mod hub;
mod live_frame;
mod startup;

pub use config::{AppConfig, ConfigError, PlatformChoice, SimSettings};
pub use hub::{Hub, HubError};
pub use live_frame::{LinkState, LinkStatus, LiveFrame};
pub use startup::start_hub;
