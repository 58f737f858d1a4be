//! The team's routing plan as the store keeps it.

/// The stored plan: its version, the next mode number, and the active modes as text whose
/// meaning fw-app owns (one record per line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutingPlanRecord {
    pub version: u64,
    /// Mode numbers are never reused, even after every mode is off: the history and the
    /// audit trail name modes by number.
    pub next_mode_id: u64,
    pub modes: String,
    pub updated_at_ms: i64,
    /// Who made the last change (`floorwalker` for an automatic revert).
    pub updated_by: String,
}

/// The most text a plan may hold: a few dozen modes of a few hundred bytes each.
pub const MAX_ROUTING_PLAN_BYTES: usize = 256 * 1024;
