//! Errors as the UI receives them: a stable code to branch on, a message to show.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IpcErrorDto {
    /// Machine-readable, e.g. `hub_stopped`, `not_connected`, `rejected`, `unsupported`.
    pub code: String,
    pub message: String,
}

impl From<fw_app::HubError> for IpcErrorDto {
    fn from(error: fw_app::HubError) -> Self {
        use fw_connect::CommandError;
        let code = match &error {
            fw_app::HubError::Stopped => "hub_stopped",
            fw_app::HubError::Command(CommandError::NotConnected) => "not_connected",
            fw_app::HubError::Command(CommandError::Rejected(_)) => "rejected",
            fw_app::HubError::Command(CommandError::Unsupported { .. }) => "unsupported",
        };
        IpcErrorDto {
            code: code.to_owned(),
            message: error.to_string(),
        }
    }
}
