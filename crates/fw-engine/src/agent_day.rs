//! An agent's tallies for one local day, restarted when the day changes.

use fw_domain::Timestamp;

/// Calls finished and their handle time since `day` (a local midnight).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct AgentDay {
    pub day: Timestamp,
    pub handled: u32,
    pub handle_ms: u64,
}

impl AgentDay {
    /// The tally for the day starting at `day`: this one, or a fresh one on a new day. An
    /// event from an earlier day (late, after midnight) is dropped rather than counted today.
    pub(crate) fn on(&mut self, day: Timestamp) -> Option<&mut AgentDay> {
        if day > self.day {
            *self = AgentDay {
                day,
                ..AgentDay::default()
            };
        }
        (day == self.day).then_some(self)
    }

    /// (handled, handle time) as of the day starting at `day`: zero once that day is over.
    pub(crate) fn as_of(&self, day: Timestamp) -> (u32, u64) {
        if day == self.day {
            (self.handled, self.handle_ms)
        } else {
            (0, 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_day_starts_from_zero_and_a_late_event_from_yesterday_is_dropped() {
        let mut tally = AgentDay::default();
        let monday = Timestamp(1_000);
        let tuesday = Timestamp(2_000);
        let day = tally.on(monday).unwrap();
        day.handled += 1;
        day.handle_ms += 300;
        assert_eq!(tally.as_of(monday), (1, 300));
        assert_eq!(tally.as_of(tuesday), (0, 0));
        tally.on(tuesday).unwrap().handled += 1;
        assert!(tally.on(monday).is_none());
        assert_eq!(tally.as_of(tuesday), (1, 0));
    }
}
