//! Agents' days: state changes, shifts, breaks, wrap-up and outages.

use fw_domain::{
    AgentId, AgentState, BreakReason, CompletionReason, DomainEvent, EventEnvelope, MINUTE_MS,
    Timestamp,
};

use crate::agenda::Happening;
use crate::agent_runtime::PendingBreak;
use crate::call_table::CallStage;
use crate::shifts::{DAY_MS, SHIFT_MS, ScheduledBreak};
use crate::simulator::Simulator;

impl Simulator {
    /// Moves an agent to `state`, announcing it; a change to the same state is no change and
    /// is not announced (consumers rely on states never repeating).
    pub(crate) fn set_agent_state(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        state: AgentState,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &mut self.agents[agent.index()];
        if runtime.state == state {
            return;
        }
        if runtime.state == AgentState::Available {
            self.board.remove_idle(
                agent,
                runtime.since,
                &self.centre.topology.agents[agent.index()].queues,
            );
        }
        if runtime.state.is_staffed() != state.is_staffed() {
            self.board.set_staffed(
                &self.centre.topology.agents[agent.index()].queues,
                state.is_staffed(),
            );
        }
        runtime.state = state.clone();
        runtime.since = at;
        runtime.token = runtime.token.wrapping_add(1);
        self.emit(at, DomainEvent::AgentStateChanged { agent, state }, out);
    }

    /// The agent is done with a ring, call or break: log out, take the due break, or become
    /// available, in that order of precedence.
    pub(crate) fn release_agent(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let site = self.centre.topology.agents[agent.index()].site;
        let runtime = &mut self.agents[agent.index()];
        runtime.call = None;
        if !runtime.on_shift || runtime.logout_pending || self.site_down[site.index()] {
            runtime.logout_pending = false;
            runtime.pending_break = None;
            self.set_agent_state(at, agent, AgentState::Offline, out);
        } else if let Some(pending) = runtime.pending_break.take() {
            self.start_break(at, agent, pending.reason, pending.duration_ms, out);
        } else {
            self.make_available(at, agent, out);
        }
    }

    /// The agent becomes available and at once takes the best waiting call of their queues,
    /// or joins those queues' idle lines.
    pub(crate) fn make_available(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        self.set_agent_state(at, agent, AgentState::Available, out);
        let queues = &self.centre.topology.agents[agent.index()].queues;
        if let Some((queue, place)) = self.board.best_waiting_for(queues) {
            self.board.remove_waiting(queue, place);
            self.start_ring(at, place.call(), agent, out);
        } else {
            self.board.add_idle(agent, at, queues);
        }
    }

    pub(crate) fn start_break(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        reason: BreakReason,
        duration_ms: Option<i64>,
        out: &mut Vec<EventEnvelope>,
    ) {
        self.set_agent_state(at, agent, AgentState::Break(reason), out);
        if let Some(duration_ms) = duration_ms {
            let token = self.agents[agent.index()].token;
            self.agenda.schedule(
                at.plus_ms(duration_ms),
                Happening::BreakEnd { agent, token },
            );
        }
    }

    /// Books one shift's rota breaks at staggered times inside their windows.
    pub(crate) fn book_breaks(&mut self, agent: AgentId, shift_start: Timestamp) {
        for slot in self.centre.traits[agent.index()].shift.breaks() {
            let offset = slot.window_start_min * MINUTE_MS
                + self.rng.between(0, slot.window_min * MINUTE_MS);
            let due = shift_start.plus_ms(offset);
            if due >= self.now {
                self.agenda.schedule(
                    due,
                    Happening::BreakDue {
                        agent,
                        kind: slot.kind,
                    },
                );
            }
        }
    }

    pub(crate) fn on_wrap_end(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &self.agents[agent.index()];
        if runtime.token == token && runtime.state == AgentState::WrapUp {
            self.release_agent(at, agent, out);
        }
    }

