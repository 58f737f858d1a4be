//! Agent states as a supervisor sees them.

/// Why an agent is on a break. Platforms report free text (Asterisk's `PausedReason`);
/// known reasons are typed so the UI can translate them, anything else is kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BreakReason {
    Lunch,
    Rest,
    Training,
    Coaching,
    Meeting,
    Technical,
    /// A reason the platform gave that Floorwalker does not know; never dropped.
    Other(String),
    /// Paused without a reason.
    Unspecified,
}

impl BreakReason {
    /// Maps a platform's free-text reason onto a known reason where one matches.
    pub fn from_platform(text: &str) -> BreakReason {
        match text.trim().to_ascii_lowercase().as_str() {
            "" => BreakReason::Unspecified,
            "lunch" | "meal" => BreakReason::Lunch,
            "break" | "rest" | "comfort" => BreakReason::Rest,
            "training" => BreakReason::Training,
            "coaching" => BreakReason::Coaching,
            "meeting" => BreakReason::Meeting,
            "technical" | "system" => BreakReason::Technical,
            _ => BreakReason::Other(text.trim().to_owned()),
        }
    }

    /// A stable machine-readable code (the UI translates it).
    pub fn code(&self) -> &str {
        match self {
            BreakReason::Lunch => "lunch",
            BreakReason::Rest => "rest",
            BreakReason::Training => "training",
            BreakReason::Coaching => "coaching",
            BreakReason::Meeting => "meeting",
            BreakReason::Technical => "technical",
            BreakReason::Other(text) => text,
            BreakReason::Unspecified => "unspecified",
        }
    }
}

/// What an agent is doing now.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AgentState {
    /// Logged out / not on shift.
    Offline,
    /// Logged in and idle: can take the next call.
    Available,
    /// Reserved for a call that is ringing at their phone.
    Ringing,
    /// Talking to (or holding) a caller.
    OnCall,
    /// After-call work.
    WrapUp,
    /// Paused, with a reason.
    Break(BreakReason),
}

impl AgentState {
    /// Whether time in this state counts as busy for occupancy (on calls or wrap-up).
    pub const fn is_busy(&self) -> bool {
        matches!(
            self,
            AgentState::Ringing | AgentState::OnCall | AgentState::WrapUp
        )
    }

    /// Whether the agent is logged in (staffed) in this state.
    pub const fn is_staffed(&self) -> bool {
        !matches!(self, AgentState::Offline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_break_reasons_are_kept_verbatim() {
        assert_eq!(BreakReason::from_platform(" Lunch "), BreakReason::Lunch);
        assert_eq!(
            BreakReason::from_platform("Quality huddle"),
            BreakReason::Other("Quality huddle".into())
        );
        assert_eq!(BreakReason::from_platform(""), BreakReason::Unspecified);
    }

    #[test]
    fn ringing_counts_as_busy_but_break_does_not() {
        assert!(AgentState::Ringing.is_busy());
        assert!(!AgentState::Break(BreakReason::Lunch).is_busy());
        assert!(AgentState::Break(BreakReason::Lunch).is_staffed());
        assert!(!AgentState::Offline.is_staffed());
    }
}
