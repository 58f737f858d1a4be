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
use fw_domain::{EventEnvelope, PlatformCommand, Timestamp};
use fw_engine::{Engine, EngineConfig, Window};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, MissedTickBehavior};

use crate::live_frame::{LinkState, LinkStatus, LiveFrame};

/// The fastest frame rate: 10 Hz.
const FRAME_INTERVAL: Duration = Duration::from_millis(100);
/// The slowest: frames keep coming while nothing happens, so ages stay true.
const IDLE_FRAME_INTERVAL: Duration = Duration::from_secs(1);
const COMMAND_QUEUE: usize = 32;
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
}

/// A handle to the running hub. Cloning is cheap; the hub stops when every handle is gone.
#[derive(Clone, Debug)]
pub struct Hub {
    frames: watch::Receiver<Arc<LiveFrame>>,
    commands: mpsc::Sender<HubCommand>,
}

impl std::fmt::Debug for HubCommand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HubCommand::SetWindow(window, _) => write!(f, "SetWindow({window:?})"),
            HubCommand::Execute(command, _) => write!(f, "Execute({command:?})"),
        }
    }
}

impl Hub {
    /// Starts the hub on the current tokio runtime.
    pub fn start<C: Connector>(connector: C, engine_config: EngineConfig) -> Hub {
        let initial = LiveFrame {
            frame: None,
            link: LinkStatus {
                platform: connector.platform(),
                state: LinkState::Connecting,
                last_event_at: None,
                detail: None,
            },
            topology: Arc::default(),
        };
        let (frame_tx, frames) = watch::channel(Arc::new(initial));
        let (commands, command_rx) = mpsc::channel(COMMAND_QUEUE);
        tokio::spawn(run(connector, engine_config, frame_tx, command_rx));
        Hub { frames, commands }
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

/// The hub's state between frames.
struct Publisher {
    frames: watch::Sender<Arc<LiveFrame>>,
    link: LinkStatus,
    last_published: Option<Instant>,
    dirty: bool,
}

impl Publisher {
    fn publish(&mut self, engine: Option<&Engine>, now: Timestamp) {
        let live = LiveFrame {
            frame: engine.map(|e| e.frame(now)),
            link: self.link.clone(),
            topology: self.frames.borrow().topology.clone(),
        };
        self.frames.send_replace(Arc::new(live));
        self.last_published = Some(Instant::now());
        self.dirty = false;
    }

    fn due(&self) -> bool {
        self.last_published.is_none_or(|at| {
            at.elapsed()
                >= if self.dirty {
                    FRAME_INTERVAL
                } else {
                    IDLE_FRAME_INTERVAL
                }
        })
    }
}

async fn run<C: Connector>(
    mut connector: C,
    engine_config: EngineConfig,
    frames: watch::Sender<Arc<LiveFrame>>,
    mut commands: mpsc::Receiver<HubCommand>,
) {
    let link = frames.borrow().link.clone();
    let mut publisher = Publisher {
        frames,
        link,
        last_published: None,
        dirty: true,
    };
    let mut engine: Option<Engine> = None;
    let mut window = engine_config.window;
    let mut backoff = Duration::from_millis(500);
    let mut batch: Vec<EventEnvelope> = Vec::with_capacity(1024);

    loop {
        // (Re)connect and resync from the snapshot.
        let snapshot = match connector.connect().await {
            Ok(snapshot) => snapshot,
            Err(error) => {
                tracing::warn!(%error, retry_in = ?backoff, "platform connection failed");
                publisher.link.detail = Some(error.to_string());
                publisher.link.state = if engine.is_some() {
                    LinkState::Reconnecting
                } else {
                    LinkState::Connecting
                };
                publisher.publish(engine.as_ref(), connector.now());
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    command = commands.recv() => match command {
                        None => return,
                        Some(command) => handle_offline(command, &mut window, engine.as_mut()),
                    },
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        let now = connector.now();
        let resynced = match engine.as_mut() {
            Some(engine) => engine.resync(&snapshot, now),
            None => Engine::new(
                snapshot.topology.clone(),
                EngineConfig {
                    window,
                    ..engine_config.clone()
                },
            )
            .and_then(|mut fresh| fresh.resync(&snapshot, now).map(|()| engine = Some(fresh))),
        };
        if let Err(error) = resynced {
            tracing::error!(%error, "the platform's snapshot is unusable");
            publisher.link.detail = Some(error.to_string());
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
            continue;
        }
        let engine_ref = engine.as_mut().expect("set above");
        publisher.frames.send_modify(|live| {
            let mut updated = (**live).clone();
            updated.topology = Arc::new(snapshot.topology.clone());
            *live = Arc::new(updated);
        });
        backoff = Duration::from_millis(500);
        publisher.link.state = LinkState::Connected;
        publisher.link.detail = None;
        tracing::info!(platform = %publisher.link.platform, "connected");
        publisher.publish(Some(engine_ref), now);

        let mut ticker = tokio::time::interval(FRAME_INTERVAL);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let disconnected = loop {
            tokio::select! {
                result = connector.next_events(&mut batch) => {
                    if let Err(error) = result {
                        break error;
                    }
                    let now = connector.now();
                    for envelope in batch.drain(..) {
                        publisher.link.last_event_at = Some(publisher.link.last_event_at.map_or(envelope.at, |t| t.max(envelope.at)));
                        engine_ref.apply(&envelope, now);
                    }
                    publisher.dirty = true;
                }
                command = commands.recv() => match command {
                    None => return,
                    Some(HubCommand::SetWindow(chosen, reply)) => {
                        window = chosen;
                        engine_ref.set_window(chosen);
                        publisher.dirty = true;
                        publisher.publish(Some(engine_ref), connector.now());
                        let _ = reply.send(());
                    }
                    Some(HubCommand::Execute(command, reply)) => {
                        let result = connector.execute(command).await;
                        let _ = reply.send(result);
                    }
                },
                _ = ticker.tick() => {
                    if publisher.due() {
                        publisher.publish(Some(engine_ref), connector.now());
                    }
                }
            }
        };
        tracing::warn!(error = %disconnected, "platform link lost; reconnecting");
        publisher.link.state = LinkState::Reconnecting;
        publisher.link.detail = Some(disconnected.to_string());
        publisher.publish(engine.as_ref(), connector.now());
    }
}

/// Commands while there is no link: the window still changes; platform commands fail.
fn handle_offline(command: HubCommand, window: &mut Window, engine: Option<&mut Engine>) {
    match command {
        HubCommand::SetWindow(chosen, reply) => {
            *window = chosen;
            if let Some(engine) = engine {
                engine.set_window(chosen);
            }
            let _ = reply.send(());
        }
        HubCommand::Execute(_, reply) => {
            let _ = reply.send(Err(CommandError::NotConnected));
        }
    }
}
