//! What the hub publishes between frames: the lists it shares until they change, the
//! trends it refreshes every few seconds, and the sessions the platform ended lately.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use fw_domain::{LiveCall, LiveMonitor, Timestamp, Topology};
use fw_engine::{AgentView, Engine, ShiftCalendar, TREND_INTERVAL_MINUTES, Trends};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::alerting::Alerting;
use crate::live_frame::{ENDED_MONITORS_KEPT, EndedMonitor, LinkStatus, LiveFrame};
use crate::routing_state::RoutingState;

/// The fastest frame rate: 20 Hz. Events that arrive one by one (Asterisk) wait at most this
/// long for their frame; a platform that delivers in ticks (the simulator's 100 ms) gets one
/// frame per tick, at once.
pub(crate) const FRAME_INTERVAL: Duration = Duration::from_millis(50);
/// The slowest: frames keep coming while nothing happens, so ages stay true.
const IDLE_FRAME_INTERVAL: Duration = Duration::from_secs(1);
/// Trends move by the quarter hour; recomputing them every ten seconds keeps the interval in
/// progress current without redoing a day's sums at 20 Hz.
const TREND_REFRESH: Duration = Duration::from_secs(10);

/// The live calls, monitoring sessions and fee-waived calls of one frame, shared between
/// frames.
pub(crate) type LiveLists = (Arc<Vec<LiveCall>>, Arc<Vec<LiveMonitor>>);

/// The hub's state between frames.
pub(crate) struct Publisher {
    pub(crate) frames: watch::Sender<Arc<LiveFrame>>,
    pub(crate) link: LinkStatus,
    /// Names for the frame's ids, replaced on every (re)connect.
    pub(crate) topology: Arc<Topology>,
    pub(crate) last_published: Option<Instant>,
    pub(crate) dirty: bool,
    pub(crate) trends: Option<Arc<Trends>>,
    pub(crate) trends_computed: Option<Instant>,
    /// The live calls, monitoring sessions and fee marks last published.
    pub(crate) calls: Option<LiveLists>,
    /// Sessions the platform ended lately, oldest first.
    pub(crate) ended: VecDeque<EndedMonitor>,
    /// `ended` as last published (rebuilt only when a session ends).
    pub(crate) ended_shared: Arc<Vec<EndedMonitor>>,
    /// Every agent as last published (rebuilt with the calls, when events arrived).
    pub(crate) agents: Arc<Vec<AgentView>>,
    pub(crate) alerting: Alerting,
    /// The calendar in force (the engine's, kept here for screens).
    pub(crate) calendar: Arc<ShiftCalendar>,
    /// When the oldest event not yet in a published frame arrived (wall clock).
    pub(crate) first_unshown_event: Option<SystemTime>,
    /// The routing plan as last read.
    pub(crate) routing: Arc<RoutingState>,
}

impl Publisher {
    pub(crate) fn new(
        frames: watch::Sender<Arc<LiveFrame>>,
        link: LinkStatus,
        alerting: Alerting,
        calendar: ShiftCalendar,
    ) -> Publisher {
        Publisher {
            frames,
            link,
            topology: Arc::default(),
            last_published: None,
            dirty: true,
            trends: None,
            trends_computed: None,
            calls: None,
            ended: VecDeque::with_capacity(ENDED_MONITORS_KEPT),
            ended_shared: Arc::default(),
            agents: Arc::default(),
            alerting,
            calendar: Arc::new(calendar),
            first_unshown_event: None,
            routing: Arc::default(),
        }
    }

    /// Notes that events arrived at `at`, for the next frame's event-to-screen stamp.
    pub(crate) fn events_arrived(&mut self, at: SystemTime) {
        self.first_unshown_event.get_or_insert(at);
    }

    pub(crate) fn publish(&mut self, engine: Option<&Engine>, now: Timestamp) {
        // The interval runs from one frame's start to the next one's: timed from the end, each
        // frame would start its building time later than the one before, and events arriving
        // on a fixed tick would drift through a whole interval's wait.
        let started = Instant::now();
        if let Some(engine) = engine
            && self
                .trends_computed
                .is_none_or(|at| at.elapsed() >= TREND_REFRESH)
        {
            self.trends = Some(Arc::new(engine.trends(now, TREND_INTERVAL_MINUTES)));
            self.trends_computed = Some(Instant::now());
        }
        // Calls and sessions change only with events: between events (the idle 1 Hz frames)
        // the previous lists are shared rather than rebuilt.
        if self.dirty || self.calls.is_none() {
            self.calls = Some((
                Arc::new(engine.map(Engine::live_calls).unwrap_or_default()),
                Arc::new(engine.map(Engine::monitors).unwrap_or_default()),
            ));
            self.agents = Arc::new(engine.map(|e| e.agent_views(now)).unwrap_or_default());
        }
        let frame = engine.map(|e| e.frame(now));
        // Raises and clears are logged by the alerting; screens read the board.
        self.alerting
            .evaluate(engine, frame.as_ref(), &self.agents, now);
        let (calls, monitors) = self.calls.clone().unwrap_or_default();
        let live = LiveFrame {
            frame,
            trends: self.trends.clone(),
            calls,
            monitors,
            ended: self.ended_shared.clone(),
            agents: self.agents.clone(),
            link: self.link.clone(),
            topology: self.topology.clone(),
            alerts: self.alerting.board(),
            alert_rules: self.alerting.rules(),
            calendar: self.calendar.clone(),
            first_new_event_received: self.first_unshown_event.take(),
            routing: self.routing.clone(),
        };
        self.frames.send_replace(Arc::new(live));
        self.last_published = Some(started);
        self.dirty = false;
    }

    pub(crate) fn monitor_ended(&mut self, ended: EndedMonitor) {
        if self.ended.len() == ENDED_MONITORS_KEPT {
            self.ended.pop_front();
        }
        self.ended.push_back(ended);
        self.ended_shared = Arc::new(self.ended.iter().copied().collect());
    }

    pub(crate) fn due(&self) -> bool {
        Instant::now() >= self.next_due()
    }

    /// When the next frame is due: a frame interval after the last one while there is
    /// something new to show, the idle interval otherwise.
    pub(crate) fn next_due(&self) -> Instant {
        let interval = if self.dirty {
            FRAME_INTERVAL
        } else {
            IDLE_FRAME_INTERVAL
        };
        self.last_published
            .map_or_else(Instant::now, |at| at + interval)
    }
}
