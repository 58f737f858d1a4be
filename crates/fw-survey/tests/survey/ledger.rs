//! The call-facts ledger over hand-built event sequences.

use fw_domain::{
    AgentId, AgentState, CallId, CallerInfo, CompletionReason, DomainEvent, LeaveReason, QueueId,
};
use fw_survey::{CallFacts, CallFactsLedger, LedgeredSurvey};

use crate::support::{Stream, centre, survey};

fn offered(call: u64) -> DomainEvent {
    DomainEvent::CallOffered {
        call: CallId(call),
        caller: CallerInfo {
            number: "13800000000".to_owned(),
            region: "Hainan".to_owned(),
        },
    }
}

fn queued(call: u64, queue: u16) -> DomainEvent {
    DomainEvent::CallQueued {
        call: CallId(call),
        queue: QueueId(queue),
        priority: 0,
        fees_waived: false,
    }
}

fn answered(call: u64, agent: u32) -> DomainEvent {
    DomainEvent::CallAnswered {
        call: CallId(call),
        agent: AgentId(agent),
    }
}

fn completed(call: u64, reason: CompletionReason) -> DomainEvent {
    DomainEvent::CallCompleted {
        call: CallId(call),
        reason,
    }
}

/// Feeds events (seconds, event) and collects everything handed out, per event.
fn run(ledger: &mut CallFactsLedger, events: Vec<(f64, DomainEvent)>) -> Vec<Vec<LedgeredSurvey>> {
    let topology = centre();
    let mut stream = Stream::default();
    events
        .into_iter()
        .map(|(secs, event)| ledger.observe(&stream.at(secs, event), &topology))
        .collect()
}

/// A plain call: offered, queued, rung without answer, rung again, answered, held, done.
fn plain_call(call: u64) -> Vec<(f64, DomainEvent)> {
    vec![
        (0.0, offered(call)),
        (1.0, queued(call, 0)),
        (
            5.0,
            DomainEvent::AgentRinging {
                call: CallId(call),
                agent: AgentId(1),
            },
        ),
        (
            10.0,
            DomainEvent::RingNoAnswer {
                call: CallId(call),
                agent: AgentId(1),
            },
        ),
        (15.4, answered(call, 0)),
        (30.0, DomainEvent::CallHeld { call: CallId(call) }),
        (40.0, DomainEvent::CallResumed { call: CallId(call) }),
        (75.9, completed(call, CompletionReason::CallerHangup)),
    ]
}

fn plain_facts() -> CallFacts {
    CallFacts {
        site: "north".to_owned(),
        queue: "north-phones".to_owned(),
        agent: "王芳".to_owned(),
        wait_secs: Some(14),
        talk_secs: Some(60),
        escalated: false,
        callback: false,
    }
}

#[test]
fn a_survey_after_the_call_gets_its_facts() {
    let mut ledger = CallFactsLedger::new(100);
    let mut events = plain_call(7);
    events.push((120.0, survey(7, 4)));
    let out = run(&mut ledger, events);
    assert!(out[..8].iter().all(Vec::is_empty));
    let handed = &out[8];
    assert_eq!(handed.len(), 1);
    assert_eq!(handed[0].call, CallId(7));
    assert_eq!(handed[0].answered_at_ms, 120_000);
    assert_eq!(handed[0].facts, plain_facts());
    assert_eq!(handed[0].answers.csat, 4);
    assert_eq!(handed[0].answers.comment.as_deref(), Some("谢谢"));
    let record = handed[0].to_record("live");
    assert_eq!(record.validate(), Ok(()));
    assert_eq!(
        record.call_ref, "ref-7",
        "the platform's reference, not the interned id"
    );
    assert_eq!(record.facts, plain_facts());
}

#[test]
fn a_survey_that_overtakes_the_calls_end_is_held_until_it_ends() {
    let mut ledger = CallFactsLedger::new(100);
    let mut events = plain_call(8);
    events.insert(7, (50.0, survey(8, 2)));
    let out = run(&mut ledger, events);
    assert!(out[7].is_empty(), "held, not handed out");
    let at_end = &out[8];
    assert_eq!(at_end.len(), 1);
    // Answered no earlier than the call ended.
    assert_eq!(at_end[0].answered_at_ms, 75_900);
    assert_eq!(at_end[0].facts, plain_facts());
}

