//! The hub: one task that owns the connector and the engine.
//!
//! Events are applied in arrival order on that one task, so the engine needs no lock.
//! Frames go out on a `watch` channel (a reader always sees the newest frame; nothing
//! queues up behind a slow screen), at most every 100 ms, and at least once a second so
//! data ages and waits keep counting while the platform is quiet or down. Commands come in
//! on a bounded channel.

use std::sync::Arc;
use std::time::Duration;

use fw_connect::{CommandError, Connector};
use fw_domain::{MonitorSessionId, PlatformCommand};
use fw_engine::{EngineConfig, Window};
use tokio::sync::{mpsc, oneshot, watch};

use fw_alerts::{AlertId, AlertRules};

use crate::alerting::Alerting;
use crate::audit_view::{AuditView, AuditViewError};
use crate::live_frame::{LinkState, LinkStatus, LiveFrame};
use crate::monitor_desk::MonitorRequest;
use crate::monitoring::{MonitorError, Monitoring};
use crate::profile_settings::ProfileError;
use crate::surveys::{SurveyDesk, SurveyError};
use crate::team::Team;
use crate::team_settings::SettingsError;

mod events;
mod routing;
mod settings;
mod task;

use settings::SettingsCommand;
use task::{HubTask, Outputs, run};

const COMMAND_QUEUE: usize = 32;
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Why the hub could not do what was asked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HubError {
    #[error("the hub has stopped")]
    Stopped,
    #[error(transparent)]
    Command(#[from] CommandError),
}

enum HubCommand {
    SetWindow(Window, oneshot::Sender<()>),
    Execute(PlatformCommand, oneshot::Sender<Result<(), CommandError>>),
    Monitor {
        user: String,
        request: MonitorRequest,
        reply: oneshot::Sender<Result<MonitorSessionId, MonitorError>>,
    },
    SetEndpoint {
        user: String,
        endpoint: String,
        reply: oneshot::Sender<Result<(), ProfileError>>,
    },
    /// Disaster-mode routing: a change, or an impact preview.
    Routing(routing::RoutingCommand),
    /// Team settings and alert acknowledgements: none needs the platform link.
    Settings {
        user: String,
        change: SettingsCommand,
        reply: oneshot::Sender<Result<(), SettingsError>>,
    },
}

/// A handle to the running hub. Cloning is cheap; the hub stops when every handle is gone.
#[derive(Clone, Debug)]
pub struct Hub {
    frames: watch::Receiver<Arc<LiveFrame>>,
    commands: mpsc::Sender<HubCommand>,
    /// The people this hub knows (empty for a display-only hub), as the hub's task last
    /// changed them.
    team: watch::Receiver<Arc<Team>>,
    /// The audit trail for reading back (`None` for a display-only hub).
    audit: Option<AuditView>,
    /// Survey review over the same store (`None` for a display-only hub).
    surveys: Option<SurveyDesk>,
}

impl std::fmt::Debug for HubCommand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HubCommand::SetWindow(window, _) => write!(f, "SetWindow({window:?})"),
            HubCommand::Execute(command, _) => write!(f, "Execute({command:?})"),
            HubCommand::Monitor { user, request, .. } => write!(f, "Monitor({user}, {request:?})"),
            HubCommand::SetEndpoint { user, .. } => write!(f, "SetEndpoint({user})"),
            HubCommand::Settings { user, change, .. } => write!(f, "Settings({user}, {change:?})"),
            HubCommand::Routing(command) => write!(f, "Routing({command:?})"),
        }
    }
}

impl Hub {
    /// Starts a display-only hub (a wallboard) on the current tokio runtime: figures flow,
    /// monitoring requests are refused.
    pub fn start<C: Connector>(connector: C, engine_config: EngineConfig) -> Hub {
        Hub::start_with(connector, engine_config, None)
    }

    /// Starts a hub that also takes monitoring requests, checked by the desk and written to
    /// the audit trail.
    pub fn start_with<C: Connector>(
        connector: C,
        engine_config: EngineConfig,
        monitoring: Option<Monitoring>,
    ) -> Hub {
        Hub::launch(connector, engine_config, monitoring, None)
    }

    /// Starts the hub's task; `plan_store` is a display's (see [`Hub::start_display`]).
    fn launch<C: Connector>(
        connector: C,
        engine_config: EngineConfig,
        monitoring: Option<Monitoring>,
        plan_store: Option<fw_store::Store>,
    ) -> Hub {
        let alerting = Alerting::new(AlertRules::default());
        let initial = LiveFrame {
            alerts: alerting.board(),
            alert_rules: alerting.rules(),
            ..LiveFrame::empty(
                LinkStatus {
                    platform: connector.platform(),
                    state: LinkState::Connecting,
                    last_event_at: None,
                    events_received: 0,
                    detail: None,
                },
                Arc::new(engine_config.calendar.clone()),
            )
        };
        let (frame_tx, frames) = watch::channel(Arc::new(initial));
        let (commands, command_rx) = mpsc::channel(COMMAND_QUEUE);
        let team = Arc::new(
            monitoring
                .as_ref()
                .map(|m| m.desk.team().clone())
                .unwrap_or_default(),
        );
        let audit = monitoring
            .as_ref()
            .map(|m| AuditView::new(m.audit.clone(), team.clone()));
        let (team_tx, team) = watch::channel(team);
        let surveys = monitoring
            .as_ref()
            .map(|m| SurveyDesk::new(m.audit.clone(), team.clone()));
        tokio::spawn(run(
            connector,
            engine_config,
            monitoring,
            Outputs {
                frames: frame_tx,
                team: team_tx,
            },
            command_rx,
            routing::RoutingSlot::reading(plan_store),
        ));
        Hub {
            frames,
            commands,
            team,
            audit,
            surveys,
        }
    }

