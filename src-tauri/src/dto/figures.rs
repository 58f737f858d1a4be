//! One set of figures (a queue, a site or the centre) as the UI receives it.

use fw_domain::SlVariant;
use fw_engine::{AgentCounts, Figures};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SlVariantDto {
    AbandonsCountAgainst,
    AbandonsWithinThresholdMet,
    AbandonsIgnored,
}

impl From<SlVariant> for SlVariantDto {
    fn from(variant: SlVariant) -> Self {
        match variant {
            SlVariant::AbandonsCountAgainst => SlVariantDto::AbandonsCountAgainst,
            SlVariant::AbandonsWithinThresholdMet => SlVariantDto::AbandonsWithinThresholdMet,
            SlVariant::AbandonsIgnored => SlVariantDto::AbandonsIgnored,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgentCountsDto {
    pub available: u32,
    pub ringing: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub on_break: u32,
    pub offline: u32,
}

impl From<AgentCounts> for AgentCountsDto {
    fn from(c: AgentCounts) -> Self {
        AgentCountsDto {
            available: c.available,
            ringing: c.ringing,
            on_call: c.on_call,
            wrap_up: c.wrap_up,
            on_break: c.on_break,
            offline: c.offline,
        }
    }
}

/// Percent 0–100 under each SL definition; null when the window has no calls.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServiceLevelsDto {
    pub abandons_count_against: Option<f64>,
    pub abandons_within_threshold_met: Option<f64>,
    pub abandons_ignored: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ErlangDto {
    /// Erlang-C agents needed for the SL target at the window's arrival rate and AHT.
    pub required: Option<u32>,
    pub staffed: u32,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FiguresDto {
    pub offered: u32,
    pub answered: u32,
    pub abandoned: u32,
    pub short_abandons: u32,
    pub callbacks: u32,
    pub escalations: u32,
    pub waiting: u32,
    pub longest_wait_ms: Option<f64>,
    /// Under the queue's configured definition (the default one for sites and the centre).
    pub service_level_pct: Option<f64>,
    pub service_levels: ServiceLevelsDto,
    pub asa_ms: Option<f64>,
    pub aht_ms: Option<f64>,
    pub abandon_rate_pct: Option<f64>,
    /// Agents' busy share of their logged-in time. Not carried for queues on the live frame
    /// stream (it moves with every agent's clock, so every queue would change in every
    /// frame); the sites' and the centre's are.
    pub occupancy_pct: Option<f64>,
    pub agents: AgentCountsDto,
    pub erlang: ErlangDto,
    /// How old the newest platform input behind these figures is.
    pub age_ms: Option<f64>,
}

impl From<&Figures> for FiguresDto {
    fn from(f: &Figures) -> Self {
        let c = &f.counters;
        FiguresDto {
            offered: c.offered,
            answered: c.answered,
            abandoned: c.abandoned,
            short_abandons: c.short_abandons,
            callbacks: c.callbacks,
            escalations: c.escalations,
            waiting: f.live.waiting,
            longest_wait_ms: f.live.longest_wait_ms.map(|ms| ms as f64),
            service_level_pct: f.service_level_pct,
            service_levels: ServiceLevelsDto {
                abandons_count_against: f.service_levels.abandons_count_against,
                abandons_within_threshold_met: f.service_levels.abandons_within_threshold_met,
                abandons_ignored: f.service_levels.abandons_ignored,
            },
            asa_ms: f.asa_ms,
            aht_ms: f.aht_ms,
            abandon_rate_pct: f.abandon_rate_pct,
            occupancy_pct: f.occupancy_pct,
            agents: f.live.agents.into(),
            erlang: ErlangDto {
                required: f.erlang.required,
                staffed: f.erlang.staffed,
            },
            age_ms: f.age_ms.map(|ms| ms as f64),
        }
    }
}
