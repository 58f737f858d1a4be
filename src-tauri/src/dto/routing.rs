//! Disaster-mode routing as the UI sees it: the plan in force, requests, and the impact
//! preview. Modes travel structured (kind, scope, names) so the UI words them in either
//! language.

use fw_app::{RoutingRequest, RoutingState, Team};
use fw_domain::{QueueId, RoutingMode, RoutingScope, SiteId, Timestamp, Topology};
use fw_routing::{
    ActiveMode, ApprovalPolicy, Destination, Impact, Interaction, ModeId, Outlook, Projection,
    QueueRole, Target,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a mode applies.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum RoutingScopeDto {
    Centre,
    Site { id: u32 },
    Queue { id: u32 },
}

/// A mode, by kind.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum RoutingModeDto {
    #[serde(rename_all = "camelCase")]
    SiteFailover { site: u32 },
    #[serde(rename_all = "camelCase")]
    EmergencyClosure { scope: RoutingScopeDto },
    #[serde(rename_all = "camelCase")]
    RegionalPriority {
        regions: Vec<String>,
        waive_fees: bool,
    },
    #[serde(rename_all = "camelCase")]
    NightMode { scope: RoutingScopeDto },
}

fn small_id(id: u32, what: &str) -> Result<u16, String> {
    u16::try_from(id).map_err(|_| format!("there is no {what} {id}"))
}

impl RoutingScopeDto {
    fn into_domain(self) -> Result<RoutingScope, String> {
        Ok(match self {
            RoutingScopeDto::Centre => RoutingScope::Centre,
            RoutingScopeDto::Site { id } => RoutingScope::Site(SiteId(small_id(id, "site")?)),
            RoutingScopeDto::Queue { id } => RoutingScope::Queue(QueueId(small_id(id, "queue")?)),
        })
    }

    fn from_domain(scope: &RoutingScope) -> RoutingScopeDto {
        match scope {
            RoutingScope::Centre => RoutingScopeDto::Centre,
            RoutingScope::Site(site) => RoutingScopeDto::Site {
                id: u32::from(site.0),
            },
            RoutingScope::Queue(queue) => RoutingScopeDto::Queue {
                id: u32::from(queue.0),
            },
        }
    }
}

impl RoutingModeDto {
    /// The domain's mode; an id out of range is refused here (the plan refuses unknown ones).
    pub fn into_domain(self) -> Result<RoutingMode, String> {
        Ok(match self {
            RoutingModeDto::SiteFailover { site } => RoutingMode::SiteFailover {
                site: SiteId(small_id(site, "site")?),
            },
            RoutingModeDto::EmergencyClosure { scope } => RoutingMode::EmergencyClosure {
                scope: scope.into_domain()?,
            },
            RoutingModeDto::RegionalPriority {
                regions,
                waive_fees,
            } => RoutingMode::RegionalPriority {
                regions,
                waive_fees,
            },
            RoutingModeDto::NightMode { scope } => RoutingMode::NightMode {
                scope: scope.into_domain()?,
            },
        })
    }

    pub fn from_domain(mode: &RoutingMode) -> RoutingModeDto {
        match mode {
            RoutingMode::SiteFailover { site } => RoutingModeDto::SiteFailover {
                site: u32::from(site.0),
            },
            RoutingMode::EmergencyClosure { scope } => RoutingModeDto::EmergencyClosure {
                scope: RoutingScopeDto::from_domain(scope),
            },
            RoutingMode::RegionalPriority {
                regions,
                waive_fees,
            } => RoutingModeDto::RegionalPriority {
                regions: regions.clone(),
                waive_fees: *waive_fees,
            },
            RoutingMode::NightMode { scope } => RoutingModeDto::NightMode {
                scope: RoutingScopeDto::from_domain(scope),
            },
        }
    }
}

/// A mode in force.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActiveModeDto {
    pub id: u32,
    pub mode: RoutingModeDto,
    /// The site or queue the mode names (empty for the centre and regional priority).
    pub target_name: String,
    pub reason: String,
    pub activated_by: String,
    pub activated_at_ms: f64,
    pub revert_at_ms: Option<f64>,
    pub approved_by: Option<String>,
}

fn mode_number(id: ModeId) -> u32 {
    u32::try_from(id.0).unwrap_or(u32::MAX)
}

