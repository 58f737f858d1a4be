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
use fw_domain::{EventEnvelope, MonitorSessionId, PlatformCommand};
use fw_engine::{Engine, EngineConfig, Window};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use fw_alerts::{AlertId, AlertRules};

use crate::alerting::Alerting;
use crate::audit_view::{AuditView, AuditViewError};
use crate::live_frame::{LinkState, LinkStatus, LiveFrame};
use crate::monitor_desk::MonitorRequest;
use crate::monitoring::{MonitorError, Monitoring};
use crate::profile_settings::ProfileError;
use crate::publisher::Publisher;
use crate::routing_error::RoutingError;
use crate::surveys::{SurveyDesk, SurveyError, SurveyIntake};
use crate::team::Team;
use crate::team_settings::{SettingsError, load_alert_rules};

mod events;
mod routing;
mod settings;

use settings::SettingsCommand;

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
            frame: None,
            trends: None,
            calls: Arc::default(),
            monitors: Arc::default(),
            ended: Arc::default(),
            agents: Arc::default(),
            link: LinkStatus {
                platform: connector.platform(),
                state: LinkState::Connecting,
                last_event_at: None,
                events_received: 0,
                detail: None,
            },
            topology: Arc::default(),
            alerts: alerting.board(),
            alert_rules: alerting.rules(),
            calendar: Arc::new(engine_config.calendar.clone()),
            first_new_event_received: None,
            routing: Arc::default(),
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

/// The hub's task: everything it owns.
struct HubTask<C> {
    connector: C,
    engine_config: EngineConfig,
    engine: Option<Engine>,
    publisher: Publisher,
    commands: mpsc::Receiver<HubCommand>,
    backoff: Duration,
    monitoring: Option<Monitoring>,
    team: watch::Sender<Arc<Team>>,
    /// The team's routing plan (with a store only: a supervisor's, or a display's read-only one).
    routing: routing::RoutingSlot,
    /// Live surveys on their way to the store (with a store only).
    surveys: Option<SurveyIntake>,
}

/// Why the streaming loop ended.
enum Ended {
    /// Every hub handle is gone.
    Stopped,
    /// The link failed; reconnect.
    Disconnected(fw_connect::ConnectorError),
}

/// What the hub's task publishes.
struct Outputs {
    frames: watch::Sender<Arc<LiveFrame>>,
    team: watch::Sender<Arc<Team>>,
}

async fn run<C: Connector>(
    connector: C,
    engine_config: EngineConfig,
    monitoring: Option<Monitoring>,
    outputs: Outputs,
    commands: mpsc::Receiver<HubCommand>,
    routing: routing::RoutingSlot,
) {
    let link = outputs.frames.borrow().link.clone();
    let rules = match monitoring.as_ref() {
        Some(monitoring) => load_alert_rules(&monitoring.audit).await,
        None => AlertRules::default(),
    };
    let publisher = Publisher::new(
        outputs.frames,
        link,
        Alerting::new(rules),
        engine_config.calendar.clone(),
    );
    let mut task = HubTask {
        connector,
        engine_config,
        engine: None,
        publisher,
        commands,
        backoff: INITIAL_BACKOFF,
        team: outputs.team,
        routing,
        surveys: monitoring
            .as_ref()
            .map(|m| SurveyIntake::start(m.audit.clone())),
        monitoring,
    };
    loop {
        match task.connect_and_resync().await {
            Ok(true) => {}
            Ok(false) => {
                if task.wait_before_retry().await.is_err() {
                    return;
                }
                continue;
            }
            Err(Stopped) => return,
        }
        match task.stream().await {
            Ended::Stopped => return,
            Ended::Disconnected(error) => {
                tracing::warn!(%error, "platform link lost; reconnecting");
                let at = task.connector.now();
                task.publisher.alerting.link_down(at);
                task.publisher.link.state = LinkState::Reconnecting;
                task.publisher.link.detail = Some(error.to_string());
                task.publish();
            }
        }
    }
}

/// Every hub handle is gone.
struct Stopped;

impl<C: Connector> HubTask<C> {
    fn publish(&mut self) {
        let now = self.connector.now();
        self.publisher.publish(self.engine.as_ref(), now);
    }

    /// Connects and rebuilds the engine's live state. `Ok(false)`: try again after a pause.
    async fn connect_and_resync(&mut self) -> Result<bool, Stopped> {
        let snapshot = match self.connector.connect().await {
            Ok(snapshot) => snapshot,
            Err(error) => {
                tracing::warn!(%error, retry_in = ?self.backoff, "platform connection failed");
                let at = self.connector.now();
                self.publisher.alerting.link_down(at);
                self.publisher.link.detail = Some(error.to_string());
                self.publisher.link.state = if self.engine.is_some() {
                    LinkState::Reconnecting
                } else {
                    LinkState::Connecting
                };
                self.publish();
                return Ok(false);
            }
        };
        let now = self.connector.now();
        let resynced = match self.engine.as_mut() {
            Some(engine) => engine.resync(&snapshot, now),
            None => Engine::new(snapshot.topology.clone(), self.engine_config.clone()).and_then(
                |mut fresh| {
                    fresh
                        .resync(&snapshot, now)
                        .map(|()| self.engine = Some(fresh))
                },
            ),
        };
        if let Err(error) = resynced {
            tracing::error!(%error, "the platform's snapshot is unusable");
            self.publisher.link.detail = Some(error.to_string());
            self.publish();
            return Ok(false);
        }
        self.publisher.topology = Arc::new(snapshot.topology);
        // A resync can change history (a new day, a grown topology): recompute trends now.
        self.publisher.trends_computed = None;
        self.publisher.dirty = true;
        self.backoff = INITIAL_BACKOFF;
        self.publisher.link.state = LinkState::Connected;
        self.publisher.link.detail = None;
        self.publisher.alerting.link_up();
        tracing::info!(platform = %self.publisher.link.platform, "connected");
        self.routing_connected().await;
        self.publish();
        Ok(true)
    }

