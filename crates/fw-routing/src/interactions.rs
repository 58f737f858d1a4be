//! How a proposed mode meets the modes already on. Overlaps are allowed (a typhoon closure
//! must be possible while night mode runs, as it does every night) with a fixed precedence
//! (see [`crate::resolve`]); these notes say what that precedence means for the queues
//! concerned, so the lead reads it in the preview before confirming.

use std::collections::BTreeMap;

use fw_domain::{QueueId, Topology};

use crate::actor::ModeId;
use crate::describe::queue_name;
use crate::resolve::{ClosedBecause, Resolution, Routing};

/// One consequence of modes overlapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interaction {
    /// Closure wins over night mode: these queues' callers hear the announcement instead of
    /// being merged onto the night queue.
    ClosureOverridesNight {
        closure: ModeId,
        night: ModeId,
        queues: Vec<QueueId>,
    },
    /// Night mode merges these queues onto a night queue that is closed: their callers hear
    /// the announcement.
    NightIntoClosedQueue {
        night: ModeId,
        closure: ModeId,
        queues: Vec<QueueId>,
    },
    /// These queues' site is failed over and no other site has an open queue with their
    /// skill: their callers hear the announcement and are offered a callback.
    NoFailoverTarget {
        failover: ModeId,
        queues: Vec<QueueId>,
    },
}

impl Interaction {
    /// In words, with the topology's names.
    pub fn explain(&self, topology: &Topology) -> String {
        let names = |queues: &[QueueId]| {
            queues
                .iter()
                .map(|q| queue_name(topology, *q))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Interaction::ClosureOverridesNight {
                closure,
                night,
                queues,
            } => format!(
                "{closure} closes {} although {night} would merge them onto the night queue: callers hear the emergency announcement",
                names(queues)
            ),
            Interaction::NightIntoClosedQueue {
                night,
                closure,
                queues,
            } => format!(
                "{night} merges {} onto a night queue that {closure} closes: callers hear the emergency announcement",
                names(queues)
            ),
            Interaction::NoFailoverTarget { failover, queues } => format!(
                "{failover} leaves {} with no open queue of the same skill at another site: callers hear the emergency announcement and are offered a callback",
                names(queues)
            ),
        }
    }
}

/// The interactions that involve the proposed mode ([`ModeId::PROPOSED`] in `after`), or
/// that it newly causes (a failover losing its last target).
pub(crate) fn interactions(
    topology: &Topology,
    before: &Routing<'_>,
    after: &Routing<'_>,
) -> Vec<Interaction> {
    let mut overrides: BTreeMap<(ModeId, ModeId), Vec<QueueId>> = BTreeMap::new();
    let mut into_closed: BTreeMap<(ModeId, ModeId), Vec<QueueId>> = BTreeMap::new();
    let mut stranded: BTreeMap<ModeId, Vec<QueueId>> = BTreeMap::new();
    let involves = |a: ModeId, b: ModeId| a == ModeId::PROPOSED || b == ModeId::PROPOSED;
    for queue in topology.queues.iter().map(|q| q.id) {
        if let Some((night, target)) = after.night_target(queue) {
            match (after.closed_by(queue), after.closed_by(target)) {
                (Some(closure), _) if involves(closure, night) => {
                    overrides.entry((closure, night)).or_default().push(queue);
                }
                (None, Some(closure)) if involves(closure, night) => {
                    into_closed.entry((night, closure)).or_default().push(queue);
                }
                _ => {}
            }
        }
        let stranded_now = |routing: &Routing<'_>| match routing.resolve(queue) {
            Resolution::Closed {
                mode,
                because: ClosedBecause::NoFailoverTarget,
            } => Some(mode),
            _ => None,
        };
        if let Some(failover) = stranded_now(after)
            && stranded_now(before).is_none()
        {
            stranded.entry(failover).or_default().push(queue);
        }
    }
    let mut notes: Vec<Interaction> = overrides
        .into_iter()
        .map(
            |((closure, night), queues)| Interaction::ClosureOverridesNight {
                closure,
                night,
                queues,
            },
        )
        .collect();
    notes.extend(into_closed.into_iter().map(|((night, closure), queues)| {
        Interaction::NightIntoClosedQueue {
            night,
            closure,
            queues,
        }
    }));
    notes.extend(
        stranded
            .into_iter()
            .map(|(failover, queues)| Interaction::NoFailoverTarget { failover, queues }),
    );
    notes
}
