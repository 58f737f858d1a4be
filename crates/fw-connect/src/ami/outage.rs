//! Calls that ended while the AMI link was down.
//!
//! Asterisk does not replay events to a new connection, so a caller who was waiting or
//! talking when the link dropped and is gone when it comes back ended unseen. The lists
//! say *that* they ended; Asterisk's cumulative counters say *how*:
//!
//! * QueueParams `Completed` counts answered calls that ended (one per AgentComplete) and
//!   `Abandoned` callers who hung up waiting (one per QueueCallerAbandon), per queue;
//! * QueueMember `CallsTaken` and `LastCall` count and time each member's finished calls
//!   (with `shared_lastcall`, every row of a member carries the member's totals).
//!
//! The book keeps what those counters were at the last snapshot plus every such event seen
//! since; after a reconnect, the difference to the new lists is what happened unseen. The
//! rule, per queue:
//!
//! 1. a call that was talking and is gone completed (it can end no other way); each uses
//!    one unseen completion;
//! 2. the unseen completions left go to the callers who were waiting and are gone, in the
//!    order the queue serves them (the one ringing an agent first, then higher priority,
//!    then the longest waiting): they were answered and completed;
//! 3. the unseen abandons go to the next ones: they abandoned;
//! 4. any caller still unexplained left the queue some other way (recorded as a timeout).
//!
//! Each call is ended exactly once: the ending events follow the snapshot (which still
//! holds these calls, as the engine does), and a late AgentComplete or QueueCallerAbandon
//! for one of them finds no live call and is ignored. A counter that went down (QueueReset,
//! a reload) means everything it now shows happened during the outage.
//!
//! Times: Asterisk does not say when these calls ended, except a member's `LastCall`
//! (whole seconds) for that member's last finished call. That call ends then; every other
//! unseen answer, completion or abandon is stamped at the moment the link was lost (the
//! last moment Floorwalker knew the call's state). So the waits of calls answered unseen
//! are lower bounds, and their talk time runs to the member's LastCall (or is zero).
//! Calls that started and ended entirely inside the outage were never seen: they are not
//! invented; their numbers are logged.

use fw_ami::AmiEvent;
use fw_domain::{
    AgentId, CallId, CallPhase, CompletionReason, DomainEvent, LeaveReason, LiveCall, QueueId,
    Timestamp,
};
use rustc_hash::FxHashMap;

use crate::ami::mapper::{AmiMapper, CallTrack};
use crate::ami::names::NameBook;
use crate::ami::resync::SnapshotLists;

/// A member row of QueueStatus: `CallsTaken` and `LastCall` (Unix seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MemberCounters {
    calls_taken: i64,
    last_call: u64,
}

/// Asterisk's counters as of the last snapshot, plus the events seen since.
#[derive(Debug, Default)]
pub(crate) struct OutageBook {
    /// False until the first snapshot: nothing to compare with.
    known: bool,
    /// The counters at the last snapshot, each queue's `Completed` and `Abandoned` plus the
    /// AgentCompletes and QueueCallerAbandons seen since.
    baseline: Counters,
    /// AgentCompletes seen since the last snapshot, per (agent, queue of the call).
    completions_seen: FxHashMap<(AgentId, QueueId), i64>,
    /// When the link was lost; kept through failed reconnects.
    lost_at: Option<Timestamp>,
}

impl OutageBook {
    pub(crate) fn link_lost(&mut self, at: Timestamp) {
        self.lost_at.get_or_insert(at);
    }

    /// Counts one event Asterisk's counters also count (`sign` -1 takes one back).
    pub(crate) fn observe(&mut self, event: &AmiEvent, names: &NameBook, sign: i64) {
        match event {
            AmiEvent::AgentComplete(complete) => {
                let Some(queue) = names.queue(&complete.leg.queue) else {
                    return;
                };
                *self.baseline.completed.entry(queue).or_default() += sign;
                if let Some(agent) = names.agent(&complete.leg.interface) {
                    *self.completions_seen.entry((agent, queue)).or_default() += sign;
                }
            }
            AmiEvent::QueueCallerAbandon(abandon) => {
                if let Some(queue) = names.queue(&abandon.queue) {
                    *self.baseline.abandoned.entry(queue).or_default() += sign;
                }
            }
            _ => {}
        }
    }
}

/// Asterisk's call counters: what the new lists say, read once, or the baseline they are
/// compared with.
#[derive(Debug, Default)]
struct Counters {
    completed: FxHashMap<QueueId, i64>,
    abandoned: FxHashMap<QueueId, i64>,
    members: FxHashMap<(AgentId, QueueId), MemberCounters>,
}

