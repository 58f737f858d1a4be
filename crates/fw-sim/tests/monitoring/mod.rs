//! Live-call monitoring as the simulated platform does it: the console learns what happened
//! from events, and the platform refuses only what it cannot do.

mod harness;
mod random;

use fw_domain::{
    CallId, CallPhase, CompletionReason, DomainEvent, MonitorEndReason, MonitorMode,
    MonitorSessionId,
};
use fw_sim::{
    ENDPOINT_ANSWER_MAX_MS, ENDPOINT_ANSWER_MIN_MS, ENDPOINT_RING_TIMEOUT_MS,
    MAX_MONITORS_PER_CALL, SPY_START_TIMEOUT_MS, SimCommandError,
};
use harness::{
    NO_ANSWER, NO_SPY, PHONE, Run, centre_only, change, ended, leg, live, mode_changed, monitoring,
    run_at_answer_of_a_leg_lasting, scripted_run, start, start_and_wait, started, stop,
};

use crate::support::{Checker, MINUTE_MS, china};

#[test]
fn a_monitor_rings_the_supervisor_then_starts_in_listen_mode() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    let asked = run.now();
    run.exec(&start(1, PHONE, leg.call)).unwrap();
    assert!(run.monitors().is_empty(), "ringing sessions are not listed");
    assert!(monitoring(&run.by(ENDPOINT_ANSWER_MIN_MS - 1)).is_empty());
    let events = monitoring(&run.to(asked.plus_ms(ENDPOINT_ANSWER_MAX_MS)));
    assert_eq!(events.len(), 1, "{events:?}");
    let (at, event) = &events[0];
    assert_eq!(*event, started(1, leg.call));
    assert!(
        (ENDPOINT_ANSWER_MIN_MS..=ENDPOINT_ANSWER_MAX_MS).contains(&(at.0 - asked.0)),
        "answered after {} ms",
        at.0 - asked.0
    );
    assert_eq!(run.monitors(), vec![live(1, leg.call, MonitorMode::Listen)]);
    assert_eq!(run.check().tally.monitors_started, 1);
}

#[test]
fn whisper_barge_and_listen_change_the_same_session_in_place() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    run.exec(&start(1, PHONE, leg.call)).unwrap();
    assert_eq!(
        run.exec(&change(1, MonitorMode::Whisper)),
        Err(SimCommandError::SessionNotStarted(MonitorSessionId(1)))
    );
    run.by(ENDPOINT_ANSWER_MAX_MS);
    for mode in [
        MonitorMode::Whisper,
        MonitorMode::Barge,
        MonitorMode::Listen,
    ] {
        run.exec(&change(1, mode)).unwrap();
        let now = run.now();
        assert_eq!(monitoring(&run.by(0)), vec![(now, mode_changed(1, mode))]);
        assert_eq!(run.monitors(), vec![live(1, leg.call, mode)]);
    }
    // The mode it is already in: accepted, nothing to report.
    run.exec(&change(1, MonitorMode::Listen)).unwrap();
    assert!(run.by(0).is_empty());
    assert_eq!(
        run.exec(&change(9, MonitorMode::Barge)),
        Err(SimCommandError::UnknownSession(MonitorSessionId(9)))
    );
    run.check();
}

#[test]
fn a_second_barge_on_the_same_call_is_refused_and_changes_nothing() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    start_and_wait(&mut run, 1, leg.call);
    start_and_wait(&mut run, 2, leg.call);
    run.exec(&change(1, MonitorMode::Barge)).unwrap();
    run.by(0);
    let seq = run.sim.snapshot().last_seq;
    let refused = run.exec(&change(2, MonitorMode::Barge));
    assert_eq!(
        refused,
        Err(SimCommandError::BargeTaken {
            call: leg.call,
            by: MonitorSessionId(1)
        })
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("one barge per call")
    );
    assert!(run.by(0).is_empty());
    assert_eq!(run.sim.snapshot().last_seq, seq);
    assert_eq!(
        run.monitors(),
        vec![
            live(1, leg.call, MonitorMode::Barge),
            live(2, leg.call, MonitorMode::Listen)
        ]
    );
    // Whisper is no conflict, and once the first barge steps down the second may barge.
    run.exec(&change(2, MonitorMode::Whisper)).unwrap();
    run.exec(&change(1, MonitorMode::Listen)).unwrap();
    run.exec(&change(2, MonitorMode::Barge)).unwrap();
    assert_eq!(
        monitoring(&run.by(0))
            .into_iter()
            .map(|(_, event)| event)
            .collect::<Vec<_>>(),
        vec![
            mode_changed(2, MonitorMode::Whisper),
            mode_changed(1, MonitorMode::Listen),
            mode_changed(2, MonitorMode::Barge)
        ]
    );
    run.check();
}

