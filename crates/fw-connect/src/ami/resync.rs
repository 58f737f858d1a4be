//! Rebuilding the mapper's live state, and the [`Snapshot`], from Asterisk's own lists
//! after every (re)connect: QueueStatus (queues, members, waiting callers) and Status (the
//! channels, which show the answered calls: the caller's channel in `Queue` and the
//! agent's leg in `AppQueue`, sharing a bridge). Ids stay as they were, so the engine
//! matches what it already counted and counts only what it missed. Calls that ended while
//! the link was down are settled from Asterisk's counters (`outage.rs`).

use fw_ami::AmiEvent;
use fw_ami::typed::{ChannelStatus, QueueEntry};
use fw_domain::{
    AgentId, CallId, CallPhase, CallerInfo, LiveAgent, LiveCall, QueueId, Snapshot, SourceId,
    Timestamp,
};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::ami::agent_board::MemberReport;
use crate::ami::mapper::{AmiMapper, CallTrack, REGION_VARIABLE};

/// What the connector read for one snapshot.
#[derive(Clone, Debug, Default)]
pub struct SnapshotLists {
    /// The QueueStatus items: QueueParams, QueueMember, QueueEntry.
    pub queue_status: Vec<AmiEvent>,
    /// The Status items: every live channel.
    pub channels: Vec<ChannelStatus>,
}

/// `Local/agent4@agents/n` and `Local/agent4@agents-00000037;1` both name
/// `Local/agent4@agents`; `PJSIP/1001` and `PJSIP/1001-0000002a` both name `PJSIP/1001`.
pub fn device_of_interface(interface: &str) -> &str {
    match interface.strip_prefix("Local/") {
        Some(rest) => &interface[..6 + rest.find('/').unwrap_or(rest.len())],
        None => interface,
    }
}

/// The device a channel name belongs to: the name without `;1`/`;2` and the `-<hex>`
/// sequence Asterisk appends.
pub fn device_of_channel(channel: &str) -> &str {
    let name = channel.split(';').next().unwrap_or(channel);
    match name.rfind('-') {
        Some(dash)
            if dash + 1 < name.len() && name[dash + 1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            &name[..dash]
        }
        _ => name,
    }
}

/// `seconds` before `at` (a channel's age, a caller's wait).
fn seconds_before(at: Timestamp, seconds: u64) -> Timestamp {
    at.plus_ms(-i64::try_from(seconds.saturating_mul(1_000)).unwrap_or(i64::MAX))
}

fn is_application(channel: &ChannelStatus, name: &str) -> bool {
    channel.application.eq_ignore_ascii_case(name)
}

impl AmiMapper {
    /// Rebuilds live state from `lists`, taken at `taken_at`, and starts numbering events
    /// of `source` from 1. Names keep their ids; live facts are replaced wholesale.
    pub fn resync(
        &mut self,
        lists: &SnapshotLists,
        source: SourceId,
        taken_at: Timestamp,
    ) -> Snapshot {
        self.source = source;
        self.seq = 0;
        self.topology_changed = false;
        let mut unsent = Vec::new();
        self.take_recovered(&mut unsent);
        if !unsent.is_empty() {
            tracing::warn!(
                events = unsent.len(),
                "events settling an earlier outage were never handed out; dropped"
            );
        }
        // The state before the outage: what the engine holds, to settle what is gone.
        let previous = std::mem::take(&mut self.calls);
        self.agent_legs.clear();
        self.agents.clear();
        self.forget_held();

        let mut memberships: FxHashMap<AgentId, Vec<QueueId>> = FxHashMap::default();
        let mut entries: Vec<&QueueEntry> = Vec::new();
        for item in &lists.queue_status {
            match item {
                AmiEvent::QueueParams(params) => {
                    let (queue, _) = self.names.intern_queue(&params.queue);
                    self.names
                        .set_service_level(queue, params.service_level_secs);
                }
                AmiEvent::QueueMember(member) => {
                    let (queue, _) = self.names.intern_queue(&member.queue);
                    let (agent, _) = self
                        .names
                        .intern_agent(&member.interface, &member.member_name);
                    memberships.entry(agent).or_default().push(queue);
                    self.agents.member(
                        agent,
                        &MemberReport {
                            queue,
                            device: member.status,
                            paused: member.paused,
                            paused_reason: &member.paused_reason,
                        },
                        taken_at,
                    );
                }
                AmiEvent::QueueEntry(entry) => entries.push(entry),
                _ => {}
            }
        }
        let agent_count = self.names.topology().agents.len();
        for index in 0..agent_count {
            let agent = AgentId(index as u32);
            let queues = memberships.remove(&agent).unwrap_or_default();
            self.names.set_memberships(agent, queues);
        }

        let by_uniqueid: FxHashMap<&str, &ChannelStatus> = lists
            .channels
            .iter()
            .map(|c| (c.channel.uniqueid.as_str(), c))
            .collect();
        for entry in entries {
            self.add_waiting(
                entry,
                by_uniqueid.get(entry.uniqueid.as_str()).copied(),
                taken_at,
            );
        }
        self.add_answered(&lists.channels, taken_at);
        self.add_leaving(&lists.channels, taken_at);
        let ended_unseen = self.settle_outage(previous, lists, taken_at);

        let live: FxHashSet<&str> = self
            .calls
            .values()
            .map(|t| t.caller_uniqueid.as_str())
            .collect();
        self.names.retain_calls(|uniqueid| live.contains(uniqueid));
        let channel_names: FxHashSet<&str> = lists
            .channels
            .iter()
            .map(|c| c.channel.channel.as_str())
            .collect();
        self.monitors
            .retain_alive(|leg| channel_names.contains(leg));

        let mut snapshot = self.snapshot_of(source, taken_at);
        // The engine still holds the calls that ended unseen: the snapshot keeps them, and
        // the events that end them follow it.
        snapshot.calls.extend(ended_unseen);
        snapshot.calls.sort_by_key(|c| c.call);
        snapshot
    }