fn target_name(mode: &RoutingMode, topology: &Topology) -> String {
    let scope_name = |scope: &RoutingScope| match scope {
        RoutingScope::Centre => String::new(),
        RoutingScope::Site(site) => topology
            .site(*site)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        RoutingScope::Queue(queue) => topology
            .queue(*queue)
            .map(|q| q.name.clone())
            .unwrap_or_default(),
    };
    match mode {
        RoutingMode::SiteFailover { site } => scope_name(&RoutingScope::Site(*site)),
        RoutingMode::EmergencyClosure { scope } | RoutingMode::NightMode { scope } => {
            scope_name(scope)
        }
        RoutingMode::RegionalPriority { .. } => String::new(),
    }
}

fn ms(at: Timestamp) -> f64 {
    at.0 as f64
}

impl ActiveModeDto {
    pub fn from_domain(mode: &ActiveMode, topology: &Topology) -> ActiveModeDto {
        ActiveModeDto {
            id: mode_number(mode.id),
            mode: RoutingModeDto::from_domain(&mode.mode),
            target_name: target_name(&mode.mode, topology),
            reason: mode.reason.as_str().to_owned(),
            activated_by: mode.activated_by.name.clone(),
            activated_at_ms: ms(mode.activated_at),
            revert_at_ms: mode.revert_at.map(ms),
            approved_by: mode.approved_by.as_ref().map(|a| a.name.clone()),
        }
    }
}

/// The team's approval policy: who must agree before a mode goes on.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoutingPolicyDto {
    pub second_approver_for_centre: bool,
    pub second_approver_for_sites: bool,
    /// A request lapses after this many minutes (1 to 240).
    pub approval_minutes: u32,
}

impl From<ApprovalPolicy> for RoutingPolicyDto {
    fn from(policy: ApprovalPolicy) -> Self {
        RoutingPolicyDto {
            second_approver_for_centre: policy.second_approver_for_centre,
            second_approver_for_sites: policy.second_approver_for_sites,
            approval_minutes: policy.approval_minutes,
        }
    }
}

impl From<RoutingPolicyDto> for ApprovalPolicy {
    fn from(policy: RoutingPolicyDto) -> Self {
        ApprovalPolicy {
            second_approver_for_centre: policy.second_approver_for_centre,
            second_approver_for_sites: policy.second_approver_for_sites,
            approval_minutes: policy.approval_minutes,
        }
    }
}

/// A mode waiting for a second supervisor.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PendingRequestDto {
    /// The mode as it will go on: `activatedBy` / `activatedAtMs` are who asked and when.
    pub request: ActiveModeDto,
    pub expires_at_ms: f64,
    /// Asked by this console's user: they may withdraw it, not approve it.
    pub mine: bool,
}

/// What a change did.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoutingChangedDto {
    pub version: f64,
    pub id: u32,
    /// Filed for a second supervisor's approval: nothing is on yet.
    pub awaiting_approval: bool,
}

impl From<fw_app::RoutingChanged> for RoutingChangedDto {
    fn from(changed: fw_app::RoutingChanged) -> Self {
        RoutingChangedDto {
            version: changed.version as f64,
            id: mode_number(changed.id),
            awaiting_approval: changed.awaiting_approval,
        }
    }
}

/// The plan in force, for the banner and the routing view.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoutingDto {
    /// `false` until the plan has been read: the banner says "unknown", never "normal".
    pub known: bool,
    pub version: f64,
    pub active: Vec<ActiveModeDto>,
    /// Requests waiting for a second supervisor, oldest first.
    pub pending: Vec<PendingRequestDto>,
    pub policy: RoutingPolicyDto,
    pub platform_problem: Option<String>,
    pub store_problem: Option<String>,
    /// Platform time now, for revert countdowns.
    pub now_ms: f64,
}

impl RoutingDto {
    pub fn from_state(
        state: &RoutingState,
        topology: &Topology,
        team: &Team,
        user: &str,
        now: Timestamp,
    ) -> RoutingDto {
        RoutingDto {
            known: state.known,
            version: state.version as f64,
            active: state
                .active
                .iter()
                .map(|m| ActiveModeDto::from_domain(m, topology))
                .collect(),
            pending: state
                .pending
                .iter()
                .map(|p| PendingRequestDto {
                    request: ActiveModeDto::from_domain(&p.request, topology),
                    expires_at_ms: ms(p.expires_at),
                    mine: team
                        .supervisor_id(user)
                        .is_some_and(|id| id == p.request.activated_by.id),
                })
                .collect(),
            policy: state.policy.into(),
            platform_problem: state.platform_problem.clone(),
            store_problem: state.store_problem.clone(),
            now_ms: ms(now),
        }
    }
}