#[test]
fn stopping_ends_only_the_supervisors_leg_and_the_call_completes_once() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    start_and_wait(&mut run, 1, leg.call);
    run.exec(&stop(1)).unwrap();
    let now = run.now();
    assert_eq!(
        monitoring(&run.by(0)),
        vec![(now, ended(1, MonitorEndReason::Stopped))]
    );
    assert!(run.monitors().is_empty());
    let call = run
        .sim
        .snapshot()
        .calls
        .into_iter()
        .find(|c| c.call == leg.call);
    assert!(
        call.is_some_and(|c| matches!(c.phase, CallPhase::Talking | CallPhase::OnHold)),
        "the call goes on"
    );
    assert_eq!(
        run.exec(&stop(1)),
        Err(SimCommandError::UnknownSession(MonitorSessionId(1)))
    );
    let rest = run.to(leg.ended.plus_ms(MINUTE_MS));
    let completions: Vec<_> = rest
        .iter()
        .filter(|e| matches!(e.event, DomainEvent::CallCompleted { call, .. } if call == leg.call))
        .map(|e| (e.at, e.event.clone()))
        .collect();
    let expected = DomainEvent::CallCompleted {
        call: leg.call,
        reason: leg.reason,
    };
    assert_eq!(completions, vec![(leg.ended, expected)]);
    assert!(monitoring(&rest).is_empty());
    // A consumer that counts calls (the engine) sees exactly the unmonitored stream.
    let mut plain = Run::new();
    plain.to(run.now());
    assert_eq!(centre_only(&run.events), centre_only(&plain.events));
    assert_eq!(
        run.check().tally.final_completions,
        plain.check().tally.final_completions
    );
}

#[test]
fn stopping_a_ringing_session_cancels_it() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    run.exec(&start(1, PHONE, leg.call)).unwrap();
    run.by(ENDPOINT_ANSWER_MIN_MS / 2);
    run.exec(&stop(1)).unwrap();
    let now = run.now();
    let events = monitoring(&run.by(10_000));
    assert_eq!(events, vec![(now, ended(1, MonitorEndReason::Stopped))]);
    run.check();
}

#[test]
fn a_call_ending_under_monitors_ends_them_right_after_its_own_end() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(30_000);
    start_and_wait(&mut run, 1, leg.call);
    run.exec(&change(1, MonitorMode::Whisper)).unwrap();
    run.to(leg.ended.plus_ms(-10_000));
    // A second supervisor whose phone is still ringing when the call ends.
    run.exec(&start(2, NO_ANSWER, leg.call)).unwrap();
    let events = run.to(leg.ended.plus_ms(ENDPOINT_RING_TIMEOUT_MS + 1_000));
    let end = events
        .iter()
        .position(
            |e| matches!(e.event, DomainEvent::CallCompleted { call, .. } if call == leg.call),
        )
        .expect("the call completes as in the unmonitored run");
    assert_eq!(events[end].at, leg.ended);
    let after: Vec<_> = events[end + 1..=end + 2]
        .iter()
        .map(|e| (e.at, e.event.clone()))
        .collect();
    assert_eq!(
        after,
        vec![
            (leg.ended, ended(1, MonitorEndReason::CallEnded)),
            (leg.ended, ended(2, MonitorEndReason::CallEnded)),
        ]
    );
    assert_eq!(monitoring(&events).len(), 2, "and nothing after them");
    assert!(run.monitors().is_empty());
    run.check();
}

