//! The routing plan: the modes in force, a version that moves with every change, and the
//! recent history. The platform keeps it (the simulator in memory, Asterisk in AstDB), so
//! an automatic revert happens whether or not the console that set it is still open.

use std::collections::VecDeque;

use fw_domain::{Timestamp, Topology};

use crate::actor::ModeId;
use crate::entry::{Ending, HISTORY_KEPT, PlanEntry, PlanEvent, RequestEnding};
use crate::error::{PlanError, RuleError};
use crate::mode::{Activation, ActiveMode, Approval, Deactivation, PlanChange, Refusal};
use crate::pending::PendingApproval;
use crate::policy::ApprovalPolicy;
use crate::reason::Reason;
use crate::rules::{check_activation, check_mode, check_revert};

/// What an applied change did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The plan's version after the change.
    pub version: u64,
    /// The mode turned on or off, or the request filed, approved or closed.
    pub id: ModeId,
    /// The change filed a request that waits for a second supervisor: nothing is on yet.
    pub awaiting_approval: bool,
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
    /// Requests waiting for a second supervisor, in id order.
    pending: Vec<PendingApproval>,
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
            pending: Vec::new(),
            history: VecDeque::new(),
        }
    }

    /// The plan with `pending` requests waiting for approval (as the store keeps them).
    #[must_use]
    pub fn with_pending(mut self, mut pending: Vec<PendingApproval>) -> RoutingPlan {
        pending.sort_by_key(|p| p.request.id);
        pending.dedup_by_key(|p| p.request.id);
        if let Some(last) = pending.last() {
            self.next_id = self.next_id.max(last.request.id.0 + 1);
        }
        self.pending = pending;
        self
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

    /// The requests waiting for a second supervisor, oldest first. Some may have lapsed
    /// until [`RoutingPlan::revert_due`] runs (they can no longer be approved).
    pub fn pending(&self) -> &[PendingApproval] {
        &self.pending
    }

    /// The requests that may still be approved at `now`.
    pub fn open_requests(&self, now: Timestamp) -> impl Iterator<Item = &PendingApproval> {
        self.pending.iter().filter(move |p| p.is_open(now))
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

    /// A team's new policy: it moves the version, so every console reads it with the plan
    /// (no console polls the policy on its own), and a confirmation prepared under the old
    /// policy is decided again.
    pub fn change_policy(&mut self, policy: ApprovalPolicy) {
        self.policy = policy;
        self.version += 1;
    }

    /// Checks an activation without applying it (the console's confirmation step), against
    /// the modes in force at `now`.
    pub fn check(&self, activation: &Activation, now: Timestamp) -> Result<(), RuleError> {
        let in_force: Vec<ActiveMode> = self.in_force(now).cloned().collect();
        let checked = check_activation(activation, &in_force, &self.topology, now)?;
        self.check_not_requested(&checked.mode.mode, now)
    }

    /// Whether turning `mode` on waits for a second supervisor under the team's policy.
    pub fn needs_approval(&self, mode: &fw_domain::RoutingMode) -> bool {
        self.policy.needs_second_approver(mode)
    }

    fn check_not_requested(
        &self,
        mode: &fw_domain::RoutingMode,
        now: Timestamp,
    ) -> Result<(), RuleError> {
        match self.open_requests(now).find(|p| p.request.mode == *mode) {
            Some(open) => Err(RuleError::AlreadyRequested {
                what: crate::describe::describe_mode(&self.topology, mode),
                id: open.request.id,
            }),
            None => Ok(()),
        }
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
            PlanChange::Activate(activation) => self.activate(activation, &in_force, now),
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
                Ok(self.applied(id, false, entries))
            }
            PlanChange::Approve(approval) => self.approve(approval, &in_force, now),
            PlanChange::Decline(refusal) => self.decline(refusal, now),
        }
    }

    fn applied(&self, id: ModeId, awaiting_approval: bool, entries: Vec<PlanEntry>) -> Applied {
        Applied {
            version: self.version,
            id,
            awaiting_approval,
            entries,
        }
    }

    /// Turns a mode on, or files it for approval where the policy asks for a second
    /// supervisor.
    fn activate(
        &mut self,
        activation: Activation,
        in_force: &[ActiveMode],
        now: Timestamp,
    ) -> Result<Applied, PlanError> {
        let checked = check_activation(&activation, in_force, &self.topology, now)?;
        self.check_not_requested(&checked.mode.mode, now)?;
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
            approved_by: None,
        };
        if self.policy.needs_second_approver(&mode.mode) {
            let expires_at = now.plus_ms(self.policy.approval_window_ms());
            self.pending.push(PendingApproval {
                request: mode.clone(),
                expires_at,
            });
            entries.push(self.record(mode, PlanEvent::Requested, now));
            return Ok(self.applied(id, true, entries));
        }
        entries.extend(self.switch_on(mode, checked.mode.supersedes, now));
        Ok(self.applied(id, false, entries))
    }

    /// A second supervisor turns a request on, if it is still open and still keeps the
    /// rules against the modes in force now (they may have changed since it was filed).
    fn approve(
        &mut self,
        Approval { id, by }: Approval,
        in_force: &[ActiveMode],
        now: Timestamp,
    ) -> Result<Applied, PlanError> {
        let request = self.open_request(id, now)?;
        if request.activated_by.id == by.id {
            return Err(RuleError::SelfApproval { name: by.name }.into());
        }
        let checked = check_mode(&request.mode, in_force, &self.topology)?;
        check_revert(request.revert_at, now)?;
        let mut entries = self.revert_due(now);
        self.version += 1;
        self.pending.retain(|p| p.request.id != id);
        let mode = ActiveMode {
            mode: checked.mode,
            activated_at: now,
            approved_by: Some(by),
            ..request
        };
        entries.extend(self.switch_on(mode, checked.supersedes, now));
        Ok(self.applied(id, false, entries))
    }

    /// Closes a request: refused by another supervisor, or withdrawn by its requester.
    fn decline(
        &mut self,
        Refusal { id, by, reason }: Refusal,
        now: Timestamp,
    ) -> Result<Applied, PlanError> {
        let request = self.open_request(id, now)?;
        let reason = Reason::new(&reason)?;
        let mut entries = self.revert_due(now);
        self.version += 1;
        self.pending.retain(|p| p.request.id != id);
        let ending = if request.activated_by.id == by.id {
            RequestEnding::Withdrawn { reason }
        } else {
            RequestEnding::Refused { by, reason }
        };
        entries.push(self.record(request, PlanEvent::RequestClosed(ending), now));
        Ok(self.applied(id, false, entries))
    }

    /// The request `id`, if it may still be approved, refused or withdrawn at `now`.
    fn open_request(&self, id: ModeId, now: Timestamp) -> Result<ActiveMode, RuleError> {
        self.open_requests(now)
            .find(|p| p.request.id == id)
            .map(|p| p.request.clone())
            .ok_or(RuleError::NoSuchRequest(id))
    }

    /// Puts `mode` in force and ends the modes it supersedes; the entries recorded.
    fn switch_on(
        &mut self,
        mode: ActiveMode,
        supersedes: Vec<ModeId>,
        now: Timestamp,
    ) -> Vec<PlanEntry> {
        let id = mode.id;
        self.active.push(mode.clone());
        self.active.sort_by_key(|m| m.id);
        let mut entries = vec![self.record(mode, PlanEvent::Activated, now)];
        for old in supersedes {
            if let Some(ended) = self.take(old) {
                let event = PlanEvent::Ended(Ending::Superseded { by: id });
                entries.push(self.record(ended, event, now));
            }
        }
        entries
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
    /// Requests that lapse too: each a change of its own, in time order with the reverts.
    pub fn revert_due(&mut self, now: Timestamp) -> Vec<PlanEntry> {
        let mut due: Vec<(Timestamp, ModeId, bool)> = self
            .due_reverts(now)
            .iter()
            .map(|m| (m.revert_at.unwrap_or(now), m.id, false))
            .collect();
        due.extend(
            self.pending
                .iter()
                .filter(|p| !p.is_open(now))
                .map(|p| (p.expires_at, p.request.id, true)),
        );
        due.sort_unstable();
        let mut entries = Vec::with_capacity(due.len());
        for (at, id, lapsed) in due {
            let (mode, event) = if lapsed {
                let Some(position) = self.pending.iter().position(|p| p.request.id == id) else {
                    continue;
                };
                let request = self.pending.remove(position).request;
                (request, PlanEvent::RequestClosed(RequestEnding::Lapsed))
            } else {
                let Some(mode) = self.take(id) else { continue };
                (mode, PlanEvent::Ended(Ending::RevertedAutomatically))
            };
            self.version += 1;
            entries.push(self.record(mode, event, at));
        }
        entries
    }

    /// Whether a revert or a lapse is due at `now`.
    pub fn has_due(&self, now: Timestamp) -> bool {
        !self.due_reverts(now).is_empty() || self.pending.iter().any(|p| !p.is_open(now))
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
