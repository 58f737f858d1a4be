//! What a simulation run is asked to be.

use fw_domain::{MINUTE_MS, SiteId, SourceId, Timestamp};

use crate::skills::SITE_NAMES;

/// The smallest centre the simulator builds (one agent per team and site at least).
pub const MIN_AGENTS: u32 = 20;
/// The largest centre the simulator builds.
pub const MAX_AGENTS: u32 = 10_000;
/// The fastest the real-time driver may run the virtual clock.
pub const MAX_SPEED: f64 = 1_000.0;
/// The most product lines (copies of the 21 queues) the simulator builds: 1,008 queues.
pub const MAX_LINES: u16 = 48;
/// Head count needed per line when there are several, so every line's smallest team (a site's night shift) has
/// someone to take its calls.
pub const AGENTS_PER_LINE: u32 = 40;

/// A burst of extra calls, e.g. after a product recall or a storm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surge {
    pub at: Timestamp,
    pub duration_ms: i64,
    /// Multiplies the arrival rate of the affected queues (3.0 = three times the calls).
    pub factor: f64,
    /// Only this site's queues; `None` for the whole centre.
    pub site: Option<SiteId>,
}

/// A site losing every agent for a while (power cut, network loss).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outage {
    pub site: SiteId,
    pub at: Timestamp,
    pub duration_ms: i64,
}

/// How to run the simulated centre.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    /// Same seed (and config) ⇒ same event stream.
    pub seed: u64,
    /// Head count across all sites and shifts, `MIN_AGENTS..=MAX_AGENTS`.
    pub agents: u32,
    /// The virtual clock starts here.
    pub start: Timestamp,
    /// The centre's local time offset from UTC, for the daily profile and shifts (480 = China).
    pub utc_offset_minutes: i32,
    /// How much faster than real time the driver runs the clock (`0 < speed <= MAX_SPEED`).
    /// The simulator itself never reads a clock; fw-connect's driver uses this.
    pub speed: f64,
    /// Stamped on every envelope.
    pub source: SourceId,
    /// Product lines: each line is a full set of the 21 queues (3 sites × 7 skills) with its
    /// own agents, so the centre has `21 × lines` queues. 1 is the usual centre; 24 gives the
    /// 504-queue centre of the scale scenario.
    pub lines: u16,
    pub surge: Option<Surge>,
    pub outage: Option<Outage>,
}

impl SimConfig {
    /// A config with the defaults: China time (UTC+8), real-time speed, source 1, no surge
    /// and no outage.
    pub fn new(seed: u64, agents: u32, start: Timestamp) -> SimConfig {
        SimConfig {
            seed,
            agents,
            start,
            utc_offset_minutes: 480,
            speed: 1.0,
            source: SourceId(1),
            lines: 1,
            surge: None,
            outage: None,
        }
    }

    /// The UTC offset in milliseconds.
    pub(crate) fn utc_offset_ms(&self) -> i64 {
        i64::from(self.utc_offset_minutes) * MINUTE_MS
    }

    /// Checks every field; the simulator refuses a config that fails.
    pub fn validate(&self) -> Result<(), SimConfigError> {
        if !(MIN_AGENTS..=MAX_AGENTS).contains(&self.agents) {
            return Err(SimConfigError::AgentsOutOfRange {
                agents: self.agents,
            });
        }
        if !(1..=MAX_LINES).contains(&self.lines)
            || (self.lines > 1 && self.agents < AGENTS_PER_LINE * u32::from(self.lines))
        {
            return Err(SimConfigError::InvalidLines {
                lines: self.lines,
                agents: self.agents,
            });
        }
        if !(self.speed.is_finite() && self.speed > 0.0 && self.speed <= MAX_SPEED) {
            return Err(SimConfigError::InvalidSpeed { speed: self.speed });
        }
        // Real offsets run from UTC−12 to UTC+14.
        if !(-12 * 60..=14 * 60).contains(&self.utc_offset_minutes) {
            return Err(SimConfigError::InvalidUtcOffset {
                minutes: self.utc_offset_minutes,
            });
        }
        if let Some(surge) = self.surge {
            if surge.duration_ms <= 0 {
                return Err(SimConfigError::InvalidSurge {
                    reason: "duration must be positive",
                });
            }
            if !(surge.factor.is_finite() && surge.factor >= 0.0 && surge.factor <= 100.0) {
                return Err(SimConfigError::InvalidSurge {
                    reason: "factor must be between 0 and 100",
                });
            }
            if let Some(site) = surge.site {
                check_site(site)?;
            }
        }
        if let Some(outage) = self.outage {
            if outage.duration_ms <= 0 {
                return Err(SimConfigError::InvalidOutage {
                    reason: "duration must be positive",
                });
            }
            check_site(outage.site)?;
        }
        Ok(())
    }
}

