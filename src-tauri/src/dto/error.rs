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

impl From<fw_app::MonitorError> for IpcErrorDto {
    fn from(error: fw_app::MonitorError) -> Self {
        use fw_app::{MonitorDenial as D, MonitorError as E};
        let code = match &error {
            E::Denied(denial) => match denial {
                D::UnknownUser(_) => "denied.unknown_user",
                D::NotPermitted { .. } => "denied.not_permitted",
                D::NoEndpoint => "denied.no_endpoint",
                D::UnknownCall(_) => "denied.call_gone",
                D::CallNotConnected(_) => "denied.call_not_connected",
                D::AgentNotOnCall(_) => "denied.agent_not_on_call",
                D::PartyToCall => "denied.party_to_call",
                D::ProtectedAgent(_) | D::ProtectedQueue(_) => "denied.protected",
                D::ListenerLimit { .. } => "denied.listener_limit",
                D::BargeTaken => "denied.barge_taken",
                D::UnknownSession(_) | D::NotYourSession(_) => "denied.session",
            },
            E::Platform(_) => "platform",
            E::AuditUnavailable(_) => "audit_unavailable",
            E::NotAvailable => "monitoring_unavailable",
            E::Stopped => "hub_stopped",
        };
        // The UI words the refusal by its code; the message adds the cause, not the same
        // sentence again.
        match error {
            E::AuditUnavailable(cause) => IpcErrorDto::new(code, cause),
            other => IpcErrorDto::new(code, other.to_string()),
        }
    }
}

impl From<fw_app::AuditViewError> for IpcErrorDto {
    fn from(error: fw_app::AuditViewError) -> Self {
        let code = match &error {
            fw_app::AuditViewError::UnknownUser(_) => "denied.unknown_user",
            fw_app::AuditViewError::NotAvailable => "audit_unavailable",
            fw_app::AuditViewError::Store(_) => "store",
        };
        IpcErrorDto {
            code: code.to_owned(),
            message: error.to_string(),
        }
    }
}

impl From<fw_app::ProfileError> for IpcErrorDto {
    fn from(error: fw_app::ProfileError) -> Self {
        use fw_app::ProfileError as E;
        let code = match &error {
            E::UnknownUser(_) => "denied.unknown_user",
            E::NotPermitted(_) => "denied.not_permitted",
            E::InvalidEndpoint(_) => "invalid_endpoint",
            E::AuditUnavailable(_) => "audit_unavailable",
            E::Store(_) => "store",
            E::NotAvailable => "monitoring_unavailable",
            E::Stopped => "hub_stopped",
        };
        match error {
            E::AuditUnavailable(cause) => IpcErrorDto::new(code, cause),
            other => IpcErrorDto::new(code, other.to_string()),
        }
    }
}

impl From<fw_app::SettingsError> for IpcErrorDto {
    fn from(error: fw_app::SettingsError) -> Self {
        use fw_app::SettingsError as E;
        let code = match &error {
            E::UnknownUser(_) => "denied.unknown_user",
            E::NotPermitted { .. } => "denied.not_permitted",
            E::Invalid(_) => "invalid_setting",
            E::UnknownAlert(_) => "unknown_alert",
            E::AuditUnavailable(_) => "audit_unavailable",
            E::Store(_) => "store",
            E::NotAvailable => "settings_unavailable",
            E::Stopped => "hub_stopped",
        };
        match error {
            E::AuditUnavailable(cause) | E::Invalid(cause) => IpcErrorDto::new(code, cause),
            other => IpcErrorDto::new(code, other.to_string()),
        }
    }
}

impl From<fw_app::TrainingError> for IpcErrorDto {
    fn from(error: fw_app::TrainingError) -> Self {
        match error {
            fw_app::TrainingError::Hub(hub) => hub.into(),
            other @ fw_app::TrainingError::NeverJoined(_) => IpcErrorDto {
                code: "training".to_owned(),
                message: other.to_string(),
            },
        }
    }
}

impl IpcErrorDto {
    /// An error of the console itself (not of the hub), e.g. a file that cannot be written.
    pub fn new(code: &str, message: impl Into<String>) -> IpcErrorDto {
        IpcErrorDto {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}
