//! Who did something to the plan, and which mode it was done to.

use fw_domain::SupervisorId;

/// An active mode's number, unique for the life of the plan: turning the same mode on again
/// later gives a new number, so the history never mixes two activations up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModeId(pub u64);

impl ModeId {
    /// The mode an impact preview is about: not in the plan yet. Plans number their modes
    /// from 1, so this never names a real one.
    pub const PROPOSED: ModeId = ModeId(0);
}

impl std::fmt::Display for ModeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if *self == ModeId::PROPOSED {
            f.write_str("the proposed mode")
        } else {
            write!(f, "mode #{}", self.0)
        }
    }
}

/// A supervisor as the plan records them: the id the platform carries, and the name shown at
/// the time, so the history still reads right after the team file changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Actor {
    pub id: SupervisorId,
    pub name: String,
}

impl Actor {
    pub fn new(id: SupervisorId, name: &str) -> Actor {
        Actor {
            id,
            name: name.to_owned(),
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}
