//! When a figure turns amber or red. Each level has its own shape as well as its colour, so
//! a colour-blind supervisor (one man in twelve) reads it as surely as anyone.

use serde::Deserialize;

use crate::page::TileKind;

/// How a figure stands against its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// No threshold applies, or no value yet.
    Neutral,
    /// Within target: a filled circle.
    Good,
    /// Close to the limit: a triangle.
    Warning,
    /// Past the limit: a square.
    Breach,
}

/// Thresholds for the figures that have one. Service level uses each queue's own target.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Service level within this many points above target is a warning.
    pub sl_warning_margin_pct: f64,
    pub longest_wait_warn_secs: u32,
    pub longest_wait_breach_secs: u32,
    pub abandon_warn_pct: f64,
    pub abandon_breach_pct: f64,
    /// Calls waiting above this is a warning (with no agent available it is a breach).
    pub waiting_warn: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            sl_warning_margin_pct: 5.0,
            longest_wait_warn_secs: 60,
            longest_wait_breach_secs: 120,
            abandon_warn_pct: 5.0,
            abandon_breach_pct: 10.0,
            waiting_warn: 10,
        }
    }
}

impl Thresholds {
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.longest_wait_warn_secs > self.longest_wait_breach_secs {
            return Err("longest_wait_warn_secs is above longest_wait_breach_secs".into());
        }
        if self.abandon_warn_pct > self.abandon_breach_pct {
            return Err("abandon_warn_pct is above abandon_breach_pct".into());
        }
        if !(0.0..=100.0).contains(&self.sl_warning_margin_pct) {
            return Err("sl_warning_margin_pct must be between 0 and 100".into());
        }
        Ok(())
    }

    /// The level of one figure. `target_pct` is the queue's SL target (the centre and sites
    /// use the strictest target of their queues).
    pub fn level(&self, kind: TileKind, figures: &fw_engine::Figures, target_pct: f64) -> Level {
        match kind {
            TileKind::ServiceLevel => match figures.service_level_pct {
                None => Level::Neutral,
                Some(sl) if sl < target_pct => Level::Breach,
                Some(sl) if sl < target_pct + self.sl_warning_margin_pct => Level::Warning,
                Some(_) => Level::Good,
            },
            TileKind::LongestWait => match figures.live.longest_wait_ms {
                None => Level::Good,
                Some(ms) if ms >= u64::from(self.longest_wait_breach_secs) * 1000 => Level::Breach,
                Some(ms) if ms >= u64::from(self.longest_wait_warn_secs) * 1000 => Level::Warning,
                Some(_) => Level::Good,
            },
            TileKind::AbandonRate => match figures.abandon_rate_pct {
                None => Level::Neutral,
                Some(rate) if rate >= self.abandon_breach_pct => Level::Breach,
                Some(rate) if rate >= self.abandon_warn_pct => Level::Warning,
                Some(_) => Level::Good,
            },
            TileKind::Waiting => {
                let waiting = figures.live.waiting;
                if waiting > 0 && figures.live.agents.available == 0 {
                    Level::Breach
                } else if waiting > self.waiting_warn {
                    Level::Warning
                } else {
                    Level::Good
                }
            }
            TileKind::Staffing => match figures.erlang.required {
                None => Level::Neutral,
                Some(required) if figures.erlang.staffed < required => Level::Breach,
                Some(_) => Level::Good,
            },
            _ => Level::Neutral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fw_engine::Figures;

    #[test]
    fn service_level_is_judged_against_the_queues_own_target() {
        let t = Thresholds::default();
        let mut f = Figures::default();
        assert_eq!(t.level(TileKind::ServiceLevel, &f, 80.0), Level::Neutral);
        f.service_level_pct = Some(79.9);
        assert_eq!(t.level(TileKind::ServiceLevel, &f, 80.0), Level::Breach);
        f.service_level_pct = Some(82.0);
        assert_eq!(t.level(TileKind::ServiceLevel, &f, 80.0), Level::Warning);
        assert_eq!(t.level(TileKind::ServiceLevel, &f, 70.0), Level::Good);
    }

    #[test]
    fn calls_waiting_with_nobody_free_is_a_breach_even_when_few() {
        let t = Thresholds::default();
        let mut f = Figures::default();
        f.live.waiting = 1;
        assert_eq!(t.level(TileKind::Waiting, &f, 80.0), Level::Breach);
        f.live.agents.available = 3;
        assert_eq!(t.level(TileKind::Waiting, &f, 80.0), Level::Good);
        f.live.waiting = 11;
        assert_eq!(t.level(TileKind::Waiting, &f, 80.0), Level::Warning);
    }

    #[test]
    fn long_waits_and_abandons_step_up_at_their_limits() {
        let t = Thresholds::default();
        let mut f = Figures::default();
        f.live.longest_wait_ms = Some(59_999);
        assert_eq!(t.level(TileKind::LongestWait, &f, 80.0), Level::Good);
        f.live.longest_wait_ms = Some(60_000);
        assert_eq!(t.level(TileKind::LongestWait, &f, 80.0), Level::Warning);
        f.live.longest_wait_ms = Some(120_000);
        assert_eq!(t.level(TileKind::LongestWait, &f, 80.0), Level::Breach);
        f.abandon_rate_pct = Some(10.0);
        assert_eq!(t.level(TileKind::AbandonRate, &f, 80.0), Level::Breach);
    }
}
