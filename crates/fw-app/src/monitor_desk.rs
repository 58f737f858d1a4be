//! The monitoring rules, checked on the hub's task against the live state before any command
//! reaches the platform: who may listen, whisper or barge; never on a call you are party to;
//! never on a protected agent or queue; at most one barge per call; a listener limit.
//!
//! The desk decides; the platform acts; the console shows what the platform reports. Sessions
//! the desk has asked for but the platform has not yet started count as pending, so two quick
//! requests cannot together slip past the listener limit.

use fw_domain::{
    AgentId, CallId, CallPhase, MonitorMode, MonitorSessionId, PlatformCommand, SupervisorId,
};
use fw_engine::Engine;
use rustc_hash::FxHashMap;

use crate::roles::{Permission, Role};
use crate::team::{Team, User};

/// What a supervisor asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MonitorRequest {
    /// Listen to a call (every session starts in listen mode, muted).
    Start { call: CallId },
    /// Listen to whatever call an agent is on.
    StartOnAgent { agent: AgentId },
    /// Escalate or step back within a session, without redialling.
    ChangeMode {
        session: MonitorSessionId,
        mode: MonitorMode,
    },
    /// End one's own leg; the call goes on.
    Stop { session: MonitorSessionId },
}

/// Why a request was refused. Each says plainly what the supervisor can do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MonitorDenial {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("the {role} role may not {}", permission.name())]
    NotPermitted { role: Role, permission: Permission },
    #[error("your profile has no phone to ring: set your endpoint in settings")]
    NoEndpoint,
    #[error("call {0} is not in progress any more")]
    UnknownCall(CallId),
    #[error("call {0} is not connected to an agent yet")]
    CallNotConnected(CallId),
    #[error("agent {0} is not on a call")]
    AgentNotOnCall(AgentId),
    #[error("you are a party to this call")]
    PartyToCall,
    #[error("calls of {0} are protected and cannot be monitored")]
    ProtectedAgent(String),
    #[error("calls in queue {0} are protected and cannot be monitored")]
    ProtectedQueue(String),
    #[error("this call already has {limit} supervisors on it, the most allowed")]
    ListenerLimit { limit: u32 },
    #[error("another supervisor is already barged into this call")]
    BargeTaken,
    #[error("monitoring session {0} is not in progress")]
    UnknownSession(MonitorSessionId),
    #[error("monitoring session {0} belongs to another supervisor")]
    NotYourSession(MonitorSessionId),
}

/// A request the desk allowed: the command to send and what the audit trail records.
#[derive(Clone, Debug, PartialEq)]
pub struct MonitorPlan {
    pub command: PlatformCommand,
    pub session: MonitorSessionId,
    pub call: CallId,
    pub agent: Option<AgentId>,
    pub queue: Option<fw_domain::QueueId>,
    pub mode: MonitorMode,
}

/// The audit facts of a request, allowed or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonitorFacts {
    pub action: &'static str,
    pub call: Option<CallId>,
    pub agent: Option<AgentId>,
    pub queue: Option<fw_domain::QueueId>,
    pub mode: Option<MonitorMode>,
}

/// The rules and the sessions the desk has asked for.
#[derive(Debug)]
pub struct MonitorDesk {
    team: Team,
    next_session: u64,
    /// Asked for, not yet started or ended by the platform: session → call.
    pending: FxHashMap<MonitorSessionId, (SupervisorId, CallId)>,
    /// Every session this desk asked for, until the platform ends it: whose, on which call.
    /// The platform's reports on these (e.g. a phone that never answered) are audited here,
    /// and only here, so consoles sharing a store do not record each other's sessions.
    mine: FxHashMap<MonitorSessionId, (SupervisorId, CallId)>,
}

impl MonitorDesk {
    pub fn new(team: Team) -> MonitorDesk {
        MonitorDesk {
            team,
            next_session: 1,
            pending: FxHashMap::default(),
            mine: FxHashMap::default(),
        }
    }

    pub fn team(&self) -> &Team {
        &self.team
    }

