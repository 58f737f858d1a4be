//! The embedded simulator behind the Connector trait, driven by a real-time timer.

use std::time::Duration;

use fw_domain::{EventEnvelope, MINUTE_MS, PlatformCommand, Snapshot, Timestamp};
use fw_routing::RoutingPlan;
use fw_sim::{SimCommandError, SimConfig, Simulator};
use tokio::time::Instant;

use crate::connector::Connector;
use crate::error::{CommandError, ConnectorError};
use crate::routing_sync::RoutingSync;

/// How the simulator is driven.
#[derive(Clone, Debug)]
pub struct SimConnectorConfig {
    /// The simulated centre. Its `start` is where the simulation begins: set it before
    /// `now` to warm the centre up so it opens busy, with the day's history behind it.
    pub sim: SimConfig,
    /// The virtual time that corresponds to the moment of the first connect (usually the
    /// wall clock, so the simulated centre lives in the present).
    pub present: Timestamp,
    /// How often the real-time driver advances the simulation.
    pub tick: Duration,
}

/// Warm-up runs in slices of this many virtual milliseconds so batches stay bounded.
const WARM_UP_SLICE_MS: i64 = MINUTE_MS;

/// Drives [`Simulator`] in real time (times its speed factor).
#[derive(Debug)]
pub struct SimConnector {
    config: SimConnectorConfig,
    simulator: Option<Simulator>,
    /// Real instant at which virtual time equalled `config.present`.
    anchor: Option<Instant>,
    next_tick: Option<Instant>,
    /// The routing modes handed to the simulator since the last connect.
    routing: RoutingSync,
}

impl SimConnector {
    pub fn new(config: SimConnectorConfig) -> Result<SimConnector, ConnectorError> {
        if !(config.sim.speed > 0.0 && config.sim.speed.is_finite()) {
            return Err(ConnectorError::Config(format!(
                "speed factor must be positive, got {}",
                config.sim.speed
            )));
        }
        if config.tick.is_zero() {
            return Err(ConnectorError::Config(
                "tick must be longer than zero".into(),
            ));
        }
        Ok(SimConnector {
            config,
            simulator: None,
            anchor: None,
            next_tick: None,
            routing: RoutingSync::default(),
        })
    }

    fn virtual_now(&self) -> Timestamp {
        match self.anchor {
            None => self.config.present,
            Some(anchor) => {
                let elapsed = anchor.elapsed().as_secs_f64() * 1000.0 * self.config.sim.speed;
                self.config.present.plus_ms(elapsed as i64)
            }
        }
    }
}

impl Connector for SimConnector {
    fn platform(&self) -> String {
        format!(
            "Simulator ({} agents, seed {})",
            self.config.sim.agents, self.config.sim.seed
        )
    }

    fn now(&self) -> Timestamp {
        self.virtual_now()
    }

    /// Behind by more than a warm-up slice and two ticks (at high speeds one tick moves the
    /// clock further than a slice).
    fn catching_up(&self) -> bool {
        let tick_ms = self.config.tick.as_secs_f64() * 1_000.0 * self.config.sim.speed;
        let allowed = WARM_UP_SLICE_MS.max(2 * tick_ms as i64);
        self.simulator
            .as_ref()
            .is_some_and(|simulator| simulator.now() < self.virtual_now().plus_ms(-allowed))
    }

    async fn connect(&mut self) -> Result<Snapshot, ConnectorError> {
        if self.simulator.is_none() {
            let simulator = Simulator::new(self.config.sim.clone())
                .map_err(|e| ConnectorError::Config(e.to_string()))?;
            self.simulator = Some(simulator);
            self.anchor = Some(Instant::now());
        }
        // As after any reconnect, the whole plan goes over again.
        self.routing.reset();
        let simulator = self
            .simulator
            .as_ref()
            .ok_or(ConnectorError::NotConnected)?;
        Ok(simulator.snapshot())
    }

    async fn next_events(&mut self, out: &mut Vec<EventEnvelope>) -> Result<(), ConnectorError> {
        let target = self.virtual_now();
        let simulator = self
            .simulator
            .as_mut()
            .ok_or(ConnectorError::NotConnected)?;
        if simulator.now() < target.plus_ms(-WARM_UP_SLICE_MS) {
            // Catching up (warm-up, or after the process was suspended): no waiting.
            let until = simulator.now().plus_ms(WARM_UP_SLICE_MS);
            simulator.advance_to(until, out);
            tokio::task::yield_now().await;
            return Ok(());
        }
        // Real time: wake on the tick. Only the sleep can be cancelled, and it holds no state.
        let tick = self.config.tick;
        let wake = self.next_tick.unwrap_or_else(|| Instant::now() + tick);
        tokio::time::sleep_until(wake).await;
        self.next_tick = Some(wake.max(Instant::now() - tick) + tick);
        let target = self.virtual_now();
        let simulator = self
            .simulator
            .as_mut()
            .ok_or(ConnectorError::NotConnected)?;
        simulator.advance_to(target, out);
        Ok(())
    }

    async fn execute(&mut self, command: PlatformCommand) -> Result<(), CommandError> {
        let simulator = self.simulator.as_mut().ok_or(CommandError::NotConnected)?;
        simulator.execute(&command).map_err(|error| match error {
            SimCommandError::Unsupported { command } => CommandError::Unsupported {
                platform: "the simulator".into(),
                command,
            },
            other => CommandError::Rejected(other.to_string()),
        })
    }

    /// The simulator takes modes one at a time: [`RoutingSync`] says which to switch on or
    /// off. Every command is tried; the first refusal is reported.
    async fn apply_routing(&mut self, plan: &RoutingPlan) -> Result<(), CommandError> {
        if self.simulator.is_none() {
            return Err(CommandError::NotConnected);
        }
        let now = self.virtual_now();
        let mut first_problem = None;
        for command in self.routing.commands(plan, now) {
            if let Err(error) = self.execute(command).await {
                first_problem.get_or_insert(error);
            }
        }
        first_problem.map_or(Ok(()), Err)
    }
}
