//! The net promoter groups of a 0–10 answer.

use serde::{Deserialize, Serialize};

/// Where an NPS answer falls: detractors 0–6, passives 7–8, promoters 9–10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsGroup {
    Detractor,
    Passive,
    Promoter,
}

impl NpsGroup {
    /// The group of an answer, or `None` above 10.
    pub const fn of(score: u8) -> Option<NpsGroup> {
        match score {
            0..=6 => Some(NpsGroup::Detractor),
            7 | 8 => Some(NpsGroup::Passive),
            9 | 10 => Some(NpsGroup::Promoter),
            _ => None,
        }
    }

    /// The inclusive score range of the group, for queries.
    pub const fn scores(self) -> (u8, u8) {
        match self {
            NpsGroup::Detractor => (0, 6),
            NpsGroup::Passive => (7, 8),
            NpsGroup::Promoter => (9, 10),
        }
    }

    /// Stable name, as stored and sent over IPC.
    pub const fn as_str(self) -> &'static str {
        match self {
            NpsGroup::Detractor => "detractor",
            NpsGroup::Passive => "passive",
            NpsGroup::Promoter => "promoter",
        }
    }

    pub fn parse(name: &str) -> Option<NpsGroup> {
        [NpsGroup::Detractor, NpsGroup::Passive, NpsGroup::Promoter]
            .into_iter()
            .find(|group| group.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_cover_zero_to_ten_without_overlap() {
        for score in 0..=10u8 {
            let group = NpsGroup::of(score).expect("0-10 has a group");
            let (low, high) = group.scores();
            assert!((low..=high).contains(&score));
            assert_eq!(NpsGroup::parse(group.as_str()), Some(group));
        }
        assert_eq!(NpsGroup::of(11), None);
    }
}