    /// Rings `endpoint` for `user`'s sessions from now on (sessions already open keep the
    /// phone they rang).
    pub(crate) fn set_endpoint(&mut self, user: &str, endpoint: String) {
        if let Some(me) = self.team.users.iter_mut().find(|u| u.name == user) {
            me.endpoint = Some(endpoint);
        }
    }

    /// The facts of `request` for the audit trail, whatever the outcome.
    pub fn facts(request: &MonitorRequest, engine: &Engine) -> MonitorFacts {
        let session_call = |session| engine.monitor(session).map(|m| m.call);
        let (action, call, mode) = match request {
            MonitorRequest::Start { call } => {
                ("monitor.start", Some(*call), Some(MonitorMode::Listen))
            }
            MonitorRequest::StartOnAgent { agent } => (
                "monitor.start",
                engine.call_of_agent(*agent),
                Some(MonitorMode::Listen),
            ),
            MonitorRequest::ChangeMode { session, mode } => {
                ("monitor.mode", session_call(*session), Some(*mode))
            }
            MonitorRequest::Stop { session } => ("monitor.stop", session_call(*session), None),
        };
        let live = call.and_then(|c| engine.live_call(c));
        let agent = match request {
            MonitorRequest::StartOnAgent { agent } => Some(*agent),
            _ => live.as_ref().and_then(|c| c.agent),
        };
        MonitorFacts {
            action,
            call,
            agent,
            queue: live.and_then(|c| c.queue),
            mode,
        }
    }

    /// Checks `request` by `user` against the rules and the live state.
    pub fn authorize(
        &mut self,
        user: &str,
        request: &MonitorRequest,
        engine: &Engine,
    ) -> Result<MonitorPlan, MonitorDenial> {
        let me = self
            .team
            .user(user)
            .cloned()
            .ok_or_else(|| MonitorDenial::UnknownUser(user.to_string()))?;
        let supervisor = self
            .team
            .supervisor_id(user)
            .unwrap_or(SupervisorId(u32::MAX));
        match request {
            MonitorRequest::Start { call } => self.start(&me, supervisor, *call, engine),
            MonitorRequest::StartOnAgent { agent } => {
                let call = engine
                    .call_of_agent(*agent)
                    .ok_or(MonitorDenial::AgentNotOnCall(*agent))?;
                // A call still ringing the agent is refused by `start` as not connected.
                self.start(&me, supervisor, call, engine)
            }
            MonitorRequest::ChangeMode { session, mode } => {
                self.change_mode(&me, supervisor, *session, *mode, engine)
            }
            MonitorRequest::Stop { session } => {
                let monitor = self.own_session(&me, supervisor, *session, engine)?;
                let live = engine.live_call(monitor.1);
                Ok(MonitorPlan {
                    command: PlatformCommand::StopMonitor { session: *session },
                    session: *session,
                    call: monitor.1,
                    agent: live.as_ref().and_then(|c| c.agent),
                    queue: live.and_then(|c| c.queue),
                    mode: monitor.2,
                })
            }
        }
    }

