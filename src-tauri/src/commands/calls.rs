//! The live-calls stream: every call with who monitors it, masked by the user's role.

use std::time::Duration;

use fw_app::Hub;
use tauri::ipc::Channel;

use crate::console::Console;
use crate::dto::CallsDto;

/// Calls change with every event; a list read by people needs no more than this.
const CALLS_INTERVAL: Duration = Duration::from_millis(500);

/// Streams the live calls (at most twice a second, only when they changed) until the
/// channel closes: every call while the page wants them (see [`want_every_call`]), else
/// only the monitored ones.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State and Channel by value
pub fn subscribe_calls(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    channel: Channel<CallsDto>,
) {
    let hub = hub.inner().clone();
    let user = console.user.clone();
    let mut every_call = console.every_call.subscribe();
    tauri::async_runtime::spawn(async move {
        let mut frames = hub.frames();
        let mut sent: Option<(usize, usize, usize, bool)> = None;
        loop {
            let live = frames.borrow_and_update().clone();
            let every = *every_call.borrow_and_update();
            // The hub shares one list between frames until an event changes it.
            let lists = (
                std::sync::Arc::as_ptr(&live.calls) as usize,
                std::sync::Arc::as_ptr(&live.monitors) as usize,
                std::sync::Arc::as_ptr(&live.ended) as usize,
                every,
            );
            if sent != Some(lists)
                && let Some(dto) = CallsDto::from_live(&live, &hub.team(), &user, every)
            {
                if channel.send(dto).is_err() {
                    break; // the webview is gone
                }
                sent = Some(lists);
            }
            // The page asking for every call is answered at once; frames at the interval.
            tokio::select! {
                () = tokio::time::sleep(CALLS_INTERVAL) => {}
                changed = every_call.changed() => {
                    if changed.is_err() {
                        break; // the console is gone
                    }
                    continue;
                }
            }
            tokio::select! {
                changed = frames.changed() => if changed.is_err() {
                    break; // the hub stopped
                },
                changed = every_call.changed() => if changed.is_err() {
                    break;
                },
            }
        }
    });
}

/// Whether the page wants every live call (its calls view is open, or it follows a session it
/// asked for) or only the monitored ones.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn want_every_call(console: tauri::State<'_, Console>, every: bool) {
    console.every_call.send_replace(every);
}
