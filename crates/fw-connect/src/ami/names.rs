//! [`NameBook`]: Asterisk's names interned as Floorwalker's dense ids.
//!
//! Queues are keyed by queue name, agents by member interface (`Local/agent1@agents/n`,
//! `PJSIP/1001`: the one key every member event and QueueStatus share, whatever display
//! name they carry), calls by the caller channel's `Uniqueid`. The book lives as long as
//! the connector, across reconnects, so a call or agent keeps its id when the link drops
//! and the engine can reconcile the next snapshot without counting anything twice.

use fw_domain::{AgentId, AgentProfile, CallId, QueueConfig, QueueId, Site, SiteId, Topology};
use rustc_hash::FxHashMap;

/// Asterisk has no notion of sites: every queue and agent belongs to this one.
pub const PBX_SITE: SiteId = SiteId(0);

/// Names to ids, and the topology they make.
#[derive(Debug)]
pub struct NameBook {
    site_name: String,
    queues: Vec<QueueConfig>,
    queue_ids: FxHashMap<String, QueueId>,
    agents: Vec<AgentProfile>,
    agent_ids: FxHashMap<String, AgentId>,
    /// Member interface by agent index.
    interfaces: Vec<String>,
    calls: FxHashMap<String, CallId>,
    next_call: u64,
}

impl NameBook {
    /// An empty book whose one site is called `site_name` (e.g. the PBX's address).
    pub fn new(site_name: &str) -> NameBook {
        NameBook {
            site_name: site_name.to_owned(),
            queues: Vec::new(),
            queue_ids: FxHashMap::default(),
            agents: Vec::new(),
            agent_ids: FxHashMap::default(),
            interfaces: Vec::new(),
            calls: FxHashMap::default(),
            next_call: 0,
        }
    }

    /// The queue's id, allocating one (with the product's SL defaults) on first sight.
    /// Returns whether the queue is new.
    pub fn intern_queue(&mut self, name: &str) -> (QueueId, bool) {
        if let Some(id) = self.queue_ids.get(name) {
            return (*id, false);
        }
        let id = QueueId(u16::try_from(self.queues.len()).unwrap_or(u16::MAX));
        self.queues
            .push(QueueConfig::with_defaults(id, name, name, PBX_SITE));
        self.queue_ids.insert(name.to_owned(), id);
        (id, true)
    }

    pub fn queue(&self, name: &str) -> Option<QueueId> {
        self.queue_ids.get(name).copied()
    }

    pub fn queue_name(&self, id: QueueId) -> Option<&str> {
        self.queues.get(id.index()).map(|q| q.name.as_str())
    }

    /// Sets a queue's service-level threshold as Asterisk reports it (`ServiceLevel`).
    pub fn set_service_level(&mut self, id: QueueId, seconds: u32) {
        if let Some(queue) = self.queues.get_mut(id.index())
            && seconds > 0
        {
            queue.sl_threshold_secs = seconds;
        }
    }

    /// The agent's id by member interface, allocating one on first sight. Returns whether
    /// the agent is new. The display name is refreshed when Asterisk reports a new one.
    pub fn intern_agent(&mut self, interface: &str, display_name: &str) -> (AgentId, bool) {
        if let Some(id) = self.agent_ids.get(interface) {
            let profile = &mut self.agents[id.index()];
            if !display_name.is_empty() && profile.name != display_name {
                display_name.clone_into(&mut profile.name);
            }
            return (*id, false);
        }
        let id = AgentId(u32::try_from(self.agents.len()).unwrap_or(u32::MAX));
        let name = if display_name.is_empty() {
            interface
        } else {
            display_name
        };
        self.agents.push(AgentProfile {
            id,
            name: name.to_owned(),
            site: PBX_SITE,
            queues: Vec::new(),
        });
        self.agent_ids.insert(interface.to_owned(), id);
        self.interfaces.push(interface.to_owned());
        (id, true)
    }

