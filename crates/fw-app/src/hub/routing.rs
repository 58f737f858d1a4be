//! Disaster-mode routing on the hub's task: changes and previews from consoles, the poll
//! that shows another console's change here, automatic reverts, and handing the plan to the
//! platform.

use std::sync::Arc;
use std::time::Duration;

use fw_connect::{CommandError, Connector};
use fw_domain::RoutingMode;
use fw_engine::EngineConfig;
use fw_routing::Impact;
use fw_store::Store;
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::{Hub, HubCommand, HubTask};
use crate::routing_desk::RoutingDesk;
use crate::routing_error::RoutingError;
use crate::routing_request::{RoutingChanged, RoutingRequest};

/// How often the hub reads the plan's version from the team's store: every console shows
/// another's change within this (plus a frame).
pub(crate) const ROUTING_POLL: Duration = Duration::from_millis(500);

/// A routing request from a screen.
pub(crate) enum RoutingCommand {
    Change {
        user: String,
        request: RoutingRequest,
        expected_version: u64,
        reply: oneshot::Sender<Result<RoutingChanged, RoutingError>>,
    },
    Preview {
        user: String,
        mode: RoutingMode,
        reply: oneshot::Sender<Result<Impact, RoutingError>>,
    },
}

impl std::fmt::Debug for RoutingCommand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoutingCommand::Change { user, request, .. } => {
                write!(f, "Change({user}, {request:?})")
            }
            RoutingCommand::Preview { user, mode, .. } => write!(f, "Preview({user}, {mode:?})"),
        }
    }
}

impl RoutingCommand {
    /// Answers with `error` instead of doing it.
    pub(crate) fn refuse(self, error: RoutingError) {
        match self {
            RoutingCommand::Change { reply, .. } => {
                let _ = reply.send(Err(error));
            }
            RoutingCommand::Preview { reply, .. } => {
                let _ = reply.send(Err(error));
            }
        }
    }
}

/// The hub's routing state.
#[derive(Debug, Default)]
pub(crate) struct RoutingSlot {
    /// From the first connect on, on a hub with the team's store.
    desk: Option<RoutingDesk>,
    /// A display's store: the plan is read from it and shown, never changed (no reverts
    /// recorded, nothing handed to the platform: the supervisors' consoles and the platform
    /// do that). `None` on a supervisor's hub, which reads the plan from its own store.
    display_store: Option<Store>,
    /// Read the plan at the next turn of the loop (the platform announced a change).
    pub(crate) poll_now: bool,
    polled_at: Option<Instant>,
}

impl RoutingSlot {
    /// A slot that reads the plan from `display_store` (a display), or from the monitoring
    /// store once there is one (`None`).
    pub(crate) fn reading(display_store: Option<Store>) -> RoutingSlot {
        RoutingSlot {
            display_store,
            ..RoutingSlot::default()
        }
    }

    /// Whether there is a plan to poll (a hub with the team's store, connected once).
    pub(crate) fn polls(&self) -> bool {
        self.desk.is_some()
    }

    /// When to read the plan next: at once after an announcement, else a poll after the last.
    pub(crate) fn next_poll(&self) -> Instant {
        match self.polled_at {
            Some(at) if !self.poll_now => at + ROUTING_POLL,
            _ => Instant::now(),
        }
    }
}

impl Hub {
    /// Starts a display's hub (a wallboard): figures flow as on [`Hub::start`], and the
    /// team's routing plan is read from `store` every poll so the screen can show which
    /// disaster modes are in force. It never acts or writes: no monitoring, no settings, no
    /// routing changes, no reverts recorded, no plan sent to the platform, no surveys stored.
    pub fn start_display<C: Connector>(
        connector: C,
        engine_config: EngineConfig,
        store: Store,
    ) -> Hub {
        Hub::launch(connector, engine_config, None, Some(store))
    }

    /// Turns a disaster mode on or off as `user`, if their role and the plan's rules allow
    /// and the plan is still at `expected_version` (the version their screen showed).
    pub async fn change_routing(
        &self,
        user: &str,
        request: RoutingRequest,
        expected_version: u64,
    ) -> Result<RoutingChanged, RoutingError> {
        let user = user.to_string();
        self.routing_request(|reply| RoutingCommand::Change {
            user,
            request,
            expected_version,
            reply,
        })
        .await
    }

    /// What turning `mode` on would do now, from the live figures.
    pub async fn preview_routing(
        &self,
        user: &str,
        mode: RoutingMode,
    ) -> Result<Impact, RoutingError> {
        let user = user.to_string();
        self.routing_request(|reply| RoutingCommand::Preview { user, mode, reply })
            .await
    }