#[test]
fn a_transfer_to_tier_2_ends_the_sessions_on_the_first_agents_leg() {
    let leg = leg(|leg| leg.reason == CompletionReason::Transferred);
    let mut run = Run::new();
    run.to(leg.answered);
    start_and_wait(&mut run, 1, leg.call);
    let events = run.to(leg.ended);
    let end = events
        .iter()
        .position(|e| {
            e.event
                == DomainEvent::CallCompleted {
                    call: leg.call,
                    reason: CompletionReason::Transferred,
                }
        })
        .expect("the transfer happens as in the unmonitored run");
    assert_eq!(events[end + 1].event, ended(1, MonitorEndReason::CallEnded));
    assert!(matches!(
        events[end + 2].event,
        DomainEvent::CallEscalated { call, .. } if call == leg.call
    ));
    // The call is waiting for tier 2 now: nothing to spy on until it is answered again.
    assert_eq!(
        run.exec(&start(2, PHONE, leg.call)),
        Err(SimCommandError::CallNotConnected(leg.call))
    );
    run.check();
}

#[test]
fn a_call_ending_while_the_supervisor_is_rung_ends_the_session_unstarted() {
    let leg = leg(|_| true);
    let mut run = Run::new();
    run.to(leg.ended.plus_ms(-1_000));
    run.exec(&start(1, PHONE, leg.call)).unwrap();
    let events = monitoring(&run.by(10_000));
    assert_eq!(
        events,
        vec![(leg.ended, ended(1, MonitorEndReason::CallEnded))]
    );
    run.check();
}

#[test]
fn an_endpoint_that_never_answers_ends_the_session_at_the_ring_timeout() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(ENDPOINT_RING_TIMEOUT_MS + 5_000);
    let asked = run.now();
    run.exec(&start(1, NO_ANSWER, leg.call)).unwrap();
    assert!(monitoring(&run.by(ENDPOINT_RING_TIMEOUT_MS - 1)).is_empty());
    assert!(run.monitors().is_empty());
    assert_eq!(
        run.exec(&change(1, MonitorMode::Listen)),
        Err(SimCommandError::SessionNotStarted(MonitorSessionId(1)))
    );
    let events = monitoring(&run.by(MINUTE_MS));
    assert_eq!(
        events,
        vec![(
            asked.plus_ms(ENDPOINT_RING_TIMEOUT_MS),
            ended(1, MonitorEndReason::EndpointNoAnswer)
        )]
    );
    run.check();
}

#[test]
fn a_spy_that_never_starts_fails_a_few_seconds_after_the_answer() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    let asked = run.now();
    run.exec(&start(1, NO_SPY, leg.call)).unwrap();
    run.by(ENDPOINT_ANSWER_MAX_MS + 1);
    // Answered, but listening never began.
    assert_eq!(
        run.exec(&change(1, MonitorMode::Whisper)),
        Err(SimCommandError::SessionNotStarted(MonitorSessionId(1)))
    );
    assert!(run.monitors().is_empty());
    let events = monitoring(&run.by(MINUTE_MS));
    assert_eq!(events.len(), 1, "{events:?}");
    let (at, event) = &events[0];
    assert_eq!(*event, ended(1, MonitorEndReason::SpyNeverStarted));
    let after = at.0 - asked.0 - SPY_START_TIMEOUT_MS;
    assert!((ENDPOINT_ANSWER_MIN_MS..=ENDPOINT_ANSWER_MAX_MS).contains(&after));
    run.check();
}

#[test]
fn calls_not_connected_or_gone_cannot_be_monitored() {
    let leg = leg(|_| true);
    let mut run = Run::new();
    run.to(leg.ended.plus_ms(1));
    let waiting = run
        .sim
        .snapshot()
        .calls
        .into_iter()
        .find(|call| !matches!(call.phase, CallPhase::Talking | CallPhase::OnHold))
        .expect("some call is in the IVR, queued or ringing");
    let seq = run.sim.snapshot().last_seq;
    assert_eq!(
        run.exec(&start(1, PHONE, waiting.call)),
        Err(SimCommandError::CallNotConnected(waiting.call))
    );
    assert_eq!(
        run.exec(&start(1, PHONE, leg.call)),
        Err(SimCommandError::UnknownCall(leg.call))
    );
    let never = CallId(u64::MAX);
    assert_eq!(
        run.exec(&start(1, PHONE, never)),
        Err(SimCommandError::UnknownCall(never))
    );
    assert!(run.by(0).is_empty());
    assert_eq!(run.sim.snapshot().last_seq, seq);
}

