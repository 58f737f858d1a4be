//! The simulator: owns the centre's state and the agenda, and runs the virtual clock.

use fw_domain::{
    AgentId, AgentState, DomainEvent, EventEnvelope, QueueId, Snapshot, Timestamp, Topology,
};

use crate::agenda::{Agenda, Happening};
use crate::agent_runtime::AgentRuntime;
use crate::call_table::CallTable;
use crate::callers::CallerDirectory;
use crate::centre::{Centre, build_centre};
use crate::config::{SimConfig, SimConfigError};
use crate::demand::Demand;
use crate::monitor_table::MonitorTable;
use crate::queue_board::QueueBoard;
use crate::rng::SimRng;
use crate::routing::{RoutingModeInForce, RoutingModes};
use crate::shifts::current_or_next_shift;
use crate::skills::SITE_NAMES;

/// The random stream monitoring draws from (the centre uses 1, the call flow 2).
const MONITOR_STREAM: u64 = 3;

/// A deterministic simulated contact centre on a virtual clock.
///
/// Same [`SimConfig`] and same calls (`advance_to` targets may differ, `execute` calls may
/// not) ⇒ the same event stream, on every run and every version of the dependencies.
///
/// At the start, agents whose shift is in progress are already logged in and available
/// (visible in [`Simulator::snapshot`], not as events); everything after is an event.
#[derive(Debug)]
pub struct Simulator {
    pub(crate) config: SimConfig,
    pub(crate) centre: Centre,
    pub(crate) demand: Demand,
    pub(crate) callers: CallerDirectory,
    pub(crate) rng: SimRng,
    pub(crate) agenda: Agenda,
    pub(crate) calls: CallTable,
    pub(crate) board: QueueBoard,
    /// Supervisors' monitoring sessions, ringing or live.
    pub(crate) monitors: MonitorTable,
    /// Monitoring's own random stream, so monitoring a call never shifts the draws of the
    /// call flow: a monitored run keeps every call and agent event of an unmonitored one.
    pub(crate) monitor_rng: SimRng,
    pub(crate) agents: Vec<AgentRuntime>,
    /// The routing modes in force (site failover, emergency closure, regional priority,
    /// night mode).
    pub(crate) routing: RoutingModes,
    /// Sites whose agents are all forced offline by an outage.
    pub(crate) site_down: Vec<bool>,
    pub(crate) now: Timestamp,
    pub(crate) last_seq: u64,
    /// Events caused by commands, waiting for the next `advance_to`.
    pub(crate) backlog: Vec<EventEnvelope>,
}

impl Simulator {
    /// Builds the centre for `config` and sets the clock to `config.start`.
    pub fn new(config: SimConfig) -> Result<Simulator, SimConfigError> {
        config.validate()?;
        let centre = build_centre(config.seed, config.agents, config.lines);
        let demand = Demand::new(&centre, config.seed, config.utc_offset_ms(), config.surge);
        let queue_count = centre.topology.queues.len();
        let agent_count = centre.topology.agents.len();
        let mut simulator = Simulator {
            demand,
            callers: CallerDirectory::new(),
            rng: SimRng::stream(config.seed, 2),
            agenda: Agenda::default(),
            calls: CallTable::default(),
            board: QueueBoard::new(queue_count),
            monitors: MonitorTable::default(),
            monitor_rng: SimRng::stream(config.seed, MONITOR_STREAM),
            agents: vec![AgentRuntime::offline(config.start); agent_count],
            routing: RoutingModes::default(),
            site_down: vec![false; SITE_NAMES.len()],
            now: config.start,
            last_seq: 0,
            backlog: Vec::new(),
            centre,
            config,
        };
        simulator.schedule_outage();
        simulator.roster_agents();
        for queue in 0..queue_count {
            let queue = QueueId(queue as u16);
            simulator.agenda.schedule(
                simulator.now,
                Happening::Arrival {
                    queue,
                    arrives: false,
                },
            );
        }
        Ok(simulator)
    }

    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub fn topology(&self) -> &Topology {
        &self.centre.topology
    }

    /// The virtual clock.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The routing modes in force, in activation order, each with the id the simulator gave
    /// it and its revert time. A mode leaves the list when switched off or when its revert
    /// time has been reached by [`Simulator::advance_to`].
    pub fn routing_modes(&self) -> &[RoutingModeInForce] {
        self.routing.all()
    }

    /// Runs the centre up to and including `until`, appending every event, in order, to `out`.
    /// Splitting a span into several calls yields exactly the same events as one call.
    pub fn advance_to(&mut self, until: Timestamp, out: &mut Vec<EventEnvelope>) {
        out.append(&mut self.backlog);
        while let Some((at, happening)) = self.agenda.pop_due(until) {
            self.now = at;
            self.handle(at, happening, out);
        }
        self.now = self.now.max(until);
    }

