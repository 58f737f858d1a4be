//! The wallboard application: page rotation, keys, and painting the newest frame.
//!
//! It never needs a mouse (keys only: Space pins, ←/→ turn pages, 1–9 jump, L switches the
//! language) and never logs out or asks anything. It repaints when what it shows changes:
//! the frame watcher ([`crate::repaint`]) wakes it for new data, and it asks for a wake-up
//! itself only for the next page turn or for the moment the data would turn stale.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fw_app::LiveFrame;
use fw_domain::Topology;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::config::WallboardConfig;
use crate::i18n::Language;
use crate::page::{Page, resolve_pages};
use crate::paint::{Palette, paint_page};
use crate::view::{PageView, STALE_AFTER_MS, ViewInputs, page_view};

/// Take a screenshot once live figures are on screen (a health check for remote screens,
/// and the smoke test's evidence), optionally closing afterwards.
#[derive(Clone, Debug)]
pub struct ScreenshotRequest {
    pub path: PathBuf,
    pub then_exit: bool,
}

/// What the repaint watcher needs to know about the board to judge a new frame.
#[derive(Debug, Default)]
pub struct BoardShared {
    /// The view last painted.
    pub painted: Option<PageView>,
    /// The page on screen and how the board shows it.
    pub page: Option<Page>,
    pub language: Language,
    pub position: (usize, usize),
    pub pinned: bool,
}

/// The page-turning state.
#[derive(Debug)]
struct Rotation {
    index: usize,
    since: Duration,
    pinned: bool,
}

/// The big-screen wallboard.
pub struct WallboardApp {
    config: Arc<WallboardConfig>,
    frames: watch::Receiver<Arc<LiveFrame>>,
    clock: Arc<dyn Clock>,
    shared: Arc<Mutex<BoardShared>>,
    language: Language,
    rotation: Rotation,
    pages: Vec<Page>,
    /// Names in the wallboard file the platform does not have.
    problems: Vec<String>,
    topology: Option<Arc<Topology>>,
    last_live: Option<Arc<LiveFrame>>,
    frame_received_at: Duration,
    /// Shown in the footer when CJK could not be loaded.
    font_problem: Option<String>,
    screenshot: Option<ScreenshotRequest>,
    screenshot_state: Arc<Mutex<ScreenshotState>>,
    /// Paints since `paints_since`, logged once a minute: how a site (and the benchmark)
    /// sees that the board repaints only when its data changes.
    paints: u32,
    paints_since: Duration,
    /// False when eframe clears to the background colour (see `clear_color`).
    fill_background: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
enum ScreenshotState {
    #[default]
    Waiting,
    Requested,
    Written,
}

impl std::fmt::Debug for WallboardApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WallboardApp")
            .field("language", &self.language)
            .field("rotation", &self.rotation)
            .field("pages", &self.pages.len())
            .finish_non_exhaustive()
    }
}

impl WallboardApp {
    /// A board showing `frames`. Fonts are the caller's business (see [`crate::fonts`]);
    /// pass the reason here if CJK could not be loaded, and the board says so.
    pub fn new(
        config: WallboardConfig,
        frames: watch::Receiver<Arc<LiveFrame>>,
        clock: Arc<dyn Clock>,
        font_problem: Option<String>,
    ) -> WallboardApp {
        // Without CJK glyphs Chinese would be empty boxes: fall back to English and say why.
        let language = if font_problem.is_some() {
            Language::En
        } else {
            config.language
        };
        let now = clock.elapsed();
        WallboardApp {
            config: Arc::new(config),
            frames,
            clock,
            shared: Arc::default(),
            language,
            rotation: Rotation {
                index: 0,
                since: now,
                pinned: false,
            },
            pages: Vec::new(),
            problems: Vec::new(),
            topology: None,
            last_live: None,
            frame_received_at: now,
            font_problem,
            screenshot: None,
            screenshot_state: Arc::default(),
            paints: 0,
            paints_since: now,
            fill_background: true,
        }
    }

    /// Asks for a screenshot once live figures are shown.
    #[must_use]
    pub fn with_screenshot(mut self, request: ScreenshotRequest) -> WallboardApp {
        self.screenshot = Some(request);
        self
    }

    /// The renderer clears to the board's background (eframe does, through `clear_color`),
    /// so the board need not paint it.
    #[must_use]
    pub fn cleared_by_renderer(mut self) -> WallboardApp {
        self.fill_background = false;
        self
    }

    /// The state the repaint watcher reads.
    pub fn shared(&self) -> Arc<Mutex<BoardShared>> {
        self.shared.clone()
    }

