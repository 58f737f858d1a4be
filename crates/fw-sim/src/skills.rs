//! The centre's fixed shape: its sites and the skills every site serves, with the per-skill
//! numbers (talk time, patience, staffing share) that make each queue behave differently.

use fw_domain::{QueueId, SiteId};

/// Site names, in id order.
pub(crate) const SITE_NAMES: [&str; 3] = ["north", "east", "south"];

/// Share of the agents at each site, in id order.
pub(crate) const SITE_SHARES: [f64; 3] = [0.35, 0.40, 0.25];

/// A skill every site has a queue for. The declaration order is the queue order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Skill {
    Phones,
    SmartHome,
    Orders,
    Repairs,
    Complaints,
    Claims,
    Tier2,
}

impl Skill {
    /// Every skill, in queue order.
    pub(crate) const ALL: [Skill; 7] = [
        Skill::Phones,
        Skill::SmartHome,
        Skill::Orders,
        Skill::Repairs,
        Skill::Complaints,
        Skill::Claims,
        Skill::Tier2,
    ];

    /// The skills a tier-1 agent can have as primary.
    pub(crate) const TIER1: [Skill; 6] = [
        Skill::Phones,
        Skill::SmartHome,
        Skill::Orders,
        Skill::Repairs,
        Skill::Complaints,
        Skill::Claims,
    ];

    /// The skill code, also the suffix of the queue name.
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Skill::Phones => "phones",
            Skill::SmartHome => "smart_home",
            Skill::Orders => "orders",
            Skill::Repairs => "repairs",
            Skill::Complaints => "complaints",
            Skill::Claims => "claims",
            Skill::Tier2 => "tier2",
        }
    }

    /// Position within a site's queues.
    pub(crate) const fn offset(self) -> usize {
        self as usize
    }

    /// Mean talk time in seconds (before the agent's own speed).
    pub(crate) const fn mean_talk_secs(self) -> f64 {
        match self {
            Skill::Phones => 240.0,
            Skill::SmartHome => 300.0,
            Skill::Orders => 180.0,
            Skill::Repairs => 360.0,
            Skill::Complaints => 420.0,
            Skill::Claims => 400.0,
            Skill::Tier2 => 600.0,
        }
    }

    /// Mean caller patience in seconds: people chasing an order give up sooner than people
    /// with a broken device or a claim, and escalated callers have already invested time.
    pub(crate) const fn mean_patience_secs(self) -> f64 {
        match self {
            Skill::Phones => 120.0,
            Skill::SmartHome => 140.0,
            Skill::Orders => 90.0,
            Skill::Repairs => 160.0,
            Skill::Complaints => 150.0,
            Skill::Claims => 180.0,
            Skill::Tier2 => 240.0,
        }
    }

    /// Share of tier-1 agents with this primary skill (tier-2 gets experts instead).
    pub(crate) const fn primary_share(self) -> f64 {
        match self {
            Skill::Phones => 0.30,
            Skill::SmartHome | Skill::Repairs => 0.15,
            Skill::Orders => 0.18,
            Skill::Complaints => 0.10,
            Skill::Claims => 0.12,
            Skill::Tier2 => 0.0,
        }
    }

    /// Whether hard cases on this skill are escalated to tier 2.
    pub(crate) const fn escalates(self) -> bool {
        matches!(self, Skill::Repairs | Skill::Complaints | Skill::Claims)
    }

    /// The skill of a queue (queues are dense: line-major, then site-major, in
    /// [`Skill::ALL`] order; a line's block is a multiple of the skill count).
    pub(crate) const fn of_queue(queue: QueueId) -> Skill {
        Skill::ALL[queue.index() % Skill::ALL.len()]
    }

    /// This skill's queue at a site, on the first product line.
    #[cfg(test)]
    pub(crate) const fn queue_at(self, site: SiteId) -> QueueId {
        self.queue_on_line(site, 0)
    }

    /// This skill's queue at a site on a product line.
    pub(crate) const fn queue_on_line(self, site: SiteId, line: u16) -> QueueId {
        QueueId(
            (line as usize * QUEUES_PER_LINE + site.0 as usize * Skill::ALL.len() + self.offset())
                as u16,
        )
    }
}

/// Queues in one product line: every skill at every site.
pub const QUEUES_PER_LINE: usize = SITE_NAMES.len() * Skill::ALL.len();

/// The site a queue belongs to.
pub(crate) const fn site_of_queue(queue: QueueId) -> SiteId {
    SiteId(((queue.index() % QUEUES_PER_LINE) / Skill::ALL.len()) as u16)
}

/// The product line a queue belongs to.
pub(crate) const fn line_of_queue(queue: QueueId) -> u16 {
    (queue.index() / QUEUES_PER_LINE) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_ids_are_site_major_in_skill_order() {
        assert_eq!(Skill::Phones.queue_at(SiteId(0)), QueueId(0));
        assert_eq!(Skill::Tier2.queue_at(SiteId(0)), QueueId(6));
        assert_eq!(Skill::Claims.queue_at(SiteId(1)), QueueId(12));
        assert_eq!(Skill::of_queue(QueueId(12)), Skill::Claims);
        assert_eq!(site_of_queue(QueueId(12)), SiteId(1));
        // The second product line repeats the first's layout.
        assert_eq!(Skill::Claims.queue_on_line(SiteId(1), 1), QueueId(33));
        assert_eq!(Skill::of_queue(QueueId(33)), Skill::Claims);
        assert_eq!(site_of_queue(QueueId(33)), SiteId(1));
        assert_eq!(line_of_queue(QueueId(33)), 1);
        let shares: f64 = Skill::TIER1.iter().map(|s| s.primary_share()).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }
}