#[test]
fn a_session_id_is_taken_until_its_session_ends_then_free_again() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(ENDPOINT_RING_TIMEOUT_MS + 10_000);
    run.exec(&start(1, PHONE, leg.call)).unwrap();
    assert_eq!(
        run.exec(&start(1, PHONE, leg.call)),
        Err(SimCommandError::DuplicateSession(MonitorSessionId(1)))
    );
    run.exec(&stop(1)).unwrap();
    // Reopened at once on a phone that never answers: the first opening's answer, still on
    // the agenda, must not touch the new session.
    let reopened = run.now();
    run.exec(&start(1, NO_ANSWER, leg.call)).unwrap();
    let events = monitoring(&run.by(ENDPOINT_RING_TIMEOUT_MS + 1_000));
    assert_eq!(
        events,
        vec![
            (reopened, ended(1, MonitorEndReason::Stopped)),
            (
                reopened.plus_ms(ENDPOINT_RING_TIMEOUT_MS),
                ended(1, MonitorEndReason::EndpointNoAnswer)
            ),
        ]
    );
    run.check();
}

#[test]
fn the_platform_caps_the_sessions_on_one_call() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    for session in 0..MAX_MONITORS_PER_CALL as u64 {
        run.exec(&start(session, PHONE, leg.call)).unwrap();
    }
    let over = MAX_MONITORS_PER_CALL as u64;
    assert_eq!(
        run.exec(&start(over, PHONE, leg.call)),
        Err(SimCommandError::TooManyMonitors {
            call: leg.call,
            limit: MAX_MONITORS_PER_CALL
        })
    );
    // Ringing sessions hold a channel too; cancelling one frees a place.
    run.exec(&stop(0)).unwrap();
    run.exec(&start(over, PHONE, leg.call)).unwrap();
    run.by(ENDPOINT_ANSWER_MAX_MS);
    assert_eq!(run.monitors().len(), MAX_MONITORS_PER_CALL);
    run.check();
}

#[test]
fn snapshots_list_started_sessions_with_their_mode_and_resume_cleanly() {
    let (mut run, leg) = run_at_answer_of_a_leg_lasting(MINUTE_MS);
    start_and_wait(&mut run, 1, leg.call);
    run.to(leg.ended.plus_ms(-10_000));
    run.exec(&change(1, MonitorMode::Whisper)).unwrap();
    run.exec(&start(2, NO_ANSWER, leg.call)).unwrap();
    // Taken before the mode change is collected: the snapshot already counts it.
    let snapshot = run.sim.snapshot();
    assert_eq!(
        snapshot.monitors,
        vec![live(1, leg.call, MonitorMode::Whisper)]
    );
    let mode_change = run.by(0);
    assert_eq!(mode_change.last().map(|e| e.seq), Some(snapshot.last_seq));
    // A consumer starting from the snapshot follows the rest of the session's life.
    let later = run.to(leg.ended.plus_ms(1_000));
    let mut checker = Checker::from_snapshot(&snapshot, &snapshot.topology);
    checker.check_all(&later);
    assert!(checker.monitors.is_empty());
    assert_eq!(
        monitoring(&later)
            .into_iter()
            .map(|(_, event)| event)
            .collect::<Vec<_>>(),
        vec![
            ended(1, MonitorEndReason::CallEnded),
            ended(2, MonitorEndReason::CallEnded)
        ]
    );
}

#[test]
fn the_same_commands_at_the_same_times_give_the_same_stream() {
    let first = scripted_run();
    let second = scripted_run();
    assert!(monitoring(&first).len() >= 12, "{:?}", monitoring(&first));
    assert_eq!(first, second);
}

#[test]
fn monitoring_never_changes_what_the_centre_does() {
    let monitored = scripted_run();
    let mut plain = Run::new();
    plain.to(china(10, 45));
    assert_eq!(centre_only(&monitored), centre_only(&plain.events));
}
