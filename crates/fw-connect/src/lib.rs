//! Floorwalker's platform adapters. Everything that talks to a platform does so behind
//! the one [`Connector`] trait: the embedded simulator is [`SimConnector`], Asterisk is
//! [`AmiConnector`] (see [`ami`]).

pub mod ami;
mod connector;
mod error;
mod routing_sync;
mod sim_connector;
mod wall_clock;

pub use ami::{AmiConfig, AmiConnector, AmiSecret};
pub use connector::Connector;
pub use error::{CommandError, ConnectorError};
pub use routing_sync::RoutingSync;
pub use sim_connector::{SimConnector, SimConnectorConfig};
pub use wall_clock::wall_clock;
