//! Starting a hub from configuration: the one place that chooses and builds the connector,
//! so every shell (the console, the wallboard) starts the same way.

use std::time::Duration;

use fw_connect::ami::{
    SECRET_ENV, SecretError, keyring_account, resolve_secret, resolve_secret_in,
};
use fw_connect::{
    AmiConfig, AmiConnector, AmiSecret, ConnectorError, SimConnector, SimConnectorConfig,
};
use fw_domain::Timestamp;
use fw_engine::EngineConfig;
use fw_sim::SimConfig;
use fw_survey_pull::{BearerToken, PullSettings, SurveyPull};

use crate::config::{AppConfig, AsteriskSettings, PlatformChoice, SurveyServiceSettings};
use crate::hub::Hub;
use crate::monitor_desk::MonitorDesk;
use crate::monitoring::Monitoring;
use crate::profile_settings::{ENDPOINT_SETTING, apply_stored_endpoints};
use crate::surveys::{PULL_MAX_PAGES, SURVEY_KEYRING_SERVICE, SURVEY_TOKEN_ENV};
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

/// Starts a display's hub (the wallboard): figures as [`start_hub`] gives them, plus the
/// team's routing plan read from the store at `FLOORWALKER_DB_URL` (else the default store),
/// so the screen shows which disaster modes are in force. A display acts for nobody: its team
/// is empty, the team file's users are not copied into the store, live surveys are not
/// stored, and the plan is only read (see [`Hub::start_display`]). The centre's hours saved
/// from a console win over the environment's, as on a supervisor's hub.
///
/// Fails with [`StartError::Store`] when the store cannot be opened; the caller may then fall
/// back to [`start_hub`] and show the routing state as unknown.
pub async fn start_display_hub(config: &AppConfig, present: Timestamp) -> Result<Hub, StartError> {
    let store = match &config.db_url {
        Some(url) => fw_store::Store::open(url).await?,
        None => fw_store::Store::open_default().await?,
    };
    tracing::info!(store = %store.location(), "reading the routing plan (display only)");
    let config = AppConfig {
        calendar: crate::team_settings::load_calendar(&store, &config.calendar).await,
        ..config.clone()
    };
    let (connector, engine_config) = connector_for(&config, present)?;
    Ok(match connector {
        Platform::Sim(connector) => Hub::start_display(*connector, engine_config, store),
        Platform::Ami(connector) => Hub::start_display(*connector, engine_config, store),
    })
}

/// Starts a supervisor's hub: the team's rules and the store's audit trail decide and record
/// every monitoring request. With a team file (a single site) its users are copied into the
/// store, so a shared store knows the same people; without one, the team is the one the
/// store holds (a shared team), with the default monitoring rules.
pub async fn start_supervisor_hub(
    config: &AppConfig,
    present: Timestamp,
) -> Result<Hub, StartError> {
    let store = match &config.db_url {
        Some(url) => fw_store::Store::open(url).await?,
        None => fw_store::Store::open_default().await?,
    };
    let mut team = if let Some(path) = &config.team_file {
        Team::load(path)?
    } else {
        let team = Team::from_store(&store.users().await?);
        if team.users.is_empty() {
            tracing::warn!(
                "no FLOORWALKER_TEAM_FILE and no users in the store: nobody may monitor calls"
            );
        } else {
            tracing::info!(users = team.users.len(), "team read from the shared store");
        }
        team
    };
    apply_stored_endpoints(&mut team, &store.settings_named(ENDPOINT_SETTING).await?);
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
    // Hours set from a console are the team's choice and win over the environment's.
    let config = AppConfig {
        calendar: crate::team_settings::load_calendar(&store, &config.calendar).await,
        ..config.clone()
    };
    let monitoring = Monitoring {
        desk: MonitorDesk::new(team),
        audit: store,
    };
    let mut hub = start(&config, present, Some(monitoring))?;
    if let Some(service) = &config.survey_service {
        hub.start_survey_pull(service, survey_client(service));
        tracing::info!(url = %service.url, every_minutes = service.every_minutes, "pulling surveys");
    }
    Ok(hub)
}