impl Counters {
    fn read(lists: &SnapshotLists, names: &NameBook) -> Counters {
        let mut counters = Counters::default();
        for item in &lists.queue_status {
            match item {
                AmiEvent::QueueParams(params) => {
                    if let Some(queue) = names.queue(&params.queue) {
                        counters
                            .completed
                            .insert(queue, i64::from(params.completed));
                        counters
                            .abandoned
                            .insert(queue, i64::from(params.abandoned));
                    }
                }
                AmiEvent::QueueMember(member) => {
                    if let (Some(agent), Some(queue)) =
                        (names.agent(&member.interface), names.queue(&member.queue))
                    {
                        counters.members.insert(
                            (agent, queue),
                            MemberCounters {
                                calls_taken: i64::from(member.calls_taken),
                                last_call: member.last_call,
                            },
                        );
                    }
                }
                _ => {}
            }
        }
        counters
    }
}

/// How many finished calls a counter shows beyond what was seen: after a reset the whole
/// new value happened in the outage.
fn unseen(now: i64, expected: i64) -> i64 {
    if now >= expected { now - expected } else { now }
}

/// Unseen finished calls per member: by row when rows differ (`shared_lastcall = no`),
/// else one pool per agent (every row carries the member's totals).
#[derive(Debug, Default)]
struct Credits {
    pools: FxHashMap<(AgentId, Option<QueueId>), i64>,
}

impl Credits {
    fn read(book: &OutageBook, now: &Counters) -> Credits {
        let mut rows: FxHashMap<AgentId, Vec<(QueueId, MemberCounters)>> = FxHashMap::default();
        for (&(agent, queue), &counters) in &now.members {
            rows.entry(agent).or_default().push((queue, counters));
        }
        let mut seen_by_agent: FxHashMap<AgentId, i64> = FxHashMap::default();
        for (&(agent, _), seen) in &book.completions_seen {
            *seen_by_agent.entry(agent).or_default() += seen;
        }
        let mut credits = Credits::default();
        for (agent, rows) in rows {
            let shared = rows.windows(2).all(|pair| pair[0].1 == pair[1].1) && rows.len() > 1;
            let seen = |queue: Option<QueueId>| -> i64 {
                match queue {
                    Some(queue) => book
                        .completions_seen
                        .get(&(agent, queue))
                        .copied()
                        .unwrap_or(0),
                    None => seen_by_agent.get(&agent).copied().unwrap_or(0),
                }
            };
            let mut pool = |queue: Option<QueueId>, row_queue: QueueId, row: MemberCounters| {
                if let Some(before) = book.baseline.members.get(&(agent, row_queue)) {
                    let credit = unseen(row.calls_taken, before.calls_taken + seen(queue));
                    if credit > 0 {
                        credits.pools.insert((agent, queue), credit);
                    }
                }
            };
            if shared {
                let (queue, row) = rows[0];
                pool(None, queue, row);
            } else {
                for (queue, row) in rows {
                    pool(Some(queue), queue, row);
                }
            }
        }
        credits
    }

    /// Takes one unseen finished call of `agent` in `queue`, if the counters show one.
    fn take(&mut self, agent: AgentId, queue: QueueId) -> bool {
        for key in [(agent, Some(queue)), (agent, None)] {
            if let Some(left) = self.pools.get_mut(&key)
                && *left > 0
            {
                *left -= 1;
                return true;
            }
        }
        false
    }
}

/// How one vanished call ended.
enum Ending {
    Completed { agent: Option<AgentId> },
    AnsweredAndCompleted { agent: AgentId },
    Abandoned,
    LeftQueue,
    EndedInIvr,
}

/// The order a queue serves its callers: ringing first, then priority, then wait.
fn serving_order(track: &CallTrack) -> (bool, std::cmp::Reverse<u8>, Option<Timestamp>) {
    (
        track.ringing_agent.is_none(),
        std::cmp::Reverse(track.priority),
        track.queued_at,
    )
}

