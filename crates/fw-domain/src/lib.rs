//! Floorwalker's domain model. Pure: no IO, no clock, no async.
//!
//! Identifiers are small integers interned at the edge (a connector maps Asterisk's
//! `Uniqueid` or a queue name to an id once) so the engine can index agents and queues
//! by position and apply millions of events per second. Names live in the [`Topology`].

mod agent;
mod call;
mod command;
mod event;
mod ids;
mod monitor;
mod queue;
mod snapshot;
mod time;
mod topology;

pub use agent::{AgentState, BreakReason};
pub use call::{CallPhase, CallerInfo, CompletionReason, LeaveReason};
pub use command::{MonitorMode, PlatformCommand, RoutingMode, RoutingScope, TargetAgentState};
pub use event::{DomainEvent, EventEnvelope, SourceId, Survey};
pub use ids::{AgentId, CallId, MonitorSessionId, QueueId, SiteId, SupervisorId};
pub use monitor::{LiveMonitor, MonitorEndReason};
pub use queue::{QueueConfig, SlVariant};
pub use snapshot::{LiveAgent, LiveCall, Snapshot};
pub use time::{MINUTE_MS, SECOND_MS, Timestamp};
pub use topology::{AgentProfile, Site, Topology, TopologyError};
