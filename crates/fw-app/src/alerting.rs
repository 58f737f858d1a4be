//! The hub's alerts: the team's rules evaluated once a second over the engine's figures, the
//! link's state and every agent, published as the alert centre's board.

use std::sync::Arc;
use std::time::Duration;

use fw_alerts::{Alert, AlertBoard, AlertChange, AlertId, AlertRules, AlertWatch, Inputs, observe};
use fw_domain::Timestamp;
use fw_engine::{AgentView, Engine, Frame};
use tokio::time::Instant;

/// Alerts move in seconds, not frames: once a second is plenty and keeps a 10,000-agent
/// scan off the 20 Hz path.
const EVALUATE_EVERY: Duration = Duration::from_secs(1);

/// The rules, their state and what was last published.
#[derive(Debug)]
pub(crate) struct Alerting {
    rules: Arc<AlertRules>,
    watch: AlertWatch,
    evaluated: Option<Instant>,
    /// When the link went down (platform time), while it is down.
    link_down_since: Option<Timestamp>,
    board: Arc<AlertBoard>,
}

impl Alerting {
    pub(crate) fn new(rules: AlertRules) -> Alerting {
        Alerting {
            rules: Arc::new(rules),
            watch: AlertWatch::new(),
            evaluated: None,
            link_down_since: None,
            board: Arc::default(),
        }
    }

    pub(crate) fn rules(&self) -> Arc<AlertRules> {
        self.rules.clone()
    }

    pub(crate) fn board(&self) -> Arc<AlertBoard> {
        self.board.clone()
    }

    /// New rules apply from the next evaluation (which comes at once); alerts they no longer
    /// raise clear then.
    pub(crate) fn set_rules(&mut self, rules: AlertRules) {
        self.rules = Arc::new(rules);
        self.evaluated = None;
    }

    /// The link went down at `at` (kept if it was already down).
    pub(crate) fn link_down(&mut self, at: Timestamp) {
        self.link_down_since.get_or_insert(at);
        self.evaluated = None;
    }

    pub(crate) fn link_up(&mut self) {
        self.link_down_since = None;
        self.evaluated = None;
    }

    /// Evaluates the rules if a second has passed (or something forced it). Returns the
    /// alerts raised and cleared.
    /// `shown` is the frame just published: a rule's window that matches it is not summed
    /// again.
    pub(crate) fn evaluate(
        &mut self,
        engine: Option<&Engine>,
        shown: Option<&Frame>,
        agents: &[AgentView],
        now: Timestamp,
    ) -> Vec<AlertChange> {
        if self
            .evaluated
            .is_some_and(|at| at.elapsed() < EVALUATE_EVERY)
        {
            return Vec::new();
        }
        self.evaluated = Some(Instant::now());
        let frames: Vec<_> = match engine {
            Some(engine) if self.link_down_since.is_none() => self
                .rules
                .windows_used()
                .into_iter()
                .map(|window| match shown {
                    Some(frame) if frame.window == window && frame.at == now => frame.clone(),
                    _ => engine.frame_for(window, now),
                })
                .collect(),
            _ => Vec::new(),
        };
        let nothing = fw_domain::Topology::default();
        let inputs = Inputs {
            now,
            topology: engine.map_or(&nothing, Engine::topology),
            frames: &frames,
            agents: if engine.is_some() { agents } else { &[] },
            link_down_since: self.link_down_since,
        };
        // Without an engine (never connected) the queues are unknown, not recovered.
        let fresh = engine.is_some() && self.link_down_since.is_none();
        let changes = self
            .watch
            .update(&observe(&self.rules, &inputs), now, fresh);
        for change in &changes {
            match change {
                AlertChange::Raised(alert) => {
                    tracing::info!(id = alert.id.0, kind = ?alert.key.kind, subject = %alert.subject_name, value = alert.value, "alert raised");
                }
                AlertChange::Cleared(alert) => {
                    tracing::info!(id = alert.id.0, kind = ?alert.key.kind, subject = %alert.subject_name, "alert cleared");
                }
            }
        }
        self.board = Arc::new(self.watch.board());
        changes
    }

    pub(crate) fn acknowledge(
        &mut self,
        id: AlertId,
        by: &str,
        now: Timestamp,
    ) -> Result<Alert, fw_alerts::AckError> {
        let alert = self.watch.acknowledge(id, by, now)?;
        self.board = Arc::new(self.watch.board());
        Ok(alert)
    }

    /// The alert with `id`, active or recently cleared.
    pub(crate) fn find(&self, id: AlertId) -> Option<&Alert> {
        self.board
            .active
            .iter()
            .chain(&self.board.recent)
            .find(|a| a.id == id)
    }
}
