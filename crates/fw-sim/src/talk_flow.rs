//! Calls once answered: talk, holds, escalation to tier 2, completion, wrap-up and surveys.

use fw_domain::{
    AgentId, AgentState, CallId, CompletionReason, DomainEvent, EventEnvelope, MINUTE_MS,
    SECOND_MS, Timestamp,
};

use crate::agenda::Happening;
use crate::call_table::{CallRecord, CallStage, TalkPlan};
use crate::routing_flow::Routed;
use crate::simulator::Simulator;
use crate::skills::{Skill, line_of_queue, site_of_queue};
use crate::survey::{SURVEY_RESPONSE_RATE, SurveySeed, compose_survey};

const HOLD_RATE: f64 = 0.20;
/// Share of calls on escalating skills that tier 1 hands to tier 2.
const ESCALATION_RATE: f64 = 0.06;
const AGENT_HANGS_UP_RATE: f64 = 0.55;
/// Spread of talk times (log space): a few calls run several times the mean.
const TALK_SIGMA: f64 = 0.55;

impl Simulator {
    pub(crate) fn answer(
        &mut self,
        at: Timestamp,
        call: CallId,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(queue) = self.calls.get(call).map(|record| record.queue) else {
            return;
        };
        let mean_talk_ms = Skill::of_queue(queue).mean_talk_secs()
            * self.centre.traits[agent.index()].talk_factor
            * SECOND_MS as f64;
        let talk_ms = (self.rng.lognormal_with_mean(mean_talk_ms, TALK_SIGMA) as i64)
            .clamp(20 * SECOND_MS, 90 * MINUTE_MS);
        let hold = self.rng.chance(HOLD_RATE).then(|| {
            let offset = (talk_ms as f64 * self.rng.uniform(0.2, 0.7)) as i64;
            (offset, self.rng.between(20 * SECOND_MS, 90 * SECOND_MS))
        });
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        record.stage = CallStage::Talking;
        record.answered_at = Some(at);
        record.plan = TalkPlan { talk_ms, hold };
        record.token = record.token.wrapping_add(1);
        let token = record.token;
        match hold {
            Some((offset, _)) => self
                .agenda
                .schedule(at.plus_ms(offset), Happening::HoldStart { call, token }),
            None => self
                .agenda
                .schedule(at.plus_ms(talk_ms), Happening::TalkEnd { call, token }),
        }
        self.emit(at, DomainEvent::CallAnswered { call, agent }, out);
        self.set_agent_state(at, agent, AgentState::OnCall, out);
    }

    /// The live call at `call` if it is in `stage` and `token` is still current.
    fn current_call(
        &mut self,
        call: CallId,
        token: u32,
        stage: CallStage,
    ) -> Option<&mut CallRecord> {
        self.calls
            .get_mut(call)
            .filter(|record| record.token == token && record.stage == stage)
    }

    pub(crate) fn on_hold_start(
        &mut self,
        at: Timestamp,
        call: CallId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.current_call(call, token, CallStage::Talking) else {
            return;
        };
        let Some((_, hold_ms)) = record.plan.hold else {
            return;
        };
        record.stage = CallStage::Held;
        self.agenda
            .schedule(at.plus_ms(hold_ms), Happening::HoldEnd { call, token });
        self.emit(at, DomainEvent::CallHeld { call }, out);
    }

    pub(crate) fn on_hold_end(
        &mut self,
        at: Timestamp,
        call: CallId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.current_call(call, token, CallStage::Held) else {
            return;
        };
        record.stage = CallStage::Talking;
        let hold_offset = record.plan.hold.map_or(0, |(offset, _)| offset);
        let remaining_ms = (record.plan.talk_ms - hold_offset).max(SECOND_MS);
        self.agenda
            .schedule(at.plus_ms(remaining_ms), Happening::TalkEnd { call, token });
        self.emit(at, DomainEvent::CallResumed { call }, out);
    }

    pub(crate) fn on_talk_end(
        &mut self,
        at: Timestamp,
        call: CallId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.current_call(call, token, CallStage::Talking) else {
            return;
        };
        let Some(agent) = record.agent else { return };
        let skill = Skill::of_queue(record.queue);
        let escalate = skill.escalates() && !record.escalated && self.rng.chance(ESCALATION_RATE);
        if escalate {
            self.escalate(at, call, agent, out);
        } else {
            self.complete(at, call, agent, out);
        }
    }

