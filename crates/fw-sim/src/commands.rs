//! Supervisor commands.

use fw_domain::{AgentId, AgentState, EventEnvelope, PlatformCommand, TargetAgentState};

use crate::agent_runtime::PendingBreak;
use crate::error::SimCommandError;
use crate::simulator::Simulator;

impl Simulator {
    /// Applies a supervisor command at the current virtual time. Its effects are decided now
    /// (so [`Simulator::snapshot`] shows them at once) and their events come out first on the
    /// next [`Simulator::advance_to`].
    ///
    /// Supported: `SetAgentState` —
    /// - `Break(reason)`: the agent goes on break at once if idle (or switches break reason),
    ///   otherwise when the current call and its wrap-up end; the break lasts until lifted.
    /// - `Available`: ends a break, cancels a requested break or logout, or logs an on-shift
    ///   agent back in after a logout.
    /// - `LoggedOut`: offline at once if idle or on break, otherwise after the current call and
    ///   wrap-up; the agent stays out until their next shift.
    ///
    /// Monitoring (`StartMonitor`, `ChangeMonitorMode`, `StopMonitor`) and routing modes
    /// (`ActivateRoutingMode`, `DeactivateRoutingMode`) return
    /// [`SimCommandError::Unsupported`] for now; later work adds them.
    pub fn execute(&mut self, command: &PlatformCommand) -> Result<(), SimCommandError> {
        let (agent, target) = match command {
            PlatformCommand::SetAgentState { agent, state } => (*agent, state),
            PlatformCommand::StartMonitor { .. } => return Err(unsupported("StartMonitor")),
            PlatformCommand::ChangeMonitorMode { .. } => {
                return Err(unsupported("ChangeMonitorMode"));
            }
            PlatformCommand::StopMonitor { .. } => return Err(unsupported("StopMonitor")),
            PlatformCommand::ActivateRoutingMode { .. } => {
                return Err(unsupported("ActivateRoutingMode"));
            }
            PlatformCommand::DeactivateRoutingMode { .. } => {
                return Err(unsupported("DeactivateRoutingMode"));
            }
        };
        let mut out = std::mem::take(&mut self.backlog);
        let result = self.set_agent_state_by_supervisor(agent, target, &mut out);
        self.backlog = out;
        result
    }

    fn set_agent_state_by_supervisor(
        &mut self,
        agent: AgentId,
        target: &TargetAgentState,
        out: &mut Vec<EventEnvelope>,
    ) -> Result<(), SimCommandError> {
        let at = self.now;
        let site = self
            .topology()
            .agent(agent)
            .ok_or(SimCommandError::UnknownAgent(agent))?
            .site;
        let site_down = self.site_down[site.index()];
        let runtime = &mut self.agents[agent.index()];
        let handling_a_call = runtime.is_handling_a_call();
        match target {
            TargetAgentState::Available => match &runtime.state {
                AgentState::Offline if !runtime.on_shift || site_down => {
                    return Err(SimCommandError::AgentOffline(agent));
                }
                AgentState::Offline => {
                    runtime.stays_logged_out = false;
                    self.make_available(at, agent, out);
                }
                AgentState::Break(_) => self.release_agent(at, agent, out),
                AgentState::Available => {}
                AgentState::Ringing | AgentState::OnCall | AgentState::WrapUp => {
                    runtime.pending_break = None;
                    runtime.logout_pending = false;
                    runtime.stays_logged_out = false;
                }
            },
            TargetAgentState::Break(reason) => match &runtime.state {
                AgentState::Offline => return Err(SimCommandError::AgentOffline(agent)),
                AgentState::Break(current) if current == reason => {
                    // Same break, now open-ended: a pending scheduled end no longer applies.
                    runtime.token = runtime.token.wrapping_add(1);
                }
                _ if handling_a_call => {
                    runtime.pending_break = Some(PendingBreak {
                        reason: reason.clone(),
                        duration_ms: None,
                    });
                    runtime.logout_pending = false;
                }
                _ => self.start_break(at, agent, reason.clone(), None, out),
            },
            TargetAgentState::LoggedOut => {
                runtime.stays_logged_out = true;
                if handling_a_call {
                    runtime.logout_pending = true;
                    runtime.pending_break = None;
                } else {
                    self.set_agent_state(at, agent, AgentState::Offline, out);
                }
            }
        }
        Ok(())
    }
}

fn unsupported(command: &'static str) -> SimCommandError {
    SimCommandError::Unsupported { command }
}
