//! The live state an impact preview starts from, read off the engine the way the wallboard
//! reads it: the last 15 minutes' arrivals and handle time, staffing and callers waiting now.

use super::{LiveLoad, QueueLoad, SiteLoad, WaitingCaller};
use fw_domain::Timestamp;
use fw_engine::{Engine, Window};

/// The window arrivals are measured over: recent enough to show a surge, long enough not to
/// swing with every call.
const PREVIEW_WINDOW: Window = Window::Rolling15;

impl LiveLoad {
    /// What the preview needs from the engine at `now`: the wallboard's own figures.
    pub fn from_engine(engine: &Engine, now: Timestamp) -> LiveLoad {
        let frame = engine.frame_for(PREVIEW_WINDOW, now);
        let minutes = PREVIEW_WINDOW
            .rolling_minutes()
            .map_or(15, |m| u32::try_from(m).unwrap_or(15));
        LiveLoad {
            queues: frame
                .queues
                .iter()
                .map(|q| QueueLoad {
                    queue: q.queue,
                    waiting: q.figures.live.waiting,
                    staffed: q.figures.live.agents.staffed(),
                    available: q.figures.live.agents.available,
                    arrivals_per_hour: QueueLoad::per_hour(q.figures.counters.offered, minutes),
                    aht_secs: q.figures.aht_ms.map(|ms| ms / 1_000.0),
                })
                .collect(),
            sites: frame
                .sites
                .iter()
                .map(|s| SiteLoad {
                    site: s.site,
                    staffed: s.figures.live.agents.staffed(),
                })
                .collect(),
            waiting_callers: Some(
                engine
                    .live_calls()
                    .into_iter()
                    .filter(|c| c.phase.is_waiting())
                    .filter_map(|c| {
                        Some(WaitingCaller {
                            queue: c.queue?,
                            caller: c.caller,
                        })
                    })
                    .collect(),
            ),
        }
    }
}
