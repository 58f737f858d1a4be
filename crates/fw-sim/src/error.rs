//! Why a supervisor command was refused.

use fw_domain::AgentId;

/// Why [`crate::Simulator::execute`] refused a command. Nothing changed when it errs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimCommandError {
    #[error("{0} does not exist in the simulated centre")]
    UnknownAgent(AgentId),
    #[error(
        "{0} is offline (off shift, or their site is down); only an on-shift agent can be made available"
    )]
    AgentOffline(AgentId),
    #[error("the simulated centre does not support {command} yet")]
    Unsupported { command: &'static str },
}
