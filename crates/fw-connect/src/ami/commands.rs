//! Supervisor commands as AMI actions. Success means Asterisk accepted the action; what it
//! did arrives later as events (a session starts on ChanSpyStart, not on the Originate).
//!
//! * StartMonitor → `Originate` of the supervisor's endpoint into the ChanSpy context,
//!   with `SPYCHAN` set to the agent's leg. The context runs `ChanSpy(…,qEud)`: quiet,
//!   exit with the spied call, exact channel, and DTMF mode switching, starting muted.
//! * ChangeMonitorMode → `PlayDTMF` 4/5/6 with `Receive: true` on the supervisor's leg:
//!   ChanSpy's `d` option switches listen/whisper/barge on the same leg, no redial, and
//!   the DTMFEnd Asterisk reports is what makes the mode change visible. (A Redirect to
//!   another ChanSpy extension would also work, but shows as ChanSpyStop + ChanSpyStart,
//!   indistinguishable from a new session, and cuts the audio for a moment.)
//! * StopMonitor → `Hangup` of the supervisor's leg only.
//! * SetAgentState → `QueuePause` (with `Reason`) in all the agent's queues, unpause, or
//!   `QueueRemove` from each queue (dynamic members only; Asterisk refuses static ones).
//! * ActivateRoutingMode / DeactivateRoutingMode → `Unsupported`: one mode on its own lacks
//!   what the AstDB keys hold (the mode's id, who, why, the approver) and what Asterisk
//!   holds of the rest of the plan; the hub declares the whole plan with
//!   `Connector::apply_routing` instead (see `routing.rs`).

use fw_ami::{Action, ActionResult};
use fw_domain::{PlatformCommand, TargetAgentState};

use crate::ami::connector::AmiConnector;
use crate::ami::monitor_book::mode_digit;
use crate::connector::Connector;
use crate::error::CommandError;

/// The channel variable the ChanSpy context reads the spied channel from.
pub const SPY_CHANNEL_VARIABLE: &str = "SPYCHAN";

/// Which `write =` class an action needs, for the hint when Asterisk says
/// `Permission denied`. `action` may go on past the action's name ("DBPut of …").
fn privilege_hint(action: &str) -> &'static str {
    if action.starts_with("DBPut") || action.starts_with("DBDel") {
        " (AstDB writes need `write = system` for the AMI user; see docs/asterisk.md)"
    } else if action.starts_with("DBGet") {
        " (AstDB reads need `write = reporting` or `system` for the AMI user; see docs/asterisk.md)"
    } else if action.starts_with("UserEvent") {
        " (announcing needs `write = user` for the AMI user; see docs/asterisk.md)"
    } else {
        " (the AMI user lacks the write privilege for it; see docs/asterisk.md)"
    }
}

impl AmiConnector {
    /// A refusal as a clear error: what (`action`, e.g. `QueuePause` or `DBPut of
    /// floorwalker/closed/billing`), who, Asterisk's reason, and the privilege it lacks.
    pub(crate) fn refused(&self, action: &str, answer: &ActionResult) -> CommandError {
        let reason = answer.response.message().unwrap_or("no reason given");
        let hint = if reason.to_ascii_lowercase().contains("permission denied") {
            privilege_hint(action)
        } else {
            ""
        };
        CommandError::Rejected(format!(
            "Asterisk refused {action} for AMI user `{}`: {reason}{hint}",
            self.config.username
        ))
    }

    pub(crate) async fn send(&mut self, action: Action) -> Result<ActionResult, CommandError> {
        let timeout = self.config.timeout;
        let link = self.link.as_mut().ok_or(CommandError::NotConnected)?;
        link.request(action, timeout).await.map_err(|error| {
            // The link is in doubt; the next next_events will find out and reconnect.
            CommandError::Rejected(format!("no answer from Asterisk: {error}"))
        })
    }

    /// Sends `action` and turns a refusal into a clear error.
    pub(crate) async fn run(&mut self, action: Action) -> Result<ActionResult, CommandError> {
        let name = action.name().to_owned();
        let answer = self.send(action).await?;
        if answer.is_success() {
            Ok(answer)
        } else {
            Err(self.refused(&name, &answer))
        }
    }