fn check_site(site: SiteId) -> Result<(), SimConfigError> {
    if site.index() < SITE_NAMES.len() {
        Ok(())
    } else {
        Err(SimConfigError::UnknownSite { site })
    }
}

/// Why a [`SimConfig`] cannot be run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SimConfigError {
    #[error("the simulated centre needs {MIN_AGENTS} to {MAX_AGENTS} agents, not {agents}")]
    AgentsOutOfRange { agents: u32 },
    #[error(
        "{lines} product lines need 1 to {MAX_LINES} lines and at least {AGENTS_PER_LINE} agents \
         per line ({agents} agents)"
    )]
    InvalidLines { lines: u16, agents: u32 },
    #[error("speed must be above 0 and at most {MAX_SPEED} times real time, not {speed}")]
    InvalidSpeed { speed: f64 },
    #[error("UTC offset must be between -720 and +840 minutes, not {minutes}")]
    InvalidUtcOffset { minutes: i32 },
    #[error("invalid surge: {reason}")]
    InvalidSurge { reason: &'static str },
    #[error("invalid outage: {reason}")]
    InvalidOutage { reason: &'static str },
    #[error("{site} does not exist (the centre has sites 0 to 2)")]
    UnknownSite { site: SiteId },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_configs_are_refused_with_a_clear_reason() {
        let ok = SimConfig::new(1, 20, Timestamp(0));
        assert_eq!(ok.validate(), Ok(()));
        let few = SimConfig {
            agents: 19,
            ..ok.clone()
        };
        assert_eq!(
            few.validate(),
            Err(SimConfigError::AgentsOutOfRange { agents: 19 })
        );
        let many = SimConfig {
            agents: 10_001,
            ..ok.clone()
        };
        assert!(many.validate().is_err());
        let scale = SimConfig {
            agents: 10_000,
            lines: 24,
            ..ok.clone()
        };
        assert_eq!(scale.validate(), Ok(()));
        for (agents, lines) in [(10_000, 0), (10_000, 49), (959, 24)] {
            let error = SimConfig {
                agents,
                lines,
                ..ok.clone()
            }
            .validate()
            .unwrap_err();
            assert_eq!(error, SimConfigError::InvalidLines { lines, agents });
            assert!(error.to_string().contains("product lines"), "{error}");
        }
        for speed in [0.0, -1.0, f64::NAN, 1_000.5] {
            let config = SimConfig {
                speed,
                ..ok.clone()
            };
            assert!(matches!(
                config.validate(),
                Err(SimConfigError::InvalidSpeed { .. })
            ));
        }
        let message = SimConfig {
            speed: 0.0,
            ..ok.clone()
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert!(message.contains("speed"), "{message}");
        let outage = Outage {
            site: SiteId(3),
            at: Timestamp(0),
            duration_ms: 1,
        };
        let bad_site = SimConfig {
            outage: Some(outage),
            ..ok.clone()
        };
        assert_eq!(
            bad_site.validate(),
            Err(SimConfigError::UnknownSite { site: SiteId(3) })
        );
        let surge = Surge {
            at: Timestamp(0),
            duration_ms: 0,
            factor: 2.0,
            site: None,
        };
        let empty_surge = SimConfig {
            surge: Some(surge),
            ..ok
        };
        assert!(matches!(
            empty_surge.validate(),
            Err(SimConfigError::InvalidSurge { .. })
        ));
    }
}
