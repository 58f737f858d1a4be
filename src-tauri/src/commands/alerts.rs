//! The alert centre: a stream of the board, acknowledgements, and the notifications' language.

use std::sync::Arc;

use fw_alerts::AlertId;
use fw_app::Hub;
use tauri::ipc::Channel;

use crate::console::Console;
use crate::dto::{AlertsDto, IpcErrorDto};
use crate::notifier::{Lang, NotifyLang};

/// Streams the alert board to the webview whenever it changes (at most once a second, when
/// the hub evaluates the rules, or at once after an acknowledgement).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State and Channel by value
pub fn subscribe_alerts(hub: tauri::State<'_, Hub>, channel: Channel<AlertsDto>) {
    let mut frames = hub.frames();
    tauri::async_runtime::spawn(async move {
        let mut last = None;
        loop {
            let live = frames.borrow_and_update().clone();
            if last.as_ref().is_none_or(|b| !Arc::ptr_eq(b, &live.alerts)) {
                if channel.send(AlertsDto::new(&live.alerts, &live)).is_err() {
                    break; // the webview is gone
                }
                last = Some(live.alerts.clone());
            }
            if frames.changed().await.is_err() {
                break;
            }
        }
    });
}

/// Marks an alert as seen by the console's user (audited).
#[tauri::command]
pub async fn acknowledge_alert(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    id: f64,
) -> Result<(), IpcErrorDto> {
    if !(id.is_finite() && id >= 0.0) {
        return Err(IpcErrorDto::new(
            "unknown_alert",
            format!("there is no alert {id}"),
        ));
    }
    Ok(hub
        .acknowledge_alert(&console.user, AlertId(id as u64))
        .await?)
}

/// The language desktop notifications are written in (`en` or `zh-CN`), as the UI's.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)]
pub fn set_locale(lang: tauri::State<'_, NotifyLang>, locale: String) -> Result<(), IpcErrorDto> {
    let parsed = Lang::parse(&locale).ok_or_else(|| {
        IpcErrorDto::new("invalid_setting", format!("unknown language {locale:?}"))
    })?;
    lang.set(parsed);
    Ok(())
}