    /// The snapshot of the state just rebuilt.
    fn snapshot_of(&mut self, source: SourceId, taken_at: Timestamp) -> Snapshot {
        let topology = self.names.topology();
        let agents = (0..topology.agents.len())
            .map(|index| {
                let agent = AgentId(index as u32);
                let (state, since) = self.agents.settle(agent, taken_at);
                LiveAgent {
                    agent,
                    state,
                    since,
                    call: self.agents.call_of(agent),
                }
            })
            .collect();
        let mut calls: Vec<LiveCall> = self
            .calls
            .iter()
            .map(|(call, track)| track.live(*call))
            .collect();
        calls.sort_by_key(|c| c.call);
        Snapshot {
            source,
            last_seq: 0,
            taken_at,
            topology,
            agents,
            calls,
            monitors: self.monitors.live(),
        }
    }

    /// A caller QueueStatus lists as waiting.
    fn add_waiting(
        &mut self,
        entry: &QueueEntry,
        channel: Option<&ChannelStatus>,
        taken_at: Timestamp,
    ) {
        let Some(queue) = self.names.queue(&entry.queue) else {
            return;
        };
        let call = self.names.intern_call(&entry.uniqueid);
        let queued_at = taken_at.plus_ms(-i64::from(entry.wait_secs) * 1_000);
        let offered_at = channel
            .and_then(|c| c.seconds)
            .map_or(queued_at, |age| seconds_before(taken_at, age))
            .min(queued_at);
        let caller = CallerInfo {
            number: entry.caller_id_num.clone(),
            region: channel
                .and_then(|c| c.channel.variable(REGION_VARIABLE))
                .unwrap_or_default()
                .to_owned(),
        };
        let mut track = CallTrack::new(&entry.uniqueid, caller, offered_at);
        track.caller_channel.clone_from(&entry.channel);
        track.queue = Some(queue);
        track.queued_at = Some(queued_at);
        track.priority = u8::try_from(entry.queue_priority.max(0)).unwrap_or(u8::MAX);
        self.calls.insert(call, track);
    }

    /// Callers still in `Queue()` but neither listed as waiting nor bridged: caught between
    /// QueueCallerLeave and AgentConnect (an agent is answering). They stay waiting, with
    /// the leave pending, so the AgentConnect that follows finds them; if none does, the
    /// grace time turns them into a queue exit.
    fn add_leaving(&mut self, channels: &[ChannelStatus], taken_at: Timestamp) {
        for caller in channels {
            if !is_application(caller, "Queue") || !caller.bridge_id.is_empty() {
                continue;
            }
            let uniqueid = caller.channel.uniqueid.as_str();
            if self
                .names
                .call(uniqueid)
                .is_some_and(|c| self.calls.contains_key(&c))
            {
                continue;
            }
            let Some(queue) = self.names.queue(queue_name_of(caller)) else {
                continue;
            };
            let call = self.names.intern_call(uniqueid);
            let born = caller
                .seconds
                .map_or(taken_at, |s| seconds_before(taken_at, s));
            let mut track = CallTrack::new(uniqueid, caller_info_of(caller), born);
            track.queue = Some(queue);
            track.queued_at = Some(born);
            track.left_at = Some(taken_at);
            self.calls.insert(call, track);
        }
    }

