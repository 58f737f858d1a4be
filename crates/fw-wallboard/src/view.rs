//! The page as text and levels: a pure function of the configured page, the newest frame
//! and how fresh it is. The painter draws exactly this, and the repaint watcher compares it,
//! so the board repaints only when something a viewer could see has changed.

use fw_app::{LinkState, LiveFrame};
use fw_domain::{QueueId, SiteId, Topology};
use fw_engine::{Figures, TrendPoint, TrendSeries};

use crate::config::WallboardConfig;
use crate::i18n::Language;
use crate::page::{ChartKind, Page, PageContent, Scope, TileKind};
use crate::privacy::scrub;
use crate::routing_banner::{RoutingBanner, routing_banner};
use crate::thresholds::Level;

/// Frames normally arrive every second; after this long without one the board is stale
/// even if the link claims to be up (the hub itself may have stalled).
pub const STALE_AFTER_MS: u64 = 15_000;

/// One figure as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct TileView {
    pub kind: TileKind,
    pub label: String,
    pub value: String,
    pub level: Level,
    /// The age of the newest input behind the figure, e.g. "42 s".
    pub age: String,
}

/// A named row of tiles (a site on the centre page, a queue on a site page).
#[derive(Clone, Debug, PartialEq)]
pub struct RowView {
    pub name: String,
    pub tiles: Vec<TileView>,
}

/// One trend chart's data.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartView {
    pub kind: ChartKind,
    pub title: String,
    pub points: Vec<TrendPoint>,
    pub labels: Vec<String>,
    pub target_pct: Option<f64>,
}

/// What fills the page under its title.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Waiting for the first snapshot.
    Empty,
    Tiles {
        hero: Vec<TileView>,
        rows: Vec<RowView>,
    },
    Charts(Vec<ChartView>),
}

/// Everything one page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PageView {
    pub title: String,
    /// The window and the page position, e.g. "last 15 min · 2/5".
    pub subtitle: String,
    /// Shown across the top when the link is not up.
    pub banner: Option<String>,
    /// The disaster-mode banner, above everything, while a mode is in force (or the plan
    /// could not be read).
    pub routing: Option<RoutingBanner>,
    /// The figures are not current: draw them dimmed and marked, never as zeros.
    pub stale: bool,
    pub body: Body,
}

/// What the page view is computed from besides the page.
#[derive(Clone, Copy, Debug)]
pub struct ViewInputs<'a> {
    pub live: &'a LiveFrame,
    /// Milliseconds since `live` arrived.
    pub since_frame_ms: u64,
    pub language: Language,
    pub config: &'a WallboardConfig,
    /// Which page this is and how many there are, for the subtitle.
    pub position: (usize, usize),
    pub pinned: bool,
}

/// Builds the view of `page`.
pub fn page_view(page: &Page, inputs: &ViewInputs<'_>) -> PageView {
    let lang = inputs.language;
    let live = inputs.live;
    let topology = &live.topology;
    let stale = live.link.state != LinkState::Connected
        || live.frame.is_none()
        || inputs.since_frame_ms > STALE_AFTER_MS;
    let banner = match live.link.state {
        LinkState::Connecting => Some(lang.connecting().to_string()),
        LinkState::Reconnecting => Some(lang.link_down().to_string()),
        LinkState::Connected if stale => Some(lang.link_down().to_string()),
        LinkState::Connected => None,
    };
    let names = Names {
        topology,
        config: inputs.config,
        lang,
    };
    let title = page.title.as_deref().map_or_else(
        || match &page.content {
            PageContent::Centre { .. } => lang.centre().to_string(),
            PageContent::Site { site, .. } => names.site(*site),
            PageContent::Queues { queues } => queues
                .iter()
                .map(|q| names.queue(*q))
                .collect::<Vec<_>>()
                .join(" · "),
            PageContent::Trends { scope, .. } => {
                format!("{} · {}", names.scope(*scope), lang.trends())
            }
        },
        scrub,
    );
    let mut subtitle = format!("{}/{}", inputs.position.0 + 1, inputs.position.1);
    if let Some(frame) = &live.frame
        && !matches!(page.content, PageContent::Trends { .. })
    {
        subtitle = format!("{} · {subtitle}", lang.window(frame.window));
    }
    if inputs.pinned {
        subtitle = format!("{subtitle} · {}", lang.pinned());
    }

    let body = match (&live.frame, &page.content) {
        (None, _) => Body::Empty,
        (Some(_), PageContent::Trends { scope, charts }) => {
            Body::Charts(charts_view(*scope, charts, inputs))
        }
        (Some(frame), content) => {
            let tiles = Tiler {
                kinds: &page.tiles,
                inputs,
                topology,
            };
            let (hero, rows) = match content {
                PageContent::Centre { sites } => (
                    tiles.row(&frame.total, Scope::Centre),
                    sites
                        .iter()
                        .filter_map(|id| frame.sites.iter().find(|s| s.site == *id))
                        .map(|s| RowView {
                            name: names.site(s.site),
                            tiles: tiles.row(&s.figures, Scope::Site(s.site)),
                        })
                        .collect(),
                ),
                PageContent::Site { site, queues } => (
                    frame
                        .sites
                        .iter()
                        .find(|s| s.site == *site)
                        .map(|s| tiles.row(&s.figures, Scope::Site(*site)))
                        .unwrap_or_default(),
                    queue_rows(queues, frame, &tiles, &names),
                ),
                PageContent::Queues { queues } => {
                    (Vec::new(), queue_rows(queues, frame, &tiles, &names))
                }
                PageContent::Trends { .. } => unreachable!("handled above"),
            };
            Body::Tiles { hero, rows }
        }
    };
    PageView {
        title,
        subtitle,
        banner,
        routing: routing_banner(live, &names, inputs.config),
        stale,
        body,
    }
}

