//! The routing desk: the team's plan as this console knows it, changes checked against the
//! roles and the plan's rules, written to the audit trail first and then to the team's store
//! by compare and swap, and the plan handed to the platform.
//!
//! The store is where consoles meet: every console polls the plan's version and reloads when
//! it moves, so a change made at one console shows at every other within a poll. The
//! platform applies the modes (the simulator routes calls by them; Asterisk reads AstDB
//! keys), each with its revert time, so a mode reverts on time even if no console is open;
//! the first console to notice records the revert in the plan and the audit trail. The desk
//! says when the plan in force has moved since it was last handed over; the connector
//! (`Connector::apply_routing`) works out what the platform lacks.

use fw_domain::{RoutingMode, Timestamp, Topology};
use fw_engine::Engine;
use fw_routing::{
    Activation, Actor, Approval, ApprovalPolicy, Deactivation, Impact, ModeId, PlanChange,
    PlanError, Refusal, RoutingPlan,
};
use fw_store::{AuditEntry, AuditOutcome, RoutingPlanRecord, Store, TEAM_OWNER};

use crate::monitoring::Monitoring;
use crate::roles::Permission;
use crate::routing_audit::{SYSTEM_USER, plan_entry_record, refused_record};
use crate::routing_codec::{decode_modes, encode_modes};
use crate::routing_error::RoutingError;
use crate::routing_request::{RoutingChanged, RoutingRequest};
use crate::routing_state::RoutingState;

/// The team setting that holds the [`ApprovalPolicy`] as JSON.
pub const ROUTING_POLICY_SETTING: &str = "routing.policy";

/// Which plan was in force when it was handed to the platform: its version and the modes
/// that still acted (a mode passing its revert time changes it before the version moves).
#[derive(Clone, Debug, PartialEq, Eq)]
struct InForce {
    version: u64,
    modes: Vec<ModeId>,
}

/// The plan as this console knows it, and what it told the platform.
#[derive(Debug)]
pub struct RoutingDesk {
    store: Store,
    plan: RoutingPlan,
    /// Whether `plan` has been read from the store at least once.
    loaded: bool,
    /// The plan in force last handed to the platform since it last connected.
    handed_over: Option<InForce>,
    platform_problem: Option<String>,
    store_problem: Option<String>,
}

impl RoutingDesk {
    /// A desk for a centre with `topology`; the plan is read by the first [`Self::sync`].
    pub fn new(store: Store, topology: &Topology) -> RoutingDesk {
        RoutingDesk {
            store,
            plan: RoutingPlan::new(topology, ApprovalPolicy::default()),
            loaded: false,
            handed_over: None,
            platform_problem: None,
            store_problem: None,
        }
    }

    /// After a (re)connect: the platform may have lost what it was told, and the sites and
    /// queues may have changed, so the plan is read again and handed over again.
    pub fn connected(&mut self, topology: &Topology) {
        self.plan.set_topology(topology);
        self.loaded = false;
        self.handed_over = None;
        self.platform_problem = None;
    }

    pub fn plan(&self) -> &RoutingPlan {
        &self.plan
    }

    /// What screens show.
    pub fn state(&self, now: Timestamp) -> RoutingState {
        RoutingState {
            known: self.loaded,
            version: self.plan.version(),
            active: self.plan.in_force(now).cloned().collect(),
            pending: self.plan.open_requests(now).cloned().collect(),
            policy: self.plan.policy(),
            platform_problem: self.platform_problem.clone(),
            store_problem: self.store_problem.clone(),
        }
    }

    /// Reads the plan again if its version moved (or was never read). `true` if it changed.
    /// The approval policy comes with it: saving a policy moves the version.
    pub async fn sync(&mut self) -> bool {
        let result = self.reload(false).await;
        self.note_store(result)
    }