    pub fn config(&self) -> Arc<WallboardConfig> {
        self.config.clone()
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Which page is up (0-based) and how many there are.
    pub fn position(&self) -> (usize, usize) {
        (self.rotation.index, self.pages.len())
    }

    pub fn pinned(&self) -> bool {
        self.rotation.pinned
    }

    /// Problems found resolving the wallboard file against the platform.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Takes in the newest frame: notes when it arrived and re-resolves pages when the
    /// platform's topology changed.
    fn take_frame(&mut self, now: Duration) -> Arc<LiveFrame> {
        let live = self.frames.borrow().clone();
        if self
            .last_live
            .as_ref()
            .is_none_or(|last| !Arc::ptr_eq(last, &live))
        {
            self.frame_received_at = now;
            self.last_live = Some(live.clone());
        }
        let topology_changed = self
            .topology
            .as_ref()
            .is_none_or(|known| !Arc::ptr_eq(known, &live.topology));
        if topology_changed && live.frame.is_some() {
            let (pages, problems) = resolve_pages(&self.config.pages, &live.topology);
            for problem in &problems {
                tracing::warn!(%problem, "wallboard file");
            }
            self.pages = pages;
            self.problems = problems;
            self.topology = Some(live.topology.clone());
            if self.rotation.index >= self.pages.len() {
                self.rotation.index = 0;
            }
        }
        live
    }

    fn dwell(&self) -> Duration {
        let seconds = self
            .pages
            .get(self.rotation.index)
            .and_then(|p| p.seconds)
            .unwrap_or(self.config.rotate_seconds);
        Duration::from_secs(u64::from(seconds))
    }

    fn turn(&mut self, forward: bool, now: Duration) {
        let count = self.pages.len().max(1);
        self.rotation.index = if forward {
            (self.rotation.index + 1) % count
        } else {
            (self.rotation.index + count - 1) % count
        };
        self.rotation.since = now;
    }

    fn handle_keys(&mut self, ctx: &egui::Context, now: Duration) {
        use egui::Key;
        let pressed = |key| ctx.input(|i| i.key_pressed(key));
        if pressed(Key::Space) {
            self.rotation.pinned = !self.rotation.pinned;
            self.rotation.since = now;
        }
        if pressed(Key::ArrowRight) || pressed(Key::PageDown) {
            self.turn(true, now);
        }
        if pressed(Key::ArrowLeft) || pressed(Key::PageUp) {
            self.turn(false, now);
        }
        // Without a CJK font Chinese would be empty boxes: the board stays in English.
        if pressed(Key::L) && self.font_problem.is_none() {
            self.language = self.language.other();
        }
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (i, key) in digits.into_iter().enumerate() {
            if pressed(key) && i < self.pages.len() {
                self.rotation.index = i;
                self.rotation.since = now;
            }
        }
    }

    /// Turns the page when its time is up; returns how long until the next turn.
    fn rotate(&mut self, now: Duration) -> Option<Duration> {
        if self.rotation.pinned || self.pages.len() < 2 {
            return None;
        }
        let dwell = self.dwell();
        if now.saturating_sub(self.rotation.since) >= dwell {
            self.turn(true, now);
        }
        Some((self.rotation.since + self.dwell()).saturating_sub(now))
    }

    /// The view of the page on screen now.
    pub fn current_view(&self, live: &LiveFrame, now: Duration) -> PageView {
        let since_frame_ms = now.saturating_sub(self.frame_received_at).as_millis() as u64;
        let inputs = ViewInputs {
            live,
            since_frame_ms,
            language: self.language,
            config: &self.config,
            position: (self.rotation.index, self.pages.len().max(1)),
            pinned: self.rotation.pinned,
        };
        match self.pages.get(self.rotation.index) {
            Some(page) => page_view(page, &inputs),
            None => page_view(&Page::waiting(), &inputs),
        }
    }

    fn publish(&self, view: &PageView) {
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.painted = Some(view.clone());
        shared.page = self.pages.get(self.rotation.index).cloned();
        shared.language = self.language;
        shared.position = (self.rotation.index, self.pages.len().max(1));
        shared.pinned = self.rotation.pinned;
    }

    fn maybe_screenshot(&self, ctx: &egui::Context, view: &PageView) {
        let Some(request) = &self.screenshot else {
            return;
        };
        let mut state = self
            .screenshot_state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match *state {
            ScreenshotState::Waiting if !view.stale && view.body != crate::view::Body::Empty => {
                *state = ScreenshotState::Requested;
                let path = request.path.clone();
                let then_exit = request.then_exit;
                let done = self.screenshot_state.clone();
                let ctx_for_close = ctx.clone();
                ctx.request_screenshot(move |image| {
                    match crate::snapshot::write_png(&path, &image) {
                        Ok(()) => tracing::info!(path = %path.display(), "screenshot written"),
                        Err(error) => tracing::error!(%error, "screenshot failed"),
                    }
                    *done
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) =
                        ScreenshotState::Written;
                    if then_exit {
                        ctx_for_close.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    ctx_for_close.request_repaint();
                });
                ctx.request_repaint();
            }
            _ => {}
        }
    }

    /// One pass: keys, rotation, view, paint. Shared by eframe and the tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // A kiosk shows no pointer, even when a mouse is plugged in.
        ctx.set_cursor_icon(egui::CursorIcon::None);
        let now = self.clock.elapsed();
        let live = self.take_frame(now);
        self.handle_keys(&ctx, now);
        let next_turn = self.rotate(now);
        let view = self.current_view(&live, now);
        let palette = Palette::for_theme(self.config.theme, view.stale);
        paint_page(
            ui,
            &view,
            &palette,
            &crate::paint::Footer {
                language: self.language,
                problems: &self.problems,
                font_problem: self.font_problem.as_deref(),
                fill_background: self.fill_background,
                clock: live
                    .frame
                    .as_ref()
                    .map(|f| fw_charts::clock_label(f.at, self.config.time_zone)),
            },
        );
        self.publish(&view);
        self.maybe_screenshot(&ctx, &view);
        self.paints += 1;
        tracing::trace!(causes = ?ctx.repaint_causes(), "paint");
        if now.saturating_sub(self.paints_since) >= Duration::from_secs(60) {
            tracing::info!(
                paints = self.paints,
                stale = view.stale,
                "paints in the last minute"
            );
            self.paints = 0;
            self.paints_since = now;
        }
        // Wake for the next page turn, or for the moment silence would make the data stale.
        let stale_check = Duration::from_millis(STALE_AFTER_MS);
        ctx.request_repaint_after(next_turn.map_or(stale_check, |turn| turn.min(stale_check)));
    }
}

impl eframe::App for WallboardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    /// The board's background is the GL clear colour, so no full-screen rectangle is drawn
    /// on top of it: one full-HD fill less per frame for a software renderer.
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        Palette::for_theme(self.config.theme, false)
            .background
            .to_normalized_gamma_f32()
    }
}