    /// Callers bridged to an agent: the caller's channel runs `Queue` and shares a bridge
    /// with an agent leg running `AppQueue`, whose name gives the member's device.
    fn add_answered(&mut self, channels: &[ChannelStatus], taken_at: Timestamp) {
        let mut agent_legs: FxHashMap<&str, &ChannelStatus> = FxHashMap::default();
        for channel in channels {
            if is_application(channel, "AppQueue") && !channel.bridge_id.is_empty() {
                agent_legs.insert(channel.bridge_id.as_str(), channel);
            }
        }
        let topology = self.names.topology();
        let by_device: FxHashMap<String, AgentId> = topology
            .agents
            .iter()
            .filter_map(|profile| {
                let interface = self.names.interface_of(profile.id)?;
                Some((device_of_interface(interface).to_owned(), profile.id))
            })
            .collect();
        for caller in channels {
            if !is_application(caller, "Queue") || caller.bridge_id.is_empty() {
                continue;
            }
            let uniqueid = caller.channel.uniqueid.as_str();
            if self
                .names
                .call(uniqueid)
                .is_some_and(|c| self.calls.contains_key(&c))
            {
                continue; // still listed as waiting
            }
            let Some(agent_leg) = agent_legs.get(caller.bridge_id.as_str()) else {
                continue;
            };
            let Some(agent) = by_device
                .get(device_of_channel(&agent_leg.channel.channel))
                .copied()
            else {
                continue;
            };
            let Some(queue) = self.names.queue(queue_name_of(caller)) else {
                continue;
            };
            let call: CallId = self.names.intern_call(uniqueid);
            let age = |c: &ChannelStatus| c.seconds.map(|s| seconds_before(taken_at, s));
            let answered_at = age(agent_leg).unwrap_or(taken_at);
            // When the caller joined is not listed; the channel's birth bounds it.
            let offered_at = age(caller).unwrap_or(answered_at).min(answered_at);
            let mut track = CallTrack::new(uniqueid, caller_info_of(caller), offered_at);
            track.queue = Some(queue);
            track.phase = CallPhase::Talking;
            track.queued_at = Some(offered_at);
            track.answered_at = Some(answered_at);
            track.agent = Some(agent);
            track.agent_channel = Some(agent_leg.channel.channel.clone());
            track.agent_uniqueid = Some(agent_leg.channel.uniqueid.clone());
            self.agent_legs
                .insert(agent_leg.channel.uniqueid.clone(), call);
            self.calls.insert(call, track);
            self.agents.answered(agent, call, answered_at);
        }
    }
}

/// The queue a caller's channel is in: the dialplan's `CC_QUEUE` variable, else the first
/// argument of its `Queue` application.
fn queue_name_of(caller: &ChannelStatus) -> &str {
    caller
        .channel
        .variable("CC_QUEUE")
        .or_else(|| caller.data.split(',').next())
        .unwrap_or_default()
        .trim()
}

/// The caller as a channel in the Status list shows them.
fn caller_info_of(caller: &ChannelStatus) -> CallerInfo {
    CallerInfo {
        number: caller.channel.caller_id_num.clone(),
        region: caller
            .channel
            .variable(REGION_VARIABLE)
            .unwrap_or_default()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_and_interfaces_meet_at_the_device() {
        assert_eq!(
            device_of_interface("Local/agent4@agents/n"),
            "Local/agent4@agents"
        );
        assert_eq!(
            device_of_channel("Local/agent4@agents-00000037;1"),
            "Local/agent4@agents"
        );
        assert_eq!(device_of_interface("PJSIP/1001"), "PJSIP/1001");
        assert_eq!(device_of_channel("PJSIP/1001-0000002a"), "PJSIP/1001");
        assert_eq!(device_of_channel("PJSIP/front-desk"), "PJSIP/front-desk");
    }
}
