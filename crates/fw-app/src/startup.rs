//! Starting a hub from configuration: the one place that chooses and builds the connector,
//! so every shell (the console, later the wallboard) starts the same way.

use std::time::Duration;

use fw_connect::{ConnectorError, SimConnector, SimConnectorConfig};
use fw_domain::Timestamp;
use fw_engine::EngineConfig;
use fw_sim::SimConfig;

use crate::config::{AppConfig, PlatformChoice};
use crate::hub::Hub;

/// How often the embedded simulator advances in real time.
const SIM_TICK: Duration = Duration::from_millis(100);

/// Builds the configured platform's connector and starts a hub on the current tokio
/// runtime. `present` is the wall-clock time now (the simulator lives in the present).
pub fn start_hub(config: &AppConfig, present: Timestamp) -> Result<Hub, ConnectorError> {
    let engine_config = EngineConfig {
        calendar: config.calendar.clone(),
        ..EngineConfig::default()
    };
    match &config.platform {
        PlatformChoice::Simulator(settings) => {
            let mut sim = SimConfig::new(
                settings.seed,
                settings.agents,
                AppConfig::sim_start(settings, present),
            );
            sim.speed = settings.speed;
            let connector = SimConnector::new(SimConnectorConfig {
                sim,
                present,
                tick: SIM_TICK,
            })?;
            tracing::info!(
                agents = settings.agents,
                seed = settings.seed,
                speed = settings.speed,
                "starting on the embedded simulator"
            );
            Ok(Hub::start(connector, engine_config))
        }
    }
}
