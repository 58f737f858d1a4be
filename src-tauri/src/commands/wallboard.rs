//! The live wallboard: a frame stream and the window selector.

use fw_app::Hub;
use tauri::ipc::Channel;

use crate::dto::{FrameDto, FrameStream, IpcErrorDto, WindowDto};

/// Streams every new frame to the webview until the channel closes: the first in full, then
/// only the queues that changed (see [`FrameStream`]).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State and Channel by value
pub fn subscribe_frames(hub: tauri::State<'_, Hub>, channel: Channel<FrameDto>) {
    let mut frames = hub.frames();
    tauri::async_runtime::spawn(async move {
        let mut stream = FrameStream::default();
        loop {
            let live = frames.borrow_and_update().clone();
            if let Some(dto) = stream.next(&live)
                && channel.send(dto).is_err()
            {
                break; // the webview is gone
            }
            if frames.changed().await.is_err() {
                break; // the hub stopped
            }
        }
    });
}

/// Chooses the time window the figures cover.
#[tauri::command]
pub async fn set_window(hub: tauri::State<'_, Hub>, window: WindowDto) -> Result<(), IpcErrorDto> {
    hub.set_window(window.into())
        .await
        .map_err(IpcErrorDto::from)
}