    pub(crate) fn on_break_due(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        kind: ScheduledBreak,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &mut self.agents[agent.index()];
        if !runtime.on_shift {
            return;
        }
        match runtime.state {
            AgentState::Available => {
                self.start_break(at, agent, kind.reason(), Some(kind.duration_ms()), out);
            }
            AgentState::Ringing | AgentState::OnCall | AgentState::WrapUp => {
                // A break the supervisor ordered, or a logout, takes precedence over the rota.
                if runtime.pending_break.is_none() && !runtime.logout_pending {
                    runtime.pending_break = Some(PendingBreak {
                        reason: kind.reason(),
                        duration_ms: Some(kind.duration_ms()),
                    });
                }
            }
            // Already away (or offline through an outage or a logout): the slot is skipped.
            AgentState::Break(_) | AgentState::Offline => {}
        }
    }

    pub(crate) fn on_break_end(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        token: u32,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &self.agents[agent.index()];
        if runtime.token == token && matches!(runtime.state, AgentState::Break(_)) {
            self.release_agent(at, agent, out);
        }
    }

    pub(crate) fn on_shift_start(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &mut self.agents[agent.index()];
        runtime.on_shift = true;
        runtime.stays_logged_out = false;
        runtime.logout_pending = false;
        self.agenda
            .schedule(at.plus_ms(SHIFT_MS), Happening::ShiftEnd { agent });
        self.book_breaks(agent, at);
        let site = self.centre.topology.agents[agent.index()].site;
        if self.agents[agent.index()].state == AgentState::Offline && !self.site_down[site.index()]
        {
            self.make_available(at, agent, out);
        }
    }

    pub(crate) fn on_shift_end(
        &mut self,
        at: Timestamp,
        agent: AgentId,
        out: &mut Vec<EventEnvelope>,
    ) {
        let runtime = &mut self.agents[agent.index()];
        runtime.on_shift = false;
        runtime.pending_break = None;
        self.agenda.schedule(
            at.plus_ms(DAY_MS - SHIFT_MS),
            Happening::ShiftStart { agent },
        );
        // Anyone mid-call finishes the call and wrap-up first (release_agent logs them out).
        if matches!(runtime.state, AgentState::Available | AgentState::Break(_)) {
            self.set_agent_state(at, agent, AgentState::Offline, out);
        }
    }

    /// The outage site loses every agent: live calls drop (the caller hears the line go dead),
    /// calls ringing there go back in line, and everyone goes offline.
    pub(crate) fn on_outage_start(&mut self, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        let Some(outage) = self.config.outage else {
            return;
        };
        // Down first, so no call is routed to an agent of the site while it is emptied.
        self.site_down[outage.site.index()] = true;
        for index in 0..self.agents.len() {
            if self.centre.topology.agents[index].site != outage.site {
                continue;
            }
            let agent = AgentId(index as u32);
            let runtime = &mut self.agents[index];
            runtime.pending_break = None;
            runtime.logout_pending = false;
            if let Some(call) = runtime.call.take() {
                match self.calls.get(call).map(|record| record.stage) {
                    Some(CallStage::Ringing) => {
                        self.emit(at, DomainEvent::RingNoAnswer { call, agent }, out);
                        self.return_to_line(call);
                        // No call waits at a failed-over site: it moves on at once.
                        if self.routing.failed_over(outage.site, at) {
                            self.reroute_waiting(at, call, out);
                        }
                    }
                    Some(stage) => {
                        if stage == CallStage::Held {
                            self.emit(at, DomainEvent::CallResumed { call }, out);
                        }
                        self.emit(
                            at,
                            DomainEvent::CallCompleted {
                                call,
                                reason: CompletionReason::CallerHangup,
                            },
                            out,
                        );
                        self.end_monitors_on(at, call, out);
                        self.calls.remove(call);
                    }
                    None => {}
                }
            }
            self.set_agent_state(at, agent, AgentState::Offline, out);
        }
    }

    /// The site comes back: its on-shift agents log in and start on the calls that waited.
    pub(crate) fn on_outage_end(&mut self, at: Timestamp, out: &mut Vec<EventEnvelope>) {
        let Some(outage) = self.config.outage else {
            return;
        };
        self.site_down[outage.site.index()] = false;
        for index in 0..self.agents.len() {
            let runtime = &self.agents[index];
            if self.centre.topology.agents[index].site == outage.site
                && runtime.on_shift
                && !runtime.stays_logged_out
                && runtime.state == AgentState::Offline
            {
                self.make_available(at, AgentId(index as u32), out);
            }
        }
    }
}
