//! The platform's monitoring sessions: whose phone is ringing, who is listening, and how.
//!
//! A table of its own, apart from the calls, because a session only observes its call
//! (Asterisk's ChanSpy attaches to the agent's channel and never alters it): nothing here
//! feeds back into the call flow.

use std::collections::BTreeMap;

use fw_domain::{CallId, LiveMonitor, MonitorMode, MonitorSessionId, SupervisorId};

/// How a supervisor's endpoint behaves. Read from the endpoint's name, so a demo or a test
/// can provoke the failures a real platform has (a phone left unanswered, a spy that never
/// reports `ChanSpyStart`) without any extra knob.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// Answers after a few seconds; listening starts as it answers.
    Answers,
    /// "noanswer" in the name (any case): rings until the ring timeout.
    NeverAnswers,
    /// "nospy" in the name (any case): answers, but the spy never starts.
    SpyNeverStarts,
}

impl Endpoint {
    /// "noanswer" wins over "nospy": a phone that never answers cannot get as far as a spy.
    pub(crate) fn of(endpoint: &str) -> Endpoint {
        let name = endpoint.to_ascii_lowercase();
        if name.contains("noanswer") {
            Endpoint::NeverAnswers
        } else if name.contains("nospy") {
            Endpoint::SpyNeverStarts
        } else {
            Endpoint::Answers
        }
    }
}

/// Where a session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// The supervisor's endpoint is ringing.
    Ringing,
    /// The endpoint answered and the spy has not started (yet).
    Answered,
    /// Started (`MonitorStarted` was emitted): listening, whispering or barging.
    Live(MonitorMode),
}

/// One session the platform is working on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Session {
    pub supervisor: SupervisorId,
    pub call: CallId,
    pub endpoint: Endpoint,
    pub stage: Stage,
    /// Which opening of the session id this is. Floorwalker may reuse an id once its
    /// session has ended, so an agenda step carries the attempt it was scheduled for and a
    /// step left over from an earlier attempt is dropped.
    pub attempt: u64,
}

/// Sessions in progress (ringing, answered or live), by id. A `BTreeMap` so snapshots and
/// the order of `CallEnded` events follow session ids, never hashing.
#[derive(Debug, Default)]
pub(crate) struct MonitorTable {
    sessions: BTreeMap<MonitorSessionId, Session>,
    attempts: u64,
}

impl MonitorTable {
    pub(crate) fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    pub(crate) fn contains(&self, session: MonitorSessionId) -> bool {
        self.sessions.contains_key(&session)
    }

    /// Opens a ringing session and returns its attempt number.
    pub(crate) fn open(
        &mut self,
        session: MonitorSessionId,
        supervisor: SupervisorId,
        call: CallId,
        endpoint: Endpoint,
    ) -> u64 {
        debug_assert!(!self.contains(session), "{session} opened twice");
        self.attempts += 1;
        self.sessions.insert(
            session,
            Session {
                supervisor,
                call,
                endpoint,
                stage: Stage::Ringing,
                attempt: self.attempts,
            },
        );
        self.attempts
    }

    pub(crate) fn get(&self, session: MonitorSessionId) -> Option<&Session> {
        self.sessions.get(&session)
    }

    /// The session if it is still the opening `attempt` was scheduled for.
    pub(crate) fn current(
        &mut self,
        session: MonitorSessionId,
        attempt: u64,
    ) -> Option<&mut Session> {
        self.sessions
            .get_mut(&session)
            .filter(|state| state.attempt == attempt)
    }

    pub(crate) fn set_stage(&mut self, session: MonitorSessionId, stage: Stage) {
        if let Some(state) = self.sessions.get_mut(&session) {
            state.stage = stage;
        }
    }

    pub(crate) fn remove(&mut self, session: MonitorSessionId) -> Option<Session> {
        self.sessions.remove(&session)
    }

