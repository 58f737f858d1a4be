//! The incremental engine: applies events in order and keeps minute counters and live state.

use fw_domain::{
    AgentId, AgentState, CallId, CallPhase, CompletionReason, DomainEvent, EventEnvelope,
    LeaveReason, QueueId, SourceId, Timestamp, Topology, TopologyError,
};
use rustc_hash::FxHashMap;

use crate::anomalies::Anomalies;
use crate::bucket::Counters;
use crate::calendar::ShiftCalendar;
use crate::history::{History, split_by_minute};
use crate::live::{AgentRecord, CallRecord};
use crate::monitors::MonitorTable;
use crate::window::Window;

/// How the engine reckons windows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineConfig {
    pub calendar: ShiftCalendar,
    /// The window `frame(now)` reports.
    pub window: Window,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            calendar: ShiftCalendar::china_three_shifts(),
            window: Window::default(),
        }
    }
}

/// The metrics engine. Single-threaded and pure: the caller owns it and feeds it.
#[derive(Debug)]
pub struct Engine {
    pub(crate) config: EngineConfig,
    pub(crate) topology: Topology,
    /// Call counters per queue, by minute.
    pub(crate) queue_history: Vec<History>,
    /// Agent time per site, by minute (each agent once, whatever its queues).
    pub(crate) site_history: Vec<History>,
    pub(crate) calls: FxHashMap<CallId, CallRecord>,
    pub(crate) agents: Vec<AgentRecord>,
    last_seq: FxHashMap<SourceId, u64>,
    pub(crate) anomalies: Anomalies,
    /// The newest event time applied.
    pub(crate) newest: Timestamp,
    pub(crate) queue_input_at: Vec<Option<Timestamp>>,
    pub(crate) site_input_at: Vec<Option<Timestamp>>,
    pub(crate) total_input_at: Option<Timestamp>,
    pub(crate) monitors: MonitorTable,
}

impl Engine {
    /// An engine for `topology` with every agent offline.
    pub fn new(topology: Topology, config: EngineConfig) -> Result<Engine, TopologyError> {
        topology.validate()?;
        let mut engine = Engine {
            config,
            topology: Topology::default(),
            queue_history: Vec::new(),
            site_history: Vec::new(),
            calls: FxHashMap::default(),
            agents: Vec::new(),
            last_seq: FxHashMap::default(),
            anomalies: Anomalies::default(),
            newest: Timestamp(i64::MIN),
            queue_input_at: Vec::new(),
            site_input_at: Vec::new(),
            total_input_at: None,
            monitors: MonitorTable::default(),
        };
        engine.set_topology(topology);
        Ok(engine)
    }

    /// Adopts a (possibly grown) topology; history of queues and sites that remain is kept.
    pub(crate) fn set_topology(&mut self, topology: Topology) {
        self.queue_history
            .resize_with(topology.queues.len(), History::default);
        self.queue_input_at.resize(topology.queues.len(), None);
        self.site_history
            .resize_with(topology.sites.len(), History::default);
        self.site_input_at.resize(topology.sites.len(), None);
        self.agents.resize_with(topology.agents.len(), || {
            AgentRecord::offline(Timestamp(i64::MIN))
        });
        self.topology = topology;
    }

    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Changes the centre's time zone or shift starts. Windows, trends and the agents' day
    /// follow the new calendar from now on (a day that starts anew restarts the tallies).
    pub fn set_calendar(&mut self, calendar: ShiftCalendar) {
        self.config.calendar = calendar;
    }

    /// Chooses the window `frame(now)` reports.
    pub fn set_window(&mut self, window: Window) {
        self.config.window = window;
    }

    pub fn anomalies(&self) -> Anomalies {
        self.anomalies
    }

    /// Calls currently tracked (in the IVR, waiting or talking).
    pub fn live_call_count(&self) -> usize {
        self.calls.len()
    }

    /// The last sequence number applied from `source`.
    pub fn last_seq(&self, source: SourceId) -> u64 {
        self.last_seq.get(&source).copied().unwrap_or(0)
    }

    pub(crate) fn set_last_seq(&mut self, source: SourceId, seq: u64) {
        self.last_seq.insert(source, seq);
    }

