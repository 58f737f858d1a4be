//! What the hub publishes: the engine's frame plus the state of the platform link.

use std::sync::Arc;

use fw_alerts::{AlertBoard, AlertRules};
use fw_domain::{
    CallId, LiveCall, LiveMonitor, MonitorEndReason, MonitorSessionId, SupervisorId, Timestamp,
    Topology,
};
use fw_engine::{AgentView, Frame, ShiftCalendar, Trends};

use crate::routing_state::RoutingState;

/// Whether the platform link is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// First connection attempt in progress.
    Connecting,
    Connected,
    /// The link dropped; figures are the last known ones and are getting stale.
    Reconnecting,
}

/// The platform link as a screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkStatus {
    pub platform: String,
    pub state: LinkState,
    /// When the newest event arrived (platform time).
    pub last_event_at: Option<Timestamp>,
    /// Why the link is down, when it is.
    pub detail: Option<String>,
    /// Events received from the platform since the console started (every link), for the
    /// connection view's event rate.
    pub events_received: u64,
}

/// A monitoring session the platform ended, and why: so a supervisor is told "your phone did
/// not answer" or "the call ended", not just that the session is gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndedMonitor {
    pub session: MonitorSessionId,
    /// Whose it was, where known (a session that never started is known only to the desk
    /// that asked for it).
    pub supervisor: Option<SupervisorId>,
    pub call: Option<CallId>,
    pub reason: MonitorEndReason,
    pub at: Timestamp,
}

/// How many ended sessions a frame keeps (newest last): enough for every console to see its
/// own between two frames, however busy the floor.
pub const ENDED_MONITORS_KEPT: usize = 64;

/// Everything a screen needs at one instant.
#[derive(Clone, Debug)]
pub struct LiveFrame {
    /// `None` until the first snapshot has been applied.
    pub frame: Option<Frame>,
    /// The day's trends in 15-minute intervals, refreshed every few seconds.
    pub trends: Option<Arc<Trends>>,
    /// Calls in progress (IVR, waiting, talking), in id order. Caller numbers are in here:
    /// screens decide by role what to show (the wallboard never reads this).
    pub calls: Arc<Vec<LiveCall>>,
    /// Monitoring sessions in progress, as the platform reports them.
    pub monitors: Arc<Vec<LiveMonitor>>,
    /// The latest sessions the platform ended, oldest first, at most
    /// [`ENDED_MONITORS_KEPT`].
    pub ended: Arc<Vec<EndedMonitor>>,
    /// Every agent in id order: state, current call, today's tallies.
    pub agents: Arc<Vec<AgentView>>,
    pub link: LinkStatus,
    /// Names of sites, queues and agents for `frame`'s ids.
    pub topology: Arc<Topology>,
    /// The alert centre: active alerts and the latest cleared ones.
    pub alerts: Arc<AlertBoard>,
    /// The alert rules in force.
    pub alert_rules: Arc<AlertRules>,
    /// The centre's time zone and shift starts in force.
    pub calendar: Arc<ShiftCalendar>,
    /// When the oldest event this frame is the first to show arrived from the platform (wall
    /// clock); `None` when the frame shows no new event. Screens compare it with the moment
    /// the frame is on screen: the event-to-screen delay.
    pub first_new_event_received: Option<std::time::SystemTime>,
    /// The disaster-mode routing plan in force, for the banner on every screen.
    pub routing: Arc<RoutingState>,
}

impl LiveFrame {
    /// A frame with no figures yet: the link as given, every list empty, no routing known.
    /// The hub starts from one; anything else sets what it has over it.
    pub fn empty(link: LinkStatus, calendar: Arc<ShiftCalendar>) -> LiveFrame {
        LiveFrame {
            frame: None,
            trends: None,
            calls: Arc::default(),
            monitors: Arc::default(),
            ended: Arc::default(),
            agents: Arc::default(),
            link,
            topology: Arc::default(),
            alerts: Arc::default(),
            alert_rules: Arc::default(),
            calendar,
            first_new_event_received: None,
            routing: Arc::default(),
        }
    }
}
