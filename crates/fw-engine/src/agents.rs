//! Agents as the supervisor's grid reads them, and the per-agent day tallies behind it.

use fw_domain::{AgentId, Timestamp};

use crate::agent_day::AgentDay;
use crate::agent_view::AgentView;
use crate::engine::Engine;
use crate::window::Window;

impl Engine {
    /// Every agent of the topology, in id order, as of `now` (today's tallies restart at the
    /// centre's local midnight).
    pub fn agent_views(&self, now: Timestamp) -> Vec<AgentView> {
        let today = self.config.calendar.window_start(Window::Day, now);
        self.agents
            .iter()
            .enumerate()
            .map(|(index, record)| {
                let (handled_today, handle_ms_today) = record.today.as_of(today);
                AgentView {
                    agent: AgentId(index as u32),
                    state: record.state.clone(),
                    since: (record.since != Timestamp(i64::MIN)).then_some(record.since),
                    call: record.call,
                    call_answered_at: record
                        .call
                        .and_then(|call| self.calls.get(&call))
                        .and_then(|call| call.answered_at),
                    handled_today,
                    handle_ms_today,
                }
            })
            .collect()
    }

    /// Adds to `agent`'s tally for the local day of `at`.
    pub(crate) fn tally_agent(
        &mut self,
        agent: AgentId,
        at: Timestamp,
        change: impl FnOnce(&mut AgentDay),
    ) {
        let day = self.config.calendar.window_start(Window::Day, at);
        if let Some(tally) = self
            .agents
            .get_mut(agent.index())
            .and_then(|record| record.today.on(day))
        {
            change(tally);
        }
    }
}
