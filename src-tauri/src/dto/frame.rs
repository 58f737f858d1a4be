//! A whole frame as the UI receives it: link state, the centre, sites with their queues.

use fw_app::{LinkState, LiveFrame};
use fw_engine::Window;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::{FiguresDto, SlVariantDto};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum WindowDto {
    Rolling15,
    Rolling30,
    Rolling60,
    Shift,
    Day,
}

impl From<WindowDto> for Window {
    fn from(window: WindowDto) -> Self {
        match window {
            WindowDto::Rolling15 => Window::Rolling15,
            WindowDto::Rolling30 => Window::Rolling30,
            WindowDto::Rolling60 => Window::Rolling60,
            WindowDto::Shift => Window::Shift,
            WindowDto::Day => Window::Day,
        }
    }
}

impl From<Window> for WindowDto {
    fn from(window: Window) -> Self {
        match window {
            Window::Rolling15 => WindowDto::Rolling15,
            Window::Rolling30 => WindowDto::Rolling30,
            Window::Rolling60 => WindowDto::Rolling60,
            Window::Shift => WindowDto::Shift,
            Window::Day => WindowDto::Day,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LinkStateDto {
    Connecting,
    Connected,
    Reconnecting,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LinkDto {
    pub platform: String,
    pub state: LinkStateDto,
    pub last_event_age_ms: Option<f64>,
    pub detail: Option<String>,
    /// Events received from the platform since the console started.
    pub events_received: f64,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueFrameDto {
    pub id: u32,
    pub name: String,
    pub skill: String,
    pub tier2: bool,
    pub sl_threshold_secs: u32,
    pub sl_target_pct: u32,
    pub sl_variant: SlVariantDto,
    pub short_abandon_secs: u32,
    pub figures: FiguresDto,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SiteFrameDto {
    pub id: u32,
    pub name: String,
    pub figures: FiguresDto,
    pub queues: Vec<QueueFrameDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnomaliesDto {
    pub duplicates: f64,
    pub gaps: f64,
    pub unknown_calls: f64,
    pub unknown_agents: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FrameDto {
    pub at_ms: f64,
    pub window: WindowDto,
    pub window_start_ms: f64,
    pub link: LinkDto,
    pub total: FiguresDto,
    pub sites: Vec<SiteFrameDto>,
    pub anomalies: AnomaliesDto,
    /// When (Unix milliseconds, wall clock) the oldest event this frame is the first to show
    /// arrived from the platform: the screen measures its event-to-screen delay from it.
    pub first_new_event_received_ms: Option<f64>,
    /// True when `sites[].queues` lists every queue (a stream's first frame, and the first
    /// after a reconnect). False when it lists only the queues whose figures changed since
    /// the stream's previous frame: the others stand, their longest wait and data age older
    /// by the time between the two frames' `atMs`.
    pub queues_complete: bool,
}

impl FrameDto {
    /// The frame for the UI; `None` until the hub has its first snapshot. A queue is listed
    /// when `list_queue` says so, given its id and figures (its names are built only then);
    /// the frame says `queues_complete`, and a caller whose `list_queue` leaves queues out
    /// clears it.
    pub fn from_live(
        live: &LiveFrame,
        mut list_queue: impl FnMut(u32, &mut FiguresDto) -> bool,
    ) -> Option<FrameDto> {
        let frame = live.frame.as_ref()?;
        let topology = &live.topology;
        let link = LinkDto {
            platform: live.link.platform.clone(),
            state: match live.link.state {
                LinkState::Connecting => LinkStateDto::Connecting,
                LinkState::Connected => LinkStateDto::Connected,
                LinkState::Reconnecting => LinkStateDto::Reconnecting,
            },
            last_event_age_ms: live
                .link
                .last_event_at
                .map(|t| frame.at.millis_since(t) as f64),
            detail: live.link.detail.clone(),
            events_received: live.link.events_received as f64,
        };
        let sites = frame
            .sites
            .iter()
            .map(|site| SiteFrameDto {
                id: u32::from(site.site.0),
                name: topology
                    .site(site.site)
                    .map_or_else(|| site.site.to_string(), |s| s.name.clone()),
                figures: (&site.figures).into(),
                queues: frame
                    .queues
                    .iter()
                    .filter(|q| q.site == site.site)
                    .filter_map(|q| {
                        let config = topology.queue(q.queue)?;
                        let id = u32::from(q.queue.0);
                        let mut figures = FiguresDto::from(&q.figures);
                        list_queue(id, &mut figures).then(|| QueueFrameDto {
                            id,
                            name: config.name.clone(),
                            skill: config.skill.clone(),
                            tier2: config.tier2,
                            sl_threshold_secs: config.sl_threshold_secs,
                            sl_target_pct: u32::from(config.sl_target_pct),
                            sl_variant: config.sl_variant.into(),
                            short_abandon_secs: config.short_abandon_secs,
                            figures,
                        })
                    })
                    .collect(),
            })
            .collect();
        let a = frame.anomalies;
        Some(FrameDto {
            at_ms: frame.at.0 as f64,
            window: frame.window.into(),
            window_start_ms: frame.window_start.0 as f64,
            link,
            total: (&frame.total).into(),
            sites,
            anomalies: AnomaliesDto {
                duplicates: a.duplicates as f64,
                gaps: a.gaps as f64,
                unknown_calls: a.unknown_calls as f64,
                unknown_agents: a.unknown_agents as f64,
            },
            first_new_event_received_ms: live.first_new_event_received.and_then(|at| {
                at.duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .map(|since| since.as_secs_f64() * 1_000.0)
            }),
            queues_complete: true,
        })
    }
}

/// Whose trends to chart.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum TrendScopeDto {
    Centre,
    Site { id: u32 },
    Queue { id: u32 },
}

/// Four SVG charts (offered and answered, service level, ASA, abandons per interval).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendChartsDto {
    pub charts: Vec<String>,
    /// How many 15-minute intervals of today they cover.
    pub intervals: u32,
}