/// A change a lead asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum RoutingRequestDto {
    #[serde(rename_all = "camelCase")]
    Activate {
        mode: RoutingModeDto,
        reason: String,
        revert_at_ms: Option<f64>,
    },
    #[serde(rename_all = "camelCase")]
    Deactivate { id: u32, reason: String },
    /// A second supervisor turns another lead's request on.
    #[serde(rename_all = "camelCase")]
    Approve { id: u32 },
    /// Refuses a request (another supervisor) or withdraws it (its requester).
    #[serde(rename_all = "camelCase")]
    Decline { id: u32, reason: String },
}

impl RoutingRequestDto {
    pub fn into_domain(self) -> Result<RoutingRequest, String> {
        Ok(match self {
            RoutingRequestDto::Activate {
                mode,
                reason,
                revert_at_ms,
            } => RoutingRequest::Activate {
                mode: mode.into_domain()?,
                reason,
                revert_at: match revert_at_ms {
                    Some(at) if at.is_finite() => Some(Timestamp(at as i64)),
                    Some(_) => return Err("the revert time is not a time".to_owned()),
                    None => None,
                },
            },
            RoutingRequestDto::Deactivate { id, reason } => RoutingRequest::Deactivate {
                id: ModeId(u64::from(id)),
                reason,
            },
            RoutingRequestDto::Approve { id } => RoutingRequest::Approve {
                id: ModeId(u64::from(id)),
            },
            RoutingRequestDto::Decline { id, reason } => RoutingRequest::Decline {
                id: ModeId(u64::from(id)),
                reason,
            },
        })
    }
}

/// Erlang C projection of one queue.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectionDto {
    pub arrivals_per_hour: f64,
    pub staffed: u32,
    pub available: u32,
    pub aht_secs: Option<f64>,
    /// `noCalls`, `unknown` (no handle time yet), `overloaded` or `stable`.
    pub outlook: String,
    pub sl_pct: Option<f64>,
    pub asa_secs: Option<f64>,
    pub agents_required: Option<u32>,
}

impl From<&Projection> for ProjectionDto {
    fn from(p: &Projection) -> Self {
        ProjectionDto {
            arrivals_per_hour: p.arrivals_per_hour,
            staffed: p.staffed,
            available: p.available,
            aht_secs: p.aht_secs,
            outlook: match p.outlook {
                Outlook::NoCalls => "noCalls",
                Outlook::Unknown => "unknown",
                Outlook::Overloaded => "overloaded",
                Outlook::Stable { .. } => "stable",
            }
            .to_owned(),
            sl_pct: p.outlook.service_level().map(|sl| sl * 100.0),
            asa_secs: p.outlook.asa_secs(),
            agents_required: p.agents_required,
        }
    }
}

/// One queue the mode touches.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueImpactDto {
    pub queue: String,
    /// `sends`, `receives` or `both`.
    pub role: String,
    pub before: ProjectionDto,
    /// `None`: the queue takes no calls afterwards.
    pub after: Option<ProjectionDto>,
}

/// Where one queue's calls go.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DestinationDto {
    pub from: String,
    /// Queue names and their share in percent; empty when the calls get the announcement
    /// and a callback offer.
    pub to: Vec<ShareDto>,
    pub callback: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareDto {
    pub queue: String,
    pub pct: f64,
}

/// How the proposed mode meets the modes already on.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InteractionDto {
    /// `closureOverridesNight`, `nightIntoClosedQueue` or `noFailoverTarget`.
    pub kind: String,
    pub modes: Vec<u32>,
    pub queues: Vec<String>,
}

/// Regional priority's effect on one queue.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegionalQueueDto {
    pub queue: String,
    pub waiting_prioritised: u32,
    pub asa_prioritised_secs: Option<f64>,
    pub asa_others_secs: Option<f64>,
}