fn queue_rows(
    queues: &[QueueId],
    frame: &fw_engine::Frame,
    tiles: &Tiler<'_>,
    names: &Names<'_>,
) -> Vec<RowView> {
    queues
        .iter()
        .filter_map(|id| frame.queues.iter().find(|q| q.queue == *id))
        .map(|q| RowView {
            name: names.queue(q.queue),
            tiles: tiles.row(&q.figures, Scope::Queue(q.queue)),
        })
        .collect()
}

fn charts_view(scope: Scope, charts: &[ChartKind], inputs: &ViewInputs<'_>) -> Vec<ChartView> {
    let lang = inputs.language;
    let Some(trends) = inputs.live.trends.as_deref() else {
        return Vec::new();
    };
    let series: Option<&TrendSeries> = match scope {
        Scope::Centre => Some(&trends.total),
        Scope::Site(site) => trends
            .sites
            .iter()
            .find(|(s, _)| *s == site)
            .map(|(_, t)| t),
        Scope::Queue(queue) => trends
            .queues
            .iter()
            .find(|(q, _)| *q == queue)
            .map(|(_, t)| t),
    };
    let Some(series) = series else {
        return Vec::new();
    };
    let time_zone = inputs.config.time_zone;
    let labels: Vec<String> = series
        .points
        .iter()
        .map(|p| fw_charts::clock_label(p.start, time_zone))
        .collect();
    charts
        .iter()
        .map(|kind| ChartView {
            kind: *kind,
            title: lang.chart(*kind).to_string(),
            points: series.points.clone(),
            labels: labels.clone(),
            target_pct: (*kind == ChartKind::ServiceLevel)
                .then(|| target_pct(inputs.live.topology.as_ref(), scope)),
        })
        .collect()
}

/// The service-level target that applies to a scope: the queue's own, or the strictest of
/// the queues under a site or the centre.
pub fn target_pct(topology: &Topology, scope: Scope) -> f64 {
    let strictest = |filter: &dyn Fn(&fw_domain::QueueConfig) -> bool| {
        topology
            .queues
            .iter()
            .filter(|q| filter(q))
            .map(|q| f64::from(q.sl_target_pct))
            .fold(None, |best: Option<f64>, t| {
                Some(best.map_or(t, |b| b.max(t)))
            })
            .unwrap_or(80.0)
    };
    match scope {
        Scope::Centre => strictest(&|_| true),
        Scope::Site(site) => strictest(&|q| q.site == site),
        Scope::Queue(queue) => strictest(&|q| q.id == queue),
    }
}

/// Display names, scrubbed.
pub(crate) struct Names<'a> {
    pub(crate) topology: &'a Topology,
    pub(crate) config: &'a WallboardConfig,
    pub(crate) lang: Language,
}

