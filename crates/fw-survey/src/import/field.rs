//! The survey fields an import reads, so mapping, lookup and messages loop over one list.

/// One field of [`crate::SurveyRecord`] that a source column (or JSON key) can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    CallRef,
    AnsweredAt,
    Csat,
    Nps,
    FirstContactResolution,
    Comment,
    Site,
    Queue,
    Agent,
    WaitSecs,
    TalkSecs,
    Escalated,
    Callback,
}

/// How many fields there are: the length of a row's cell array.
pub(crate) const FIELD_COUNT: usize = 13;

impl Field {
    /// Every field, in the order rows are checked and reasons are listed.
    pub(crate) const ALL: [Field; FIELD_COUNT] = [
        Field::CallRef,
        Field::AnsweredAt,
        Field::Csat,
        Field::Nps,
        Field::FirstContactResolution,
        Field::Comment,
        Field::Site,
        Field::Queue,
        Field::Agent,
        Field::WaitSecs,
        Field::TalkSecs,
        Field::Escalated,
        Field::Callback,
    ];

    /// The position of the field's cell in a row.
    pub(crate) const fn slot(self) -> usize {
        self as usize
    }

    /// What the field is called in messages to the person importing.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            Field::CallRef => "the call reference",
            Field::AnsweredAt => "the time",
            Field::Csat => "CSAT",
            Field::Nps => "NPS",
            Field::FirstContactResolution => "first-contact resolution",
            Field::Comment => "the comment",
            Field::Site => "the site",
            Field::Queue => "the queue",
            Field::Agent => "the agent",
            Field::WaitSecs => "the wait (seconds)",
            Field::TalkSecs => "the talk time (seconds)",
            Field::Escalated => "escalated",
            Field::Callback => "callback",
        }
    }

    /// A survey cannot be stored without these.
    pub(crate) const fn is_required(self) -> bool {
        matches!(self, Field::CallRef | Field::AnsweredAt | Field::Csat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_the_positions_in_all() {
        for (position, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field.slot(), position);
        }
    }
}
