//! Errors a connector reports.

/// The link to the platform failed; the caller reconnects (and resyncs from a snapshot).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectorError {
    #[error("not connected to the platform")]
    NotConnected,
    #[error("the platform link dropped: {0}")]
    Disconnected(String),
    #[error("the platform sent something we cannot read: {0}")]
    Protocol(String),
    #[error("the connector is misconfigured: {0}")]
    Config(String),
}

/// A command was not carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("not connected to the platform")]
    NotConnected,
    #[error("the platform refused the command: {0}")]
    Rejected(String),
    #[error("{platform} cannot {command}")]
    Unsupported {
        platform: String,
        command: &'static str,
    },
}