    /// Applies one event. `now` is the current platform time: an event stamped in the future
    /// (clock skew) is treated as happening now, so history never runs ahead of the clock.
    pub fn apply(&mut self, envelope: &EventEnvelope, now: Timestamp) {
        let last = self.last_seq.entry(envelope.source).or_insert(0);
        if envelope.seq <= *last {
            self.anomalies.duplicates += 1;
            return;
        }
        if envelope.seq > *last + 1 {
            self.anomalies.gaps += envelope.seq - *last - 1;
        }
        *last = envelope.seq;
        let at = envelope.at.min(now);
        self.newest = self.newest.max(at);
        bump(&mut self.total_input_at, at);
        self.apply_event(&envelope.event, at);
    }

    fn apply_event(&mut self, event: &DomainEvent, at: Timestamp) {
        match event {
            DomainEvent::CallOffered { call, caller } => {
                self.calls
                    .entry(*call)
                    .or_insert_with(|| CallRecord::offered(caller.clone(), at));
            }
            DomainEvent::CallQueued {
                call,
                queue,
                priority,
                fees_waived,
            } => self.on_queued(*call, *queue, (*priority, *fees_waived), at),
            DomainEvent::AgentRinging { call, agent } => {
                self.check_agent(*agent);
                self.transition(*call, at, |record| {
                    (record.phase == CallPhase::Queued).then(|| {
                        record.phase = CallPhase::Ringing;
                        record.agent = Some(*agent);
                    })
                });
            }
            DomainEvent::RingNoAnswer { call, agent } => {
                self.check_agent(*agent);
                self.transition(*call, at, |record| {
                    (record.phase == CallPhase::Ringing).then(|| {
                        record.phase = CallPhase::Queued;
                        record.agent = None;
                    })
                });
            }
            DomainEvent::CallAnswered { call, agent } => self.on_answered(*call, *agent, at),
            DomainEvent::CallHeld { call } => self.transition(*call, at, |record| {
                (record.phase == CallPhase::Talking).then(|| {
                    record.phase = CallPhase::OnHold;
                    record.hold_started = Some(at);
                })
            }),
            DomainEvent::CallResumed { call } => self.transition(*call, at, |record| {
                (record.phase == CallPhase::OnHold).then(|| {
                    record.phase = CallPhase::Talking;
                    record.hold_ms += record
                        .hold_started
                        .take()
                        .map_or(0, |start| at.millis_since(start));
                })
            }),
            DomainEvent::CallEscalated { call, .. } => {
                let queue = self.calls.get(call).and_then(|record| record.queue);
                match queue {
                    Some(queue) => self.count(queue, at, |c| c.escalations += 1),
                    None => self.anomalies.unknown_calls += 1,
                }
            }
            DomainEvent::CallCompleted { call, reason } => self.on_completed(*call, *reason, at),
            DomainEvent::CallAbandoned { call } => {
                self.on_left_queue(*call, at, LeftQueue::Abandoned);
            }
            DomainEvent::CallbackRequested { call } => {
                self.on_left_queue(*call, at, LeftQueue::Callback);
            }
            DomainEvent::CallLeftQueue {
                call,
                reason: LeaveReason::Withdrawn,
            } => self.on_withdrawn(*call, at),
            DomainEvent::CallLeftQueue { call, .. } => {
                self.on_left_queue(*call, at, LeftQueue::Other);
            }
            DomainEvent::CallEndedInIvr { call } => {
                if self
                    .calls
                    .get(call)
                    .is_some_and(|record| record.phase == CallPhase::Ivr)
                {
                    self.calls.remove(call);
                } else {
                    self.anomalies.unknown_calls += 1;
                }
            }
            DomainEvent::AgentStateChanged { agent, state } => {
                self.set_agent_state(*agent, state.clone(), at);
            }
            DomainEvent::MonitorStarted {
                session,
                supervisor,
                call,
                mode,
            } => self.monitors.started(fw_domain::LiveMonitor {
                session: *session,
                supervisor: *supervisor,
                call: *call,
                mode: *mode,
            }),
            DomainEvent::MonitorModeChanged { session, mode } => {
                if !self.monitors.mode_changed(*session, *mode) {
                    self.anomalies.unknown_calls += 1;
                }
            }
            DomainEvent::MonitorEnded { session, .. } => self.monitors.ended(*session),
            // Surveys and routing modes do not feed the wallboard figures.
            DomainEvent::SurveyReceived { .. } | DomainEvent::RoutingModeChanged { .. } => {}
        }
    }

