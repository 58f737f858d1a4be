//! Turning the engine's figures at one instant into observations: for each rule and subject,
//! whether the value is past the raise threshold, inside the hysteresis band, or recovered.

use fw_domain::{AgentState, Timestamp, Topology};
use fw_engine::{AgentView, Figures, Frame, Window};

use crate::alert::{AlertKey, AlertKind, Subject};
use crate::rules::{AlertRules, QueueRules};

/// Where a value stands against its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Past the raise threshold.
    Breach,
    /// Between the raise and clear thresholds: an active alert stays, a pending one resets.
    Band,
    /// Back past the clear threshold.
    Recovered,
    /// Too little data to say (too few calls in the window): nothing changes.
    Unknown,
}

/// One rule's reading about one subject.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub key: AlertKey,
    pub level: Level,
    /// In the kind's unit (percent, seconds, calls).
    pub value: f64,
    pub threshold: f64,
    /// How long it must stay in breach before it is raised.
    pub raise_after_ms: u64,
    /// How long it must stay recovered before it clears.
    pub clear_after_ms: u64,
    pub subject_name: String,
    pub site: Option<fw_domain::SiteId>,
}

/// A queue alert clears only after 30 s recovered, so a figure hovering at its threshold
/// does not raise, clear and raise again.
const QUEUE_CLEAR_AFTER_MS: u64 = 30_000;

/// What the rules look at.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    pub now: Timestamp,
    pub topology: &'a Topology,
    /// Frames over the rolling windows the rules use (see [`AlertRules::windows_used`]).
    pub frames: &'a [Frame],
    pub agents: &'a [AgentView],
    /// When the link went down; `None` while it is up.
    pub link_down_since: Option<Timestamp>,
}

impl AlertRules {
    /// The rolling windows the queue rules measure over, each once; always the 15-minute
    /// one, which also carries the live figures (waiting calls, agents available).
    pub fn windows_used(&self) -> Vec<Window> {
        let mut windows = vec![Window::Rolling15];
        for rules in std::iter::once(&self.queues_default).chain(self.queues.values()) {
            let minutes = [
                rules.service_level.map(|r| r.window_minutes),
                rules.abandon_rate.map(|r| r.window_minutes),
            ];
            for window in minutes.into_iter().flatten().filter_map(rolling) {
                if !windows.contains(&window) {
                    windows.push(window);
                }
            }
        }
        windows
    }
}

fn rolling(minutes: u8) -> Option<Window> {
    match minutes {
        15 => Some(Window::Rolling15),
        30 => Some(Window::Rolling30),
        60 => Some(Window::Rolling60),
        _ => None,
    }
}

/// Everything the rules say at `inputs.now`. While the link is down only the link rule
/// speaks: stale figures neither raise nor clear anything.
pub fn observe(rules: &AlertRules, inputs: &Inputs<'_>) -> Vec<Observation> {
    let mut out = Vec::new();
    if let Some(rule) = &rules.link_lost {
        let down_ms = inputs
            .link_down_since
            .map_or(0, |since| inputs.now.millis_since(since));
        out.push(Observation {
            key: AlertKey {
                kind: AlertKind::LinkLost,
                subject: Subject::Platform,
            },
            level: if inputs.link_down_since.is_some() {
                Level::Breach
            } else {
                Level::Recovered
            },
            value: down_ms as f64 / 1000.0,
            threshold: f64::from(rule.for_secs),
            raise_after_ms: u64::from(rule.for_secs) * 1000,
            clear_after_ms: 0,
            subject_name: String::new(),
            site: None,
        });
    }
    if inputs.link_down_since.is_some() {
        return out;
    }
    for queue in &inputs.topology.queues {
        let figures_in = |minutes: u8| {
            let window = rolling(minutes)?;
            let frame = inputs.frames.iter().find(|f| f.window == window)?;
            frame
                .queues
                .get(queue.id.index())
                .filter(|q| q.queue == queue.id)
                .map(|q| &q.figures)
        };
        let context = QueueContext {
            subject: Subject::Queue(queue.id),
            name: &queue.name,
            site: queue.site,
        };
        observe_queue(rules.for_queue(&queue.name), &context, figures_in, &mut out);
    }
    if let Some(rule) = &rules.agent_state {
        for view in inputs.agents {
            let limit = match view.state {
                AgentState::Break(_) => rule.break_secs,
                AgentState::WrapUp => rule.wrap_up_secs,
                AgentState::OnCall => rule.on_call_secs,
                _ => None,
            };
            let (Some(limit), Some(since)) = (limit, view.since) else {
                continue;
            };
            let in_state_secs = inputs.now.millis_since(since) as f64 / 1000.0;
            let profile = inputs.topology.agents.get(view.agent.index());
            // Only agents past the limit are reported: an agent not observed is recovered,
            // which keeps this cheap on a 10,000-agent floor.
            if in_state_secs >= f64::from(limit) {
                out.push(Observation {
                    key: AlertKey {
                        kind: AlertKind::AgentStateTooLong,
                        subject: Subject::Agent(view.agent),
                    },
                    level: Level::Breach,
                    value: in_state_secs,
                    threshold: f64::from(limit),
                    raise_after_ms: 0,
                    clear_after_ms: 0,
                    subject_name: profile.map(|p| p.name.clone()).unwrap_or_default(),
                    site: profile.map(|p| p.site),
                });
            }
        }
    }
    out
}

