//! What a page shows, as configured, and the same resolved against the platform's topology.

use fw_domain::{QueueId, SiteId, Topology};
use serde::Deserialize;

/// One figure on a tile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TileKind {
    Waiting,
    LongestWait,
    ServiceLevel,
    Asa,
    AbandonRate,
    Offered,
    Answered,
    AgentsAvailable,
    AgentsOnCall,
    Occupancy,
    Aht,
    /// Erlang C agents required beside agents staffed.
    Staffing,
}

impl TileKind {
    /// The centre page's default tiles: the queue now, then the window's outcome.
    pub const CENTRE: [TileKind; 8] = [
        TileKind::Waiting,
        TileKind::LongestWait,
        TileKind::ServiceLevel,
        TileKind::AbandonRate,
        TileKind::Asa,
        TileKind::Offered,
        TileKind::AgentsAvailable,
        TileKind::Staffing,
    ];
    /// A site page's default tiles for the site and for each of its queues.
    pub const SITE: [TileKind; 5] = [
        TileKind::Waiting,
        TileKind::LongestWait,
        TileKind::ServiceLevel,
        TileKind::AbandonRate,
        TileKind::AgentsAvailable,
    ];
}

/// One chart on a trends page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Offered,
    ServiceLevel,
    Asa,
    Abandoned,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Offered,
        ChartKind::ServiceLevel,
        ChartKind::Asa,
        ChartKind::Abandoned,
    ];

    pub const fn metric(self) -> fw_charts::TrendMetric {
        match self {
            ChartKind::Offered => fw_charts::TrendMetric::Offered,
            ChartKind::ServiceLevel => fw_charts::TrendMetric::ServiceLevel,
            ChartKind::Asa => fw_charts::TrendMetric::Asa,
            ChartKind::Abandoned => fw_charts::TrendMetric::Abandoned,
        }
    }
}

/// A page as the wallboard file describes it. Sites and queues are named as the platform
/// names them (`north`, `north.phones`), so one file works across restarts.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageSpec {
    /// The centre's figures and a row per site.
    Centre {
        title: Option<String>,
        #[serde(default = "centre_tiles")]
        tiles: Vec<TileKind>,
        seconds: Option<u32>,
    },
    /// One site: its figures and a row per queue.
    Site {
        site: String,
        #[serde(default = "site_tiles")]
        tiles: Vec<TileKind>,
        seconds: Option<u32>,
    },
    /// A site page for every site the platform has, in order.
    EachSite {
        #[serde(default = "site_tiles")]
        tiles: Vec<TileKind>,
        seconds: Option<u32>,
    },
    /// Chosen queues, one row each.
    Queues {
        title: Option<String>,
        queues: Vec<String>,
        #[serde(default = "site_tiles")]
        tiles: Vec<TileKind>,
        seconds: Option<u32>,
    },
    /// Intraday trend charts for the centre (no scope), a site or a queue.
    Trends {
        title: Option<String>,
        scope: Option<String>,
        #[serde(default = "all_charts")]
        metrics: Vec<ChartKind>,
        seconds: Option<u32>,
    },
}

fn centre_tiles() -> Vec<TileKind> {
    TileKind::CENTRE.to_vec()
}

fn site_tiles() -> Vec<TileKind> {
    TileKind::SITE.to_vec()
}

fn all_charts() -> Vec<ChartKind> {
    ChartKind::ALL.to_vec()
}

/// Tiles in a row beyond this no longer fit a 1080p screen at a readable size.
const MAX_TILES: usize = 8;

impl PageSpec {
    pub(crate) fn check(&self) -> Result<(), String> {
        let (tiles, seconds) = match self {
            PageSpec::Centre { tiles, seconds, .. }
            | PageSpec::Site { tiles, seconds, .. }
            | PageSpec::EachSite { tiles, seconds }
            | PageSpec::Queues { tiles, seconds, .. } => (tiles.len(), *seconds),
            PageSpec::Trends {
                metrics, seconds, ..
            } => {
                if metrics.is_empty() || metrics.len() > 4 {
                    return Err(format!(
                        "metrics lists {}; give 1 to 4 charts",
                        metrics.len()
                    ));
                }
                (1, *seconds)
            }
        };
        if tiles == 0 || tiles > MAX_TILES {
            return Err(format!("tiles lists {tiles}; give 1 to {MAX_TILES}"));
        }
        if let PageSpec::Queues { queues, .. } = self
            && queues.is_empty()
        {
            return Err("a queues page needs at least one queue".into());
        }
        if seconds.is_some_and(|s| s < 3) {
            return Err("seconds must be at least 3".into());
        }
        Ok(())
    }
}

