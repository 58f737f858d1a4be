//! The impact preview: what a proposed mode would do, computed from the live state before
//! anyone confirms it.
//!
//! The app fills a [`LiveLoad`] from the engine's frame (the wallboard's own figures) and
//! calls [`crate::RoutingPlan::preview`]. The preview assumes the live figures already show
//! the modes in force, and changes only what the proposed mode changes:
//!
//! * **failover**: the failed site's agents are gone; each of its queues' arrivals go to
//!   the same skill at the other sites that are up and open, split by their staffed agents
//!   (evenly if nobody is staffed); none left: they become callback offers;
//! * **emergency closure**: the closed queues' arrivals and waiting callers become callback
//!   offers; a closed queue has no projection after (not applicable);
//! * **night mode**: each covered queue's arrivals and staffed agents move onto its skill's
//!   night queue (the night team works there);
//! * **regional priority**: no totals change; the callers from the region wait less and the
//!   others more. With the waiting callers given, their share is estimated from them and
//!   both waits are projected; without, the preview says only that the order changes.
//!
//! Every projection is Erlang C (M/M/N) at the queue's own SL threshold, a steady-state
//! estimate: it says where a queue is heading, not what the next ten minutes bring.

mod compute;
mod load;
mod outlook;

use fw_domain::{CallerInfo, QueueId, RoutingMode, SiteId};

pub use outlook::Outlook;

use crate::actor::ModeId;
use crate::interactions::Interaction;
use crate::resolve::ClosedBecause;

/// One queue's live figures, as the app reads them off the engine's frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QueueLoad {
    pub queue: QueueId,
    /// Callers waiting now.
    pub waiting: u32,
    /// Agents logged in to the queue (any state but offline).
    pub staffed: u32,
    /// Of them, available now.
    pub available: u32,
    /// Calls offered per hour; see [`QueueLoad::per_hour`].
    pub arrivals_per_hour: f64,
    /// Mean handle time; `None` before a call has been handled in the window.
    pub aht_secs: Option<f64>,
}

impl QueueLoad {
    /// An hourly rate from `offered` calls in a rolling window of `window_minutes`.
    pub fn per_hour(offered: u32, window_minutes: u32) -> f64 {
        if window_minutes == 0 {
            0.0
        } else {
            f64::from(offered) * 60.0 / f64::from(window_minutes)
        }
    }
}

/// A site's staffed agents, each counted once (an agent in three queues is one person):
/// the engine's site roll-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteLoad {
    pub site: SiteId,
    pub staffed: u32,
}

/// A caller waiting now, for regional priority's share. Stays in the backend.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitingCaller {
    pub queue: QueueId,
    pub caller: CallerInfo,
}

/// The live state a preview starts from. Queues and sites not listed count as empty; ids
/// the topology does not know are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveLoad {
    pub queues: Vec<QueueLoad>,
    pub sites: Vec<SiteLoad>,
    /// The callers waiting now, if the caller of the preview has them.
    pub waiting_callers: Option<Vec<WaitingCaller>>,
}

/// A queue's figures and Erlang C outlook, before or after.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub arrivals_per_hour: f64,
    pub staffed: u32,
    pub available: u32,
    pub aht_secs: Option<f64>,
    pub outlook: Outlook,
    /// Erlang C agents required for the queue's SL target.
    pub agents_required: Option<u32>,
}

/// What the proposed mode does to a queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueRole {
    /// Its calls go elsewhere (or to callbacks).
    Sends,
    /// It takes calls from queues that send.
    Receives,
    /// Both: failing over may send a queue's calls to a list that includes itself.
    SendsAndReceives,
}

/// One queue the proposed mode touches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QueueImpact {
    pub queue: QueueId,
    pub role: QueueRole,
    pub before: Projection,
    /// `None`: the queue takes no calls after the change (closed, failed over, merged).
    pub after: Option<Projection>,
}

/// A queue's share of another queue's calls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub queue: QueueId,
    /// 0 to 1; a destination's shares add up to 1.
    pub share: f64,
}

/// Where a sending queue's calls go.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Queues(Vec<Share>),
    /// The emergency announcement and a callback offer.
    AnnouncementAndCallback {
        mode: ModeId,
        because: ClosedBecause,
    },
}

/// One sending queue and where its calls go.
#[derive(Clone, Debug, PartialEq)]
pub struct Destination {
    pub from: QueueId,
    pub to: Target,
}

/// Regional priority's effect on one queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionalQueue {
    pub queue: QueueId,
    /// Callers from the regions waiting there now.
    pub waiting_prioritised: u32,
    /// Projected mean waits of the prioritised callers and of the others (the queue's ASA
    /// over both does not change); `None` unless the queue is stable.
    pub asa_prioritised_secs: Option<f64>,
    pub asa_others_secs: Option<f64>,
}

/// Regional priority's effect: the waiting order changes, the totals do not.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionalImpact {
    /// The share of callers from the regions, estimated from the callers waiting now
    /// across the centre; `None` without them (or with nobody waiting).
    pub share: Option<f64>,
    /// Callers from the regions waiting now, when known.
    pub waiting_prioritised: Option<u32>,
    /// Per queue with calls, when the share is known.
    pub queues: Vec<RegionalQueue>,
}

/// Everything the console shows before a mode is confirmed.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// The mode as the plan would store it (regions tidied).
    pub mode: RoutingMode,
    /// Active modes it would replace.
    pub supersedes: Vec<ModeId>,
    /// Callers waiting now in the queues that send.
    pub calls_waiting_affected: u32,
    /// Agents who lose their calls, move or are gone (each counted once where the site's
    /// figure allows: a whole site uses the site's count, part of one the queues' sum).
    pub agents_affected: u32,
    /// Per sending queue, in queue order.
    pub destinations: Vec<Destination>,
    /// Per sending or receiving queue, in queue order.
    pub queues: Vec<QueueImpact>,
    /// Arrivals per hour that will hear the announcement and be offered a callback.
    pub callbacks_per_hour: f64,
    /// Callers waiting now who will be offered a callback.
    pub callbacks_waiting: u32,
    pub regional: Option<RegionalImpact>,
    pub interactions: Vec<Interaction>,
}