    /// Sleeps for the backoff (growing it), still answering commands meanwhile.
    async fn wait_before_retry(&mut self) -> Result<(), Stopped> {
        let wake = Instant::now() + self.backoff;
        self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(wake) => return Ok(()),
                command = self.commands.recv() => match command {
                    None => return Err(Stopped),
                    // Without a link the attempt is still audited, as failed.
                    Some(HubCommand::Monitor { user, request, reply }) => {
                        let result = self.monitor(&user, &request, false).await;
                        let _ = reply.send(result);
                    }
                    Some(HubCommand::SetEndpoint { user, endpoint, reply }) => {
                        let _ = reply.send(self.set_endpoint(&user, &endpoint).await);
                    }
                    Some(HubCommand::Settings { user, change, reply }) => {
                        let _ = reply.send(self.change_settings(&user, change).await);
                    }
                    Some(HubCommand::Routing(command)) => self.routing(command, false).await,
                    Some(command) => self.handle_offline(command),
                },
            }
        }
    }

    /// Applies events and answers commands until the link fails or the hub is dropped.
    async fn stream(&mut self) -> Ended {
        let mut batch: Vec<EventEnvelope> = Vec::with_capacity(1024);
        loop {
            // Events are shown as soon as they arrive unless a frame went out less than a
            // frame interval ago; then at that interval's end. A fixed ticker would add up to
            // a whole interval to every event's way to the screen.
            let next_frame = self.publisher.next_due();
            let next_routing_poll = self.routing.next_poll();
            tokio::select! {
                result = self.connector.next_events(&mut batch) => {
                    if let Err(error) = result {
                        return Ended::Disconnected(error);
                    }
                    let ended = self.apply(&mut batch);
                    if let (Some(monitoring), false) = (self.monitoring.as_ref(), ended.is_empty()) {
                        monitoring.record_platform_ends(ended).await;
                    }
                    if self.publisher.due() {
                        self.publish();
                    }
                }
                command = self.commands.recv() => match command {
                    None => return Ended::Stopped,
                    Some(HubCommand::SetWindow(chosen, reply)) => {
                        self.set_window(chosen);
                        self.publish();
                        let _ = reply.send(());
                    }
                    Some(HubCommand::Execute(command, reply)) => {
                        let result = self.connector.execute(command).await;
                        let _ = reply.send(result);
                    }
                    Some(HubCommand::Monitor { user, request, reply }) => {
                        let result = self.monitor(&user, &request, true).await;
                        let _ = reply.send(result);
                    }
                    Some(HubCommand::SetEndpoint { user, endpoint, reply }) => {
                        let _ = reply.send(self.set_endpoint(&user, &endpoint).await);
                    }
                    Some(HubCommand::Settings { user, change, reply }) => {
                        let _ = reply.send(self.change_settings(&user, change).await);
                    }
                    Some(HubCommand::Routing(command)) => self.routing(command, true).await,
                },
                () = tokio::time::sleep_until(next_routing_poll), if self.routing.polls() => {
                    self.routing_tick().await;
                }
                () = tokio::time::sleep_until(next_frame) => {
                    if self.publisher.due() {
                        self.publish();
                    }
                }
            }
        }
    }

    async fn monitor(
        &mut self,
        user: &str,
        request: &MonitorRequest,
        linked: bool,
    ) -> Result<MonitorSessionId, MonitorError> {
        let Some(monitoring) = self.monitoring.as_mut() else {
            return Err(MonitorError::NotAvailable);
        };
        let engine = self.engine.as_ref().filter(|_| linked);
        let result = monitoring
            .handle(user, request, engine, &mut self.connector)
            .await;
        self.publisher.dirty = true;
        result
    }

    /// Changes a user's phone (no link needed) and publishes the changed team.
    async fn set_endpoint(&mut self, user: &str, endpoint: &str) -> Result<(), ProfileError> {
        let Some(monitoring) = self.monitoring.as_mut() else {
            return Err(ProfileError::NotAvailable);
        };
        let at = self.connector.now();
        let team = monitoring.set_endpoint(user, endpoint, at).await?;
        self.team.send_replace(Arc::new(team));
        Ok(())
    }

    fn set_window(&mut self, window: Window) {
        self.engine_config.window = window;
        if let Some(engine) = self.engine.as_mut() {
            engine.set_window(window);
        }
        self.publisher.dirty = true;
    }

    /// Commands while there is no link: the window still changes; platform commands fail.
    fn handle_offline(&mut self, command: HubCommand) {
        match command {
            HubCommand::SetWindow(chosen, reply) => {
                self.set_window(chosen);
                let _ = reply.send(());
            }
            HubCommand::Execute(_, reply) => {
                let _ = reply.send(Err(CommandError::NotConnected));
            }
            HubCommand::Monitor { reply, .. } => {
                let _ = reply.send(Err(MonitorError::Platform(CommandError::NotConnected)));
            }
            // Answered before they get here (see `wait_before_retry`); kept for completeness.
            HubCommand::SetEndpoint { reply, .. } => {
                let _ = reply.send(Err(ProfileError::NotAvailable));
            }
            HubCommand::Settings { reply, .. } => {
                let _ = reply.send(Err(SettingsError::NotAvailable));
            }
            HubCommand::Routing(command) => command.refuse(RoutingError::NotAvailable),
        }
    }
}
