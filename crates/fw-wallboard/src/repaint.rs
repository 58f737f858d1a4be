//! Repaint only when the picture would change. A watcher task sees every frame the hub
//! publishes (up to ten a second) and wakes the UI only if the page on screen would look
//! different: a busy centre repaints about once a second (waits tick), a quiet night board
//! hardly at all.

use std::sync::{Arc, Mutex};

use fw_app::LiveFrame;
use tokio::sync::watch;

use crate::app::BoardShared;
use crate::config::WallboardConfig;
use crate::view::{ViewInputs, page_view};

/// Whether `live`, just arrived, would change what the board shows.
pub fn would_change(shared: &BoardShared, config: &WallboardConfig, live: &LiveFrame) -> bool {
    let (Some(page), Some(painted)) = (&shared.page, &shared.painted) else {
        return true;
    };
    let inputs = ViewInputs {
        live,
        since_frame_ms: 0,
        language: shared.language,
        config,
        position: shared.position,
        pinned: shared.pinned,
    };
    page_view(page, &inputs) != *painted
}

/// Watches `frames` and calls `wake` when a frame would change the board. Ends when the
/// hub stops.
pub async fn watch_frames(
    mut frames: watch::Receiver<Arc<LiveFrame>>,
    shared: Arc<Mutex<BoardShared>>,
    config: Arc<WallboardConfig>,
    wake: impl Fn() + Send + 'static,
) {
    while frames.changed().await.is_ok() {
        let live = frames.borrow_and_update().clone();
        let changed = {
            let shared = shared
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            would_change(&shared, &config, &live)
        };
        if changed {
            wake();
        }
    }
}
