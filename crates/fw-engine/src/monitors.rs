//! Who is monitoring which call, as the platform reports it. The console shows this beside
//! every call and fw-app checks its rules (one barge per call, a listener limit) against it,
//! so it follows the platform's events and snapshots only, never what was asked for.

use fw_domain::{CallId, LiveMonitor, MonitorSessionId, Snapshot};
use rustc_hash::FxHashMap;

/// Sessions in progress, by id.
#[derive(Clone, Debug, Default)]
pub(crate) struct MonitorTable {
    sessions: FxHashMap<MonitorSessionId, LiveMonitor>,
}

impl MonitorTable {
    pub(crate) fn started(&mut self, monitor: LiveMonitor) {
        self.sessions.insert(monitor.session, monitor);
    }

    /// Returns false for a session the table does not know (an anomaly for the caller).
    pub(crate) fn mode_changed(
        &mut self,
        session: MonitorSessionId,
        mode: fw_domain::MonitorMode,
    ) -> bool {
        self.sessions
            .get_mut(&session)
            .map(|monitor| monitor.mode = mode)
            .is_some()
    }

    /// Ending a session that never started (a supervisor phone that did not answer) is normal.
    pub(crate) fn ended(&mut self, session: MonitorSessionId) {
        self.sessions.remove(&session);
    }

    /// The platform's list replaces ours after a (re)connect.
    pub(crate) fn resync(&mut self, snapshot: &Snapshot) {
        self.sessions = snapshot
            .monitors
            .iter()
            .map(|monitor| (monitor.session, monitor.clone()))
            .collect();
    }

    pub(crate) fn get(&self, session: MonitorSessionId) -> Option<LiveMonitor> {
        self.sessions.get(&session).cloned()
    }

    pub(crate) fn all(&self) -> Vec<LiveMonitor> {
        let mut all: Vec<_> = self.sessions.values().cloned().collect();
        all.sort_by_key(|monitor| monitor.session);
        all
    }

    pub(crate) fn on_call(&self, call: CallId) -> Vec<LiveMonitor> {
        let mut on: Vec<_> = self
            .sessions
            .values()
            .filter(|monitor| monitor.call == call)
            .cloned()
            .collect();
        on.sort_by_key(|monitor| monitor.session);
        on
    }
}