    /// The people this hub knows: their roles, phones and the monitoring rules, as they are
    /// now (a user may have changed their phone since the start).
    pub fn team(&self) -> Arc<Team> {
        self.team.borrow().clone()
    }

    /// Sets `user`'s own phone for monitoring: checked, audited and saved by fw-app.
    pub async fn set_endpoint(&self, user: &str, endpoint: &str) -> Result<(), ProfileError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::SetEndpoint {
                user: user.to_string(),
                endpoint: endpoint.to_string(),
                reply,
            })
            .await
            .map_err(|_| ProfileError::Stopped)?;
        done.await.map_err(|_| ProfileError::Stopped)?
    }

    /// Replaces the team's alert rules (checked, audited, saved for every console).
    pub async fn set_alert_rules(
        &self,
        user: &str,
        rules: AlertRules,
    ) -> Result<(), SettingsError> {
        self.settings(user, SettingsCommand::AlertRules(Box::new(rules)))
            .await
    }

    /// Sets the centre's time zone and shift starts (`HH:MM` separated by commas).
    pub async fn set_calendar(
        &self,
        user: &str,
        time_zone: &str,
        shift_starts: &str,
    ) -> Result<(), SettingsError> {
        let change = SettingsCommand::Calendar {
            time_zone: time_zone.to_string(),
            shift_starts: shift_starts.to_string(),
        };
        self.settings(user, change).await
    }

    /// Saves the team's approval policy for disaster-mode routing (who must agree before a
    /// mode goes on, and how long a request waits). Admins only; audited.
    pub async fn set_routing_policy(
        &self,
        user: &str,
        policy: fw_routing::ApprovalPolicy,
    ) -> Result<(), SettingsError> {
        self.settings(user, SettingsCommand::RoutingPolicy(policy))
            .await
    }

    /// Marks an alert as seen by `user` (audited).
    pub async fn acknowledge_alert(&self, user: &str, alert: AlertId) -> Result<(), SettingsError> {
        self.settings(user, SettingsCommand::Acknowledge(alert))
            .await
    }

    async fn settings(&self, user: &str, change: SettingsCommand) -> Result<(), SettingsError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::Settings {
                user: user.to_string(),
                change,
                reply,
            })
            .await
            .map_err(|_| SettingsError::Stopped)?;
        done.await.map_err(|_| SettingsError::Stopped)?
    }

    /// The audit trail as users read it, or `None` on a display-only hub.
    pub fn audit(&self) -> Result<&AuditView, AuditViewError> {
        self.audit.as_ref().ok_or(AuditViewError::NotAvailable)
    }

    /// The survey workspace, or `NotAvailable` on a display-only hub.
    pub fn surveys(&self) -> Result<&SurveyDesk, SurveyError> {
        self.surveys.as_ref().ok_or(SurveyError::NotAvailable)
    }

    /// Starts pulling surveys from a survey service (a hub with a store only; the console's
    /// start-up does this when `FLOORWALKER_SURVEY_URL` is set); with `client` an error, the
    /// survey desk shows why it cannot pull.
    pub fn start_survey_pull(
        &mut self,
        service: &crate::config::SurveyServiceSettings,
        client: Result<fw_survey_pull::SurveyPull, String>,
    ) {
        if let Some(desk) = self.surveys.as_mut() {
            desk.start_pull(service, client);
        }
    }

    /// The newest frame now, and every later one as it is published.
    pub fn frames(&self) -> watch::Receiver<Arc<LiveFrame>> {
        self.frames.clone()
    }

    /// Chooses the window the figures cover.
    pub async fn set_window(&self, window: Window) -> Result<(), HubError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::SetWindow(window, reply))
            .await
            .map_err(|_| HubError::Stopped)?;
        done.await.map_err(|_| HubError::Stopped)
    }

    /// Listens, whispers, barges or stops as `user`, if the rules allow. Returns the session.
    pub async fn monitor(
        &self,
        user: &str,
        request: MonitorRequest,
    ) -> Result<MonitorSessionId, MonitorError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::Monitor {
                user: user.to_string(),
                request,
                reply,
            })
            .await
            .map_err(|_| MonitorError::Stopped)?;
        done.await.map_err(|_| MonitorError::Stopped)?
    }

    /// Sends a command to the platform.
    pub async fn execute(&self, command: PlatformCommand) -> Result<(), HubError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::Execute(command, reply))
            .await
            .map_err(|_| HubError::Stopped)?;
        Ok(done.await.map_err(|_| HubError::Stopped)??)
    }
}