    pub(crate) async fn run_command(
        &mut self,
        command: PlatformCommand,
    ) -> Result<(), CommandError> {
        if self.link.is_none() {
            return Err(CommandError::NotConnected);
        }
        match command {
            PlatformCommand::StartMonitor {
                session,
                supervisor,
                endpoint,
                call,
            } => {
                if self.mapper.monitors().is_known(session) {
                    return Err(CommandError::Rejected(format!(
                        "monitoring session {session} already exists"
                    )));
                }
                let Some(spied) = self.mapper.agent_channel_of(call).map(str::to_owned) else {
                    return Err(CommandError::Rejected(format!(
                        "{call} is not talking to an agent, so there is no leg to listen to"
                    )));
                };
                let spy = &self.config.spy;
                let action = Action::originate_exten(&endpoint, &spy.context, &spy.exten, 1)
                    .header("CallerID", spy.caller_id.as_str())
                    .header("Timeout", spy.ring_timeout_ms.to_string())
                    .header("Async", "true")
                    .variable(SPY_CHANNEL_VARIABLE, &spied)
                    .variable("FLOORWALKER_SESSION", &session.0.to_string());
                let answer = self.run(action).await?;
                let at = self.now();
                let action_id = answer.action_id().to_owned();
                self.mapper
                    .monitors_mut()
                    .requested(session, supervisor, call, &spied, &action_id, at);
                Ok(())
            }
            PlatformCommand::ChangeMonitorMode { session, mode } => {
                let leg = self.spying_leg(session)?;
                let action = Action::play_dtmf(&leg, mode_digit(mode)).header("Receive", "true");
                self.run(action).await.map(drop)
            }
            PlatformCommand::StopMonitor { session } => {
                let leg = self.spying_leg(session)?;
                self.run(Action::hangup(&leg, None)).await.map(drop)
            }
            PlatformCommand::SetAgentState { agent, state } => {
                let Some(interface) = self.mapper.names().interface_of(agent).map(str::to_owned)
                else {
                    return Err(CommandError::Rejected(format!(
                        "{agent} is not a queue member"
                    )));
                };
                match state {
                    TargetAgentState::Break(reason) => {
                        let action =
                            Action::queue_pause(&interface, true, None, Some(reason.code()));
                        self.run(action).await.map(drop)
                    }
                    TargetAgentState::Available => {
                        let action = Action::queue_pause(&interface, false, None, None);
                        self.run(action).await.map(drop)
                    }
                    TargetAgentState::LoggedOut => {
                        let queues: Vec<String> = self
                            .mapper
                            .names()
                            .memberships(agent)
                            .iter()
                            .filter_map(|q| self.mapper.names().queue_name(*q).map(str::to_owned))
                            .collect();
                        for queue in queues {
                            self.run(Action::queue_remove(&queue, &interface)).await?;
                        }
                        Ok(())
                    }
                }
            }
            PlatformCommand::ActivateRoutingMode { .. } => Err(CommandError::Unsupported {
                platform: "Asterisk".into(),
                command: "switch one routing mode on by itself: the plan goes over whole, \
                          with Connector::apply_routing",
            }),
            PlatformCommand::DeactivateRoutingMode { .. } => Err(CommandError::Unsupported {
                platform: "Asterisk".into(),
                command: "switch one routing mode off by itself: the plan goes over whole, \
                          with Connector::apply_routing",
            }),
        }
    }

    /// The supervisor's leg of a session that Asterisk has connected.
    fn spying_leg(&self, session: fw_domain::MonitorSessionId) -> Result<String, CommandError> {
        match self.mapper.monitors().leg_of(session) {
            Some(leg) => Ok(leg.to_owned()),
            None if self.mapper.monitors().is_known(session) => Err(CommandError::Rejected(
                format!("monitoring session {session} is still ringing the supervisor"),
            )),
            None => Err(CommandError::Rejected(format!(
                "no monitoring session {session} on this Asterisk"
            ))),
        }
    }
}