    /// Tier 1 hands the call to the site's tier-2 queue: the first leg completes as a transfer
    /// and the same call queues again.
    fn escalate(
        &mut self,
        at: Timestamp,
        call: CallId,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        let tier2 =
            Skill::Tier2.queue_on_line(site_of_queue(record.queue), line_of_queue(record.queue));
        record.escalated = true;
        record.earlier_wait_ms += leg_wait_ms(record);
        // A new visit: tier 2 is the queue asked for, and the line is joined anew.
        record.chosen_queue = tier2;
        record.joined_line_at = None;
        self.emit(
            at,
            DomainEvent::CallCompleted {
                call,
                reason: CompletionReason::Transferred,
            },
            out,
        );
        self.end_monitors_on(at, call, out);
        // Routing modes apply to the new visit as to a call from the IVR.
        let routed = self.route_call(at, call, tier2);
        let to_queue = match routed {
            Routed::Queue(queue) => queue,
            Routed::Callback => tier2,
        };
        self.emit(at, DomainEvent::CallEscalated { call, to_queue }, out);
        match routed {
            Routed::Queue(queue) => {
                self.join_queue(at, call, queue, out);
                self.start_wrap_up(at, agent, out);
                self.fill_queue(at, queue, out);
            }
            Routed::Callback => {
                self.announce_and_call_back(at, call, tier2, out);
                self.start_wrap_up(at, agent, out);
            }
        }
    }

    fn complete(
        &mut self,
        at: Timestamp,
        call: CallId,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let reason = if self.rng.chance(AGENT_HANGS_UP_RATE) {
            CompletionReason::AgentHangup
        } else {
            CompletionReason::CallerHangup
        };
        self.emit(at, DomainEvent::CallCompleted { call, reason }, out);
        self.end_monitors_on(at, call, out);
        if let Some(record) = self.calls.remove(call)
            && self.rng.chance(SURVEY_RESPONSE_RATE)
        {
            let mean_talk_ms = Skill::of_queue(record.queue).mean_talk_secs() * SECOND_MS as f64;
            let seed = SurveySeed {
                call,
                wait_secs: ((record.earlier_wait_ms + leg_wait_ms(&record)) / SECOND_MS) as u32,
                agent_quality_pct: (self.centre.traits[agent.index()].quality * 100.0).round()
                    as u8,
                escalated: record.escalated,
                long_call: record.plan.talk_ms as f64 > 1.6 * mean_talk_ms,
            };
            let delay_ms = self.rng.between(20 * SECOND_MS, 90 * SECOND_MS);
            self.agenda
                .schedule(at.plus_ms(delay_ms), Happening::SurveyDue(seed));
        }
        self.start_wrap_up(at, agent, out);
    }

    fn start_wrap_up(&mut self, at: Timestamp, agent: AgentId, out: &mut Vec<EventEnvelope>) {
        self.agents[agent.index()].call = None;
        self.set_agent_state(at, agent, AgentState::WrapUp, out);
        let token = self.agents[agent.index()].token;
        let wrap_ms = self.rng.between(15 * SECOND_MS, 60 * SECOND_MS);
        self.agenda
            .schedule(at.plus_ms(wrap_ms), Happening::WrapEnd { agent, token });
    }

    pub(crate) fn on_survey_due(
        &mut self,
        at: Timestamp,
        seed: &SurveySeed,
        out: &mut Vec<EventEnvelope>,
    ) {
        // Seed and start name the run: the same run replayed gives the same references (and
        // a store keeps its surveys once); another run never collides with it.
        let reference = format!(
            "sim-{}-{}-{}",
            self.config.seed, self.config.start.0, seed.call.0
        );
        let survey = compose_survey(seed, reference, &mut self.rng);
        self.emit(
            at,
            DomainEvent::SurveyReceived {
                call: seed.call,
                survey,
            },
            out,
        );
    }
}

/// Queue wait of the current leg (queued until answered).
fn leg_wait_ms(record: &CallRecord) -> i64 {
    match (record.queued_at, record.answered_at) {
        (Some(queued), Some(answered)) => answered.0 - queued.0,
        _ => 0,
    }
}