    fn start(
        &mut self,
        me: &User,
        supervisor: SupervisorId,
        call: CallId,
        engine: &Engine,
    ) -> Result<MonitorPlan, MonitorDenial> {
        permit(me.role, Permission::Listen)?;
        let endpoint = me.endpoint.clone().ok_or(MonitorDenial::NoEndpoint)?;
        let live = engine
            .live_call(call)
            .ok_or(MonitorDenial::UnknownCall(call))?;
        let (CallPhase::Talking | CallPhase::OnHold, Some(agent)) = (live.phase, live.agent) else {
            return Err(MonitorDenial::CallNotConnected(call));
        };
        let topology = engine.topology();
        let agent_name = topology
            .agent(agent)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        if me.agent.as_deref() == Some(agent_name.as_str()) {
            return Err(MonitorDenial::PartyToCall);
        }
        let rules = &self.team.monitoring;
        if rules.protected_agents.contains(&agent_name) {
            return Err(MonitorDenial::ProtectedAgent(agent_name));
        }
        if let Some(queue) = live.queue.and_then(|q| topology.queues.get(q.index()))
            && rules.protected_queues.contains(&queue.name)
        {
            return Err(MonitorDenial::ProtectedQueue(queue.name.clone()));
        }
        let started = engine.monitors_on(call).len();
        let pending = self.pending.values().filter(|(_, c)| *c == call).count();
        if (started + pending) as u32 >= rules.max_listeners_per_call {
            return Err(MonitorDenial::ListenerLimit {
                limit: rules.max_listeners_per_call,
            });
        }
        let session = MonitorSessionId(self.next_session);
        self.next_session += 1;
        self.pending.insert(session, (supervisor, call));
        self.mine.insert(session, (supervisor, call));
        Ok(MonitorPlan {
            command: PlatformCommand::StartMonitor {
                session,
                supervisor,
                endpoint,
                call,
            },
            session,
            call,
            agent: Some(agent),
            queue: live.queue,
            mode: MonitorMode::Listen,
        })
    }

    fn change_mode(
        &mut self,
        me: &User,
        supervisor: SupervisorId,
        session: MonitorSessionId,
        mode: MonitorMode,
        engine: &Engine,
    ) -> Result<MonitorPlan, MonitorDenial> {
        permit(
            me.role,
            match mode {
                MonitorMode::Listen => Permission::Listen,
                MonitorMode::Whisper => Permission::Whisper,
                MonitorMode::Barge => Permission::Barge,
            },
        )?;
        let (_, call, _) = self.own_session(me, supervisor, session, engine)?;
        if mode == MonitorMode::Barge
            && engine
                .monitors_on(call)
                .iter()
                .any(|m| m.session != session && m.mode == MonitorMode::Barge)
        {
            return Err(MonitorDenial::BargeTaken);
        }
        let live = engine.live_call(call);
        Ok(MonitorPlan {
            command: PlatformCommand::ChangeMonitorMode { session, mode },
            session,
            call,
            agent: live.as_ref().and_then(|c| c.agent),
            queue: live.and_then(|c| c.queue),
            mode,
        })
    }

    /// A started session of `me` (an admin may act on anyone's): (supervisor, call, mode).
    fn own_session(
        &self,
        me: &User,
        supervisor: SupervisorId,
        session: MonitorSessionId,
        engine: &Engine,
    ) -> Result<(SupervisorId, CallId, MonitorMode), MonitorDenial> {
        let found = engine
            .monitor(session)
            .map(|m| (m.supervisor, m.call, m.mode))
            .or_else(|| {
                self.pending
                    .get(&session)
                    .map(|(s, c)| (*s, *c, MonitorMode::Listen))
            })
            .ok_or(MonitorDenial::UnknownSession(session))?;
        if found.0 != supervisor && me.role != Role::Admin {
            return Err(MonitorDenial::NotYourSession(session));
        }
        Ok(found)
    }

    /// The platform started or ended a session: it is no longer pending.
    pub fn settled(&mut self, session: MonitorSessionId) {
        self.pending.remove(&session);
    }

    /// Whose a session this desk asked for is, and on which call, until the platform ends it.
    pub fn owner(&self, session: MonitorSessionId) -> Option<(SupervisorId, CallId)> {
        self.mine.get(&session).copied()
    }

    /// The platform ended a session: if this desk asked for it, whose it was and on which
    /// call.
    pub fn finished(&mut self, session: MonitorSessionId) -> Option<(SupervisorId, CallId)> {
        self.pending.remove(&session);
        self.mine.remove(&session)
    }

    /// The platform refused a start: forget it.
    pub fn abandon(&mut self, session: MonitorSessionId) {
        self.pending.remove(&session);
        self.mine.remove(&session);
    }
}

fn permit(role: Role, permission: Permission) -> Result<(), MonitorDenial> {
    if role.allows(permission) {
        Ok(())
    } else {
        Err(MonitorDenial::NotPermitted { role, permission })
    }
}
