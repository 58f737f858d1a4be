//! Live calls as the console lists them, with who monitors each and in which mode. Caller
//! numbers are masked here, by the viewer's role, before anything reaches the webview.

use fw_app::{LiveFrame, TRAINING_COLLEAGUE, Team, caller_number_for};
use fw_domain::{CallId, CallPhase, MonitorEndReason, MonitorMode, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MonitorModeDto {
    Listen,
    Whisper,
    Barge,
}

impl From<MonitorMode> for MonitorModeDto {
    fn from(mode: MonitorMode) -> Self {
        match mode {
            MonitorMode::Listen => MonitorModeDto::Listen,
            MonitorMode::Whisper => MonitorModeDto::Whisper,
            MonitorMode::Barge => MonitorModeDto::Barge,
        }
    }
}

impl From<MonitorModeDto> for MonitorMode {
    fn from(mode: MonitorModeDto) -> Self {
        match mode {
            MonitorModeDto::Listen => MonitorMode::Listen,
            MonitorModeDto::Whisper => MonitorMode::Whisper,
            MonitorModeDto::Barge => MonitorMode::Barge,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CallPhaseDto {
    Ivr,
    Queued,
    Ringing,
    Talking,
    OnHold,
}

impl From<CallPhase> for CallPhaseDto {
    fn from(phase: CallPhase) -> Self {
        match phase {
            CallPhase::Ivr => CallPhaseDto::Ivr,
            CallPhase::Queued => CallPhaseDto::Queued,
            CallPhase::Ringing => CallPhaseDto::Ringing,
            CallPhase::Talking => CallPhaseDto::Talking,
            CallPhase::OnHold => CallPhaseDto::OnHold,
        }
    }
}

/// One supervisor on a call.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonitorDto {
    pub session: f64,
    /// The supervisor's display name (or "supervisor n" for one this console does not know).
    pub supervisor: String,
    pub mode: MonitorModeDto,
    /// This console's user's own session.
    pub mine: bool,
    /// The simulated colleague of a training scenario.
    pub training: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LiveCallDto {
    pub id: f64,
    pub phase: CallPhaseDto,
    /// The caller's number, masked unless the viewer's role may see it; empty if withheld.
    pub caller: String,
    pub region: String,
    pub queue_id: Option<u32>,
    pub queue: Option<String>,
    pub site: Option<String>,
    pub agent_id: Option<u32>,
    pub agent: Option<String>,
    pub priority: u32,
    /// How long the caller has waited in the current queue, as of `atMs`.
    pub wait_ms: Option<f64>,
    /// How long the call has been connected to the agent, as of `atMs`.
    pub talk_ms: Option<f64>,
    /// A regional priority (disaster mode) waived the caller's fees: the agent must not
    /// charge them.
    pub fees_waived: bool,
    pub monitors: Vec<MonitorDto>,
}

/// The sessions on `call`, named for `viewer`.
pub(crate) fn monitors_on(
    live: &LiveFrame,
    call: CallId,
    team: &Team,
    viewer: &str,
) -> Vec<MonitorDto> {
    live.monitors
        .iter()
        .filter(|m| m.call == call)
        .map(|m| {
            let who = team.user_of(m.supervisor);
            MonitorDto {
                session: m.session.0 as f64,
                supervisor: who.map_or_else(
                    || format!("supervisor {}", m.supervisor.0),
                    |u| u.shown_name().to_string(),
                ),
                mode: m.mode.into(),
                mine: who.is_some_and(|u| u.name == viewer),
                training: m.supervisor == TRAINING_COLLEAGUE,
            }
        })
        .collect()
}

/// Why the platform ended a session.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MonitorEndReasonDto {
    Stopped,
    CallEnded,
    EndpointNoAnswer,
    SpyNeverStarted,
    Refused,
}

impl From<MonitorEndReason> for MonitorEndReasonDto {
    fn from(reason: MonitorEndReason) -> Self {
        match reason {
            MonitorEndReason::Stopped => MonitorEndReasonDto::Stopped,
            MonitorEndReason::CallEnded => MonitorEndReasonDto::CallEnded,
            MonitorEndReason::EndpointNoAnswer => MonitorEndReasonDto::EndpointNoAnswer,
            MonitorEndReason::SpyNeverStarted => MonitorEndReasonDto::SpyNeverStarted,
            MonitorEndReason::Refused => MonitorEndReasonDto::Refused,
        }
    }
}

/// One of the viewer's own sessions that the platform ended lately.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonitorEndDto {
    pub session: f64,
    pub call: Option<f64>,
    pub reason: MonitorEndReasonDto,
    pub at_ms: f64,
}

/// Every live call at one instant.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CallsDto {
    pub at_ms: f64,
    /// True: every call in progress. False: only the calls someone monitors (all a console
    /// needs while its calls view is closed and it has no session of its own: a centre at
    /// its peak has thousands of calls).
    pub complete: bool,
    pub calls: Vec<LiveCallDto>,
    /// The viewer's own sessions the platform ended lately, oldest first: the console says
    /// why ("your phone did not answer"), not only that a session is gone.
    pub ended: Vec<MonitorEndDto>,
}

impl CallsDto {
    /// The live calls of `live` as `viewer` (a user of `team`, or nobody known) may see them:
    /// every call, or (`every_call` false) only those someone monitors.
    pub fn from_live(
        live: &LiveFrame,
        team: &Team,
        viewer: &str,
        every_call: bool,
    ) -> Option<CallsDto> {
        let at = live.frame.as_ref()?.at;
        let me = team.user(viewer);
        let topology = &live.topology;
        let since = |t: Option<Timestamp>| t.map(|t| at.millis_since(t) as f64);
        let calls = live
            .calls
            .iter()
            .filter_map(|call| {
                let monitors = monitors_on(live, call.call, team, viewer);
                if !every_call && monitors.is_empty() {
                    return None;
                }
                let queue = call.queue.and_then(|q| topology.queue(q));
                let connected = matches!(call.phase, CallPhase::Talking | CallPhase::OnHold);
                Some(LiveCallDto {
                    id: call.call.0 as f64,
                    phase: call.phase.into(),
                    caller: caller_number_for(me, &call.caller.number),
                    region: call.caller.region.clone(),
                    queue_id: call.queue.map(|q| u32::from(q.0)),
                    queue: queue.map(|q| q.name.clone()),
                    site: queue
                        .and_then(|q| topology.site(q.site))
                        .map(|s| s.name.clone()),
                    agent_id: call.agent.map(|a| a.0),
                    agent: call
                        .agent
                        .and_then(|a| topology.agent(a))
                        .map(|a| a.name.clone()),
                    priority: u32::from(call.priority),
                    wait_ms: if connected {
                        None
                    } else {
                        since(call.queued_at)
                    },
                    talk_ms: if connected {
                        since(call.answered_at)
                    } else {
                        None
                    },
                    fees_waived: call.fees_waived,
                    monitors,
                })
            })
            .collect();
        let my_id = team.supervisor_id(viewer);
        let ended = live
            .ended
            .iter()
            .filter(|e| my_id.is_some() && e.supervisor == my_id)
            .map(|e| MonitorEndDto {
                session: e.session.0 as f64,
                call: e.call.map(|c| c.0 as f64),
                reason: e.reason.into(),
                at_ms: e.at.0 as f64,
            })
            .collect();
        Some(CallsDto {
            at_ms: at.0 as f64,
            complete: every_call,
            calls,
            ended,
        })
    }
}
