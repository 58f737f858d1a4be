//! The alert state machine: a condition must hold for its minimum duration before an alert
//! is raised, and stay recovered for its clear time before the alert clears. In between, one
//! key has at most one alert, so a supervisor is told once, not every second.

use std::collections::VecDeque;

use fw_domain::Timestamp;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::alert::{Acknowledgement, Alert, AlertBoard, AlertChange, AlertId, AlertKey};
use crate::observe::{Level, Observation};

/// How many cleared alerts the board keeps (newest first).
pub const RECENT_KEPT: usize = 100;

#[derive(Clone, Copy, Debug)]
enum Phase {
    /// In breach since `since`, not yet for long enough.
    Pending { since: Timestamp },
    /// Raised; recovered since `clearing` if it is on its way out.
    Active {
        id: AlertId,
        clearing: Option<Timestamp>,
    },
}

/// Why an acknowledgement did nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AckError {
    #[error("there is no alert {0}")]
    NotFound(u64),
}

/// Alerts over time. Feed it every evaluation's observations in time order.
#[derive(Debug, Default)]
pub struct AlertWatch {
    phases: FxHashMap<AlertKey, Phase>,
    /// Active alerts by id (ids grow, so this is raise order).
    active: std::collections::BTreeMap<AlertId, Alert>,
    recent: VecDeque<Alert>,
    next_id: u64,
}

impl AlertWatch {
    pub fn new() -> AlertWatch {
        AlertWatch::default()
    }

    /// Applies one evaluation at `now`. With `fresh` false (the figures are stale: the link
    /// is down) only the observations given are considered; alerts about anything else stay
    /// as they are. With `fresh` true, an active alert whose key was not observed has
    /// recovered (the agent left the state, the queue is gone).
    pub fn update(
        &mut self,
        observations: &[Observation],
        now: Timestamp,
        fresh: bool,
    ) -> Vec<AlertChange> {
        let mut changes = Vec::new();
        let mut seen = FxHashSet::default();
        for observation in observations {
            seen.insert(observation.key);
            self.step(observation, now, &mut changes);
        }
        if fresh {
            let unseen: Vec<(AlertKey, Phase)> = self
                .phases
                .iter()
                .filter(|(key, _)| !seen.contains(*key))
                .map(|(key, phase)| (*key, *phase))
                .collect();
            for (key, phase) in unseen {
                self.phases.remove(&key);
                if let Phase::Active { id, .. } = phase {
                    changes.push(self.clear(id, now));
                }
            }
        } else {
            // Stale figures: nothing half-way to raising may ripen on them.
            self.phases
                .retain(|key, phase| seen.contains(key) || matches!(phase, Phase::Active { .. }));
        }
        changes
    }

    fn step(&mut self, observation: &Observation, now: Timestamp, changes: &mut Vec<AlertChange>) {
        let key = observation.key;
        match (self.phases.get(&key).copied(), observation.level) {
            (None, Level::Breach) => {
                if observation.raise_after_ms == 0 {
                    changes.push(self.raise(observation, now));
                } else {
                    self.phases.insert(key, Phase::Pending { since: now });
                }
            }
            (None, _) => {}
            (Some(Phase::Pending { since }), Level::Breach) => {
                if now.millis_since(since) >= observation.raise_after_ms {
                    changes.push(self.raise(observation, now));
                }
            }
            (Some(Phase::Pending { .. }), _) => {
                self.phases.remove(&key);
            }
            (Some(Phase::Active { id, clearing }), level) => {
                if let Some(alert) = self.active.get_mut(&id)
                    && level != Level::Unknown
                {
                    alert.value = observation.value;
                }
                match (level, clearing) {
                    (Level::Recovered, None) if observation.clear_after_ms > 0 => {
                        self.phases.insert(
                            key,
                            Phase::Active {
                                id,
                                clearing: Some(now),
                            },
                        );
                    }
                    (Level::Recovered, Some(since))
                        if now.millis_since(since) < observation.clear_after_ms => {}
                    (Level::Recovered, _) => {
                        self.phases.remove(&key);
                        changes.push(self.clear(id, now));
                    }
                    (Level::Unknown, _) => {}
                    (Level::Breach | Level::Band, _) => {
                        self.phases
                            .insert(key, Phase::Active { id, clearing: None });
                    }
                }
            }
        }
    }

    fn raise(&mut self, observation: &Observation, now: Timestamp) -> AlertChange {
        self.next_id += 1;
        let id = AlertId(self.next_id);
        let alert = Alert {
            id,
            key: observation.key,
            subject_name: observation.subject_name.clone(),
            site: observation.site,
            raised_at: now,
            raised_value: observation.value,
            value: observation.value,
            threshold: observation.threshold,
            cleared_at: None,
            acknowledged: None,
        };
        self.phases
            .insert(observation.key, Phase::Active { id, clearing: None });
        self.active.insert(id, alert.clone());
        AlertChange::Raised(alert)
    }

    fn clear(&mut self, id: AlertId, now: Timestamp) -> AlertChange {
        let mut alert = self
            .active
            .remove(&id)
            .expect("an active phase always has its alert");
        alert.cleared_at = Some(now);
        if self.recent.len() == RECENT_KEPT {
            self.recent.pop_back();
        }
        self.recent.push_front(alert.clone());
        AlertChange::Cleared(alert)
    }

    /// Marks an alert (active or recently cleared) as seen by `by`. Acknowledging twice
    /// keeps the first acknowledgement. Returns the alert as it now is.
    pub fn acknowledge(
        &mut self,
        id: AlertId,
        by: &str,
        now: Timestamp,
    ) -> Result<Alert, AckError> {
        let alert = match self.active.get_mut(&id) {
            Some(alert) => alert,
            None => self
                .recent
                .iter_mut()
                .find(|a| a.id == id)
                .ok_or(AckError::NotFound(id.0))?,
        };
        if alert.acknowledged.is_none() {
            alert.acknowledged = Some(Acknowledgement {
                by: by.to_owned(),
                at: now,
            });
        }
        Ok(alert.clone())
    }

    /// The alert centre's content now.
    pub fn board(&self) -> AlertBoard {
        AlertBoard {
            active: self.active.values().cloned().collect(),
            recent: self.recent.iter().cloned().collect(),
        }
    }

    /// Active alerts.
    pub fn active_count(&self) -> usize {
        self.active.len()
    }
}
