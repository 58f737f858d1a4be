//! Floorwalker's deterministic simulated contact centre: the product's out-of-the-box demo
//! and load generator.
//!
//! Three sites (north, east, south) with seven skill queues each, agents on early, late and
//! night shifts with rota breaks, calls that pass an IVR, wait, ring, talk, hold, escalate to
//! tier 2, abandon or ask for a callback, and post-call surveys. Arrivals follow a 24-hour
//! profile sized to the staffing.
//!
//! Supervisors' commands act as the platform would ([`Simulator::execute`]): agent-state
//! changes, and live-call monitoring. A monitoring session rings the supervisor's endpoint,
//! starts in listen mode a few seconds later, switches to whisper or barge on the same
//! session (one barge per call), and ends when stopped or when its call ends; the console
//! learns all of it from events. Endpoints fail on demand by name: one containing
//! "noanswer" (e.g. `PJSIP/noanswer-9001`) never answers, one containing "nospy" answers
//! but its spy never starts. Monitoring never changes the calls it watches.
//!
//! Disaster-mode routing is kept in force as the platform keeps it: site failover, emergency
//! closure, regional priority and night mode, each optionally reverting by itself at a
//! virtual time. fw-routing's rules route every call leaving the IVR or escalated to tier 2;
//! a failover also moves the calls waiting at its site, a regional priority raises matching
//! callers already waiting and marks their fees waived if it waives them, and when a mode
//! ends the calls it sent elsewhere that still wait go back to the queue they chose, in
//! their original place in line ([`Simulator::routing_modes`] lists the modes in force).
//!
//! Pure: no IO, no clock, no threads. Time is a parameter ([`Simulator::advance_to`]), and
//! the randomness is this crate's own seeded generator, so the same [`SimConfig`] always
//! yields the same event stream. fw-connect drives it from a timer at [`SimConfig::speed`].

mod agenda;
mod agent_flow;
mod agent_names;
mod agent_runtime;
mod call_flow;
mod call_table;
mod callers;
mod centre;
mod commands;
mod config;
mod demand;
mod error;
mod monitor_table;
mod monitoring;
mod queue_board;
mod rng;
mod routing;
mod routing_flow;
mod routing_return;
#[cfg(test)]
mod routing_return_tests;
mod shifts;
mod simulator;
mod skills;
mod survey;
mod talk_flow;

pub use config::{
    AGENTS_PER_LINE, MAX_AGENTS, MAX_LINES, MAX_SPEED, MIN_AGENTS, Outage, SimConfig,
    SimConfigError, Surge,
};
pub use error::SimCommandError;
pub use monitoring::{
    ENDPOINT_ANSWER_MAX_MS, ENDPOINT_ANSWER_MIN_MS, ENDPOINT_RING_TIMEOUT_MS,
    MAX_MONITORS_PER_CALL, SPY_START_TIMEOUT_MS,
};
pub use routing::RoutingModeInForce;
pub use simulator::Simulator;
pub use skills::QUEUES_PER_LINE;
