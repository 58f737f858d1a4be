//! The hub's task: connects, resyncs, streams events into the engine, publishes frames and
//! answers commands, reconnecting with backoff when the link fails.

use std::sync::Arc;
use std::time::Duration;

use fw_alerts::AlertRules;
use fw_connect::{CommandError, Connector};
use fw_domain::{EventEnvelope, MonitorSessionId};
use fw_engine::{Engine, EngineConfig, Window};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use super::{HubCommand, INITIAL_BACKOFF, MAX_BACKOFF, routing};
use crate::alerting::Alerting;
use crate::live_frame::{LinkState, LiveFrame};
use crate::monitor_desk::MonitorRequest;
use crate::monitoring::{MonitorError, Monitoring};
use crate::profile_settings::ProfileError;
use crate::publisher::Publisher;
use crate::routing_error::RoutingError;
use crate::surveys::SurveyIntake;
use crate::team::Team;
use crate::team_settings::{SettingsError, load_alert_rules};

/// The hub's task: everything it owns.
pub(super) struct HubTask<C> {
    pub(super) connector: C,
    pub(super) engine_config: EngineConfig,
    pub(super) engine: Option<Engine>,
    pub(super) publisher: Publisher,
    pub(super) commands: mpsc::Receiver<HubCommand>,
    pub(super) backoff: Duration,
    pub(super) monitoring: Option<Monitoring>,
    pub(super) team: watch::Sender<Arc<Team>>,
    /// The team's routing plan (with a store only: a supervisor's, or a display's read-only one).
    pub(super) routing: routing::RoutingSlot,
    /// Live surveys on their way to the store (with a store only).
    pub(super) surveys: Option<SurveyIntake>,
}

/// Why the streaming loop ended.
enum Ended {
    /// Every hub handle is gone.
    Stopped,
    /// The link failed; reconnect.
    Disconnected(fw_connect::ConnectorError),
}

/// What the hub's task publishes.
pub(super) struct Outputs {
    pub(super) frames: watch::Sender<Arc<LiveFrame>>,
    pub(super) team: watch::Sender<Arc<Team>>,
}

pub(super) async fn run<C: Connector>(
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
    pub(super) fn publish(&mut self) {
        // While the platform replays the past (the simulator's warm-up) no frame goes out:
        // it would show hours-old calls and agent states against the present clock, and raise
        // alerts on them. What changed stays to publish once the present is reached.
        if self.connector.catching_up() {
            return;
        }
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
            // No frame goes out while the platform replays the past (see `publish`).
            let catching_up = self.connector.catching_up();
            tokio::select! {
                result = self.connector.next_events(&mut batch) => {
                    if let Err(error) = result {
                        return Ended::Disconnected(error);
                    }
                    let ended = self.apply(&mut batch);
                    if let (Some(monitoring), false) = (self.monitoring.as_ref(), ended.is_empty()) {
                        monitoring.record_platform_ends(ended).await;
                    }
                    if catching_up && !self.connector.catching_up() {
                        tracing::info!(platform = %self.publisher.link.platform, "caught up with the present");
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
                () = tokio::time::sleep_until(next_frame), if !catching_up => {
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