    /// Sessions on `call` in any stage: each holds a channel, so all count towards the
    /// platform's per-call limit.
    pub(crate) fn count_on(&self, call: CallId) -> usize {
        self.sessions
            .values()
            .filter(|state| state.call == call)
            .count()
    }

    /// The session barging in on `call`, if any.
    pub(crate) fn barge_on(&self, call: CallId) -> Option<MonitorSessionId> {
        self.sessions
            .iter()
            .find(|(_, state)| state.call == call && state.stage == Stage::Live(MonitorMode::Barge))
            .map(|(session, _)| *session)
    }

    /// Removes every session on `call`, returning their ids in order.
    pub(crate) fn take_on_call(&mut self, call: CallId) -> Vec<MonitorSessionId> {
        let ended: Vec<MonitorSessionId> = self
            .sessions
            .iter()
            .filter(|(_, state)| state.call == call)
            .map(|(session, _)| *session)
            .collect();
        for session in &ended {
            self.sessions.remove(session);
        }
        ended
    }

    /// Started sessions with their current mode, in id order. Ringing or answered ones are
    /// left out: nobody listens yet, and no `MonitorStarted` has told a consumer about them.
    pub(crate) fn live(&self) -> impl Iterator<Item = LiveMonitor> + '_ {
        self.sessions
            .iter()
            .filter_map(|(session, state)| match state.stage {
                Stage::Live(mode) => Some(LiveMonitor {
                    session: *session,
                    supervisor: state.supervisor,
                    call: state.call,
                    mode,
                }),
                Stage::Ringing | Stage::Answered => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_behaviour_comes_from_its_name() {
        assert_eq!(Endpoint::of("PJSIP/9001"), Endpoint::Answers);
        assert_eq!(Endpoint::of("PJSIP/noanswer-9001"), Endpoint::NeverAnswers);
        assert_eq!(Endpoint::of("SIP/NoAnswer"), Endpoint::NeverAnswers);
        assert_eq!(Endpoint::of("PJSIP/nospy-9002"), Endpoint::SpyNeverStarts);
        assert_eq!(Endpoint::of("PJSIP/nospy-noanswer"), Endpoint::NeverAnswers);
        assert_eq!(Endpoint::of(""), Endpoint::Answers);
    }

    fn open(table: &mut MonitorTable, session: u64, call: u64) -> u64 {
        table.open(
            MonitorSessionId(session),
            SupervisorId(1),
            CallId(call),
            Endpoint::Answers,
        )
    }

    #[test]
    fn attempts_tell_a_reopened_id_from_its_earlier_life() {
        let mut table = MonitorTable::default();
        let first = open(&mut table, 7, 1);
        assert!(table.remove(MonitorSessionId(7)).is_some());
        let second = open(&mut table, 7, 1);
        assert_ne!(first, second);
        assert!(table.current(MonitorSessionId(7), first).is_none());
        assert!(table.current(MonitorSessionId(7), second).is_some());
    }

    #[test]
    fn only_started_sessions_are_live_and_calls_take_their_sessions_along() {
        let mut table = MonitorTable::default();
        for (session, call) in [(3, 1), (1, 1), (2, 2)] {
            open(&mut table, session, call);
        }
        assert_eq!(table.live().count(), 0);
        table.set_stage(MonitorSessionId(3), Stage::Live(MonitorMode::Barge));
        table.set_stage(MonitorSessionId(2), Stage::Live(MonitorMode::Listen));
        let live: Vec<u64> = table.live().map(|monitor| monitor.session.0).collect();
        assert_eq!(live, vec![2, 3]);
        assert_eq!(table.barge_on(CallId(1)), Some(MonitorSessionId(3)));
        assert_eq!(table.barge_on(CallId(2)), None);
        assert_eq!(table.count_on(CallId(1)), 2);
        assert_eq!(
            table.take_on_call(CallId(1)),
            vec![MonitorSessionId(1), MonitorSessionId(3)]
        );
        assert_eq!(table.count_on(CallId(1)), 0);
        assert!(!table.is_empty() && table.contains(MonitorSessionId(2)));
    }
}
