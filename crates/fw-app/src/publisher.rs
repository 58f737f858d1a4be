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
/// The lists people read row by row (every live call, every agent) are rebuilt at most this
/// often: the calls stream sends at most twice a second and the agents grid asks once a
/// second, while rebuilding 10,000 agents and thousands of calls at 20 Hz cost the console
/// more than everything else it does. Monitoring sessions follow every frame.
const LIST_REFRESH: Duration = Duration::from_millis(250);

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
    /// The live calls last published (`None` before the first frame).
    pub(crate) calls: Option<Arc<Vec<LiveCall>>>,
    /// The monitoring sessions last published.
    pub(crate) monitors: Arc<Vec<LiveMonitor>>,
    /// Events arrived since the calls and agents were last rebuilt.
    pub(crate) lists_stale: bool,
    /// When the calls and agents were last rebuilt.
    pub(crate) lists_built: Option<Instant>,
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
            monitors: Arc::default(),
            lists_stale: false,
            lists_built: None,
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
        // Calls, sessions and agents change only with events: between events (the idle 1 Hz
        // frames) the previous lists are shared rather than rebuilt.
        if self.dirty {
            self.lists_stale = true;
            self.monitors = Arc::new(engine.map(Engine::monitors).unwrap_or_default());
        }
        let lists_due = self.lists_stale
            && self
                .lists_built
                .is_none_or(|at| started.duration_since(at) >= LIST_REFRESH);
        if lists_due || self.calls.is_none() {
            self.calls = Some(Arc::new(engine.map(Engine::live_calls).unwrap_or_default()));
            self.agents = Arc::new(engine.map(|e| e.agent_views(now)).unwrap_or_default());
            self.lists_stale = false;
            self.lists_built = Some(started);
        }
        let frame = engine.map(|e| e.frame(now));
        // Raises and clears are logged by the alerting; screens read the board.
        self.alerting
            .evaluate(engine, frame.as_ref(), &self.agents, now);
        let live = LiveFrame {
            frame,
            trends: self.trends.clone(),
            calls: self.calls.clone().unwrap_or_default(),
            monitors: self.monitors.clone(),
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
        self.last_published.is_none() || Instant::now() >= self.next_due()
    }

    /// When the next frame is due: a frame interval after the last one while there is
    /// something new to show; when only the lists wait for their refresh, then; the idle
    /// interval otherwise.
    pub(crate) fn next_due(&self) -> Instant {
        let Some(last) = self.last_published else {
            return Instant::now();
        };
        if self.dirty {
            return last + FRAME_INTERVAL;
        }
        let idle = last + IDLE_FRAME_INTERVAL;
        match (self.lists_stale, self.lists_built) {
            (true, Some(built)) => idle.min((built + LIST_REFRESH).max(last + FRAME_INTERVAL)),
            _ => idle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live_frame::LinkState;
    use fw_alerts::AlertRules;

    fn publisher() -> Publisher {
        let calendar = ShiftCalendar::new("Asia/Shanghai", &["08:00"]).expect("a calendar");
        let link = LinkStatus {
            platform: "test".into(),
            state: LinkState::Connected,
            last_event_at: None,
            detail: None,
            events_received: 0,
        };
        let (frames, _) = watch::channel(Arc::new(LiveFrame::empty(
            link.clone(),
            Arc::new(calendar.clone()),
        )));
        Publisher::new(frames, link, Alerting::new(AlertRules::default()), calendar)
    }

    fn calls_list(publisher: &Publisher) -> *const Vec<LiveCall> {
        Arc::as_ptr(publisher.calls.as_ref().expect("lists were built"))
    }

    #[tokio::test(start_paused = true)]
    async fn lists_follow_events_at_most_four_times_a_second_and_never_lag_behind() {
        let mut publisher = publisher();
        publisher.publish(None, Timestamp(0));
        let first = calls_list(&publisher);

        // Events a frame later: the figures go out, the lists wait for their refresh...
        tokio::time::advance(FRAME_INTERVAL).await;
        publisher.dirty = true;
        publisher.publish(None, Timestamp(0));
        assert_eq!(calls_list(&publisher), first, "rebuilt within the refresh");
        // ...and a frame is due when it comes, though nothing else arrives.
        let built = publisher.lists_built.expect("built once");
        assert_eq!(publisher.next_due(), built + LIST_REFRESH);

        tokio::time::advance(LIST_REFRESH.saturating_sub(FRAME_INTERVAL)).await;
        assert!(publisher.due());
        publisher.publish(None, Timestamp(0));
        assert_ne!(calls_list(&publisher), first, "rebuilt at the refresh");

        // Nothing new: the idle interval, and the lists are shared.
        let shared = calls_list(&publisher);
        let last = publisher.last_published.expect("published");
        assert_eq!(publisher.next_due(), last + IDLE_FRAME_INTERVAL);
        tokio::time::advance(IDLE_FRAME_INTERVAL).await;
        publisher.publish(None, Timestamp(0));
        assert_eq!(calls_list(&publisher), shared);
    }
}
