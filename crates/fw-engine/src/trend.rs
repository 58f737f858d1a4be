//! Intraday trends: the day so far cut into fixed intervals (15 minutes by default), per
//! queue, per site and for the centre, from the same buckets the frames read.

use fw_domain::{MINUTE_MS, QueueId, SiteId, SlVariant, Timestamp};

use crate::bucket::Counters;
use crate::engine::Engine;
use crate::figures::ServiceLevels;
use crate::history::{QUARTER_MINUTES, RETENTION_WINDOW_MINUTES};
use crate::window::Window;

/// The interval supervisors and workforce planners read trends in.
pub const TREND_INTERVAL_MINUTES: i64 = 15;

/// One interval of a trend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendPoint {
    /// The interval's first minute.
    pub start: Timestamp,
    pub offered: u32,
    pub answered: u32,
    /// Abandons that count (short abandons excluded unless the queue counts them).
    pub abandoned: u32,
    /// Service level of the calls that finished queueing in the interval (None: no calls).
    pub service_level_pct: Option<f64>,
    /// Mean queue wait of the calls answered in the interval.
    pub asa_ms: Option<f64>,
}

impl TrendPoint {
    fn from_counters(start: Timestamp, counters: &Counters, variant: SlVariant) -> TrendPoint {
        TrendPoint {
            start,
            offered: counters.offered,
            answered: counters.answered,
            abandoned: counters.counted_abandons,
            service_level_pct: ServiceLevels::from_counters(counters).get(variant),
            asa_ms: (counters.answered > 0)
                .then(|| counters.answered_wait_ms as f64 / f64::from(counters.answered)),
        }
    }
}

/// One scope's trend, oldest interval first; the last interval is the one in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendSeries {
    pub points: Vec<TrendPoint>,
}

/// The day's trends for every scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trends {
    pub at: Timestamp,
    pub interval_minutes: i64,
    /// Local midnight in the centre's time zone (or the oldest minute still kept).
    pub day_start: Timestamp,
    pub total: TrendSeries,
    /// In site id order.
    pub sites: Vec<(SiteId, TrendSeries)>,
    /// In queue id order.
    pub queues: Vec<(QueueId, TrendSeries)>,
}

impl Engine {
    /// The day so far at `now`, in intervals of `interval_minutes`: whole quarter hours
    /// (15, 30, 45 or 60; others are rounded down and clamped to that range), because
    /// history older than an hour is kept by the quarter.
    pub fn trends(&self, now: Timestamp, interval_minutes: i64) -> Trends {
        let interval_minutes = (interval_minutes / QUARTER_MINUTES).clamp(1, 4) * QUARTER_MINUTES;
        let oldest_kept = now
            .floor_minute()
            .plus_ms(-(RETENTION_WINDOW_MINUTES - 1) * MINUTE_MS);
        let day_start = self
            .config
            .calendar
            .window_start(Window::Day, now)
            .max(oldest_kept);
        let interval_ms = interval_minutes * MINUTE_MS;
        let interval_count = now.millis_since(day_start).cast_signed() / interval_ms + 1;
        let intervals = usize::try_from(interval_count).unwrap_or(1);

        let start_of = |i: usize| day_start.plus_ms(i64::try_from(i).unwrap_or(0) * interval_ms);
        // Sum each queue's minutes into its intervals once; sites and the centre add those up.
        let mut queue_counters =
            vec![vec![Counters::default(); intervals]; self.queue_history.len()];
        for (history, per_interval) in self.queue_history.iter().zip(&mut queue_counters) {
            for (i, counters) in per_interval.iter_mut().enumerate() {
                let start = start_of(i);
                let end = start.plus_ms(interval_ms - MINUTE_MS).min(now);
                history.sum_into(start, end, counters);
            }
        }

        let queues = self
            .topology
            .queues
            .iter()
            .map(|config| {
                let points = queue_counters[config.id.index()]
                    .iter()
                    .enumerate()
                    .map(|(i, c)| TrendPoint::from_counters(start_of(i), c, config.sl_variant))
                    .collect();
                (config.id, TrendSeries { points })
            })
            .collect();

        let mut total_counters = vec![Counters::default(); intervals];
        let sites = self
            .topology
            .sites
            .iter()
            .map(|site| {
                let mut site_counters = vec![Counters::default(); intervals];
                for config in self.topology.queues.iter().filter(|q| q.site == site.id) {
                    for (sum, part) in site_counters
                        .iter_mut()
                        .zip(&queue_counters[config.id.index()])
                    {
                        sum.add(part);
                    }
                }
                for (sum, part) in total_counters.iter_mut().zip(&site_counters) {
                    sum.add(part);
                }
                let points = site_counters
                    .iter()
                    .enumerate()
                    .map(|(i, c)| TrendPoint::from_counters(start_of(i), c, SlVariant::default()))
                    .collect();
                (site.id, TrendSeries { points })
            })
            .collect();
        let total = TrendSeries {
            points: total_counters
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    TrendPoint::from_counters(start_of(i), &c.moves_netted(), SlVariant::default())
                })
                .collect(),
        };

        Trends {
            at: now,
            interval_minutes,
            day_start,
            total,
            sites,
            queues,
        }
    }
}