#[test]
fn an_escalated_call_adds_up_both_legs_and_ends_in_tier_two() {
    // As the simulator (and Asterisk) report it: the first leg completes as a transfer,
    // then the escalation and the new queue visit, at the same instant.
    let mut ledger = CallFactsLedger::new(100);
    let out = run(
        &mut ledger,
        vec![
            (0.0, offered(9)),
            (1.0, queued(9, 0)),
            (11.0, answered(9, 0)),
            (71.0, completed(9, CompletionReason::Transferred)),
            (
                71.0,
                DomainEvent::CallEscalated {
                    call: CallId(9),
                    to_queue: QueueId(2),
                },
            ),
            (71.0, queued(9, 2)),
            (101.0, answered(9, 2)),
            (161.0, completed(9, CompletionReason::AgentHangup)),
            (200.0, survey(9, 5)),
        ],
    );
    let handed = out.last().expect("a survey event");
    assert_eq!(
        handed[0].facts,
        CallFacts {
            site: "north".to_owned(),
            queue: "north-tier2".to_owned(),
            agent: "张伟".to_owned(),
            wait_secs: Some(40),
            talk_secs: Some(120),
            escalated: true,
            callback: false,
        }
    );
}

#[test]
fn a_withdrawn_caller_offered_again_keeps_waiting() {
    let mut ledger = CallFactsLedger::new(100);
    let out = run(
        &mut ledger,
        vec![
            (0.0, offered(10)),
            (0.0, queued(10, 0)),
            (
                10.0,
                DomainEvent::CallLeftQueue {
                    call: CallId(10),
                    reason: LeaveReason::Withdrawn,
                },
            ),
            (10.0, offered(10)),
            (10.0, queued(10, 1)),
            (25.0, answered(10, 1)),
            (85.0, completed(10, CompletionReason::CallerHangup)),
            (90.0, survey(10, 3)),
        ],
    );
    let facts = &out.last().expect("a survey")[0].facts;
    assert_eq!(
        (facts.site.as_str(), facts.queue.as_str()),
        ("south", "south-phones")
    );
    assert_eq!((facts.wait_secs, facts.talk_secs), (Some(25), Some(60)));
    assert_eq!(facts.agent, "Li Lei");
}

#[test]
fn a_callback_request_ends_the_call_and_is_a_fact() {
    let mut ledger = CallFactsLedger::new(100);
    let out = run(
        &mut ledger,
        vec![
            (0.0, offered(11)),
            (2.0, queued(11, 1)),
            (32.0, DomainEvent::CallbackRequested { call: CallId(11) }),
            (60.0, survey(11, 4)),
        ],
    );
    let facts = &out[3][0].facts;
    assert!(facts.callback && !facts.escalated);
    assert_eq!((facts.wait_secs, facts.talk_secs), (Some(30), None));
    assert_eq!(facts.agent, "");
}

#[test]
fn a_survey_for_an_unknown_call_is_not_lost() {
    let mut ledger = CallFactsLedger::new(100);
    let out = run(&mut ledger, vec![(5.0, survey(999, 1))]);
    assert_eq!(out[0].len(), 1);
    assert_eq!(out[0][0].facts, CallFacts::default());
    assert_eq!(out[0][0].answered_at_ms, 5_000);
}

#[test]
fn the_oldest_ended_calls_are_forgotten() {
    let mut ledger = CallFactsLedger::new(2);
    let mut events = Vec::new();
    for call in 1..=3 {
        events.extend(plain_call(call));
    }
    events.push((300.0, survey(1, 4)));
    events.push((301.0, survey(3, 4)));
    let out = run(&mut ledger, events);
    let forgotten = &out[out.len() - 2];
    assert_eq!(forgotten[0].facts, CallFacts::default());
    let remembered = &out[out.len() - 1];
    assert_eq!(remembered[0].facts, plain_facts());
    assert_eq!(ledger.tracked(), (0, 2));
}

#[test]
fn a_live_call_pushed_out_hands_out_its_held_survey() {
    let mut ledger = CallFactsLedger::new(1);
    let out = run(
        &mut ledger,
        vec![
            (0.0, offered(20)),
            (1.0, queued(20, 0)),
            (3.0, answered(20, 0)),
            (4.0, survey(20, 5)),
            (5.0, offered(21)),
        ],
    );
    assert!(out[3].is_empty());
    let handed = &out[4];
    assert_eq!(handed.len(), 1);
    assert_eq!(handed[0].call, CallId(20));
    assert_eq!(handed[0].answered_at_ms, 4_000);
    // What was known: the queue, the agent, the wait; the talk had not ended, so unknown.
    assert_eq!(handed[0].facts.agent, "王芳");
    assert_eq!(handed[0].facts.wait_secs, Some(2));
    assert_eq!(handed[0].facts.talk_secs, None);
}

#[test]
fn events_about_agents_and_monitoring_change_nothing() {
    let mut ledger = CallFactsLedger::new(10);
    let out = run(
        &mut ledger,
        vec![(
            0.0,
            DomainEvent::AgentStateChanged {
                agent: AgentId(0),
                state: AgentState::Available,
            },
        )],
    );
    assert!(out[0].is_empty());
    assert_eq!(ledger.tracked(), (0, 0));
}
