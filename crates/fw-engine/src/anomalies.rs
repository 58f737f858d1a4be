//! Things in the event stream that should not happen, counted rather than trusted.

/// Counts of stream anomalies since the engine started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anomalies {
    /// Events whose sequence number was already applied (replays); ignored.
    pub duplicates: u64,
    /// Sequence numbers skipped: events the engine never saw.
    pub gaps: u64,
    /// Events about a call the engine does not know, or in a phase that does not allow them.
    pub unknown_calls: u64,
    /// Events naming an agent outside the topology.
    pub unknown_agents: u64,
    /// Events older than the retained history (26 h); their counters are dropped.
    pub too_old: u64,
    /// Calls that vanished across a reconnect without a known outcome.
    pub unresolved_calls: u64,
}