struct QueueContext<'a> {
    subject: Subject,
    name: &'a str,
    site: fw_domain::SiteId,
}

fn observe_queue<'f>(
    rules: &QueueRules,
    context: &QueueContext<'_>,
    figures_in: impl Fn(u8) -> Option<&'f Figures>,
    out: &mut Vec<Observation>,
) {
    let mut push = |kind, level, value: f64, threshold: f64, for_secs: u32| {
        out.push(Observation {
            key: AlertKey {
                kind,
                subject: context.subject,
            },
            level,
            value,
            threshold,
            raise_after_ms: u64::from(for_secs) * 1000,
            clear_after_ms: QUEUE_CLEAR_AFTER_MS,
            subject_name: context.name.to_owned(),
            site: Some(context.site),
        });
    };
    if let Some(rule) = &rules.service_level {
        let figures = figures_in(rule.window_minutes);
        let reading = figures
            .filter(|f| f.counters.offered >= rule.min_calls)
            .and_then(|f| f.service_level_pct);
        let (level, value) = match reading {
            None => (Level::Unknown, 0.0),
            Some(sl) if sl < rule.below_pct => (Level::Breach, sl),
            Some(sl) if sl >= rule.clear_at_pct => (Level::Recovered, sl),
            Some(sl) => (Level::Band, sl),
        };
        push(
            AlertKind::ServiceLevelLow,
            level,
            value,
            rule.below_pct,
            rule.for_secs,
        );
    }
    // Live figures are the same in every frame; the 15-minute one is always computed.
    let live = figures_in(15).map(|f| f.live);
    if let Some(rule) = &rules.longest_wait {
        let (level, value) = match live {
            None => (Level::Unknown, 0.0),
            Some(live) => {
                let secs = live.longest_wait_ms.unwrap_or(0) as f64 / 1000.0;
                let level = if secs > f64::from(rule.above_secs) {
                    Level::Breach
                } else if secs < f64::from(rule.clear_below_secs) {
                    Level::Recovered
                } else {
                    Level::Band
                };
                (level, secs)
            }
        };
        let threshold = f64::from(rule.above_secs);
        push(
            AlertKind::LongestWaitHigh,
            level,
            value,
            threshold,
            rule.for_secs,
        );
    }
    if let Some(rule) = &rules.abandon_rate {
        let reading = figures_in(rule.window_minutes)
            .filter(|f| f.counters.offered >= rule.min_offered)
            .and_then(|f| f.abandon_rate_pct);
        let (level, value) = match reading {
            None => (Level::Unknown, 0.0),
            Some(rate) if rate > rule.above_pct => (Level::Breach, rate),
            Some(rate) if rate < rule.clear_below_pct => (Level::Recovered, rate),
            Some(rate) => (Level::Band, rate),
        };
        push(
            AlertKind::AbandonRateHigh,
            level,
            value,
            rule.above_pct,
            rule.for_secs,
        );
    }
    if let Some(rule) = &rules.no_agent {
        let (level, value) = match live {
            None => (Level::Unknown, 0.0),
            Some(live) if live.waiting > 0 && live.agents.available == 0 => {
                (Level::Breach, f64::from(live.waiting))
            }
            Some(live) => (Level::Recovered, f64::from(live.waiting)),
        };
        push(
            AlertKind::NoAgentAvailable,
            level,
            value,
            0.0,
            rule.for_secs,
        );
    }
}
