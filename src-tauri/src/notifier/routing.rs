//! Desktop notifications when a disaster mode turns on or off, or waits for a second
//! supervisor's approval, at this console or any other (the plan comes from the team's
//! store). Modes already on when the console opens are in the banner; the desktop is told
//! about changes from then on.

use std::collections::{BTreeMap, BTreeSet};

use fw_app::Hub;
use fw_routing::{ActiveMode, ModeId};
use notify_rust::Urgency;
use tauri::{AppHandle, Emitter, Manager};

use super::routing_text::{requested_text, turned_off_text, turned_on_text};
use super::text::{Lang, NoteText};
use super::{NotifyLang, notify};

/// The event the UI listens to: open the routing view.
pub const OPEN_ROUTING_EVENT: &str = "routing-open";

/// Watches the plan and notifies every mode turned on or off from now on.
pub fn spawn(app: AppHandle, hub: &Hub, lang: NotifyLang) {
    let mut frames = hub.frames();
    tauri::async_runtime::spawn(async move {
        let mut known: Option<BTreeMap<ModeId, ActiveMode>> = None;
        let mut asked: BTreeSet<ModeId> = BTreeSet::new();
        let mut last = frames.borrow_and_update().routing.clone();
        if last.known {
            known = Some(by_id(&last.active));
            asked = last.pending.iter().map(|p| p.request.id).collect();
        }
        while frames.changed().await.is_ok() {
            let live = frames.borrow_and_update().clone();
            if std::sync::Arc::ptr_eq(&last, &live.routing) || !live.routing.known {
                continue;
            }
            last = live.routing.clone();
            let now = by_id(&last.active);
            let waiting: BTreeSet<ModeId> = last.pending.iter().map(|p| p.request.id).collect();
            let new_requests: Vec<&ActiveMode> = last
                .pending
                .iter()
                .filter(|p| !asked.contains(&p.request.id))
                .map(|p| &p.request)
                .collect();
            asked = waiting;
            let Some(before) = known.replace(now.clone()) else {
                continue; // the first reading: what is on is in the banner
            };
            let lang = lang.get();
            for request in new_requests {
                show(
                    app.clone(),
                    requested_text(request, &live.topology, lang),
                    lang,
                );
            }
            for (id, mode) in &now {
                if !before.contains_key(id) {
                    show(
                        app.clone(),
                        turned_on_text(mode, &live.topology, lang),
                        lang,
                    );
                }
            }
            for (id, mode) in &before {
                if !now.contains_key(id) {
                    show(
                        app.clone(),
                        turned_off_text(mode, &live.topology, lang),
                        lang,
                    );
                }
            }
        }
    });
}

fn by_id(modes: &[ActiveMode]) -> BTreeMap<ModeId, ActiveMode> {
    modes.iter().map(|m| (m.id, m.clone())).collect()
}

fn show(app: AppHandle, note: NoteText, lang: Lang) {
    notify(note, Urgency::Critical, lang, move || {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
        let _ = app.emit(OPEN_ROUTING_EVENT, ());
    });
}
