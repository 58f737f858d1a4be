//! Turning summed counters and live state into the figures a supervisor reads.

use fw_domain::{AgentState, SlVariant};

use crate::bucket::Counters;
use crate::erlang::agents_required;

/// Service level under each of the three definitions, in percent (None: no calls yet).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ServiceLevels {
    pub abandons_count_against: Option<f64>,
    pub abandons_within_threshold_met: Option<f64>,
    pub abandons_ignored: Option<f64>,
}

impl ServiceLevels {
    pub(crate) fn from_counters(c: &Counters) -> ServiceLevels {
        let within = f64::from(c.answered_within_threshold);
        ServiceLevels {
            abandons_count_against: percent(within, c.answered + c.counted_abandons),
            abandons_within_threshold_met: percent(
                within + f64::from(c.counted_abandons_within_threshold),
                c.answered + c.counted_abandons,
            ),
            abandons_ignored: percent(within, c.answered),
        }
    }

    /// The value under one definition.
    pub const fn get(&self, variant: SlVariant) -> Option<f64> {
        match variant {
            SlVariant::AbandonsCountAgainst => self.abandons_count_against,
            SlVariant::AbandonsWithinThresholdMet => self.abandons_within_threshold_met,
            SlVariant::AbandonsIgnored => self.abandons_ignored,
        }
    }
}

/// How many agents are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgentCounts {
    pub available: u32,
    pub ringing: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub on_break: u32,
    pub offline: u32,
}

impl AgentCounts {
    pub fn count(&mut self, state: &AgentState) {
        match state {
            AgentState::Offline => self.offline += 1,
            AgentState::Available => self.available += 1,
            AgentState::Ringing => self.ringing += 1,
            AgentState::OnCall => self.on_call += 1,
            AgentState::WrapUp => self.wrap_up += 1,
            AgentState::Break(_) => self.on_break += 1,
        }
    }

    /// Agents logged in (any state but offline).
    pub const fn staffed(&self) -> u32 {
        self.available + self.ringing + self.on_call + self.wrap_up + self.on_break
    }
}

/// Live (not cumulative) inputs of a figure set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LiveFigures {
    pub waiting: u32,
    pub longest_wait_ms: Option<u64>,
    pub agents: AgentCounts,
}

/// Erlang C agents required beside agents staffed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ErlangFigures {
    pub required: Option<u32>,
    pub staffed: u32,
}

/// Every figure for one queue, site or the centre over one window.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    /// The summed counters behind the cumulative figures.
    pub counters: Counters,
    pub live: LiveFigures,
    pub service_levels: ServiceLevels,
    /// Service level under the queue's configured definition (the default one for roll-ups).
    pub service_level_pct: Option<f64>,
    /// Mean queue wait of answered calls.
    pub asa_ms: Option<f64>,
    /// (talk + hold + wrap-up) ÷ handled.
    pub aht_ms: Option<f64>,
    /// Counted abandons ÷ offered.
    pub abandon_rate_pct: Option<f64>,
    /// Busy ÷ (busy + idle) agent time.
    pub occupancy_pct: Option<f64>,
    pub erlang: ErlangFigures,
    /// How old the newest input behind these figures is.
    pub age_ms: Option<u64>,
}

/// What Erlang C needs besides the counters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErlangInputs {
    pub window_secs: f64,
    pub threshold_secs: f64,
    pub target: f64,
}

impl Figures {
    pub(crate) fn derive(
        counters: Counters,
        live: LiveFigures,
        variant: SlVariant,
        erlang: Option<ErlangInputs>,
        age_ms: Option<u64>,
    ) -> Figures {
        let service_levels = ServiceLevels::from_counters(&counters);
        let aht_ms = ratio(
            (counters.talk_ms + counters.hold_ms + counters.wrap_ms) as f64,
            counters.handled,
        );
        let required = erlang.and_then(|inputs| {
            let aht = aht_ms?;
            if inputs.window_secs <= 0.0 {
                return None;
            }
            agents_required(
                f64::from(counters.offered) / inputs.window_secs,
                aht / 1000.0,
                inputs.threshold_secs,
                inputs.target,
            )
        });
        Figures {
            counters,
            live,
            service_levels,
            service_level_pct: service_levels.get(variant),
            asa_ms: ratio(counters.answered_wait_ms as f64, counters.answered),
            aht_ms,
            abandon_rate_pct: percent(f64::from(counters.counted_abandons), counters.offered),
            occupancy_pct: if counters.busy_ms + counters.idle_ms == 0 {
                None
            } else {
                Some(100.0 * counters.busy_ms as f64 / (counters.busy_ms + counters.idle_ms) as f64)
            },
            erlang: ErlangFigures {
                required,
                staffed: live.agents.staffed(),
            },
            age_ms,
        }
    }
}

fn ratio(numerator: f64, denominator: u32) -> Option<f64> {
    (denominator > 0).then(|| numerator / f64::from(denominator))
}

fn percent(numerator: f64, denominator: u32) -> Option<f64> {
    ratio(100.0 * numerator, denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_service_level_definitions_differ_as_the_brief_says() {
        // 8 answered (6 within T), 2 counted abandons (1 within T), 1 short abandon.
        let counters = Counters {
            offered: 11,
            answered: 8,
            answered_within_threshold: 6,
            abandoned: 3,
            short_abandons: 1,
            counted_abandons: 2,
            counted_abandons_within_threshold: 1,
            ..Counters::default()
        };
        let f = Figures::derive(
            counters,
            LiveFigures::default(),
            SlVariant::AbandonsWithinThresholdMet,
            None,
            None,
        );
        assert_eq!(f.service_levels.abandons_count_against, Some(60.0));
        assert_eq!(f.service_levels.abandons_within_threshold_met, Some(70.0));
        assert_eq!(f.service_levels.abandons_ignored, Some(75.0));
        assert_eq!(f.service_level_pct, Some(70.0));
        assert_eq!(f.abandon_rate_pct, Some(200.0 / 11.0));
    }

    #[test]
    fn empty_windows_give_no_figure_rather_than_zero() {
        let f = Figures::derive(
            Counters::default(),
            LiveFigures::default(),
            SlVariant::default(),
            None,
            None,
        );
        assert_eq!(f.service_level_pct, None);
        assert_eq!(f.asa_ms, None);
        assert_eq!(f.aht_ms, None);
        assert_eq!(f.occupancy_pct, None);
    }
}