impl AmiMapper {
    /// Called by [`AmiMapper::resync`] once the new state is built: ends the calls of
    /// `previous` that are gone (queueing the events for [`AmiMapper::take_recovered`]),
    /// returns them as the snapshot must still show them, and takes the new lists'
    /// counters as the next baseline.
    pub(crate) fn settle_outage(
        &mut self,
        previous: FxHashMap<CallId, CallTrack>,
        lists: &SnapshotLists,
        taken_at: Timestamp,
    ) -> Vec<LiveCall> {
        let now = Counters::read(lists, &self.names);
        let lost = self.outage.lost_at.take().unwrap_or(taken_at).min(taken_at);
        let mut vanished: Vec<(CallId, CallTrack)> = previous
            .into_iter()
            .filter(|(call, _)| !self.calls.contains_key(call))
            .collect();
        vanished.sort_by_key(|(call, _)| *call);
        let endings = if self.outage.known {
            self.endings(&vanished, &now)
        } else {
            Vec::new()
        };
        let last_calls = last_calls(&now, lost, taken_at);
        self.emit_endings(&vanished, &endings, lost, &last_calls);
        self.outage.baseline = now;
        self.outage.completions_seen.clear();
        self.outage.known = true;
        vanished
            .iter()
            .zip(&endings)
            .map(|((call, track), _)| track.live(*call))
            .collect()
    }

    /// Decides how each vanished call ended (see the module documentation).
    fn endings(&self, vanished: &[(CallId, CallTrack)], now: &Counters) -> Vec<Ending> {
        let mut credits = Credits::read(&self.outage, now);
        let baseline = &self.outage.baseline;
        let mut completions = unseen_per_queue(&now.completed, &baseline.completed);
        let mut abandons = unseen_per_queue(&now.abandoned, &baseline.abandoned);
        let mut endings: Vec<Option<Ending>> = vanished.iter().map(|_| None).collect();
        // Talking calls first: each of them used a completion.
        for (index, (_, track)) in vanished.iter().enumerate() {
            // Between a transfer and its next queue the call is in the dialplan.
            let Some(queue) = track.queue.filter(|_| track.phase != CallPhase::Ivr) else {
                endings[index] = Some(Ending::EndedInIvr);
                continue;
            };
            if matches!(track.phase, CallPhase::Talking | CallPhase::OnHold) {
                *completions.entry(queue).or_default() -= 1;
                if let Some(agent) = track.agent {
                    credits.take(agent, queue);
                }
                endings[index] = Some(Ending::Completed { agent: track.agent });
            }
        }
        let mut waiting: Vec<usize> = (0..vanished.len())
            .filter(|index| endings[*index].is_none())
            .collect();
        waiting.sort_by_key(|index| (serving_order(&vanished[*index].1), vanished[*index].0));
        for index in waiting {
            let track = &vanished[index].1;
            let queue = track
                .queue
                .expect("calls without a queue were settled above");
            let answered = completions.get_mut(&queue).filter(|left| **left > 0);
            endings[index] = Some(if let Some(left) = answered {
                *left -= 1;
                let agent = answering_agent(track, queue, &mut credits, now);
                Ending::AnsweredAndCompleted { agent }
            } else if let Some(left) = abandons.get_mut(&queue).filter(|left| **left > 0) {
                *left -= 1;
                Ending::Abandoned
            } else {
                Ending::LeftQueue
            });
        }
        let never_seen: i64 = completions
            .values()
            .chain(abandons.values())
            .map(|n| (*n).max(0))
            .sum();
        if never_seen > 0 {
            tracing::info!(
                calls = never_seen,
                "Asterisk counted calls that started and ended while the AMI link was down; \
                 they were never seen and are not in the figures"
            );
        }
        endings
            .into_iter()
            .map(|e| e.expect("every call settled"))
            .collect()
    }

