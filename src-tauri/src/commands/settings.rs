//! The team's settings: the centre's hours and the alert rules.

use fw_alerts::AlertRules;
use fw_app::{Hub, Permission};

use crate::console::Console;
use crate::dto::{IpcErrorDto, TeamSettingsDto};

fn current(hub: &Hub, user: &str) -> TeamSettingsDto {
    let live = hub.frames().borrow().clone();
    TeamSettingsDto {
        time_zone: live.calendar.time_zone().to_string(),
        shift_starts: live.calendar.shift_starts(),
        rules: (*live.alert_rules).clone(),
        defaults: AlertRules::default(),
        queues: live
            .topology
            .queues
            .iter()
            .map(|q| q.name.clone())
            .collect(),
        editable: hub
            .team()
            .user(user)
            .is_some_and(|u| u.role.allows(Permission::EditSettings)),
    }
}

/// The team's settings as they are now.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)]
pub fn team_settings(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> TeamSettingsDto {
    current(&hub, &console.user)
}

/// Replaces the alert rules (checked, audited, saved); returns the settings as they now are.
#[tauri::command]
pub async fn set_alert_rules(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    rules: AlertRules,
) -> Result<TeamSettingsDto, IpcErrorDto> {
    hub.set_alert_rules(&console.user, rules).await?;
    Ok(current(&hub, &console.user))
}

/// Sets the centre's time zone and shift starts (`HH:MM, HH:MM`).
#[tauri::command]
pub async fn set_centre_hours(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    time_zone: String,
    shift_starts: String,
) -> Result<TeamSettingsDto, IpcErrorDto> {
    hub.set_calendar(&console.user, &time_zone, &shift_starts)
        .await?;
    Ok(current(&hub, &console.user))
}