    pub fn agent(&self, interface: &str) -> Option<AgentId> {
        self.agent_ids.get(interface).copied()
    }

    /// The member interface of an agent (what QueuePause and QueueRemove take).
    pub fn interface_of(&self, id: AgentId) -> Option<&str> {
        self.interfaces.get(id.index()).map(String::as_str)
    }

    /// Replaces an agent's queue memberships (from a QueueStatus); true if they changed.
    pub fn set_memberships(&mut self, id: AgentId, mut queues: Vec<QueueId>) -> bool {
        queues.sort_unstable();
        queues.dedup();
        match self.agents.get_mut(id.index()) {
            Some(profile) if profile.queues != queues => {
                profile.queues = queues;
                true
            }
            _ => false,
        }
    }

    /// Adds one membership (QueueMemberAdded); true if it is new.
    pub fn add_membership(&mut self, id: AgentId, queue: QueueId) -> bool {
        match self.agents.get_mut(id.index()) {
            Some(profile) if !profile.queues.contains(&queue) => {
                profile.queues.push(queue);
                profile.queues.sort_unstable();
                true
            }
            _ => false,
        }
    }

    pub fn memberships(&self, id: AgentId) -> &[QueueId] {
        self.agents
            .get(id.index())
            .map_or(&[], |profile| profile.queues.as_slice())
    }

    /// The call's id by caller `Uniqueid`, allocating one on first sight.
    pub fn intern_call(&mut self, uniqueid: &str) -> CallId {
        if let Some(id) = self.calls.get(uniqueid) {
            return *id;
        }
        let id = CallId(self.next_call);
        self.next_call += 1;
        self.calls.insert(uniqueid.to_owned(), id);
        id
    }

    pub fn call(&self, uniqueid: &str) -> Option<CallId> {
        self.calls.get(uniqueid).copied()
    }

    /// Forgets calls whose channel no longer exists, so the book does not grow forever;
    /// `keep` says which uniqueids are still alive.
    pub fn retain_calls(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.calls.retain(|uniqueid, _| keep(uniqueid));
    }

    pub fn forget_call(&mut self, uniqueid: &str) {
        self.calls.remove(uniqueid);
    }

    pub fn call_count(&self) -> usize {
        self.calls.len()
    }

    /// The topology the ids index: one site, the queues and agents seen so far.
    pub fn topology(&self) -> Topology {
        Topology {
            sites: vec![Site {
                id: PBX_SITE,
                name: self.site_name.clone(),
            }],
            queues: self.queues.clone(),
            agents: self.agents.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_stable_and_make_a_valid_topology() {
        let mut book = NameBook::new("pbx");
        assert_eq!(book.intern_queue("support"), (QueueId(0), true));
        assert_eq!(book.intern_queue("billing"), (QueueId(1), true));
        assert_eq!(book.intern_queue("support"), (QueueId(0), false));
        let (carol, new) = book.intern_agent("Local/agent3@agents/n", "Carol");
        assert!(new);
        assert_eq!(
            book.intern_agent("Local/agent3@agents/n", "Carol"),
            (carol, false)
        );
        assert!(book.set_memberships(carol, vec![QueueId(1), QueueId(0)]));
        assert!(!book.set_memberships(carol, vec![QueueId(0), QueueId(1)]));
        assert_eq!(book.interface_of(carol), Some("Local/agent3@agents/n"));
        book.set_service_level(QueueId(1), 30);
        let topology = book.topology();
        topology.validate().unwrap();
        assert_eq!(topology.queues[1].sl_threshold_secs, 30);
        assert_eq!(topology.agents[0].queues, [QueueId(0), QueueId(1)]);

        let call = book.intern_call("1795343685.1");
        assert_eq!(book.intern_call("1795343685.1"), call);
        assert_ne!(book.intern_call("1795343685.5"), call);
        book.retain_calls(|u| u == "1795343685.5");
        assert_eq!(book.call("1795343685.1"), None);
        assert_eq!(book.call_count(), 1);
    }
}