    async fn routing_request<T>(
        &self,
        command: impl FnOnce(oneshot::Sender<Result<T, RoutingError>>) -> RoutingCommand,
    ) -> Result<T, RoutingError> {
        let (reply, done) = oneshot::channel();
        self.commands
            .send(HubCommand::Routing(command(reply)))
            .await
            .map_err(|_| RoutingError::Stopped)?;
        done.await.map_err(|_| RoutingError::Stopped)?
    }
}

impl<C: Connector> HubTask<C> {
    /// After every (re)connect: the desk learns the topology, reads the plan and hands it to
    /// the platform again.
    pub(super) async fn routing_connected(&mut self) {
        let store = match (
            self.monitoring.as_ref(),
            self.routing.display_store.as_ref(),
        ) {
            (Some(monitoring), _) => &monitoring.audit,
            (None, Some(store)) => store,
            (None, None) => return,
        };
        let topology = &self.publisher.topology;
        match self.routing.desk.as_mut() {
            Some(desk) => desk.connected(topology),
            None => self.routing.desk = Some(RoutingDesk::new(store.clone(), topology)),
        }
        self.routing.poll_now = true;
        self.routing_tick().await;
    }

    /// The poll: reads the plan if it moved, records reverts that are due, brings the
    /// platform to the plan, and publishes what changed. A display only reads and publishes:
    /// a mode past its revert time already drops out of what it shows (`in_force`).
    pub(super) async fn routing_tick(&mut self) {
        let now = self.connector.now();
        let Some(desk) = self.routing.desk.as_mut() else {
            return;
        };
        self.routing.poll_now = false;
        self.routing.polled_at = Some(Instant::now());
        let mut changed = desk.sync().await;
        if let Some(monitoring) = self.monitoring.as_ref() {
            changed |= desk.revert_due(monitoring, now).await;
            changed |= self.hand_plan_to_platform().await;
        }
        if changed {
            self.publish_routing();
        }
    }

    /// Hands the plan in force to the platform if it moved since it was last handed over.
    /// `true` if it was (a problem may have appeared or cleared).
    async fn hand_plan_to_platform(&mut self) -> bool {
        let now = self.connector.now();
        let Some(desk) = self.routing.desk.as_mut() else {
            return false;
        };
        if !desk.needs_handing_over(now) {
            return false;
        }
        let problem = match self.connector.apply_routing(desk.plan()).await {
            // Not connected: the next connect hands the whole plan over again.
            Ok(()) | Err(CommandError::NotConnected) => None,
            Err(error) => Some(error.to_string()),
        };
        desk.handed_over(now, problem);
        true
    }

    /// The policy as this hub's plan holds it (the default before the plan is read).
    pub(super) fn routing_policy(&self) -> fw_routing::ApprovalPolicy {
        self.routing
            .desk
            .as_ref()
            .map(|desk| desk.plan().policy())
            .unwrap_or_default()
    }

    /// A policy `user` saved: in force here at once, shown, and announced to the other
    /// consoles through the plan's version.
    pub(super) async fn routing_policy_saved(
        &mut self,
        policy: fw_routing::ApprovalPolicy,
        user: &str,
    ) {
        let now = self.connector.now();
        if let Some(desk) = self.routing.desk.as_mut() {
            desk.policy_saved(policy, user, now).await;
        }
        self.publish_routing();
    }

    fn publish_routing(&mut self) {
        let now = self.connector.now();
        if let Some(desk) = self.routing.desk.as_ref() {
            self.publisher.routing = Arc::new(desk.state(now));
            self.publisher.dirty = true;
        }
    }

    /// Answers a routing request. `linked`: the platform link is up (a preview needs live
    /// figures; a change does not: the platform gets it when the link is back).
    pub(super) async fn routing(&mut self, command: RoutingCommand, linked: bool) {
        let now = self.connector.now();
        let (Some(desk), Some(monitoring)) = (self.routing.desk.as_mut(), self.monitoring.as_ref())
        else {
            command.refuse(if self.monitoring.is_some() {
                RoutingError::NotReady
            } else {
                RoutingError::NotAvailable
            });
            return;
        };
        match command {
            RoutingCommand::Preview { user, mode, reply } => {
                let result = match self.engine.as_ref().filter(|_| linked) {
                    Some(engine) => desk.preview(monitoring, &user, &mode, engine, now),
                    None => Err(RoutingError::NotReady),
                };
                let _ = reply.send(result);
            }
            RoutingCommand::Change {
                user,
                request,
                expected_version,
                reply,
            } => {
                let result = desk
                    .change(monitoring, &user, request, expected_version, now)
                    .await;
                let changed = result.is_ok();
                let _ = reply.send(result);
                if changed {
                    self.hand_plan_to_platform().await;
                }
                self.publish_routing();
                self.publish();
            }
        }
    }
}
