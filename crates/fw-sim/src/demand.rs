//! How many calls each queue gets, minute by minute.
//!
//! Arrivals are a non-homogeneous Poisson process per queue with a piecewise-constant rate per
//! minute: peak rate × the 24-hour profile × an hourly wobble × any surge. Peak rates are sized
//! from the staffing so that the day teams run at [`peak_occupancy`] at the busiest hours.

use fw_domain::{QueueId, SECOND_MS, Timestamp};

use crate::centre::{Centre, SECONDARY_WEIGHT};
use crate::config::Surge;
use crate::rng::SimRng;
use crate::shifts::local_minute_of_day;
use crate::skills::{Skill, site_of_queue};

/// Arrivals relative to the peak, per local hour (value at the start of the hour; minutes in
/// between are interpolated). Busy 09–12 and 14–17, a lunchtime dip, an evening tail and a
/// night lull at 10–15 % of peak.
const HOURLY_PROFILE: [f64; 24] = [
    0.16, 0.14, 0.12, 0.12, 0.12, 0.14, // 00–05
    0.22, 0.42, 0.70, 0.92, 1.00, 0.96, // 06–11
    0.72, 0.78, 0.94, 1.00, 0.96, 0.80, // 12–17
    0.60, 0.46, 0.36, 0.27, 0.20, 0.16, // 18–23
];

/// Busy time ÷ staffed time the day teams should see at peak, before breaks. Bigger pools
/// absorb randomness better, so real large centres are staffed hotter for the same service
/// level: 0.86 at 100 agents, 0.90 at 1,000, 0.94 at 10,000.
pub(crate) fn peak_occupancy(agents: usize) -> f64 {
    (0.86 + 0.04 * (agents as f64 / 100.0).log10()).clamp(0.82, 0.94)
}

/// Share of a day team away on a break at a typical peak moment (the rota keeps most breaks
/// off the peaks).
const BREAK_ALLOWANCE: f64 = 0.05;

/// Share of arrivals that reach an agent: the rest hang up in the IVR or abandon.
const SERVED_SHARE: f64 = 0.9;

/// Expected seconds an agent is busy per call besides talk: ringing, holds, wrap-up.
const NON_TALK_BUSY_SECS: f64 = 4.0 + 0.2 * 55.0 + 37.5;

/// Share of calls from escalating queues that reach an agent and are escalated.
const ESCALATION_SHARE: f64 = 0.98 * 0.92 * 0.06;

/// Hour-to-hour wobble of each queue's demand (log-space spread). Real demand is more
/// variable than a fixed profile; this is what makes a queue struggle now and then even in a
/// large, well-pooled centre.
const HOURLY_NOISE_SIGMA: f64 = 0.12;

/// Mixed into the seed so the wobble is independent of every other random stream.
const HOURLY_NOISE_STREAM: u64 = 0x5EED_0F0F_DE3A_4D00;

/// Per-queue arrival rates.
#[derive(Clone, Debug)]
pub(crate) struct Demand {
    /// Calls per millisecond at profile 1.0, per queue.
    peak_per_ms: Vec<f64>,
    utc_offset_ms: i64,
    surge: Option<Surge>,
    seed: u64,
}

impl Demand {
    pub(crate) fn new(
        centre: &Centre,
        seed: u64,
        utc_offset_ms: i64,
        surge: Option<Surge>,
    ) -> Demand {
        let capacity = day_capacity_per_queue(centre);
        let occupancy = peak_occupancy(centre.topology.agents.len());
        let mut peak_per_sec = vec![0.0; capacity.len()];
        for (index, agents) in capacity.iter().enumerate() {
            let skill = Skill::of_queue(QueueId(index as u16));
            if skill != Skill::Tier2 {
                peak_per_sec[index] = occupancy * agents / handling_secs(skill) / SERVED_SHARE;
            }
        }
        // Tier 2 takes escalations first; callers routed straight to it fill the rest.
        for tier2_index in (Skill::Tier2.offset()..capacity.len()).step_by(Skill::ALL.len()) {
            let site_start = tier2_index - Skill::Tier2.offset();
            let escalations_per_sec: f64 = Skill::TIER1
                .iter()
                .filter(|skill| skill.escalates())
                .map(|skill| peak_per_sec[site_start + skill.offset()] * ESCALATION_SHARE)
                .sum();
            let tier2_secs = handling_secs(Skill::Tier2);
            let spare = occupancy * capacity[tier2_index] - escalations_per_sec * tier2_secs;
            // Keep a trickle of direct tier-2 calls even when escalations fill the experts.
            let floor = 0.1 * occupancy * capacity[tier2_index];
            peak_per_sec[tier2_index] = spare.max(floor) / tier2_secs / SERVED_SHARE;
        }
        let peak_per_ms = peak_per_sec
            .into_iter()
            .map(|rate| rate / SECOND_MS as f64)
            .collect();
        Demand {
            peak_per_ms,
            utc_offset_ms,
            surge,
            seed,
        }
    }

    /// Calls per millisecond for a queue during the minute starting at `minute_start`.
    pub(crate) fn rate_per_ms(&self, queue: QueueId, minute_start: Timestamp) -> f64 {
        let profile = profile_at(local_minute_of_day(minute_start, self.utc_offset_ms));
        self.peak_per_ms[queue.index()]
            * profile
            * self.hourly_noise(queue, minute_start)
            * self.surge_factor(queue, minute_start)
    }

