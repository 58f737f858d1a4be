//! Frames from a real simulated centre, built without a runtime: the simulator feeds the
//! engine directly, the way the hub would, so the board is tested on the real data shape.

use std::sync::Arc;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use fw_app::{LinkState, LinkStatus, LiveFrame};
use fw_domain::{MINUTE_MS, Timestamp};
use fw_engine::{Engine, EngineConfig, TREND_INTERVAL_MINUTES};
use fw_sim::{SimConfig, Simulator};
use fw_wallboard::fonts::CjkFont;
use fw_wallboard::{ManualClock, WallboardApp, WallboardConfig};
use tokio::sync::watch;

/// 2026-11-22 10:00 in Shanghai: a busy morning.
pub const PRESENT: Timestamp = Timestamp(1_795_312_800_000);

/// A simulated centre and the engine that watches it.
pub struct Centre {
    pub simulator: Simulator,
    pub engine: Engine,
    pub now: Timestamp,
}

impl Centre {
    /// `agents` agents, warmed up from 06:00 to 10:00.
    pub fn new(agents: u32) -> Centre {
        let start = PRESENT.plus_ms(-4 * 60 * MINUTE_MS);
        let simulator = Simulator::new(SimConfig::new(2026, agents, start)).unwrap();
        let mut engine =
            Engine::new(simulator.topology().clone(), EngineConfig::default()).unwrap();
        engine.resync(&simulator.snapshot(), start).unwrap();
        let mut centre = Centre {
            simulator,
            engine,
            now: start,
        };
        centre.advance(Duration::from_secs(4 * 3600));
        centre
    }

    pub fn advance(&mut self, by: Duration) {
        self.now = self.now.plus_ms(by.as_millis() as i64);
        let mut events = Vec::new();
        self.simulator.advance_to(self.now, &mut events);
        for event in &events {
            self.engine.apply(event, event.at);
        }
    }

    pub fn live(&self, state: LinkState) -> Arc<LiveFrame> {
        Arc::new(LiveFrame {
            frame: Some(self.engine.frame(self.now)),
            trends: Some(Arc::new(
                self.engine.trends(self.now, TREND_INTERVAL_MINUTES),
            )),
            // Caller numbers are in the frame, as in production: the board must not show them.
            calls: Arc::new(self.engine.live_calls()),
            topology: Arc::new(self.engine.topology().clone()),
            ..LiveFrame::empty(
                LinkStatus {
                    platform: "Simulator".into(),
                    state,
                    last_event_at: Some(self.now),
                    detail: (state != LinkState::Connected).then(|| "connection reset".into()),
                    events_received: 0,
                },
                Arc::new(fw_engine::ShiftCalendar::china_three_shifts()),
            )
        })
    }
}

/// A board on a 1080p screen with the system's CJK font, a manual clock and a frame feed.
pub struct Board {
    pub harness: Harness<'static, WallboardApp>,
    pub clock: ManualClock,
    pub feed: watch::Sender<Arc<LiveFrame>>,
}

impl Board {
    pub fn new(config: WallboardConfig, first: Arc<LiveFrame>) -> Board {
        let clock = ManualClock::default();
        let (feed, frames) = watch::channel(first);
        let font =
            CjkFont::find(None).expect("fonts-noto-cjk is installed by scripts/install-deps.sh");
        let app_clock = clock.clone();
        let harness = Harness::builder()
            .with_size([1920.0, 1080.0])
            .with_pixels_per_point(1.0)
            .build_eframe(move |cc| {
                font.install(&cc.egui_ctx);
                WallboardApp::new(config, frames, Arc::new(app_clock), None)
            });
        let mut board = Board {
            harness,
            clock,
            feed,
        };
        board.settle();
        board
    }

    /// Runs frames until the board has nothing more to do right now.
    pub fn settle(&mut self) {
        self.harness.run_steps(3);
    }

    pub fn advance(&mut self, by: Duration) {
        self.clock.advance(by);
        self.settle();
    }

    pub fn press(&mut self, key: egui::Key) {
        self.harness.key_press(key);
        self.settle();
    }

    pub fn show(&mut self, live: Arc<LiveFrame>) {
        self.feed.send_replace(live);
        self.settle();
    }

    /// Every text on screen, in order: the labels' texts and the tiles' descriptions.
    pub fn texts(&self) -> Vec<String> {
        self.harness
            .root()
            .query_all(egui_kittest::kittest::By::new().recursive(true))
            .filter_map(|node| {
                let node = node.accesskit_node();
                match node.role() {
                    egui::Role::Label => node.value(),
                    egui::Role::TextRun => None,
                    _ => node.label(),
                }
            })
            .collect()
    }

    pub fn has_text(&self, text: &str) -> bool {
        self.texts().iter().any(|t| t == text)
    }

    /// The page's title (the first label on screen).
    pub fn title(&self) -> String {
        self.texts().first().cloned().unwrap_or_default()
    }

    /// The description of the tile named `name` (e.g. "华北 · 服务水平").
    pub fn tile(&self, name: &str) -> String {
        let prefix = format!("{name}: ");
        self.texts()
            .into_iter()
            .find(|t| t.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no tile {name:?} among {:?}", self.texts()))
    }
}