    /// After `user` saved the team's policy (a team setting): puts it in force here and
    /// moves the plan's version so every other console reads it at its next poll. If
    /// another console saved the plan meanwhile, its version moved already; reading it
    /// again reads the policy too.
    pub async fn policy_saved(&mut self, policy: ApprovalPolicy, user: &str, now: Timestamp) {
        let mut candidate = self.plan.clone();
        candidate.change_policy(policy);
        let result = match self.save(&candidate, user, now).await {
            Ok(true) => {
                self.plan = candidate;
                Ok(true)
            }
            Ok(false) => self.reload(true).await,
            Err(problem) => Err(problem),
        };
        self.note_store(result);
    }

    fn note_store(&mut self, result: Result<bool, String>) -> bool {
        match result {
            Ok(changed) => {
                let problem_cleared = self.store_problem.take().is_some();
                changed || problem_cleared
            }
            Err(problem) => {
                let first = self.store_problem.as_deref() != Some(problem.as_str());
                if first {
                    tracing::warn!(%problem, "the routing plan could not be read");
                }
                self.store_problem = Some(problem);
                first
            }
        }
    }

    async fn reload(&mut self, force: bool) -> Result<bool, String> {
        if self.loaded && !force {
            let version = self
                .store
                .routing_plan_version()
                .await
                .map_err(|e| e.to_string())?;
            if version == self.plan.version() {
                return Ok(false);
            }
        }
        let record = self.store.routing_plan().await.map_err(|e| e.to_string())?;
        let policy = load_policy(&self.store).await;
        let stored =
            decode_modes(&record.modes, self.plan.topology()).map_err(|e| e.to_string())?;
        let mut plan =
            RoutingPlan::restore(self.plan.topology(), policy, record.version, stored.active)
                .with_pending(stored.pending);
        plan.number_from(record.next_mode_id);
        let changed = !self.loaded
            || plan.version() != self.plan.version()
            || plan.policy() != self.plan.policy();
        self.plan = plan;
        self.loaded = true;
        Ok(changed)
    }

    /// The impact of turning `mode` on now, from the engine's live figures.
    pub fn preview(
        &self,
        monitoring: &Monitoring,
        user: &str,
        mode: &RoutingMode,
        engine: &Engine,
        now: Timestamp,
    ) -> Result<Impact, RoutingError> {
        let me = monitoring
            .desk
            .team()
            .user(user)
            .ok_or_else(|| RoutingError::UnknownUser(user.to_owned()))?;
        if !me.role.allows(Permission::ToggleRoutingModes) {
            return Err(RoutingError::NotPermitted { role: me.role });
        }
        if !self.loaded {
            return Err(RoutingError::NotReady);
        }
        Ok(self
            .plan
            .preview(mode, &fw_routing::LiveLoad::from_engine(engine, now), now)?)
    }

