//! Asterisk through the Asterisk Manager Interface.
//!
//! Pure parts (no IO, time as a parameter): [`NameBook`] interns Asterisk's names as dense
//! ids, [`AmiMapper`] maps typed AMI events onto sequenced domain events and rebuilds the
//! snapshot from Asterisk's lists, with [`AgentBoard`] deriving agent states and
//! [`MonitorBook`] following monitoring sessions, and `outage.rs` settling the calls that
//! ended while the link was down. IO: [`AmiConnector`] drives them over one link
//! (`link.rs`) on plain TCP or TLS (`transport.rs`), with the secret from the OS keyring
//! or the environment, and writes the routing plan to AstDB (`routing.rs`), announcing each
//! change with a [`ROUTING_USER_EVENT`].

mod agent_board;
mod commands;
mod config;
mod connector;
mod link;
mod mapper;
mod monitor_book;
mod names;
mod outage;
mod resync;
mod routing;
mod routing_announcement;
mod secret;
mod transport;

pub use agent_board::{AgentBoard, MemberReport};
pub use commands::SPY_CHANNEL_VARIABLE;
pub use config::{AmiConfig, AmiEndpoint, EndpointError, PLAIN_PORT, SpySettings, TLS_PORT};
pub use connector::{AmiConnector, EVENT_MASK, MAPPED_EVENTS};
pub use mapper::{AmiMapper, MapperSettings, REGION_VARIABLE};
pub use monitor_book::{MonitorBook, MonitorChores, mode_digit};
pub use names::{NameBook, PBX_SITE};
pub use resync::{SnapshotLists, device_of_channel, device_of_interface};
pub use routing_announcement::ROUTING_USER_EVENT;
pub use secret::{
    AmiSecret, KEYRING_SERVICE, KeyringEntry, SECRET_ENV, SecretError, keyring_account,
    resolve_secret, resolve_secret_in,
};
pub use transport::{CA_FILE_ENV, TlsClient};