    /// Queues the ending events, in time order, numbered after the snapshot.
    fn emit_endings(
        &mut self,
        vanished: &[(CallId, CallTrack)],
        endings: &[Ending],
        lost: Timestamp,
        last_calls: &FxHashMap<AgentId, Timestamp>,
    ) {
        // Each agent's unseen calls in the order they happened: the one it was talking on,
        // then those it answered; the last ends at the member's LastCall.
        let mut last_of_agent: FxHashMap<AgentId, usize> = FxHashMap::default();
        for (index, ending) in endings.iter().enumerate() {
            match ending {
                Ending::Completed { agent: Some(agent) } => {
                    last_of_agent.entry(*agent).or_insert(index);
                }
                Ending::AnsweredAndCompleted { agent } => {
                    last_of_agent.insert(*agent, index);
                }
                _ => {}
            }
        }
        let end_of = |index: usize, agent: Option<AgentId>, answered_at: Timestamp| {
            let at = agent
                .filter(|agent| last_of_agent.get(agent) == Some(&index))
                .and_then(|agent| last_calls.get(&agent).copied())
                .unwrap_or(lost);
            at.max(answered_at)
        };
        let mut events: Vec<(Timestamp, CallId, u8, DomainEvent)> = Vec::new();
        let (mut completed, mut abandoned, mut left) = (0, 0, 0);
        for (index, ((call, track), ending)) in vanished.iter().zip(endings).enumerate() {
            let call = *call;
            let reason = CompletionReason::CallerHangup;
            match ending {
                Ending::Completed { agent } => {
                    let answered_at = track.answered_at.unwrap_or(lost).min(lost);
                    let at = end_of(index, *agent, answered_at);
                    events.push((at, call, 1, DomainEvent::CallCompleted { call, reason }));
                    completed += 1;
                }
                Ending::AnsweredAndCompleted { agent } => {
                    let at = end_of(index, Some(*agent), lost);
                    let answer = DomainEvent::CallAnswered {
                        call,
                        agent: *agent,
                    };
                    events.push((lost, call, 0, answer));
                    events.push((at, call, 1, DomainEvent::CallCompleted { call, reason }));
                    completed += 1;
                }
                Ending::Abandoned => {
                    events.push((lost, call, 0, DomainEvent::CallAbandoned { call }));
                    abandoned += 1;
                }
                Ending::LeftQueue => {
                    let reason = LeaveReason::Timeout;
                    events.push((lost, call, 0, DomainEvent::CallLeftQueue { call, reason }));
                    left += 1;
                }
                Ending::EndedInIvr => {
                    events.push((lost, call, 0, DomainEvent::CallEndedInIvr { call }));
                    left += 1;
                }
            }
            self.remember_ended(&track.caller_uniqueid, call);
        }
        if !events.is_empty() {
            tracing::info!(
                completed,
                abandoned,
                left,
                "calls that ended while the AMI link was down, settled from Asterisk's counters"
            );
        }
        events.sort_by_key(|(at, call, order, _)| (*at, *call, *order));
        for (at, _, _, event) in events {
            self.emit_recovered(at, event);
        }
    }
}

/// Who answered a waiting caller unseen: the agent it was ringing, else a member of
/// its queue whose counters show an unseen finished call (the latest LastCall first),
/// else (counters that disagree) the ringing agent or the queue's first member.
fn answering_agent(
    track: &CallTrack,
    queue: QueueId,
    credits: &mut Credits,
    now: &Counters,
) -> AgentId {
    if let Some(agent) = track.ringing_agent
        && credits.take(agent, queue)
    {
        return agent;
    }
    let mut members: Vec<(u64, AgentId)> = now
        .members
        .iter()
        .filter(|((_, q), _)| *q == queue)
        .map(|((agent, _), counters)| (counters.last_call, *agent))
        .collect();
    members.sort_unstable_by(|a, b| b.cmp(a));
    members
        .iter()
        .map(|(_, agent)| *agent)
        .find(|agent| credits.take(*agent, queue))
        .or(track.ringing_agent)
        .or_else(|| members.iter().map(|(_, agent)| *agent).min())
        // Only a queue without members gets here, and such a queue answers nobody.
        .unwrap_or(AgentId(0))
}

/// Per queue, what `now` counts beyond `expected` (a queue new since is taken as expected).
fn unseen_per_queue(
    now: &FxHashMap<QueueId, i64>,
    expected: &FxHashMap<QueueId, i64>,
) -> FxHashMap<QueueId, i64> {
    now.iter()
        .map(|(queue, count)| {
            let expected = expected.get(queue).copied().unwrap_or(*count);
            (*queue, unseen(*count, expected))
        })
        .collect()
}

/// Each member's LastCall when it falls in the outage (within the second it truncates).
fn last_calls(
    now: &Counters,
    lost: Timestamp,
    taken_at: Timestamp,
) -> FxHashMap<AgentId, Timestamp> {
    let mut out: FxHashMap<AgentId, Timestamp> = FxHashMap::default();
    for (&(agent, _), counters) in &now.members {
        let Ok(seconds) = i64::try_from(counters.last_call) else {
            continue;
        };
        let at = Timestamp(seconds.saturating_mul(1_000));
        if at.plus_ms(999) >= lost && at <= taken_at {
            let at = at.max(lost);
            let slot = out.entry(agent).or_insert(at);
            *slot = (*slot).max(at);
        }
    }
    out
}

impl CallTrack {
    /// The call as a snapshot shows it. A call back in the dialplan after a transfer
    /// keeps its old queue here, but is in no queue: reporting one would count a new offer.
    pub(crate) fn live(&self, call: CallId) -> LiveCall {
        LiveCall {
            call,
            caller: self.caller.clone(),
            phase: self.phase,
            queue: self.queue.filter(|_| self.phase != CallPhase::Ivr),
            priority: self.priority,
            offered_at: self.offered_at,
            queued_at: self.queued_at,
            answered_at: self.answered_at,
            agent: self.agent,
            fees_waived: self.fees_waived,
        }
    }
}