/// What the proposed mode would do, computed from the live figures.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImpactDto {
    /// The mode as the plan would keep it (regions tidied).
    pub mode: RoutingModeDto,
    pub target_name: String,
    pub supersedes: Vec<u32>,
    pub calls_waiting_affected: u32,
    pub agents_affected: u32,
    pub destinations: Vec<DestinationDto>,
    pub queues: Vec<QueueImpactDto>,
    pub callbacks_per_hour: f64,
    pub callbacks_waiting: u32,
    /// Regional priority: the share of callers from the regions (percent), when known.
    pub regional_share_pct: Option<f64>,
    pub regional_waiting: Option<u32>,
    pub regional_queues: Vec<RegionalQueueDto>,
    pub interactions: Vec<InteractionDto>,
}

fn queue_label(topology: &Topology, queue: QueueId) -> String {
    topology
        .queue(queue)
        .map_or_else(|| queue.to_string(), |q| q.name.clone())
}

impl ImpactDto {
    pub fn from_domain(impact: &Impact, topology: &Topology) -> ImpactDto {
        let names = |queues: &[QueueId]| queues.iter().map(|q| queue_label(topology, *q)).collect();
        let destination = |d: &Destination| match &d.to {
            Target::Queues(shares) => DestinationDto {
                from: queue_label(topology, d.from),
                to: shares
                    .iter()
                    .map(|s| ShareDto {
                        queue: queue_label(topology, s.queue),
                        pct: s.share * 100.0,
                    })
                    .collect(),
                callback: false,
            },
            Target::AnnouncementAndCallback { .. } => DestinationDto {
                from: queue_label(topology, d.from),
                to: Vec::new(),
                callback: true,
            },
        };
        let interaction = |i: &Interaction| match i {
            Interaction::ClosureOverridesNight {
                closure,
                night,
                queues,
            } => InteractionDto {
                kind: "closureOverridesNight".into(),
                modes: vec![mode_number(*closure), mode_number(*night)],
                queues: names(queues),
            },
            Interaction::NightIntoClosedQueue {
                night,
                closure,
                queues,
            } => InteractionDto {
                kind: "nightIntoClosedQueue".into(),
                modes: vec![mode_number(*night), mode_number(*closure)],
                queues: names(queues),
            },
            Interaction::NoFailoverTarget { failover, queues } => InteractionDto {
                kind: "noFailoverTarget".into(),
                modes: vec![mode_number(*failover)],
                queues: names(queues),
            },
        };
        let regional = impact.regional.as_ref();
        ImpactDto {
            mode: RoutingModeDto::from_domain(&impact.mode),
            target_name: target_name(&impact.mode, topology),
            supersedes: impact.supersedes.iter().map(|m| mode_number(*m)).collect(),
            calls_waiting_affected: impact.calls_waiting_affected,
            agents_affected: impact.agents_affected,
            destinations: impact.destinations.iter().map(destination).collect(),
            queues: impact
                .queues
                .iter()
                .map(|q| QueueImpactDto {
                    queue: queue_label(topology, q.queue),
                    role: match q.role {
                        QueueRole::Sends => "sends",
                        QueueRole::Receives => "receives",
                        QueueRole::SendsAndReceives => "both",
                    }
                    .to_owned(),
                    before: (&q.before).into(),
                    after: q.after.as_ref().map(Into::into),
                })
                .collect(),
            callbacks_per_hour: impact.callbacks_per_hour,
            callbacks_waiting: impact.callbacks_waiting,
            regional_share_pct: regional.and_then(|r| r.share).map(|s| s * 100.0),
            regional_waiting: regional.and_then(|r| r.waiting_prioritised),
            regional_queues: regional
                .map(|r| {
                    r.queues
                        .iter()
                        .map(|q| RegionalQueueDto {
                            queue: queue_label(topology, q.queue),
                            waiting_prioritised: q.waiting_prioritised,
                            asa_prioritised_secs: q.asa_prioritised_secs,
                            asa_others_secs: q.asa_others_secs,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            interactions: impact.interactions.iter().map(interaction).collect(),
        }
    }
}

impl From<fw_app::RoutingError> for super::IpcErrorDto {
    fn from(error: fw_app::RoutingError) -> Self {
        super::IpcErrorDto::new(error.code(), error.to_string())
    }
}