    /// Turns a mode on or off for `user`, if their role allows, the plan's rules allow and
    /// nobody changed the plan since `expected_version`. Audited before it is saved; a
    /// refusal is audited too.
    pub async fn change(
        &mut self,
        monitoring: &Monitoring,
        user: &str,
        request: RoutingRequest,
        expected_version: u64,
        now: Timestamp,
    ) -> Result<RoutingChanged, RoutingError> {
        let action = request.action();
        let mode = match &request {
            RoutingRequest::Activate { mode, .. } => Some(mode.clone()),
            RoutingRequest::Deactivate { id, .. } => self.plan.mode(*id).map(|m| m.mode.clone()),
            RoutingRequest::Approve { id } | RoutingRequest::Decline { id, .. } => self
                .plan
                .pending()
                .iter()
                .find(|p| p.request.id == *id)
                .map(|p| p.request.mode.clone()),
        };
        let role = monitoring
            .desk
            .team()
            .user(user)
            .ok_or_else(|| RoutingError::UnknownUser(user.to_owned()))?
            .role
            .name();
        let what = describe_request(&request, self.plan.topology());
        let refuse = |error: RoutingError, outcome: fn(String) -> AuditOutcome| {
            let record = refused_record(
                user,
                role,
                action,
                mode.as_ref(),
                outcome(error.to_string()),
                what.clone(),
                now,
            );
            (error, record)
        };
        let denied = |reason| AuditOutcome::Denied { reason };
        let failed = |reason| AuditOutcome::Failed { reason };
        let change = match Self::plan_change(monitoring, user, &request) {
            Ok(change) => change,
            Err(error) => {
                let (error, record) = refuse(error, denied);
                let _ = monitoring.record(record).await;
                return Err(error);
            }
        };
        if let Err(problem) = self.reload(false).await {
            let (error, record) = refuse(RoutingError::Store(problem), failed);
            let _ = monitoring.record(record).await;
            return Err(error);
        }
        let mut candidate = self.plan.clone();
        let applied = match candidate.apply(change, expected_version, now) {
            Ok(applied) => applied,
            Err(error) => {
                let error = self.plan_error(error, expected_version);
                let (error, record) = refuse(error, denied);
                let _ = monitoring.record(record).await;
                return Err(error);
            }
        };
        // Nothing goes in unrecorded: if the trail cannot be written, the change is refused.
        for entry in &applied.entries {
            let record = plan_entry_record(entry, user, role, self.plan.topology());
            monitoring
                .record(record)
                .await
                .map_err(RoutingError::AuditUnavailable)?;
        }
        match self.save(&candidate, user, now).await {
            Ok(true) => {
                self.plan = candidate;
                Ok(RoutingChanged {
                    version: applied.version,
                    id: applied.id,
                    awaiting_approval: applied.awaiting_approval,
                })
            }
            Ok(false) => {
                // Another console saved between our read and our write.
                let _ = self.reload(true).await;
                let error = RoutingError::Conflict {
                    expected_version,
                    current_version: self.plan.version(),
                    active: self.plan.active().to_vec(),
                };
                let (error, record) = refuse(error, failed);
                let _ = monitoring.record(record).await;
                Err(error)
            }
            Err(problem) => {
                let (error, record) = refuse(RoutingError::Store(problem), failed);
                let _ = monitoring.record(record).await;
                Err(error)
            }
        }
    }

    fn plan_change(
        monitoring: &Monitoring,
        user: &str,
        request: &RoutingRequest,
    ) -> Result<PlanChange, RoutingError> {
        let team = monitoring.desk.team();
        let me = team
            .user(user)
            .ok_or_else(|| RoutingError::UnknownUser(user.to_owned()))?;
        if !me.role.allows(Permission::ToggleRoutingModes) {
            return Err(RoutingError::NotPermitted { role: me.role });
        }
        let actor = |name: &str| {
            let person = team.user(name)?;
            Some(Actor::new(team.supervisor_id(name)?, person.shown_name()))
        };
        let by = actor(user).ok_or_else(|| RoutingError::UnknownUser(user.to_owned()))?;
        Ok(match request {
            RoutingRequest::Activate {
                mode,
                reason,
                revert_at,
            } => PlanChange::Activate(Activation {
                mode: mode.clone(),
                reason: reason.clone(),
                by,
                revert_at: *revert_at,
            }),
            RoutingRequest::Deactivate { id, reason } => PlanChange::Deactivate(Deactivation {
                id: *id,
                by,
                reason: reason.clone(),
            }),
            RoutingRequest::Approve { id } => PlanChange::Approve(Approval { id: *id, by }),
            RoutingRequest::Decline { id, reason } => PlanChange::Decline(Refusal {
                id: *id,
                by,
                reason: reason.clone(),
            }),
        })
    }

    fn plan_error(&self, error: PlanError, expected_version: u64) -> RoutingError {
        match error {
            PlanError::Rejected(rule) => RoutingError::Rejected(rule),
            PlanError::Conflict {
                current_version, ..
            } => RoutingError::Conflict {
                expected_version,
                current_version,
                active: self.plan.active().to_vec(),
            },
        }
    }

