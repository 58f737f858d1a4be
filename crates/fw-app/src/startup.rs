//! Starting a hub from configuration: the one place that chooses and builds the connector,
//! so every shell (the console, later the wallboard) starts the same way.

use std::time::Duration;

use fw_connect::{ConnectorError, SimConnector, SimConnectorConfig};
use fw_domain::Timestamp;
use fw_engine::EngineConfig;
use fw_sim::SimConfig;

use crate::config::{AppConfig, PlatformChoice};
use crate::hub::Hub;
use crate::monitor_desk::MonitorDesk;
use crate::monitoring::Monitoring;
use crate::team::{Team, TeamError};

/// Why a supervisor's hub could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Connector(#[from] ConnectorError),
    #[error(transparent)]
    Team(#[from] TeamError),
    #[error("the store cannot be opened: {0}")]
    Store(#[from] fw_store::StoreError),
}

/// How often the embedded simulator advances in real time.
const SIM_TICK: Duration = Duration::from_millis(100);

/// Builds the configured platform's connector and starts a display-only hub (a wallboard)
/// on the current tokio runtime. `present` is the wall-clock time now (the simulator lives
/// in the present).
pub fn start_hub(config: &AppConfig, present: Timestamp) -> Result<Hub, ConnectorError> {
    start(config, present, None)
}

/// Starts a supervisor's hub: the team file's rules and the store's audit trail decide and
/// record every monitoring request. The team's users are copied into the store, so a shared
/// store knows the same people as the file.
pub async fn start_supervisor_hub(
    config: &AppConfig,
    present: Timestamp,
) -> Result<Hub, StartError> {
    let team = if let Some(path) = &config.team_file {
        Team::load(path)?
    } else {
        tracing::warn!("no FLOORWALKER_TEAM_FILE: nobody may monitor calls");
        Team::default()
    };
    let store = match &config.db_url {
        Some(url) => fw_store::Store::open(url).await?,
        None => fw_store::Store::open_default().await?,
    };
    let users: Vec<fw_store::UserRecord> = team
        .users
        .iter()
        .map(|user| fw_store::UserRecord {
            name: user.name.clone(),
            display_name: user.display_name.clone(),
            role: user.role.name().to_string(),
            endpoint: user.endpoint.clone(),
            protected: false,
        })
        .collect();
    store.import_users(&users).await?;
    tracing::info!(store = %store.location(), users = users.len(), "audit trail ready");
    let monitoring = Monitoring {
        desk: MonitorDesk::new(team),
        audit: store,
    };
    Ok(start(config, present, Some(monitoring))?)
}

fn start(
    config: &AppConfig,
    present: Timestamp,
    monitoring: Option<Monitoring>,
) -> Result<Hub, ConnectorError> {
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
            Ok(Hub::start_with(connector, engine_config, monitoring))
        }
    }
}