    /// Runs `change` on a known call; an unknown call, or a phase the change does not
    /// allow (`change` returns `None`), is an anomaly. Touches the call's queue.
    fn transition(
        &mut self,
        call: CallId,
        at: Timestamp,
        change: impl FnOnce(&mut CallRecord) -> Option<()>,
    ) {
        let Some(record) = self.calls.get_mut(&call) else {
            self.anomalies.unknown_calls += 1;
            return;
        };
        let queue = record.queue;
        if change(record).is_none() {
            self.anomalies.unknown_calls += 1;
            return;
        }
        if let Some(queue) = queue {
            self.touch_queue(queue, at);
        }
    }

    /// `(priority, fees_waived)` as the event says.
    fn on_queued(&mut self, call: CallId, queue: QueueId, routed: (u8, bool), at: Timestamp) {
        let (priority, fees_waived) = routed;
        if queue.index() >= self.topology.queues.len() {
            self.anomalies.unknown_calls += 1;
            return;
        }
        let record = self.calls.entry(call).or_insert_with(|| {
            // Joined a queue without being offered first: keep it, but note the gap.
            CallRecord::offered(
                fw_domain::CallerInfo {
                    number: String::new(),
                    region: String::new(),
                },
                at,
            )
        });
        if record.phase.is_waiting() && record.queue == Some(queue) {
            // Already waiting here: a platform re-announcement, not a new offer. Only the
            // priority and the fee mark may have moved (a regional priority raising callers
            // in line).
            record.priority = priority;
            record.fees_waived |= fees_waived;
            return;
        }
        if record.phase != CallPhase::Ivr {
            self.anomalies.unknown_calls += 1;
            return;
        }
        record.phase = CallPhase::Queued;
        record.queue = Some(queue);
        record.priority = priority;
        record.queued_at = Some(at);
        record.agent = None;
        record.fees_waived |= fees_waived;
        let moved_from = record.moved_from.take();
        self.count_offered_at(queue, at);
        if let Some((from, left_at)) = moved_from {
            self.count(queue, at, |c| c.moved_in += 1);
            // In the minute its `left_other` was counted, so any span nets them together.
            self.count(from, left_at, |c| c.moved_out += 1);
        }
    }

    /// A waiting call pulled out of its queue: it left that queue (`left_other` there), but
    /// the call goes on. A platform withdraws a caller to route them again (a failover, a
    /// mode ending), so the record stays, in the IVR, until the call queues again (a move:
    /// see [`crate::Counters::moves_netted`]) or ends.
    fn on_withdrawn(&mut self, call: CallId, at: Timestamp) {
        let Some((queue, _)) = self.waiting_call(call) else {
            return;
        };
        let record = self.calls.get_mut(&call).expect("waiting_call found it");
        record.phase = CallPhase::Ivr;
        record.queue = None;
        record.queued_at = None;
        record.agent = None;
        record.moved_from = Some((queue, at));
        self.count(queue, at, |c| c.left_other += 1);
    }

    pub(crate) fn count_offered_at(&mut self, queue: QueueId, at: Timestamp) {
        self.count(queue, at, |c| c.offered += 1);
    }

    /// Counts an answer at `answered_at` for a call that joined `queue` at `queued_at`.
    pub(crate) fn count_answered_at(
        &mut self,
        queue: QueueId,
        queued_at: Timestamp,
        answered_at: Timestamp,
    ) {
        let wait = answered_at.millis_since(queued_at);
        let within = wait <= self.topology.queues[queue.index()].sl_threshold_ms();
        self.count(queue, answered_at, |c| {
            c.answered += 1;
            c.answered_within_threshold += u32::from(within);
            c.answered_wait_ms += wait;
        });
    }

