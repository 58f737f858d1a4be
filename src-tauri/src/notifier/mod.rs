//! Desktop notifications for alerts (notify-rust: the freedesktop notification service over
//! D-Bus on Linux). One notification per alert when it is raised, never again until it has
//! cleared and is raised anew (the hub raises each rule and subject once); several raised
//! together become one summary. Clicking "Open" brings the console forward on the alert.

pub mod routing;
mod routing_text;
mod text;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use fw_alerts::{Alert, AlertKind};
use fw_app::{Hub, LiveFrame};
use notify_rust::{Notification, NotificationResponse, Timeout, Urgency};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

pub use text::{Lang, MAX_SEPARATE, NoteText, alert_text, open_label, summary_text};

/// The console's language for notifications, set by the UI.
#[derive(Clone, Debug, Default)]
pub struct NotifyLang(pub Arc<Mutex<Lang>>);

impl NotifyLang {
    pub fn get(&self) -> Lang {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
    pub fn set(&self, lang: Lang) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = lang;
    }
}

/// What the UI is told when a notification's "Open" is clicked.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct OpenAlert {
    id: f64,
    queue: Option<u32>,
}

/// The event the UI listens to.
pub const OPEN_ALERT_EVENT: &str = "alert-open";

/// Watches the hub's alert board and notifies every alert raised from now on.
pub fn spawn(app: AppHandle, hub: &Hub, lang: NotifyLang) {
    let mut frames = hub.frames();
    tauri::async_runtime::spawn(async move {
        // Alerts already on the board when the console opens are in the alert centre; the
        // desktop is told about new ones.
        let mut seen: BTreeSet<u64> = ids(&frames.borrow_and_update());
        while frames.changed().await.is_ok() {
            let live = frames.borrow_and_update().clone();
            let new: Vec<&Alert> = live
                .alerts
                .active
                .iter()
                .chain(&live.alerts.recent)
                .filter(|a| !seen.contains(&a.id.0))
                .collect();
            if new.is_empty() {
                continue;
            }
            seen.extend(new.iter().map(|a| a.id.0));
            // Keep the memory bounded: ids only grow, and the board holds the newest.
            let floor = ids(&live).first().copied().unwrap_or(0);
            seen.retain(|id| *id >= floor);
            let lang = lang.get();
            if new.len() > MAX_SEPARATE {
                let note = summary_text(&new, lang);
                show(app.clone(), note, None, Urgency::Critical, lang);
            } else {
                for alert in new {
                    let site = alert
                        .site
                        .and_then(|s| live.topology.site(s))
                        .map(|s| s.name.as_str());
                    let note = alert_text(alert, site, lang);
                    let urgency = match alert.key.kind {
                        AlertKind::LinkLost | AlertKind::NoAgentAvailable => Urgency::Critical,
                        _ => Urgency::Normal,
                    };
                    show(app.clone(), note, Some(alert), urgency, lang);
                }
            }
        }
    });
}

fn ids(live: &LiveFrame) -> BTreeSet<u64> {
    live.alerts
        .active
        .iter()
        .chain(&live.alerts.recent)
        .map(|a| a.id.0)
        .collect()
}

/// Sends one notification and waits (on its own task) for its action.
fn show(app: AppHandle, note: NoteText, alert: Option<&Alert>, urgency: Urgency, lang: Lang) {
    let open = OpenAlert {
        id: alert.map_or(0.0, |a| a.id.0 as f64),
        queue: alert.and_then(|a| match a.key.subject {
            fw_alerts::Subject::Queue(q) => Some(u32::from(q.0)),
            _ => None,
        }),
    };
    notify(note, urgency, lang, move || bring_forward(&app, &open));
}

/// Sends one notification with an "Open" action and, on its own task, runs `opened` if the
/// user clicks it. Without a notification service (a bare session, a kiosk) it only logs:
/// the console still shows what the notification would have said.
pub(crate) fn notify(
    note: NoteText,
    urgency: Urgency,
    lang: Lang,
    opened: impl FnOnce() + Send + 'static,
) {
    tauri::async_runtime::spawn(async move {
        let mut notification = Notification::new();
        notification
            .appname("Floorwalker")
            .summary(&note.summary)
            .body(&note.body)
            .icon("dialog-warning")
            .urgency(urgency)
            .timeout(Timeout::Milliseconds(30_000))
            .action("default", open_label(lang))
            .action("open", open_label(lang));
        match notification.show_async().await {
            Ok(handle) => {
                tracing::info!(summary = %note.summary, "desktop notification shown");
                let mut opened = Some(opened);
                handle
                    .wait_for_action_async(|response: &NotificationResponse| {
                        let open = match response {
                            NotificationResponse::Default => true,
                            NotificationResponse::Action(key) => key == "open",
                            _ => false,
                        };
                        if let (true, Some(opened)) = (open, opened.take()) {
                            opened();
                        }
                    })
                    .await;
            }
            Err(error) => {
                tracing::warn!(%error, summary = %note.summary, "desktop notification not shown");
            }
        }
    });
}

fn bring_forward(app: &AppHandle, open: &OpenAlert) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Err(error) = app.emit(OPEN_ALERT_EVENT, open.clone()) {
        tracing::warn!(%error, "the alert could not be opened in the console");
    }
}