/// What a resolved page is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageContent {
    Centre {
        sites: Vec<SiteId>,
    },
    Site {
        site: SiteId,
        queues: Vec<QueueId>,
    },
    Queues {
        queues: Vec<QueueId>,
    },
    Trends {
        scope: Scope,
        charts: Vec<ChartKind>,
    },
}

/// The centre, a site or a queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Centre,
    Site(SiteId),
    Queue(QueueId),
}

/// A page ready to draw: ids instead of names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub content: PageContent,
    pub tiles: Vec<TileKind>,
    pub seconds: Option<u32>,
}

/// Turns the configured pages into pages for `topology`. Names the platform does not have
/// are reported (and left out), never fatal: the board keeps running with what it can show.
pub fn resolve_pages(specs: &[PageSpec], topology: &Topology) -> (Vec<Page>, Vec<String>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let site_by_name = |name: &str| {
        topology
            .sites
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| s.id)
    };
    let queue_by_name = |name: &str| {
        topology
            .queues
            .iter()
            .find(|q| q.name.eq_ignore_ascii_case(name))
            .map(|q| q.id)
    };
    let queues_of = |site: SiteId| -> Vec<QueueId> {
        topology
            .queues
            .iter()
            .filter(|q| q.site == site)
            .map(|q| q.id)
            .collect()
    };
    for (number, spec) in specs.iter().enumerate() {
        let number = number + 1;
        match spec {
            PageSpec::Centre {
                title,
                tiles,
                seconds,
            } => pages.push(Page {
                title: title.clone(),
                content: PageContent::Centre {
                    sites: topology.sites.iter().map(|s| s.id).collect(),
                },
                tiles: tiles.clone(),
                seconds: *seconds,
            }),
            PageSpec::Site {
                site,
                tiles,
                seconds,
            } => match site_by_name(site) {
                Some(id) => pages.push(Page {
                    title: None,
                    content: PageContent::Site {
                        site: id,
                        queues: queues_of(id),
                    },
                    tiles: tiles.clone(),
                    seconds: *seconds,
                }),
                None => problems.push(format!("page {number}: no site named \"{site}\"")),
            },
            PageSpec::EachSite { tiles, seconds } => {
                for site in &topology.sites {
                    pages.push(Page {
                        title: None,
                        content: PageContent::Site {
                            site: site.id,
                            queues: queues_of(site.id),
                        },
                        tiles: tiles.clone(),
                        seconds: *seconds,
                    });
                }
            }
            PageSpec::Queues {
                title,
                queues,
                tiles,
                seconds,
            } => {
                let mut ids = Vec::new();
                for name in queues {
                    match queue_by_name(name) {
                        Some(id) => ids.push(id),
                        None => problems.push(format!("page {number}: no queue named \"{name}\"")),
                    }
                }
                if !ids.is_empty() {
                    pages.push(Page {
                        title: title.clone(),
                        content: PageContent::Queues { queues: ids },
                        tiles: tiles.clone(),
                        seconds: *seconds,
                    });
                }
            }
            PageSpec::Trends {
                title,
                scope,
                metrics,
                seconds,
            } => {
                let resolved = match scope.as_deref() {
                    None | Some("centre" | "center") => Some(Scope::Centre),
                    Some(name) => site_by_name(name)
                        .map(Scope::Site)
                        .or_else(|| queue_by_name(name).map(Scope::Queue)),
                };
                match resolved {
                    Some(scope) => pages.push(Page {
                        title: title.clone(),
                        content: PageContent::Trends {
                            scope,
                            charts: metrics.clone(),
                        },
                        tiles: Vec::new(),
                        seconds: *seconds,
                    }),
                    None => problems.push(format!(
                        "page {number}: no site or queue named \"{}\"",
                        scope.as_deref().unwrap_or_default()
                    )),
                }
            }
        }
    }
    (pages, problems)
}

impl Page {
    /// The placeholder page before the platform's first snapshot.
    pub fn waiting() -> Page {
        Page {
            title: None,
            content: PageContent::Centre { sites: Vec::new() },
            tiles: Vec::new(),
            seconds: None,
        }
    }
}
