//! Floorwalker's metrics engine. Pure: events and the current time go in, frames come out.
//!
//! * [`Engine::apply`] takes one sequenced event. Duplicates (a sequence number already seen
//!   from that source) change nothing; gaps and events about unknown calls or agents are
//!   counted as [`Anomalies`], never a panic.
//! * [`Engine::resync`] takes a platform [`fw_domain::Snapshot`] after a (re)connect and
//!   reconciles live state without counting anything twice.
//! * [`Engine::frame`] computes every figure per queue, per site and for the centre over the
//!   selected [`Window`], each with the age of its newest input.
//!
//! Counters live in buckets per queue: by the minute for the current and the previous hour,
//! by the quarter hour for 26 hours. A rolling window is "the current minute and the N−1
//! minutes before it"; a shift or day window starts on a quarter hour in the centre's time
//! zone, and trends are cut into whole quarters.

mod agent_day;
mod agent_view;
mod agents;
mod anomalies;
mod bucket;
mod calendar;
mod compute;
mod engine;
mod erlang;
mod figures;
mod frame;
mod history;
mod live;
mod monitors;
mod resync;
mod trend;
mod window;

pub use agent_view::AgentView;
pub use anomalies::Anomalies;
pub use bucket::Counters;
pub use calendar::{CalendarError, ShiftCalendar};
pub use engine::{Engine, EngineConfig};
pub use erlang::{agents_required, erlang_c, service_level};
pub use figures::{AgentCounts, ErlangFigures, Figures, LiveFigures, ServiceLevels};
pub use frame::{Frame, QueueFrame, SiteFrame};
pub use history::RETENTION_MINUTES;
pub use trend::{TREND_INTERVAL_MINUTES, TrendPoint, TrendSeries, Trends};
pub use window::Window;
