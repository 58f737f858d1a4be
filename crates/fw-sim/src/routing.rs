//! The routing modes the simulated platform keeps in force, as Asterisk keeps them in AstDB:
//! each with the number the simulator gave it and the time it reverts by itself.
//!
//! Only the modes themselves live here; what they do to calls is in `routing_flow.rs`.

use fw_domain::{RoutingMode, SiteId, Timestamp};
use fw_routing::ModeId;

/// One mode in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutingModeInForce {
    /// Given by the simulator, from 1, never reused: a revert scheduled for an earlier
    /// activation of the same mode can tell it is stale.
    pub id: ModeId,
    pub mode: RoutingMode,
    /// When the mode switches itself off, if ever.
    pub revert_at: Option<Timestamp>,
}

impl RoutingModeInForce {
    /// Whether the mode still acts at `now`. A mode whose revert time has come acts no more,
    /// even before its revert happening has run (several happenings can share an instant).
    pub fn acts_at(&self, now: Timestamp) -> bool {
        self.revert_at.is_none_or(|revert_at| revert_at > now)
    }
}

/// The modes in force, in activation order.
#[derive(Debug)]
pub(crate) struct RoutingModes {
    modes: Vec<RoutingModeInForce>,
    next_id: u64,
}

impl Default for RoutingModes {
    fn default() -> RoutingModes {
        // Numbered from 1: `ModeId::PROPOSED` (0) never names a real mode.
        RoutingModes {
            modes: Vec::new(),
            next_id: 1,
        }
    }
}

impl RoutingModes {
    pub(crate) fn all(&self) -> &[RoutingModeInForce] {
        &self.modes
    }

    /// The modes acting at `now`, with their ids, as `fw_routing::route_with` takes them.
    pub(crate) fn acting(&self, now: Timestamp) -> impl Iterator<Item = (ModeId, &RoutingMode)> {
        self.modes
            .iter()
            .filter(move |m| m.acts_at(now))
            .map(|m| (m.id, &m.mode))
    }

    /// Whether no mode acts at `now`: routing is then the plain IVR-to-queue path, checked
    /// first so a centre without modes pays nothing for them.
    pub(crate) fn none_acting(&self, now: Timestamp) -> bool {
        !self.modes.iter().any(|m| m.acts_at(now))
    }

    /// Whether a failover of `site` acts at `now`: its agents are rung for nothing new.
    pub(crate) fn failed_over(&self, site: SiteId, now: Timestamp) -> bool {
        self.modes.iter().any(|m| {
            m.acts_at(now) && matches!(m.mode, RoutingMode::SiteFailover { site: s } if s == site)
        })
    }

    /// The mode equal to `mode`, if it is held.
    pub(crate) fn find_mut(&mut self, mode: &RoutingMode) -> Option<&mut RoutingModeInForce> {
        self.modes.iter_mut().find(|m| m.mode == *mode)
    }

    /// Adds a mode and returns its new id.
    pub(crate) fn add(&mut self, mode: RoutingMode, revert_at: Option<Timestamp>) -> ModeId {
        let id = ModeId(self.next_id);
        self.next_id += 1;
        self.modes.push(RoutingModeInForce {
            id,
            mode,
            revert_at,
        });
        id
    }

    /// Removes the mode equal to `mode`.
    pub(crate) fn remove(&mut self, mode: &RoutingMode) -> Option<RoutingModeInForce> {
        let index = self.modes.iter().position(|m| m.mode == *mode)?;
        Some(self.modes.remove(index))
    }

    /// Removes mode `id` if it is due to revert at `at` (a revert scheduled before the mode
    /// was re-sent with another revert time, or switched off, is stale and removes nothing).
    pub(crate) fn remove_due(&mut self, id: ModeId, at: Timestamp) -> Option<RoutingModeInForce> {
        let index = self
            .modes
            .iter()
            .position(|m| m.id == id && m.revert_at == Some(at))?;
        Some(self.modes.remove(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_start_at_one_and_a_stale_revert_removes_nothing() {
        let mut modes = RoutingModes::default();
        let failover = RoutingMode::SiteFailover { site: SiteId(1) };
        let id = modes.add(failover.clone(), Some(Timestamp(100)));
        assert_eq!(id, ModeId(1));
        assert!(modes.failed_over(SiteId(1), Timestamp(99)));
        assert!(!modes.failed_over(SiteId(1), Timestamp(100)), "reverted");
        assert!(!modes.failed_over(SiteId(0), Timestamp(0)));
        modes.find_mut(&failover).unwrap().revert_at = Some(Timestamp(200));
        assert!(modes.remove_due(id, Timestamp(100)).is_none(), "moved on");
        assert_eq!(modes.acting(Timestamp(150)).count(), 1);
        assert!(
            modes.none_acting(Timestamp(200)),
            "past its new revert time"
        );
        assert_eq!(modes.remove_due(id, Timestamp(200)).map(|m| m.id), Some(id));
        assert!(modes.none_acting(Timestamp(0)));
        assert_eq!(modes.add(failover.clone(), None), ModeId(2), "never reused");
        assert!(modes.remove(&failover).is_some() && modes.all().is_empty());
    }
}
