//! Modes and scopes in words, with the topology's names, for error messages and the
//! console's banner.

use fw_domain::{QueueId, RoutingMode, RoutingScope, SiteId, Topology};

pub(crate) fn site_name(topology: &Topology, site: SiteId) -> String {
    topology
        .site(site)
        .map_or_else(|| site.to_string(), |s| format!("site {}", s.name))
}

pub(crate) fn queue_name(topology: &Topology, queue: QueueId) -> String {
    topology
        .queue(queue)
        .map_or_else(|| queue.to_string(), |q| format!("queue {}", q.name))
}

/// "the whole centre", "site east", "queue east.phones".
pub fn describe_scope(topology: &Topology, scope: &RoutingScope) -> String {
    match scope {
        RoutingScope::Centre => "the whole centre".to_owned(),
        RoutingScope::Site(site) => site_name(topology, *site),
        RoutingScope::Queue(queue) => queue_name(topology, *queue),
    }
}

/// "failover of site east", "emergency closure of queue east.phones", "regional priority
/// for 0898, Hainan (fees waived)", "night mode on the whole centre".
pub fn describe_mode(topology: &Topology, mode: &RoutingMode) -> String {
    match mode {
        RoutingMode::SiteFailover { site } => {
            format!("failover of {}", site_name(topology, *site))
        }
        RoutingMode::EmergencyClosure { scope } => {
            format!("emergency closure of {}", describe_scope(topology, scope))
        }
        RoutingMode::RegionalPriority {
            regions,
            waive_fees,
        } => format!(
            "regional priority for {}{}",
            regions.join(", "),
            if *waive_fees { " (fees waived)" } else { "" }
        ),
        RoutingMode::NightMode { scope } => {
            format!("night mode on {}", describe_scope(topology, scope))
        }
    }
}
