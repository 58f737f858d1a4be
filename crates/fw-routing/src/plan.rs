//! The routing plan: the modes in force, a version that moves with every change, and the
//! recent history. The platform keeps it (the simulator in memory, Asterisk in AstDB), so
//! an automatic revert happens whether or not the console that set it is still open.

use std::collections::VecDeque;

use fw_domain::{Timestamp, Topology};

use crate::actor::ModeId;
use crate::entry::{Ending, HISTORY_KEPT, PlanEntry, PlanEvent};
use crate::error::{PlanError, RuleError};
use crate::mode::{Activation, ActiveMode, Deactivation, PlanChange};
use crate::policy::ApprovalPolicy;
use crate::reason::Reason;
use crate::rules::check_activation;

/// What an applied change did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The plan's version after the change.
    pub version: u64,
    /// The mode turned on or off.
    pub id: ModeId,
    /// Everything recorded, oldest first: modes whose revert time had come (reverted first,
    /// as they would have been at `now` anyway), then the change itself and the modes it
    /// superseded. Each becomes one platform command ([`PlanEntry::platform_command`]) and
    /// one audit record.
    pub entries: Vec<PlanEntry>,
}

/// The versioned set of active routing modes.
#[derive(Clone, Debug)]
pub struct RoutingPlan {
    /// Sites and queues only: the rules and the routing never look at agents.
    topology: Topology,
    policy: ApprovalPolicy,
    version: u64,
    next_id: u64,
    /// In activation order (so in id order).
    active: Vec<ActiveMode>,
    history: VecDeque<PlanEntry>,
}

impl RoutingPlan {
    /// An empty plan at version 0.
    pub fn new(topology: &Topology, policy: ApprovalPolicy) -> RoutingPlan {
        RoutingPlan::restore(topology, policy, 0, Vec::new())
    }

