//! Queue configuration: what a queue serves and how its service level is defined.

use crate::ids::{QueueId, SiteId};

/// Which calls count towards service level (see the product brief's metric definitions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SlVariant {
    /// Answered within T ÷ (answered + abandoned after the short-abandon threshold).
    #[default]
    AbandonsCountAgainst,
    /// As above, but abandons within T count as met (Asterisk `ServicelevelPerf2`, Amazon
    /// Connect style): (answered within T + abandoned within T) ÷ (answered + abandoned).
    AbandonsWithinThresholdMet,
    /// Abandons ignored: answered within T ÷ answered (Asterisk `ServicelevelPerf`).
    AbandonsIgnored,
}

impl SlVariant {
    /// All variants, in the order the UI lists them.
    pub const ALL: [SlVariant; 3] = [
        SlVariant::AbandonsCountAgainst,
        SlVariant::AbandonsWithinThresholdMet,
        SlVariant::AbandonsIgnored,
    ];
}

/// One skill queue at one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueConfig {
    pub id: QueueId,
    /// The platform's name for the queue (Asterisk queue name).
    pub name: String,
    /// The skill it serves, e.g. `phones`, `repairs`, `tier2`.
    pub skill: String,
    pub site: SiteId,
    /// Service-level threshold T in seconds (default 20).
    pub sl_threshold_secs: u32,
    /// Service-level target in percent (default 80), used by Erlang C.
    pub sl_target_pct: u8,
    pub sl_variant: SlVariant,
    /// Abandons within this many seconds are short abandons (default 5).
    pub short_abandon_secs: u32,
    /// Whether short abandons still count in abandon rate and SL (default: no).
    pub count_short_abandons: bool,
    /// A tier-2 (expert) queue that receives escalations.
    pub tier2: bool,
}

impl QueueConfig {
    /// A queue with the product brief's defaults: T = 20 s, 80 % target, 5 s short abandon.
    pub fn with_defaults(id: QueueId, name: &str, skill: &str, site: SiteId) -> QueueConfig {
        QueueConfig {
            id,
            name: name.to_owned(),
            skill: skill.to_owned(),
            site,
            sl_threshold_secs: 20,
            sl_target_pct: 80,
            sl_variant: SlVariant::default(),
            short_abandon_secs: 5,
            count_short_abandons: false,
            tier2: false,
        }
    }

    /// T in milliseconds.
    pub const fn sl_threshold_ms(&self) -> u64 {
        self.sl_threshold_secs as u64 * 1_000
    }

    /// The short-abandon threshold in milliseconds.
    pub const fn short_abandon_ms(&self) -> u64 {
        self.short_abandon_secs as u64 * 1_000
    }
}
