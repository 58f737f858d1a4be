//! Supervisor commands.

use fw_domain::{AgentId, AgentState, EventEnvelope, PlatformCommand, TargetAgentState};

use crate::agent_runtime::PendingBreak;
use crate::error::SimCommandError;
use crate::simulator::Simulator;

impl Simulator {
    /// Applies a supervisor command at the current virtual time. Its effects are decided now
    /// (so [`Simulator::snapshot`] shows them at once) and their events come out first on the
    /// next [`Simulator::advance_to`]. A refused command changes nothing and emits nothing.
    ///
    /// `SetAgentState`:
    /// - `Break(reason)`: the agent goes on break at once if idle (or switches break reason),
    ///   otherwise when the current call and its wrap-up end; the break lasts until lifted.
    /// - `Available`: ends a break, cancels a requested break or logout, or logs an on-shift
    ///   agent back in after a logout.
    /// - `LoggedOut`: offline at once if idle or on break, otherwise after the current call and
    ///   wrap-up; the agent stays out until their next shift.
    ///
    /// Monitoring, as the platform does it (the console's policy is fw-app's):
    /// - `StartMonitor` on an answered call (talking or on hold) rings the supervisor's
    ///   endpoint; it answers after [`crate::ENDPOINT_ANSWER_MIN_MS`] to
    ///   [`crate::ENDPOINT_ANSWER_MAX_MS`] (seeded) and `MonitorStarted` follows in `Listen`.
    ///   An endpoint whose name contains "noanswer" (e.g. `PJSIP/noanswer-9001`) never
    ///   answers: `MonitorEnded { EndpointNoAnswer }` after [`crate::ENDPOINT_RING_TIMEOUT_MS`].
    ///   One containing "nospy" answers but the spy never starts: `MonitorEnded
    ///   { SpyNeverStarted }` [`crate::SPY_START_TIMEOUT_MS`] after the answer. Refused with
    ///   `DuplicateSession` (the id names a session not yet ended; ended ids may be reused),
    ///   `UnknownCall` (ended or never existed), `CallNotConnected` (IVR, queued, ringing) or
    ///   `TooManyMonitors` ([`crate::MAX_MONITORS_PER_CALL`] sessions, ringing ones included).
    /// - `ChangeMonitorMode` on a started session emits `MonitorModeChanged` on the same
    ///   session at once; the current mode is a silent no-op. Refused with `UnknownSession`,
    ///   `SessionNotStarted` (still ringing or answering) or `BargeTaken` (another session
    ///   already barges on the call: one barge per call).
    /// - `StopMonitor` ends the supervisor's leg (`MonitorEnded { Stopped }`, also cancelling a
    ///   ringing endpoint); the call goes on untouched. Refused with `UnknownSession`.
    /// - When the agent's leg of a monitored call ends (completed, cut off by an outage, or
    ///   transferred to tier 2: the spy follows the first agent's channel), each of its
    ///   sessions, started or still ringing, ends with `MonitorEnded { CallEnded }` right after
    ///   the call's `CallCompleted`, at the same instant, in session order.
    ///
    /// Routing modes, kept in force as the platform keeps them (see
    /// [`Simulator::routing_modes`]); fw-routing's rules decide where each call goes:
    /// - `ActivateRoutingMode` emits `RoutingModeChanged { active: true }` and, with a
    ///   `revert_at`, switches the mode off by itself at that virtual time
    ///   (`RoutingModeChanged { active: false }`); a mode past its revert time routes nothing
    ///   even at that very instant. Activating a mode already in force (an equal value) only
    ///   moves its revert time and emits nothing: the console re-sends its plan after a
    ///   reconnect. Refused with `UnknownSite`, `UnknownQueue`, `InvalidRegion` or
    ///   `RevertNotInFuture` (not after the simulated clock).
    /// - `DeactivateRoutingMode` switches the equal mode off at once (`RoutingModeChanged
    ///   { active: false }`). Refused with `RoutingModeNotActive`.
    /// - Calls leaving the IVR and escalations to tier 2 are routed: an emergency closure (or
    ///   a failover with no other site left) plays the announcement and the caller takes the
    ///   callback offer: `CallQueued` on the queue asked for and `CallbackRequested` at the
    ///   same instant, nothing waits. Night mode sends the call to its skill's night queue
    ///   (`fw_routing::night_queue`). A site failover sends it to the same skill at another
    ///   site, chosen in proportion to the queues' logged-in agents. A caller under a
    ///   regional priority gets `fw_routing::REGIONAL_PRIORITY_BOOST` added to their
    ///   priority and, if the mode waives fees, the call is marked (`CallQueued { fees_waived:
    ///   true }`); both stay with the call to its end, even after the mode ends.
    /// - When a failover starts, every call waiting (not ringing) at the site is withdrawn
    ///   (`CallLeftQueue { Withdrawn }`) and offered again (`CallOffered`, same call and
    ///   caller, then its new `CallQueued`) at the same instant; a call an agent there leaves
    ///   unanswered moves on the same way. The site's agents are rung for nothing new; the
    ///   calls they are already ringing for may still be answered.
    /// - When a regional priority starts, matching callers already waiting move up their line
    ///   and are re-announced (`CallQueued` on the same queue with the raised priority and
    ///   the fee mark). Closures and night mode leave waiting callers where they are.
    /// - When any mode ends (switched off or reverted), every call still waiting in a queue
    ///   other than the one it chose is routed again from the queue it chose under the modes
    ///   left; if that is elsewhere it moves at once, as a failover moves calls, keeping its
    ///   place in line from when it first joined a queue on this visit, and its patience.
    ///   Calls ringing or talking are untouched (one that rings unanswered later goes back
    ///   then); a call whose chosen queue a closure still covers waits on where it is.
    ///   Raised callers stay raised. The rule in full is in `routing_return.rs`.
    pub fn execute(&mut self, command: &PlatformCommand) -> Result<(), SimCommandError> {
        let mut out = std::mem::take(&mut self.backlog);
        let result = match command {
            PlatformCommand::SetAgentState { agent, state } => {
                self.set_agent_state_by_supervisor(*agent, state, &mut out)
            }
            PlatformCommand::StartMonitor {
                session,
                supervisor,
                endpoint,
                call,
            } => self.start_monitor(*session, *supervisor, endpoint, *call),
            PlatformCommand::ChangeMonitorMode { session, mode } => {
                self.change_monitor_mode(*session, *mode, &mut out)
            }
            PlatformCommand::StopMonitor { session } => self.stop_monitor(*session, &mut out),
            PlatformCommand::ActivateRoutingMode { mode, revert_at } => {
                self.activate_routing_mode(mode, *revert_at, &mut out)
            }
            PlatformCommand::DeactivateRoutingMode { mode } => {
                self.deactivate_routing_mode(mode, &mut out)
            }
        };
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
