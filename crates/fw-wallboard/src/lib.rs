//! Floorwalker's big-screen wallboard: a kiosk for the TV above the contact-centre floor.
//!
//! It reads the same [`fw_app::LiveFrame`]s as the console (embedded simulator by default,
//! later Asterisk) and shows pages that rotate on a timer: the centre, each site, chosen
//! queues, and intraday trend charts (drawn by the console's own chart code, `fw-charts`,
//! through a plotters backend over egui). Pages and tiles come from a TOML file so a site
//! sets its screens up once (`wallboard.example.toml`).
//!
//! Rules it keeps whatever the configuration: thresholds are shown by shape as well as
//! colour; when the platform link is down the figures turn visibly stale, never zero; caller
//! numbers and names never appear (the view model carries no call data, and every outside
//! name is scrubbed of phone numbers, see [`privacy`]).

mod app;
mod chart_painter;
mod clock;
mod config;
pub mod fonts;
mod i18n;
mod page;
mod paint;
mod palette;
pub mod privacy;
pub mod repaint;
mod routing_banner;
mod snapshot;
mod thresholds;
mod view;

pub use app::{BoardShared, ScreenshotRequest, WallboardApp};
pub use chart_painter::EguiBackend;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{Labels, Theme, WallboardConfig, WallboardConfigError, WindowChoice};
pub use i18n::Language;
pub use page::{ChartKind, Page, PageContent, PageSpec, Scope, TileKind, resolve_pages};
pub use routing_banner::{BannerTone, ModeLine, RoutingBanner};
pub use snapshot::{SnapshotError, write_png};
pub use thresholds::{Level, Thresholds};
pub use view::{
    Body, ChartView, PageView, RowView, STALE_AFTER_MS, TileView, ViewInputs, page_view,
};