    /// A plan rebuilt from the platform's state (e.g. [`crate::astdb::decode_tree`]): its
    /// version and modes; the history starts empty.
    pub fn restore(
        topology: &Topology,
        policy: ApprovalPolicy,
        version: u64,
        mut active: Vec<ActiveMode>,
    ) -> RoutingPlan {
        active.sort_by_key(|m| m.id);
        active.dedup_by_key(|m| m.id);
        let next_id = active.last().map_or(1, |m| m.id.0 + 1);
        RoutingPlan {
            topology: Topology {
                sites: topology.sites.clone(),
                queues: topology.queues.clone(),
                agents: Vec::new(),
            },
            policy,
            version,
            next_id,
            active,
            history: VecDeque::new(),
        }
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// The number the next mode turned on will get.
    pub fn next_mode_id(&self) -> u64 {
        self.next_id
    }

    /// Numbers modes from `next` on (or later): a plan restored from a store that remembers
    /// its numbering never hands out a number the history already used.
    pub fn number_from(&mut self, next: u64) {
        self.next_id = self.next_id.max(next);
    }

    /// The modes on, oldest first. Some may be past their revert time until
    /// [`RoutingPlan::revert_due`] runs (routing already ignores them).
    pub fn active(&self) -> &[ActiveMode] {
        &self.active
    }

    pub fn mode(&self, id: ModeId) -> Option<&ActiveMode> {
        self.active.iter().find(|m| m.id == id)
    }

    /// The modes acting at `now`.
    pub fn in_force(&self, now: Timestamp) -> impl Iterator<Item = &ActiveMode> {
        self.active.iter().filter(move |m| m.in_force(now))
    }

    /// The last [`HISTORY_KEPT`] entries, oldest first.
    pub fn history(&self) -> impl DoubleEndedIterator<Item = &PlanEntry> {
        self.history.iter()
    }

    /// The entries after `version`, oldest first, and whether some of them are older than
    /// the history kept.
    pub fn changes_since(&self, version: u64) -> (Vec<PlanEntry>, bool) {
        let changes: Vec<PlanEntry> = self
            .history
            .iter()
            .filter(|e| e.version > version)
            .cloned()
            .collect();
        let first_kept = self.history.front().map_or(self.version + 1, |e| e.version);
        let dropped = self.version > version && first_kept > version + 1;
        (changes, dropped)
    }

    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// After a resync: the rules and the routing use the new sites and queues. Modes naming
    /// a site or queue that is gone stay on (the platform still has their keys) but route
    /// nothing.
    pub fn set_topology(&mut self, topology: &Topology) {
        self.topology.sites.clone_from(&topology.sites);
        self.topology.queues.clone_from(&topology.queues);
    }

    pub fn policy(&self) -> ApprovalPolicy {
        self.policy
    }

    pub fn set_policy(&mut self, policy: ApprovalPolicy) {
        self.policy = policy;
    }

    /// Checks an activation without applying it (the console's confirmation step), against
    /// the modes in force at `now`.
    pub fn check(&self, activation: &Activation, now: Timestamp) -> Result<(), RuleError> {
        let in_force: Vec<ActiveMode> = self.in_force(now).cloned().collect();
        check_activation(activation, &in_force, &self.topology, self.policy, now).map(|_| ())
    }

    /// Applies `change` if the requester saw the current version and it keeps the rules.
    /// A stale version is a [`PlanError::Conflict`] listing what changed since; a broken
    /// rule is [`PlanError::Rejected`]. Either way nothing changes.
    pub fn apply(
        &mut self,
        change: PlanChange,
        expected_version: u64,
        now: Timestamp,
    ) -> Result<Applied, PlanError> {
        if expected_version != self.version {
            let (changes_since, earlier_changes_dropped) = self.changes_since(expected_version);
            return Err(PlanError::Conflict {
                expected_version,
                current_version: self.version,
                changes_since,
                earlier_changes_dropped,
            });
        }
        // Checked against the modes in force, before anything is touched, so a refusal
        // changes nothing; the due reverts are recorded only with a change that goes in.
        let in_force: Vec<ActiveMode> = self.in_force(now).cloned().collect();
        match change {
            PlanChange::Activate(activation) => {
                let checked =
                    check_activation(&activation, &in_force, &self.topology, self.policy, now)?;
                let mut entries = self.revert_due(now);
                self.version += 1;
                let id = ModeId(self.next_id);
                self.next_id += 1;
                let mode = ActiveMode {
                    id,
                    mode: checked.mode.mode,
                    reason: checked.reason,
                    activated_by: activation.by,
                    activated_at: now,
                    revert_at: activation.revert_at,
                    approved_by: activation.approver,
                };
                self.active.push(mode.clone());
                entries.push(self.record(mode, PlanEvent::Activated, now));
                for old in checked.mode.supersedes {
                    if let Some(ended) = self.take(old) {
                        let event = PlanEvent::Ended(Ending::Superseded { by: id });
                        entries.push(self.record(ended, event, now));
                    }
                }
                Ok(Applied {
                    version: self.version,
                    id,
                    entries,
                })
            }
            PlanChange::Deactivate(Deactivation { id, by, reason }) => {
                if !in_force.iter().any(|m| m.id == id) {
                    return Err(RuleError::NotActive(id).into());
                }
                let reason = Reason::new(&reason)?;
                let mut entries = self.revert_due(now);
                self.version += 1;
                let ended = self.take(id).expect("checked to be in force above");
                let event = PlanEvent::Ended(Ending::TurnedOff { by, reason });
                entries.push(self.record(ended, event, now));
                Ok(Applied {
                    version: self.version,
                    id,
                    entries,
                })
            }
        }
    }

    /// The modes whose revert time has come at `now`, soonest first.
    pub fn due_reverts(&self, now: Timestamp) -> Vec<&ActiveMode> {
        let mut due: Vec<&ActiveMode> = self.active.iter().filter(|m| m.is_due(now)).collect();
        due.sort_by_key(|m| (m.revert_at, m.id));
        due
    }

    /// Reverts every mode whose time has come (each a change of its own, soonest first) and
    /// returns the entries recorded. The hub calls it on every tick; nothing else is
    /// needed for a revert to happen.
    pub fn revert_due(&mut self, now: Timestamp) -> Vec<PlanEntry> {
        let due: Vec<ModeId> = self.due_reverts(now).iter().map(|m| m.id).collect();
        let mut entries = Vec::with_capacity(due.len());
        for id in due {
            if let Some(mode) = self.take(id) {
                self.version += 1;
                let at = mode.revert_at.unwrap_or(now);
                let event = PlanEvent::Ended(Ending::RevertedAutomatically);
                entries.push(self.record(mode, event, at));
            }
        }
        entries
    }

    /// The soonest automatic revert, for a timer that wakes the hub just then.
    pub fn next_revert_at(&self) -> Option<Timestamp> {
        self.active.iter().filter_map(|m| m.revert_at).min()
    }

    fn take(&mut self, id: ModeId) -> Option<ActiveMode> {
        let position = self.active.iter().position(|m| m.id == id)?;
        Some(self.active.remove(position))
    }

    fn record(&mut self, mode: ActiveMode, event: PlanEvent, at: Timestamp) -> PlanEntry {
        let entry = PlanEntry {
            version: self.version,
            at,
            mode,
            event,
        };
        if self.history.len() == HISTORY_KEPT {
            self.history.pop_front();
        }
        self.history.push_back(entry.clone());
        entry
    }
}
