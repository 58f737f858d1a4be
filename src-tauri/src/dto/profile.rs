//! Who is at this console, and what they may do: the UI hides what the role cannot use, but
//! fw-app checks every command again.

use fw_app::{Hub, Permission, Role};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RoleDto {
    FloorSupervisor,
    NightShiftLead,
    QualityManager,
    Admin,
    Wallboard,
}

impl From<Role> for RoleDto {
    fn from(role: Role) -> Self {
        match role {
            Role::FloorSupervisor => RoleDto::FloorSupervisor,
            Role::NightShiftLead => RoleDto::NightShiftLead,
            Role::QualityManager => RoleDto::QualityManager,
            Role::Admin => RoleDto::Admin,
            Role::Wallboard => RoleDto::Wallboard,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum PermissionDto {
    SeeCallerNumbers,
    HearRecordings,
    Listen,
    Whisper,
    Barge,
    ToggleRoutingModes,
    ReviewSurveys,
    ScoreSurveys,
    ExportSurveys,
    ManageSurveys,
    EditSettings,
    ViewAudit,
    AcknowledgeAlerts,
}

impl From<Permission> for PermissionDto {
    fn from(permission: Permission) -> Self {
        match permission {
            Permission::SeeCallerNumbers => PermissionDto::SeeCallerNumbers,
            Permission::HearRecordings => PermissionDto::HearRecordings,
            Permission::Listen => PermissionDto::Listen,
            Permission::Whisper => PermissionDto::Whisper,
            Permission::Barge => PermissionDto::Barge,
            Permission::ToggleRoutingModes => PermissionDto::ToggleRoutingModes,
            Permission::ReviewSurveys => PermissionDto::ReviewSurveys,
            Permission::ScoreSurveys => PermissionDto::ScoreSurveys,
            Permission::ExportSurveys => PermissionDto::ExportSurveys,
            Permission::ManageSurveys => PermissionDto::ManageSurveys,
            Permission::EditSettings => PermissionDto::EditSettings,
            Permission::ViewAudit => PermissionDto::ViewAudit,
            Permission::AcknowledgeAlerts => PermissionDto::AcknowledgeAlerts,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileDto {
    /// The login name the console runs as.
    pub user: String,
    pub display_name: String,
    /// `None` when the user is not in the team: they see the floor and may do nothing.
    pub role: Option<RoleDto>,
    pub permissions: Vec<PermissionDto>,
    /// The phone rung to join a monitored call.
    pub endpoint: Option<String>,
    /// Whether monitoring is possible at all on this console (a team and an audit trail).
    pub monitoring_available: bool,
    /// The embedded simulator: training scenarios are offered.
    pub simulator: bool,
}

impl ProfileDto {
    pub fn new(hub: &Hub, user: &str, simulator: bool) -> ProfileDto {
        let team = hub.team();
        let me = team.user(user);
        let role = me.map(|u| u.role);
        ProfileDto {
            user: user.to_string(),
            display_name: me.map_or(user, |u| u.shown_name()).to_string(),
            role: role.map(RoleDto::from),
            permissions: Permission::ALL
                .into_iter()
                .filter(|p| role.is_some_and(|r| r.allows(*p)))
                .map(PermissionDto::from)
                .collect(),
            endpoint: me.and_then(|u| u.endpoint.clone()),
            monitoring_available: hub.audit().is_ok(),
            simulator,
        }
    }
}
