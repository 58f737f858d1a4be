//! Erlang C projections of one queue: service level and ASA from arrivals, handle time and
//! agents, with fw-engine's Erlang functions.

use fw_engine::{agents_required, erlang_c, service_level};

/// How a queue is expected to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outlook {
    /// No calls arrive: nothing to project.
    NoCalls,
    /// Calls arrive but the handle time is not known yet (no call handled in the window).
    Unknown,
    /// Not enough agents for the load (agents ≤ Erlangs): the queue grows without limit;
    /// service level tends to 0 and ASA has no bound.
    Overloaded,
    /// A steady state.
    Stable {
        /// Share of calls answered within the queue's threshold, 0 to 1.
        service_level: f64,
        /// Mean wait of all calls, in seconds.
        asa_secs: f64,
    },
}

impl Outlook {
    pub fn service_level(&self) -> Option<f64> {
        match self {
            Outlook::Stable { service_level, .. } => Some(*service_level),
            Outlook::Overloaded => Some(0.0),
            Outlook::NoCalls | Outlook::Unknown => None,
        }
    }

    pub fn asa_secs(&self) -> Option<f64> {
        match self {
            Outlook::Stable { asa_secs, .. } => Some(*asa_secs),
            _ => None,
        }
    }
}

/// A handle time that can be used: finite and positive.
pub(crate) fn usable_aht(aht_secs: Option<f64>) -> Option<f64> {
    aht_secs.filter(|a| a.is_finite() && *a > 0.0)
}

/// Arrivals that can be used: finite and not negative (anything else counts as none).
pub(crate) fn usable_rate(per_hour: f64) -> f64 {
    if per_hour.is_finite() && per_hour > 0.0 {
        per_hour
    } else {
        0.0
    }
}

/// The steady state of an M/M/N queue (Erlang C) with `arrivals_per_hour`, `aht_secs` and
/// `agents`, against a threshold of `threshold_secs`.
pub(crate) fn outlook(
    arrivals_per_hour: f64,
    agents: u32,
    aht_secs: Option<f64>,
    threshold_secs: f64,
) -> Outlook {
    let arrivals = usable_rate(arrivals_per_hour);
    if arrivals == 0.0 {
        return Outlook::NoCalls;
    }
    let Some(aht) = usable_aht(aht_secs) else {
        return Outlook::Unknown;
    };
    let traffic = arrivals / 3_600.0 * aht;
    let n = f64::from(agents);
    if n <= traffic {
        return Outlook::Overloaded;
    }
    let waiting = erlang_c(agents, traffic).clamp(0.0, 1.0);
    Outlook::Stable {
        service_level: service_level(agents, traffic, aht, threshold_secs).clamp(0.0, 1.0),
        asa_secs: (waiting * aht / (n - traffic)).max(0.0),
    }
}

/// The fewest agents for the queue's target, as the wallboard's "agents required".
pub(crate) fn required(
    arrivals_per_hour: f64,
    aht_secs: Option<f64>,
    threshold_secs: f64,
    target_pct: u8,
) -> Option<u32> {
    agents_required(
        usable_rate(arrivals_per_hour) / 3_600.0,
        usable_aht(aht_secs)?,
        threshold_secs,
        f64::from(target_pct) / 100.0,
    )
}

/// Mean waits of two priority classes sharing `agents` (M/M/N, non-pre-emptive priority,
/// one handle time; Cobham's formula): a `share` of callers goes first. Returns (first,
/// others); `share × first + (1 − share) × others` is the queue's ASA, which priority does
/// not change. `None` unless the queue is stable with a known handle time.
pub(crate) fn priority_asa(
    arrivals_per_hour: f64,
    agents: u32,
    aht_secs: Option<f64>,
    share: f64,
) -> Option<(f64, f64)> {
    let arrivals = usable_rate(arrivals_per_hour);
    let aht = usable_aht(aht_secs)?;
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        return None;
    };
    let traffic = arrivals / 3_600.0 * aht;
    let n = f64::from(agents);
    if arrivals == 0.0 || n <= traffic {
        return None;
    }
    let load = traffic / n;
    let base = erlang_c(agents, traffic).clamp(0.0, 1.0) * aht / n;
    let first = base / (1.0 - share * load);
    let others = first / (1.0 - load);
    Some((first, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_textbook_example_projects_as_the_engine_computes() {
        // 100 calls per half hour, 180 s, 14 agents: 88.8 % in 20 s (see fw-engine).
        let Outlook::Stable {
            service_level,
            asa_secs,
        } = outlook(200.0, 14, Some(180.0), 20.0)
        else {
            panic!("stable")
        };
        assert!((service_level - 0.8884).abs() < 5e-4, "{service_level}");
        // ASA = C · AHT / (N − A) = 0.1741 · 180 / 4.
        assert!((asa_secs - 7.83).abs() < 0.05, "{asa_secs}");
        assert_eq!(required(200.0, Some(180.0), 20.0, 80), Some(14));
    }

    #[test]
    fn empty_unknown_and_overloaded_queues_are_told_apart() {
        assert_eq!(outlook(0.0, 5, Some(180.0), 20.0), Outlook::NoCalls);
        assert_eq!(outlook(f64::NAN, 5, Some(180.0), 20.0), Outlook::NoCalls);
        assert_eq!(outlook(100.0, 5, None, 20.0), Outlook::Unknown);
        assert_eq!(outlook(100.0, 5, Some(0.0), 20.0), Outlook::Unknown);
        assert_eq!(outlook(200.0, 10, Some(180.0), 20.0), Outlook::Overloaded);
        assert_eq!(outlook(200.0, 0, Some(180.0), 20.0), Outlook::Overloaded);
        assert_eq!(Outlook::Overloaded.service_level(), Some(0.0));
    }

    #[test]
    fn priority_shortens_the_first_class_wait_and_keeps_the_mean() {
        let (first, others) = priority_asa(200.0, 14, Some(180.0), 0.2).unwrap();
        let Outlook::Stable { asa_secs, .. } = outlook(200.0, 14, Some(180.0), 20.0) else {
            panic!("stable")
        };
        assert!(first < asa_secs && others > asa_secs);
        let mean = 0.2 * first + 0.8 * others;
        assert!((mean - asa_secs).abs() < 1e-9, "{mean} vs {asa_secs}");
        assert_eq!(priority_asa(200.0, 10, Some(180.0), 0.2), None);
    }
}