    /// The queue and join time of a call that is waiting; anything else is an anomaly.
    fn waiting_call(&mut self, call: CallId) -> Option<(QueueId, Timestamp)> {
        let waiting = self.calls.get(&call).and_then(|record| {
            let (queue, queued_at) = (record.queue?, record.queued_at?);
            record.phase.is_waiting().then_some((queue, queued_at))
        });
        if waiting.is_none() {
            self.anomalies.unknown_calls += 1;
        }
        waiting
    }

    fn on_answered(&mut self, call: CallId, agent: AgentId, at: Timestamp) {
        self.check_agent(agent);
        let Some((queue, queued_at)) = self.waiting_call(call) else {
            return;
        };
        let record = self.calls.get_mut(&call).expect("waiting_call found it");
        record.phase = CallPhase::Talking;
        record.answered_at = Some(at);
        record.agent = Some(agent);
        if let Some(agent_record) = self.agents.get_mut(agent.index()) {
            agent_record.call = Some(call);
        }
        self.count_answered_at(queue, queued_at, at);
    }

    fn on_completed(&mut self, call: CallId, reason: CompletionReason, at: Timestamp) {
        let Some(record) = self.calls.get_mut(&call) else {
            self.anomalies.unknown_calls += 1;
            return;
        };
        let (Some(queue), Some(answered_at), true) = (
            record.queue,
            record.answered_at,
            matches!(record.phase, CallPhase::Talking | CallPhase::OnHold),
        ) else {
            self.anomalies.unknown_calls += 1;
            return;
        };
        if let Some(start) = record.hold_started.take() {
            record.hold_ms += at.millis_since(start);
        }
        let hold_ms = record.hold_ms;
        let talk_ms = at.millis_since(answered_at).saturating_sub(hold_ms);
        let agent = record.agent.take();
        if reason == CompletionReason::Transferred {
            // The caller goes on (escalation or transfer); a new queue visit follows.
            record.phase = CallPhase::Ivr;
            record.answered_at = None;
            record.queued_at = None;
            record.hold_ms = 0;
        } else {
            self.calls.remove(&call);
        }
        if let Some(agent) = agent {
            self.tally_agent(agent, at, |day| {
                day.handled += 1;
                day.handle_ms += talk_ms + hold_ms;
            });
        }
        if let Some(agent_record) = agent.and_then(|a| self.agents.get_mut(a.index())) {
            agent_record.call = None;
            agent_record.wrap_queue = Some(queue);
        }
        self.count(queue, at, |c| {
            c.handled += 1;
            c.talk_ms += talk_ms;
            c.hold_ms += hold_ms;
        });
    }

    fn on_left_queue(&mut self, call: CallId, at: Timestamp, how: LeftQueue) {
        let Some((queue, queued_at)) = self.waiting_call(call) else {
            return;
        };
        self.calls.remove(&call);
        let config = &self.topology.queues[queue.index()];
        let wait = at.millis_since(queued_at);
        let short = wait <= config.short_abandon_ms();
        let counted = !short || config.count_short_abandons;
        let within = wait <= config.sl_threshold_ms();
        self.count(queue, at, |c| match how {
            LeftQueue::Abandoned => {
                c.abandoned += 1;
                c.short_abandons += u32::from(short);
                c.counted_abandons += u32::from(counted);
                c.counted_abandons_within_threshold += u32::from(counted && within);
            }
            LeftQueue::Callback => c.callbacks += 1,
            LeftQueue::Other => c.left_other += 1,
        });
    }

    pub(crate) fn set_agent_state(&mut self, agent: AgentId, state: AgentState, at: Timestamp) {
        let Some(record) = self.agents.get(agent.index()) else {
            self.anomalies.unknown_agents += 1;
            return;
        };
        if record.state == state {
            return;
        }
        let (previous, since, wrap_queue) = (record.state.clone(), record.since, record.wrap_queue);
        let busy = previous.is_busy();
        if busy || previous == AgentState::Available {
            self.accrue_agent_time(agent, busy, since, at);
        }
        if previous == AgentState::WrapUp
            && let Some(queue) = wrap_queue
        {
            let wrap = at.millis_since(since);
            self.count(queue, at, |c| c.wrap_ms += wrap);
            self.tally_agent(agent, at, |day| day.handle_ms += wrap);
        }
        let record = &mut self.agents[agent.index()];
        if previous == AgentState::WrapUp {
            record.wrap_queue = None;
        }
        if state == AgentState::Offline {
            record.call = None;
        }
        record.state = state;
        record.since = at;
        self.touch_agent(agent, at);
    }

