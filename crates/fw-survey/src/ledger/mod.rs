//! Surveys from the live event stream, with the facts of the call they are about.
//!
//! The platform reports a survey as a bare `SurveyReceived { call, survey }`; the review
//! queue wants the site, queue, agent, wait and talk time beside it. The ledger watches the
//! call events, keeps those facts per call, and joins them to the survey when it comes.

mod bounded;
mod ledgered_survey;
mod trail;

use fw_domain::{CallId, DomainEvent, EventEnvelope, LeaveReason, Survey, Timestamp, Topology};

use crate::{CallFacts, SurveyAnswers};
use bounded::BoundedCalls;
pub use ledgered_survey::LedgeredSurvey;
use trail::CallTrail;

/// A live call and the survey that overtook its end, if one did.
#[derive(Debug)]
struct LiveCall {
    trail: CallTrail,
    held: Option<HeldSurvey>,
}

#[derive(Debug)]
struct HeldSurvey {
    at: Timestamp,
    reference: String,
    answers: SurveyAnswers,
}

/// Joins surveys to their calls' facts. Pure and bounded:
///
/// - Live calls: the queue last queued to (and the site from that queue's configuration),
///   the agent who last answered, the wait summed over every spell in a queue (queued and
///   ringing, until answered or gone, across re-queues), the talk summed over every answered
///   leg (hold included), whether it was escalated and whether a callback was asked for.
/// - Ended calls stay in a ring of `max_ended` (the oldest forgotten), because the survey
///   usually comes a minute or so after the call ends. A call "ends" on `CallCompleted`
///   (any reason), `CallAbandoned`, `CallbackRequested`, `CallLeftQueue` (timeout or
///   closed queue) and `CallEndedInIvr`; a later event for it (a transfer's
///   `CallEscalated`, a re-offer) brings it back as live, so its second leg adds up.
///   A withdrawn call (`CallLeftQueue { Withdrawn }`) stays live: it is offered again.
/// - A survey that arrives before its call ends is held with the call and handed out when
///   the call ends, with the full facts.
/// - A survey for a call never seen (after a restart) or forgotten is handed out at once
///   with empty facts: the survey is not lost.
/// - Live calls are capped at `max_ended` too (a call whose end was missed must not stay
///   forever): the oldest is forgotten as live and kept as ended with what is known, its
///   held survey, if any, handed out.
#[derive(Debug)]
pub struct CallFactsLedger {
    live: BoundedCalls<LiveCall>,
    ended: BoundedCalls<CallTrail>,
}

impl CallFactsLedger {
    /// A ledger that remembers up to `max_ended` ended calls (and as many live ones, at
    /// least one). Size it for the calls that end within the platform's longest survey
    /// delay: at 20 calls a second and surveys up to five minutes late, 6,000.
    pub fn new(max_ended: usize) -> CallFactsLedger {
        CallFactsLedger {
            live: BoundedCalls::new(max_ended.max(1)),
            ended: BoundedCalls::new(max_ended),
        }
    }