/// The survey service's client: its bearer token from `FLOORWALKER_SURVEY_TOKEN`, else the
/// OS keyring entry `floorwalker-credentials set --survey URL` wrote (read on a thread of
/// its own: the keyring talks D-Bus synchronously).
fn survey_client(service: &SurveyServiceSettings) -> Result<SurveyPull, String> {
    let from_env = std::env::var(SURVEY_TOKEN_ENV).ok();
    let account = service.url.clone();
    let token = off_thread("survey-token", move || {
        resolve_secret_in(SURVEY_KEYRING_SERVICE, from_env.as_deref(), &account)
    })
    .map_err(|e| format!("cannot read the survey service's token: {e}"))?
    .map_err(|error| match error {
        SecretError::Missing { .. } => format!(
            "no token for the survey service: store one with \
             `floorwalker-credentials set --survey {}` or set {SURVEY_TOKEN_ENV}",
            service.url
        ),
        other @ SecretError::Keyring(_) => other.to_string(),
    })?;
    let token = BearerToken::new(token.expose().to_owned()).map_err(|e| e.to_string())?;
    let settings = PullSettings {
        base_url: service.url.clone(),
        max_pages: PULL_MAX_PAGES,
        ..PullSettings::default()
    };
    SurveyPull::new(settings, token).map_err(|e| e.to_string())
}

/// Runs `lookup` on a thread of its own and waits for it: the keyring talks D-Bus
/// synchronously, away from the async runtime's threads.
fn off_thread<T: Send + 'static>(
    name: &str,
    lookup: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(lookup)
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "the lookup stopped".to_owned())
}

/// The configured platform's connector, built but not connected (boxed: the two differ
/// in size and the value is only moved once, into the hub's task).
enum Platform {
    Sim(Box<SimConnector>),
    Ami(Box<AmiConnector>),
}

fn start(
    config: &AppConfig,
    present: Timestamp,
    monitoring: Option<Monitoring>,
) -> Result<Hub, ConnectorError> {
    let (connector, engine_config) = connector_for(config, present)?;
    Ok(match connector {
        Platform::Sim(connector) => Hub::start_with(*connector, engine_config, monitoring),
        Platform::Ami(connector) => Hub::start_with(*connector, engine_config, monitoring),
    })
}

fn connector_for(
    config: &AppConfig,
    present: Timestamp,
) -> Result<(Platform, EngineConfig), ConnectorError> {
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
            sim.lines = settings.lines;
            sim.utc_offset_minutes = settings.utc_offset_minutes;
            sim.surge = settings.surge_factor.map(|factor| fw_sim::Surge {
                at: present,
                duration_ms: 3_600_000,
                factor,
                site: None,
            });
            let connector = SimConnector::new(SimConnectorConfig {
                sim,
                present,
                tick: SIM_TICK,
            })?;
            tracing::info!(
                agents = settings.agents,
                queues = usize::from(settings.lines) * fw_sim::QUEUES_PER_LINE,
                seed = settings.seed,
                speed = settings.speed,
                "starting on the embedded simulator"
            );
            Ok((Platform::Sim(Box::new(connector)), engine_config))
        }
        PlatformChoice::Asterisk(settings) => {
            let secret = ami_secret(settings)?;
            let mut config =
                AmiConfig::new(&settings.host, settings.port, &settings.username, secret);
            config.tls = settings.tls;
            config.ca_file.clone_from(&settings.ca_file);
            let connector = AmiConnector::new(config)?;
            tracing::info!(
                host = %settings.host,
                port = settings.port,
                tls = settings.tls,
                user = %settings.username,
                "starting on Asterisk (AMI)"
            );
            Ok((Platform::Ami(Box::new(connector)), engine_config))
        }
    }
}

/// The AMI secret: `FLOORWALKER_AMI_SECRET`, else the OS keyring entry that
/// `floorwalker-credentials set` wrote. The keyring talks D-Bus synchronously, so it is
/// read on a thread of its own, away from the async runtime.
fn ami_secret(settings: &AsteriskSettings) -> Result<AmiSecret, ConnectorError> {
    let from_env = std::env::var(SECRET_ENV).ok();
    let account = keyring_account(&settings.username, &settings.host, settings.port);
    off_thread("ami-secret", move || {
        resolve_secret(from_env.as_deref(), &account)
    })
    .map_err(|e| ConnectorError::Config(format!("cannot read the AMI secret: {e}")))?
    .map_err(|e| ConnectorError::Config(e.to_string()))
}