    /// Adds `[since, until)` of busy or idle time to the agent's site and queues, minute by
    /// minute. Minutes older than the ring (a state held for over a day) are simply not kept.
    fn accrue_agent_time(
        &mut self,
        agent: AgentId,
        busy: bool,
        since: Timestamp,
        until: Timestamp,
    ) {
        let profile = &self.topology.agents[agent.index()];
        let newest = self.newest;
        let add = |history: &mut History| {
            split_by_minute(since, until, |minute, ms| {
                let time = if busy {
                    Counters {
                        busy_ms: ms,
                        ..Counters::default()
                    }
                } else {
                    Counters {
                        idle_ms: ms,
                        ..Counters::default()
                    }
                };
                history.add(minute, newest, &time);
            });
        };
        add(&mut self.site_history[profile.site.index()]);
        for queue in &profile.queues {
            add(&mut self.queue_history[queue.index()]);
        }
    }

    /// Adds to the queue's counters for the minute of `at`.
    fn count(&mut self, queue: QueueId, at: Timestamp, change: impl FnOnce(&mut Counters)) {
        let mut counted = Counters::default();
        change(&mut counted);
        if !self.queue_history[queue.index()].add(at, self.newest, &counted) {
            self.anomalies.too_old += 1;
        }
        self.touch_queue(queue, at);
    }

    fn check_agent(&mut self, agent: AgentId) {
        if agent.index() >= self.agents.len() {
            self.anomalies.unknown_agents += 1;
        }
    }

    fn touch_queue(&mut self, queue: QueueId, at: Timestamp) {
        bump(&mut self.queue_input_at[queue.index()], at);
        bump(
            &mut self.site_input_at[self.topology.queues[queue.index()].site.index()],
            at,
        );
    }

    fn touch_agent(&mut self, agent: AgentId, at: Timestamp) {
        let profile = &self.topology.agents[agent.index()];
        for queue in &profile.queues {
            bump(&mut self.queue_input_at[queue.index()], at);
        }
        bump(&mut self.site_input_at[profile.site.index()], at);
    }
}

/// Moves a "newest input" mark forward to `at`.
pub(crate) fn bump(mark: &mut Option<Timestamp>, at: Timestamp) {
    *mark = Some(mark.map_or(at, |t| t.max(at)));
}

#[derive(Clone, Copy)]
enum LeftQueue {
    Abandoned,
    Callback,
    Other,
}

impl Engine {
    /// Monitoring sessions in progress (started, not yet ended), in session order.
    pub fn monitors(&self) -> Vec<fw_domain::LiveMonitor> {
        self.monitors.all()
    }

    /// One monitoring session in progress.
    pub fn monitor(&self, session: fw_domain::MonitorSessionId) -> Option<fw_domain::LiveMonitor> {
        self.monitors.get(session)
    }

    /// The sessions monitoring `call`.
    pub fn monitors_on(&self, call: CallId) -> Vec<fw_domain::LiveMonitor> {
        self.monitors.on_call(call)
    }

    /// One live call, if the engine is tracking it.
    pub fn live_call(&self, call: CallId) -> Option<fw_domain::LiveCall> {
        self.calls.get(&call).map(|record| record.to_live(call))
    }

    /// The call `agent` is ringing for or talking on, if any.
    pub fn call_of_agent(&self, agent: AgentId) -> Option<CallId> {
        self.agents
            .get(agent.index())
            .and_then(|record| record.call)
    }

    /// Every call the engine is tracking now, as the domain's live-call record, in id order.
    pub fn live_calls(&self) -> Vec<fw_domain::LiveCall> {
        let mut calls: Vec<_> = self
            .calls
            .iter()
            .map(|(id, record)| record.to_live(*id))
            .collect();
        calls.sort_by_key(|call| call.call);
        calls
    }
}
