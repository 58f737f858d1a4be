//! Repaint only when the picture would change, and at most once a second. A watcher task
//! sees every frame the hub publishes (up to ten a second) and wakes the UI only if the page
//! on screen would look different. A board read from across the floor gains nothing from
//! more than one refresh a second, while software-rendered full-HD frames cost a small box
//! real CPU: so a busy centre repaints about once a second and a quiet night board hardly
//! at all.

use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// The fastest the board refreshes for new data.
pub const MIN_REPAINT_INTERVAL: Duration = Duration::from_secs(1);

/// Watches `frames` and calls `wake` when a frame would change the board, at most once per
/// [`MIN_REPAINT_INTERVAL`] (a change inside the interval is shown at its end, never lost:
/// the board always paints the newest frame). Ends when the hub stops.
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
            // Frames that arrive meanwhile are judged after the pause, against what was painted.
            tokio::time::sleep(MIN_REPAINT_INTERVAL).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Page, PageContent, TileKind};
    use crate::view::page_view;
    use fw_app::{LinkState, LinkStatus};
    use fw_domain::{QueueConfig, QueueId, Site, SiteId, Timestamp, Topology};
    use fw_engine::{Engine, EngineConfig};

    fn live(engine: &Engine, at: i64, state: LinkState) -> LiveFrame {
        LiveFrame {
            frame: Some(engine.frame(Timestamp(at))),
            topology: Arc::new(engine.topology().clone()),
            ..LiveFrame::empty(
                LinkStatus {
                    platform: "test".into(),
                    state,
                    last_event_at: None,
                    detail: None,
                    events_received: 0,
                },
                Arc::new(fw_engine::ShiftCalendar::china_three_shifts()),
            )
        }
    }

    #[test]
    fn a_frame_that_looks_the_same_does_not_wake_the_board_and_a_different_one_does() {
        let topology = Topology {
            sites: vec![Site {
                id: SiteId(0),
                name: "north".into(),
            }],
            queues: vec![QueueConfig::with_defaults(
                QueueId(0),
                "north.phones",
                "phones",
                SiteId(0),
            )],
            agents: Vec::new(),
        };
        let engine = Engine::new(topology, EngineConfig::default()).unwrap();
        let config = WallboardConfig::default();
        let page = Page {
            title: None,
            content: PageContent::Centre {
                sites: vec![SiteId(0)],
            },
            tiles: vec![TileKind::Waiting, TileKind::Offered],
            seconds: None,
        };
        let first = live(&engine, 1_000_000, LinkState::Connected);
        let inputs = ViewInputs {
            live: &first,
            since_frame_ms: 0,
            language: crate::i18n::Language::En,
            config: &config,
            position: (0, 1),
            pinned: false,
        };
        let shared = BoardShared {
            painted: Some(page_view(&page, &inputs)),
            page: Some(page.clone()),
            language: crate::i18n::Language::En,
            position: (0, 1),
            pinned: false,
        };
        // A second later nothing visible moved (an idle centre): no repaint.
        let same = live(&engine, 1_001_000, LinkState::Connected);
        assert!(!would_change(&shared, &config, &same));
        // The link drops: the board must show it.
        let down = live(&engine, 1_001_000, LinkState::Reconnecting);
        assert!(would_change(&shared, &config, &down));
        // Nothing painted yet: always paint.
        assert!(would_change(&BoardShared::default(), &config, &same));
    }
}
