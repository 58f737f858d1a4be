//! The static shape of a contact centre: sites, queues and agents with their names.

use crate::ids::{AgentId, QueueId, SiteId};
use crate::queue::QueueConfig;

/// A site (data centre / floor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
}

/// An agent's fixed facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentProfile {
    pub id: AgentId,
    pub name: String,
    pub site: SiteId,
    /// Queues the agent is a member of, primary skill first.
    pub queues: Vec<QueueId>,
}

/// Why a topology cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    /// Ids must be dense and in order so they can index vectors.
    #[error("{kind} at position {position} has id {found}; ids must be dense and in order")]
    NotDense {
        kind: &'static str,
        position: usize,
        found: u64,
    },
    /// A queue or agent names a site or queue that does not exist.
    #[error("{kind} {id} refers to a {missing} that does not exist")]
    UnknownReference {
        kind: &'static str,
        id: u64,
        missing: &'static str,
    },
}

/// Sites, queues and agents. Ids are dense: element `i` of each list has id `i`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topology {
    pub sites: Vec<Site>,
    pub queues: Vec<QueueConfig>,
    pub agents: Vec<AgentProfile>,
}

impl Topology {
    /// Checks that ids are dense and every reference resolves.
    pub fn validate(&self) -> Result<(), TopologyError> {
        for (position, site) in self.sites.iter().enumerate() {
            if site.id.index() != position {
                return Err(TopologyError::NotDense {
                    kind: "site",
                    position,
                    found: u64::from(site.id.0),
                });
            }
        }
        for (position, queue) in self.queues.iter().enumerate() {
            if queue.id.index() != position {
                return Err(TopologyError::NotDense {
                    kind: "queue",
                    position,
                    found: u64::from(queue.id.0),
                });
            }
            if queue.site.index() >= self.sites.len() {
                return Err(TopologyError::UnknownReference {
                    kind: "queue",
                    id: u64::from(queue.id.0),
                    missing: "site",
                });
            }
        }
        for (position, agent) in self.agents.iter().enumerate() {
            if agent.id.index() != position {
                return Err(TopologyError::NotDense {
                    kind: "agent",
                    position,
                    found: u64::from(agent.id.0),
                });
            }
            if agent.site.index() >= self.sites.len() {
                return Err(TopologyError::UnknownReference {
                    kind: "agent",
                    id: u64::from(agent.id.0),
                    missing: "site",
                });
            }
            if agent.queues.iter().any(|q| q.index() >= self.queues.len()) {
                return Err(TopologyError::UnknownReference {
                    kind: "agent",
                    id: u64::from(agent.id.0),
                    missing: "queue",
                });
            }
        }
        Ok(())
    }

    pub fn queue(&self, id: QueueId) -> Option<&QueueConfig> {
        self.queues.get(id.index())
    }

    pub fn agent(&self, id: AgentId) -> Option<&AgentProfile> {
        self.agents.get(id.index())
    }

    pub fn site(&self, id: SiteId) -> Option<&Site> {
        self.sites.get(id.index())
    }
}