    /// A mean-one factor fixed per queue and hour: a pure function of the seed, so the rate
    /// of any minute can be read at any time without carrying generator state.
    fn hourly_noise(&self, queue: QueueId, at: Timestamp) -> f64 {
        let hour = at.0.div_euclid(3_600_000) as u64;
        let mut rng = SimRng::stream(
            self.seed ^ HOURLY_NOISE_STREAM,
            (hour << 16) | u64::from(queue.0),
        );
        let sigma = HOURLY_NOISE_SIGMA;
        (sigma * rng.standard_normal() - sigma * sigma / 2.0).exp()
    }

    /// Expected calls per hour for a queue at the profile's peak (for tests and reports).
    #[cfg(test)]
    pub(crate) fn peak_per_hour(&self, queue: QueueId) -> f64 {
        self.peak_per_ms[queue.index()] * 3_600_000.0
    }

    fn surge_factor(&self, queue: QueueId, at: Timestamp) -> f64 {
        match self.surge {
            Some(surge)
                if at >= surge.at
                    && at < surge.at.plus_ms(surge.duration_ms)
                    && surge.site.is_none_or(|site| site == site_of_queue(queue)) =>
            {
                surge.factor
            }
            _ => 1.0,
        }
    }
}

/// Expected busy seconds per handled call on a skill.
fn handling_secs(skill: Skill) -> f64 {
    skill.mean_talk_secs() + NON_TALK_BUSY_SECS
}

/// Agents each queue can count on at a day peak: a day team's members split their time over
/// their queues (primary 1, secondaries [`SECONDARY_WEIGHT`], experts 60/40 tier2/complaints),
/// averaged over the early and late teams, less breaks.
fn day_capacity_per_queue(centre: &Centre) -> Vec<f64> {
    let mut capacity = vec![0.0; centre.topology.queues.len()];
    for (agent, traits) in centre.topology.agents.iter().zip(&centre.traits) {
        if !traits.shift.is_day() {
            continue;
        }
        let weights: Vec<f64> = agent
            .queues
            .iter()
            .enumerate()
            .map(
                |(position, queue)| match (traits.expert, Skill::of_queue(*queue)) {
                    (true, Skill::Tier2) => 0.6,
                    (true, Skill::Complaints) => 0.4,
                    _ if position == 0 => 1.0,
                    _ => SECONDARY_WEIGHT,
                },
            )
            .collect();
        let total: f64 = weights.iter().sum();
        for (queue, weight) in agent.queues.iter().zip(weights) {
            capacity[queue.index()] += weight / total;
        }
    }
    let day_teams = 2.0;
    capacity
        .iter()
        .map(|agents| agents / day_teams * (1.0 - BREAK_ALLOWANCE))
        .collect()
}

/// The profile at a local minute of the day, interpolated between hours.
fn profile_at(minute_of_day: i64) -> f64 {
    let hour = (minute_of_day / 60) as usize % 24;
    let next = (hour + 1) % 24;
    let within = (minute_of_day % 60) as f64 / 60.0;
    HOURLY_PROFILE[hour] + (HOURLY_PROFILE[next] - HOURLY_PROFILE[hour]) * within
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::centre::build_centre;
    use fw_domain::{MINUTE_MS, SiteId};

    const CHINA: i64 = 8 * 60 * MINUTE_MS;

    fn local_hour(hour: i64) -> Timestamp {
        Timestamp(hour * 60 * MINUTE_MS - CHINA)
    }

    #[test]
    fn night_is_a_lull_and_mid_morning_a_peak() {
        let centre = build_centre(1, 1_000, 1);
        let demand = Demand::new(&centre, 1, CHINA, None);
        let phones = QueueId(0);
        let night: f64 = (0..21)
            .map(|q| demand.rate_per_ms(QueueId(q), local_hour(3)))
            .sum();
        let peak: f64 = (0..21)
            .map(|q| demand.rate_per_ms(QueueId(q), local_hour(10)))
            .sum();
        assert!(
            night / peak <= 0.16 && night / peak >= 0.09,
            "{}",
            night / peak
        );
        assert!(demand.rate_per_ms(phones, local_hour(3)) > 0.0);
        // Roughly 1,000 agents × 44 % on a day team × 84 % busy ÷ ~5 min per call.
        let centre_peak: f64 = (0..21).map(|q| demand.peak_per_hour(QueueId(q))).sum();
        assert!(
            (3_500.0..6_500.0).contains(&centre_peak),
            "{centre_peak} calls per peak hour"
        );
    }

    #[test]
    fn a_site_surge_multiplies_only_that_site_inside_its_window() {
        let centre = build_centre(1, 300, 1);
        let surge = Surge {
            at: local_hour(10),
            duration_ms: 30 * MINUTE_MS,
            factor: 3.0,
            site: Some(SiteId(1)),
        };
        let plain = Demand::new(&centre, 1, CHINA, None);
        let surged = Demand::new(&centre, 1, CHINA, Some(surge));
        let east_phones = Skill::Phones.queue_at(SiteId(1));
        let inside = local_hour(10).plus_ms(10 * MINUTE_MS);
        let ratio =
            surged.rate_per_ms(east_phones, inside) / plain.rate_per_ms(east_phones, inside);
        assert!((ratio - 3.0).abs() < 1e-9);
        let unchanged = |queue, at| {
            (surged.rate_per_ms(queue, at) - plain.rate_per_ms(queue, at)).abs() < f64::EPSILON
        };
        assert!(unchanged(QueueId(0), inside));
        assert!(unchanged(east_phones, local_hour(11)));
    }
}