impl Names<'_> {
    pub(crate) fn site(&self, id: SiteId) -> String {
        let Some(site) = self.topology.sites.get(id.index()) else {
            return format!("#{id}");
        };
        let name = self
            .config
            .label(self.lang, &site.name)
            .map_or_else(|| self.lang.site_name(&site.name), str::to_string);
        scrub(&name)
    }

    pub(crate) fn queue(&self, id: QueueId) -> String {
        let Some(queue) = self.topology.queues.get(id.index()) else {
            return format!("#{id}");
        };
        if let Some(label) = self.config.label(self.lang, &queue.name) {
            return scrub(label);
        }
        let site = self.site(queue.site);
        scrub(&format!("{site} · {}", self.lang.skill_name(&queue.skill)))
    }

    fn scope(&self, scope: Scope) -> String {
        match scope {
            Scope::Centre => self.lang.centre().to_string(),
            Scope::Site(site) => self.site(site),
            Scope::Queue(queue) => self.queue(queue),
        }
    }
}

/// Builds a row of tiles from one figure set.
struct Tiler<'a> {
    kinds: &'a [TileKind],
    inputs: &'a ViewInputs<'a>,
    topology: &'a Topology,
}

impl Tiler<'_> {
    fn row(&self, figures: &Figures, scope: Scope) -> Vec<TileView> {
        let lang = self.inputs.language;
        let target = target_pct(self.topology, scope);
        let age = figures.age_ms.map_or_else(
            || "—".to_string(),
            |ms| lang.age(ms + self.inputs.since_frame_ms),
        );
        self.kinds
            .iter()
            .map(|kind| TileView {
                kind: *kind,
                label: lang.tile(*kind).to_string(),
                value: value(*kind, figures),
                level: self.inputs.config.thresholds.level(*kind, figures, target),
                age: age.clone(),
            })
            .collect()
    }
}

/// A figure's value as the board prints it. Percentages round down so 99.6 % never shows
/// as a met 100 %; a figure with no calls behind it is a dash, never a zero.
pub fn value(kind: TileKind, f: &Figures) -> String {
    let dash = || "—".to_string();
    let percent = |v: Option<f64>| v.map_or_else(dash, |v| format!("{}%", v.floor() as i64));
    let clock = |ms: Option<f64>| {
        ms.map_or_else(dash, |ms| {
            let secs = (ms / 1000.0).round() as u64;
            format!("{}:{:02}", secs / 60, secs % 60)
        })
    };
    match kind {
        TileKind::Waiting => f.live.waiting.to_string(),
        TileKind::LongestWait => clock(f.live.longest_wait_ms.map(|ms| ms as f64)),
        TileKind::ServiceLevel => percent(f.service_level_pct),
        TileKind::Asa => clock(f.asa_ms),
        TileKind::AbandonRate => f
            .abandon_rate_pct
            .map_or_else(dash, |v| format!("{:.1}%", (v * 10.0).floor() / 10.0)),
        TileKind::Offered => f.counters.offered.to_string(),
        TileKind::Answered => f.counters.answered.to_string(),
        TileKind::AgentsAvailable => f.live.agents.available.to_string(),
        TileKind::AgentsOnCall => f.live.agents.on_call.to_string(),
        TileKind::Occupancy => percent(f.occupancy_pct),
        TileKind::Aht => clock(f.aht_ms),
        TileKind::Staffing => match f.erlang.required {
            Some(required) => format!("{} / {required}", f.erlang.staffed),
            None => format!("{} / —", f.erlang.staffed),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_never_round_up_into_a_met_target_and_empty_is_a_dash() {
        let mut f = Figures::default();
        assert_eq!(value(TileKind::ServiceLevel, &f), "—");
        assert_eq!(value(TileKind::LongestWait, &f), "—");
        f.service_level_pct = Some(99.6);
        assert_eq!(value(TileKind::ServiceLevel, &f), "99%");
        f.live.longest_wait_ms = Some(83_000);
        assert_eq!(value(TileKind::LongestWait, &f), "1:23");
        f.abandon_rate_pct = Some(4.99);
        assert_eq!(value(TileKind::AbandonRate, &f), "4.9%");
        f.erlang.staffed = 12;
        f.erlang.required = Some(14);
        assert_eq!(value(TileKind::Staffing, &f), "12 / 14");
    }
}
