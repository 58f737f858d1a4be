//! Building a frame: sum the window's minute counters, add the time agents have spent in
//! their current state so far, and count live calls and agents.

use fw_domain::{MINUTE_MS, SlVariant, Timestamp};

use crate::bucket::Counters;
use crate::engine::Engine;
use crate::figures::{ErlangInputs, Figures, LiveFigures};
use crate::frame::{Frame, QueueFrame, SiteFrame};
use crate::history::RETENTION_WINDOW_MINUTES;
use crate::window::Window;

impl Engine {
    /// The figures for the configured window at `now`.
    pub fn frame(&self, now: Timestamp) -> Frame {
        self.frame_for(self.config.window, now)
    }

    /// The figures for `window` at `now`.
    pub fn frame_for(&self, window: Window, now: Timestamp) -> Frame {
        let oldest_kept = now
            .floor_minute()
            .plus_ms(-(RETENTION_WINDOW_MINUTES - 1) * MINUTE_MS);
        let start = self
            .config
            .calendar
            .window_start(window, now)
            .max(oldest_kept);
        let queue_count = self.topology.queues.len();
        let site_count = self.topology.sites.len();

        let mut queue_counters = vec![Counters::default(); queue_count];
        for (history, counters) in self.queue_history.iter().zip(&mut queue_counters) {
            history.sum_into(start, now, counters);
        }
        let mut site_agent_time = vec![Counters::default(); site_count];
        for (history, counters) in self.site_history.iter().zip(&mut site_agent_time) {
            history.sum_into(start, now, counters);
        }

        let mut queue_live = vec![LiveFigures::default(); queue_count];
        let mut site_live = vec![LiveFigures::default(); site_count];
        let mut total_live = LiveFigures::default();
        self.add_ongoing_agent_time(start, now, &mut queue_counters, &mut site_agent_time);
        self.count_agents(&mut queue_live, &mut site_live, &mut total_live);
        self.count_waiting(now, &mut queue_live, &mut site_live, &mut total_live);

        let window_secs = now.millis_since(start) as f64 / 1000.0;
        let age = |mark: Option<Timestamp>| mark.map(|t| now.millis_since(t));

        let queues: Vec<QueueFrame> = self
            .topology
            .queues
            .iter()
            .map(|config| {
                let i = config.id.index();
                let inputs = ErlangInputs {
                    window_secs,
                    threshold_secs: f64::from(config.sl_threshold_secs),
                    target: f64::from(config.sl_target_pct) / 100.0,
                };
                QueueFrame {
                    queue: config.id,
                    site: config.site,
                    figures: Figures::derive(
                        queue_counters[i],
                        queue_live[i],
                        config.sl_variant,
                        Some(inputs),
                        age(self.queue_input_at[i]),
                    ),
                }
            })
            .collect();

        let mut total_counters = Counters::default();
        let mut total_required = None;
        let sites: Vec<SiteFrame> = self
            .topology
            .sites
            .iter()
            .map(|site| {
                let i = site.id.index();
                let mut counters = Counters::default();
                let mut required = None;
                for queue in queues.iter().filter(|q| q.site == site.id) {
                    counters.add(&queue.figures.counters);
                    required = add_required(required, queue.figures.erlang.required);
                }
                // Agent time per site counts each agent once, not once per queue.
                counters.busy_ms = site_agent_time[i].busy_ms;
                counters.idle_ms = site_agent_time[i].idle_ms;
                total_counters.add(&counters);
                total_required = add_required(total_required, required);
                let mut figures = Figures::derive(
                    counters,
                    site_live[i],
                    SlVariant::default(),
                    None,
                    age(self.site_input_at[i]),
                );
                figures.erlang.required = required;
                SiteFrame {
                    site: site.id,
                    figures,
                }
            })
            .collect();
        let mut total = Figures::derive(
            total_counters.moves_netted(),
            total_live,
            SlVariant::default(),
            None,
            age(self.total_input_at),
        );
        total.erlang.required = total_required;

        Frame {
            at: now,
            window,
            window_start: start,
            total,
            sites,
            queues,
            anomalies: self.anomalies,
        }
    }

    /// Time agents have spent in their current busy or idle state inside the window.
    fn add_ongoing_agent_time(
        &self,
        start: Timestamp,
        now: Timestamp,
        queues: &mut [Counters],
        sites: &mut [Counters],
    ) {
        for (record, profile) in self.agents.iter().zip(&self.topology.agents) {
            let busy = record.state.is_busy();
            if !busy && record.state != fw_domain::AgentState::Available {
                continue;
            }
            let ms = now.millis_since(record.since.max(start));
            if ms == 0 {
                continue;
            }
            add_time(&mut sites[profile.site.index()], busy, ms);
            for queue in &profile.queues {
                add_time(&mut queues[queue.index()], busy, ms);
            }
        }
    }

    fn count_agents(
        &self,
        queues: &mut [LiveFigures],
        sites: &mut [LiveFigures],
        total: &mut LiveFigures,
    ) {
        for (record, profile) in self.agents.iter().zip(&self.topology.agents) {
            total.agents.count(&record.state);
            sites[profile.site.index()].agents.count(&record.state);
            for queue in &profile.queues {
                queues[queue.index()].agents.count(&record.state);
            }
        }
    }

    fn count_waiting(
        &self,
        now: Timestamp,
        queues: &mut [LiveFigures],
        sites: &mut [LiveFigures],
        total: &mut LiveFigures,
    ) {
        for record in self.calls.values() {
            let (Some(queue), Some(queued_at), true) =
                (record.queue, record.queued_at, record.phase.is_waiting())
            else {
                continue;
            };
            let wait = now.millis_since(queued_at);
            let site = self.topology.queues[queue.index()].site.index();
            for live in [&mut queues[queue.index()], &mut sites[site], &mut *total] {
                live.waiting += 1;
                live.longest_wait_ms = Some(live.longest_wait_ms.map_or(wait, |w| w.max(wait)));
            }
        }
    }
}

fn add_time(counters: &mut Counters, busy: bool, ms: u64) {
    if busy {
        counters.busy_ms += ms;
    } else {
        counters.idle_ms += ms;
    }
}

fn add_required(sum: Option<u32>, part: Option<u32>) -> Option<u32> {
    match (sum, part) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}