    /// Full live state now: topology, every agent's state (with since and call), every live
    /// call, every started monitoring session with its current mode (ringing ones are not
    /// listed: no `MonitorStarted` has announced them); `last_seq` is the last sequence
    /// number emitted (including events of commands not yet collected by `advance_to`).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            source: self.config.source,
            last_seq: self.last_seq,
            taken_at: self.now,
            topology: self.centre.topology.clone(),
            agents: self
                .agents
                .iter()
                .enumerate()
                .map(|(index, agent)| agent.live_agent(AgentId(index as u32)))
                .collect(),
            calls: self
                .calls
                .iter()
                .map(crate::call_table::CallRecord::live_call)
                .collect(),
            monitors: self.monitors.live().collect(),
        }
    }

    fn handle(&mut self, at: Timestamp, happening: Happening, out: &mut Vec<EventEnvelope>) {
        match happening {
            Happening::Arrival { queue, arrives } => self.on_arrival_clock(at, queue, arrives, out),
            Happening::IvrDone { call } => self.on_ivr_done(at, call, out),
            Happening::QueueDeadline { call, visit } => {
                self.on_queue_deadline(at, call, visit, out);
            }
            Happening::CallbackOffer { call, visit } => {
                self.on_callback_offer(at, call, visit, out);
            }
            Happening::RingEnd { call, token } => self.on_ring_end(at, call, token, out),
            Happening::HoldStart { call, token } => self.on_hold_start(at, call, token, out),
            Happening::HoldEnd { call, token } => self.on_hold_end(at, call, token, out),
            Happening::TalkEnd { call, token } => self.on_talk_end(at, call, token, out),
            Happening::SurveyDue(seed) => self.on_survey_due(at, &seed, out),
            Happening::MonitorStep { session, attempt } => {
                self.on_monitor_step(at, session, attempt, out);
            }
            Happening::WrapEnd { agent, token } => self.on_wrap_end(at, agent, token, out),
            Happening::BreakDue { agent, kind } => self.on_break_due(at, agent, kind, out),
            Happening::BreakEnd { agent, token } => self.on_break_end(at, agent, token, out),
            Happening::ShiftStart { agent } => self.on_shift_start(at, agent, out),
            Happening::ShiftEnd { agent } => self.on_shift_end(at, agent, out),
            Happening::OutageStart => self.on_outage_start(at, out),
            Happening::OutageEnd => self.on_outage_end(at, out),
            Happening::RoutingRevert { mode } => self.on_routing_revert(at, mode, out),
        }
    }

    /// Appends one event with the next sequence number.
    pub(crate) fn emit(&mut self, at: Timestamp, event: DomainEvent, out: &mut Vec<EventEnvelope>) {
        self.last_seq += 1;
        out.push(EventEnvelope {
            source: self.config.source,
            seq: self.last_seq,
            at,
            event,
        });
    }

    /// An outage already running at the start takes its site down from the outset.
    fn schedule_outage(&mut self) {
        let Some(outage) = self.config.outage else {
            return;
        };
        let end = outage.at.plus_ms(outage.duration_ms);
        if end <= self.now {
            return;
        }
        if outage.at <= self.now {
            self.site_down[outage.site.index()] = true;
        } else {
            self.agenda.schedule(outage.at, Happening::OutageStart);
        }
        self.agenda.schedule(end, Happening::OutageEnd);
    }

    /// Logs in everyone whose shift is in progress and books everyone's next shift.
    fn roster_agents(&mut self) {
        let start = self.now;
        let utc_offset_ms = self.config.utc_offset_ms();
        for index in 0..self.agents.len() {
            let agent = AgentId(index as u32);
            let traits = &self.centre.traits[index];
            let window = current_or_next_shift(start, traits.shift_start_offset_ms, utc_offset_ms);
            if !window.contains(start) {
                self.agenda
                    .schedule(window.start, Happening::ShiftStart { agent });
                continue;
            }
            self.agents[index].on_shift = true;
            self.agenda
                .schedule(window.end, Happening::ShiftEnd { agent });
            self.book_breaks(agent, window.start);
            let site = self.centre.topology.agents[index].site;
            if !self.site_down[site.index()] {
                // Everyone becomes idle at the same instant; ids break the tie in the router.
                self.agents[index].state = AgentState::Available;
                let queues = &self.centre.topology.agents[index].queues;
                self.board.add_idle(agent, start, queues);
                self.board.set_staffed(queues, true);
            }
        }
    }
}
