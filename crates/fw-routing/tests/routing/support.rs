//! A small three-site centre and shorthands shared by the tests.

use fw_domain::{
    CallerInfo, QueueConfig, QueueId, RoutingMode, RoutingScope, Site, SiteId, SupervisorId,
    Timestamp, Topology,
};
use fw_routing::{
    Activation, Actor, ApprovalPolicy, Deactivation, ModeId, PlanChange, RoutingPlan,
};

/// 2026-11-22 02:00 in Shanghai: night, a typhoon coming in.
pub const T0: Timestamp = Timestamp(1_795_284_000_000);
pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 60 * MINUTE;

/// Sites `names`, each with a queue per skill, named `<site>.<skill>`, site by site.
pub fn centre(names: &[&str], skills: &[&str]) -> Topology {
    let sites: Vec<Site> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Site {
            id: SiteId(i as u16),
            name: (*name).to_owned(),
        })
        .collect();
    let mut queues = Vec::new();
    for site in &sites {
        for skill in skills {
            let id = QueueId(queues.len() as u16);
            let name = format!("{}.{skill}", site.name);
            queues.push(QueueConfig::with_defaults(id, &name, skill, site.id));
        }
    }
    let topology = Topology {
        sites,
        queues,
        agents: Vec::new(),
    };
    topology.validate().unwrap();
    topology
}

/// north, east, south × phones, repairs, tier2: north.phones is queue 0, east.phones 3,
/// south.phones 6.
pub fn three_sites() -> Topology {
    centre(&["north", "east", "south"], &["phones", "repairs", "tier2"])
}

pub fn queue(topology: &Topology, name: &str) -> QueueId {
    topology
        .queues
        .iter()
        .find(|q| q.name == name)
        .unwrap_or_else(|| panic!("no queue {name}"))
        .id
}

pub fn site(topology: &Topology, name: &str) -> SiteId {
    topology
        .sites
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no site {name}"))
        .id
}

pub fn lead() -> Actor {
    Actor::new(SupervisorId(1), "Li Na")
}

pub fn admin() -> Actor {
    Actor::new(SupervisorId(2), "Wang Wei")
}

pub fn at(minutes: i64) -> Timestamp {
    T0.plus_ms(minutes * MINUTE)
}

pub fn failover(site: SiteId) -> RoutingMode {
    RoutingMode::SiteFailover { site }
}

pub fn closure(scope: RoutingScope) -> RoutingMode {
    RoutingMode::EmergencyClosure { scope }
}

pub fn night(scope: RoutingScope) -> RoutingMode {
    RoutingMode::NightMode { scope }
}

pub fn priority(regions: &[&str], waive_fees: bool) -> RoutingMode {
    RoutingMode::RegionalPriority {
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        waive_fees,
    }
}

pub fn activation(mode: RoutingMode, revert_at: Option<Timestamp>) -> Activation {
    Activation {
        mode,
        reason: "Typhoon Haikui: east data centre flooded".to_owned(),
        by: lead(),
        revert_at,
    }
}

pub fn activate(mode: RoutingMode, revert_at: Option<Timestamp>) -> PlanChange {
    PlanChange::Activate(activation(mode, revert_at))
}

pub fn deactivate(id: ModeId) -> PlanChange {
    PlanChange::Deactivate(Deactivation {
        id,
        by: admin(),
        reason: "power back at east".to_owned(),
    })
}

pub fn plan(topology: &Topology) -> RoutingPlan {
    RoutingPlan::new(topology, ApprovalPolicy::default())
}

/// A plan whose team asks a second supervisor to approve centre-wide modes.
pub fn plan_with_approval(topology: &Topology) -> RoutingPlan {
    let policy = ApprovalPolicy {
        second_approver_for_centre: true,
        ..ApprovalPolicy::default()
    };
    RoutingPlan::new(topology, policy)
}

/// Files `change` for approval and has `approver` approve it at once; panics if refused.
pub fn approved(
    plan: &mut RoutingPlan,
    change: Activation,
    approver: Actor,
    now: Timestamp,
) -> ModeId {
    let filed = plan
        .apply(PlanChange::Activate(change), plan.version(), now)
        .unwrap();
    assert!(filed.awaiting_approval);
    let approval = fw_routing::Approval {
        id: filed.id,
        by: approver,
    };
    plan.apply(PlanChange::Approve(approval), plan.version(), now)
        .unwrap()
        .id
}

/// Applies a change at the plan's current version; panics if refused.
pub fn turn_on(plan: &mut RoutingPlan, mode: RoutingMode, now: Timestamp) -> ModeId {
    let version = plan.version();
    plan.apply(activate(mode, None), version, now).unwrap().id
}

pub fn caller(number: &str, region: &str) -> CallerInfo {
    CallerInfo {
        number: number.to_owned(),
        region: region.to_owned(),
    }
}