    /// Compare and swap: `Ok(false)` if the store's plan is no longer the one `self.plan`
    /// was read from.
    async fn save(&self, plan: &RoutingPlan, user: &str, now: Timestamp) -> Result<bool, String> {
        let modes = encode_modes(plan.active(), plan.pending(), plan.topology())
            .map_err(|e| e.to_string())?;
        let record = RoutingPlanRecord {
            version: plan.version(),
            next_mode_id: plan.next_mode_id(),
            modes,
            updated_at_ms: now.0,
            updated_by: user.to_owned(),
        };
        self.store
            .replace_routing_plan(self.plan.version(), &record)
            .await
            .map_err(|e| e.to_string())
    }

    /// Records the automatic reverts whose time has come (the platform has already stopped
    /// applying them). `true` if the plan changed.
    pub async fn revert_due(&mut self, monitoring: &Monitoring, now: Timestamp) -> bool {
        if !self.plan.has_due(now) {
            return false;
        }
        let mut candidate = self.plan.clone();
        let entries = candidate.revert_due(now);
        match self.save(&candidate, SYSTEM_USER, now).await {
            Ok(true) => {
                let records: Vec<AuditEntry> = entries
                    .iter()
                    .map(|e| plan_entry_record(e, SYSTEM_USER, "system", self.plan.topology()))
                    .collect();
                self.plan = candidate;
                for record in records {
                    let _ = monitoring.record(record).await;
                }
                tracing::info!(reverted = entries.len(), "routing modes reverted on time");
                true
            }
            // Another console recorded it first.
            Ok(false) => {
                let result = self.reload(true).await;
                self.note_store(result)
            }
            Err(problem) => self.note_store(Err(problem)),
        }
    }

    fn in_force(&self, now: Timestamp) -> InForce {
        InForce {
            version: self.plan.version(),
            modes: self.plan.in_force(now).map(|m| m.id).collect(),
        }
    }

    /// Whether the platform should be handed the plan (`Connector::apply_routing`): it was
    /// read, and the plan in force at `now` is not the one last handed over since the
    /// platform connected (the version moved, or a mode passed its revert time).
    pub fn needs_handing_over(&self, now: Timestamp) -> bool {
        self.loaded && self.handed_over.as_ref() != Some(&self.in_force(now))
    }

    /// Notes the plan in force at `now` as handed over, and how the platform took it (see
    /// [`Self::platform_result`]). A refused plan is not offered again until it changes or
    /// the platform reconnects, so the problem shows once rather than every poll.
    pub fn handed_over(&mut self, now: Timestamp, problem: Option<String>) {
        self.handed_over = Some(self.in_force(now));
        self.platform_result(problem);
    }

    /// Notes how the platform took the plan: `None` clears an earlier problem.
    pub fn platform_result(&mut self, problem: Option<String>) {
        if let Some(problem) = &problem {
            tracing::warn!(%problem, "the platform did not apply a routing change");
        }
        self.platform_problem = problem;
    }
}

/// The team's approval policy, or the default (no second approver) if none is saved or the
/// saved one does not read.
pub async fn load_policy(store: &Store) -> ApprovalPolicy {
    match store.setting(TEAM_OWNER, ROUTING_POLICY_SETTING).await {
        Ok(Some(saved)) => serde_json::from_str(&saved.value).unwrap_or_else(|error| {
            tracing::warn!(%error, "the saved routing policy is unusable; using the default");
            ApprovalPolicy::default()
        }),
        Ok(None) => ApprovalPolicy::default(),
        Err(error) => {
            tracing::warn!(%error, "the routing policy could not be read; using the default");
            ApprovalPolicy::default()
        }
    }
}

fn describe_request(request: &RoutingRequest, topology: &Topology) -> String {
    match request {
        RoutingRequest::Activate { mode, reason, .. } => format!(
            "turn on {}: {}",
            fw_routing::describe_mode(topology, mode),
            reason.trim()
        ),
        RoutingRequest::Deactivate { id, reason } => format!("turn off {id}: {}", reason.trim()),
        RoutingRequest::Approve { id } => format!("approve {id}"),
        RoutingRequest::Decline { id, reason } => {
            format!("refuse or withdraw {id}: {}", reason.trim())
        }
    }
}