    /// Takes in one event; returns the surveys it completes (usually none or one, more when
    /// forgetting a live call hands out its held survey as well). A `Vec` rather than an
    /// out-parameter: it allocates nothing when empty, which is nearly always.
    pub fn observe(
        &mut self,
        envelope: &EventEnvelope,
        topology: &Topology,
    ) -> Vec<LedgeredSurvey> {
        let at = envelope.at;
        let mut out = Vec::new();
        match &envelope.event {
            DomainEvent::CallOffered { call, .. } => {
                self.live_trail(*call, topology, &mut out);
            }
            DomainEvent::CallQueued { call, queue, .. } => {
                self.live_trail(*call, topology, &mut out)
                    .queued(at, *queue);
            }
            DomainEvent::CallAnswered { call, agent } => {
                self.live_trail(*call, topology, &mut out)
                    .answered(at, *agent);
            }
            DomainEvent::CallEscalated { call, .. } => {
                self.live_trail(*call, topology, &mut out).escalated(at);
            }
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Withdrawn,
            } => {
                self.live_trail(*call, topology, &mut out).stop_waiting(at);
            }
            DomainEvent::CallbackRequested { call } => {
                self.live_trail(*call, topology, &mut out)
                    .callback_requested(at);
                self.end(*call, at, topology, &mut out);
            }
            DomainEvent::CallCompleted { call, .. }
            | DomainEvent::CallAbandoned { call }
            | DomainEvent::CallLeftQueue { call, .. }
            | DomainEvent::CallEndedInIvr { call } => self.end(*call, at, topology, &mut out),
            DomainEvent::SurveyReceived { call, survey } => {
                self.survey(*call, at, survey, topology, &mut out);
            }
            // Ringing, hold, agents, monitoring and routing change no survey fact.
            DomainEvent::AgentRinging { .. }
            | DomainEvent::RingNoAnswer { .. }
            | DomainEvent::CallHeld { .. }
            | DomainEvent::CallResumed { .. }
            | DomainEvent::AgentStateChanged { .. }
            | DomainEvent::MonitorStarted { .. }
            | DomainEvent::MonitorModeChanged { .. }
            | DomainEvent::MonitorEnded { .. }
            | DomainEvent::RoutingModeChanged { .. } => {}
        }
        out
    }

    /// How many calls are tracked as live and as ended.
    pub fn tracked(&self) -> (usize, usize) {
        (self.live.len(), self.ended.len())
    }

    /// The call's live trail: already live, brought back from the ended ring, or new.
    fn live_trail(
        &mut self,
        call: CallId,
        topology: &Topology,
        out: &mut Vec<LedgeredSurvey>,
    ) -> &mut CallTrail {
        if self.live.get(call).is_none() {
            let trail = self.ended.remove(call).unwrap_or_default();
            let evicted = self.live.insert(call, LiveCall { trail, held: None });
            for (forgotten, live) in evicted {
                self.forget_live(forgotten, live, topology, out);
            }
        }
        match self.live.get_mut(call) {
            Some(live) => &mut live.trail,
            // Only with a capacity of zero, which `new` rules out.
            None => unreachable!("a call just inserted is live"),
        }
    }

    /// A live call pushed out by newer ones: kept as ended with what is known.
    fn forget_live(
        &mut self,
        call: CallId,
        mut live: LiveCall,
        topology: &Topology,
        out: &mut Vec<LedgeredSurvey>,
    ) {
        // Its open spells have no known end, so they are not counted.
        if let Some(held) = live.held.take() {
            out.push(ledgered(
                call,
                held.at,
                live.trail.facts(topology),
                held.reference,
                held.answers,
            ));
        }
        self.ended.insert(call, live.trail);
    }

    fn end(
        &mut self,
        call: CallId,
        at: Timestamp,
        topology: &Topology,
        out: &mut Vec<LedgeredSurvey>,
    ) {
        let Some(LiveCall { mut trail, held }) = self.live.remove(call) else {
            // Ended already (a second end event) or never seen: nothing new to record.
            if let Some(trail) = self.ended.get_mut(call) {
                trail.ended(at);
            }
            return;
        };
        trail.ended(at);
        if let Some(held) = held {
            let answered_at = held.at.max(at);
            out.push(ledgered(
                call,
                answered_at,
                trail.facts(topology),
                held.reference,
                held.answers,
            ));
        }
        // Evicted ended calls are simply forgotten: their surveys, if any, were handed out.
        self.ended.insert(call, trail);
    }

    fn survey(
        &mut self,
        call: CallId,
        at: Timestamp,
        survey: &Survey,
        topology: &Topology,
        out: &mut Vec<LedgeredSurvey>,
    ) {
        let answers = SurveyAnswers::from(survey);
        if let Some(live) = self.live.get_mut(call) {
            // One survey per call is the rule; a second one is handed out rather than lost.
            if let Some(earlier) = live.held.take() {
                out.push(ledgered(
                    call,
                    earlier.at,
                    live.trail.facts(topology),
                    earlier.reference,
                    earlier.answers,
                ));
            }
            live.held = Some(HeldSurvey {
                at,
                reference: survey.reference.clone(),
                answers,
            });
            return;
        }
        let facts = self
            .ended
            .get(call)
            .map(|trail| trail.facts(topology))
            .unwrap_or_default();
        out.push(ledgered(call, at, facts, survey.reference.clone(), answers));
    }
}

fn ledgered(
    call: CallId,
    at: Timestamp,
    facts: CallFacts,
    reference: String,
    answers: SurveyAnswers,
) -> LedgeredSurvey {
    LedgeredSurvey {
        call,
        reference,
        answered_at_ms: at.0,
        facts,
        answers,
    }
}
