//! The recorded Asterisk 22 transcripts: every one decodes cleanly, snapshots of what the
//! codec makes of them, and the fixture README's traps checked against the real bytes.

use fw_ami::{AmiEvent, Decoder, Event, Message, Outcome};

use crate::support::replay::{Replay, render, replay};
use crate::support::snapshot::assert_snapshot;
use crate::support::transcript::{self, Direction, Transcript};

/// The fixture folder's one file that is not an AMI transcript.
const QUEUE_LOG_SAMPLE: &str = "10-queue_log-sample.txt";

fn transcript(name: &str) -> Transcript {
    transcript::all()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no transcript {name}"))
}

fn events(name: &str) -> Vec<Event> {
    let mut decoder = Decoder::new();
    decoder.feed(&transcript(name).received());
    std::iter::from_fn(|| decoder.next_message())
        .filter_map(|m| match m.expect("decodes") {
            Message::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn typed(name: &str) -> Vec<AmiEvent> {
    events(name)
        .iter()
        .map(|e| e.typed().expect("typed view"))
        .collect()
}

#[test]
fn every_file_is_a_transcript_or_the_known_queue_log_sample() {
    let names: Vec<String> = transcript::all().into_iter().map(|t| t.name).collect();
    assert_eq!(names.len(), 7, "{names:?}");
    for (name, _) in transcript::files() {
        assert!(
            names.contains(&name) || name == QUEUE_LOG_SAMPLE,
            "{name} is neither an AMI transcript nor the queue_log sample"
        );
    }
}

#[test]
fn every_transcript_decodes_types_and_correlates_without_error() {
    for t in transcript::all() {
        let r: Replay = replay(&t);
        assert!(r.errors.is_empty(), "{}: {:#?}", t.name, r.errors);
        assert!(
            r.pending.is_empty(),
            "{}: unanswered {:?}",
            t.name,
            r.pending
        );
        assert_eq!(
            r.completed.len(),
            r.actions_sent,
            "{}: every action is answered exactly once",
            t.name
        );
        for result in &r.completed {
            assert_ne!(
                result.count_matches(),
                Some(false),
                "{}: {} items vs ListItems",
                t.name,
                result.action_id()
            );
        }
        assert!(r.frames_received > 10, "{}", t.name);
        assert!(r.typed_events > 0, "{}", t.name);
    }
}

#[test]
fn snapshots_of_every_transcript() {
    for t in transcript::all() {
        let stem = t.name.trim_end_matches(".txt").to_owned();
        assert_snapshot(&stem, &render(&t, &replay(&t)));
    }
}

#[test]
fn the_file_form_with_lf_and_a_blank_after_the_greeting_decodes_like_the_wire() {
    for t in transcript::all() {
        let file_form: Vec<u8> = t
            .segments
            .iter()
            .filter(|s| s.direction == Direction::Recv)
            .flat_map(|s| s.lines.iter().flat_map(|l| [l.as_bytes(), b"\n"]))
            .flatten()
            .copied()
            .collect();
        let decode = |bytes: &[u8]| {
            let mut d = Decoder::new();
            d.feed(bytes);
            let out: Vec<_> = std::iter::from_fn(|| d.next_frame()).collect();
            (out, d.finish())
        };
        assert_eq!(decode(&file_form), decode(&t.received()), "{}", t.name);
    }
}

#[test]
fn the_queue_log_sample_is_rejected_line_by_line_without_panicking() {
    let (_, text) = transcript::files()
        .into_iter()
        .find(|(name, _)| name == QUEUE_LOG_SAMPLE)
        .expect("queue_log sample present");
    let mut decoder = Decoder::new();
    decoder.feed(text.as_bytes());
    let items: Vec<_> = std::iter::from_fn(|| decoder.next_frame()).collect();
    assert!(!items.is_empty());
    assert!(items.iter().all(Result::is_err), "no frame in a queue_log");
}

#[test]
fn greeting_is_the_ami_protocol_version() {
    let mut decoder = Decoder::new();
    decoder.feed(&transcript("01-queue-flow.txt").received());
    let Some(Ok(Message::Greeting(greeting))) = decoder.next_message() else {
        panic!("the stream starts with the greeting");
    };
    assert_eq!(greeting.version(), "11.0.0");
    assert!(matches!(
        decoder.next_message(),
        Some(Ok(Message::Response(r))) if r.action_id() == Some("fw-1")
    ));
}

#[test]
fn answered_calls_leave_the_queue_before_the_agent_connects() {
    let order: Vec<&'static str> = typed("02-single-call-all-events.txt")
        .iter()
        .filter_map(|e| match e {
            AmiEvent::QueueCallerJoin(_) => Some("join"),
            AmiEvent::AgentCalled(_) => Some("called"),
            AmiEvent::QueueCallerLeave(_) => Some("leave"),
            AmiEvent::AgentConnect(_) => Some("connect"),
            AmiEvent::AgentComplete(_) => Some("complete"),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["join", "called", "leave", "connect", "complete"]);
}

#[test]
fn ring_times_keep_their_units() {
    let events = typed("01-queue-flow.txt");
    let no_answer = events
        .iter()
        .find_map(|e| match e {
            AmiEvent::AgentRingNoAnswer(r) => Some(r),
            _ => None,
        })
        .expect("Alice never answers");
    assert_eq!(no_answer.ring_time_ms, 15_000);
    assert_eq!(no_answer.leg.member_name, "Alice");
    assert!(events.iter().any(|e| matches!(
        e,
        AmiEvent::AgentConnect(c) if c.leg.member_name == "Bob" && c.hold_time_secs == 17
    )));
}

#[test]
fn abandons_come_before_leaving() {
    let events = typed("01-queue-flow.txt");
    let abandoned: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            AmiEvent::QueueCallerAbandon(a) => Some(a.channel.uniqueid.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(abandoned.len(), 2);
    for uniqueid in abandoned {
        let abandon_at = events.iter().position(
            |e| matches!(e, AmiEvent::QueueCallerAbandon(a) if a.channel.uniqueid == uniqueid),
        );
        let leave_at = events.iter().position(
            |e| matches!(e, AmiEvent::QueueCallerLeave(l) if l.channel.uniqueid == uniqueid),
        );
        assert!(abandon_at < leave_at, "{uniqueid}");
    }
}

#[test]
fn queue_status_and_member_events_read_into_one_member_shape() {
    let events = typed("03-queuestatus-queuesummary.txt");
    let listed = events
        .iter()
        .find_map(|e| match e {
            AmiEvent::QueueMember(m) if m.member_name == "Bob" && m.paused => Some(m),
            _ => None,
        })
        .expect("Bob paused in QueueStatus");
    assert_eq!(listed.interface, "Local/agent2@agents/n");
    assert_eq!(listed.paused_reason, "lunch");
    let paused = typed("04-disaster-mode-astdb.txt")
        .into_iter()
        .find_map(|e| match e {
            AmiEvent::QueueMemberPause(m) => Some(m),
            _ => None,
        })
        .expect("a QueueMemberPause");
    assert_eq!(paused.interface, "Local/agent3@agents/n");
    assert_eq!(paused.paused_reason, "drill");
}

#[test]
fn priorities_are_told_apart() {
    let events = typed("01-queue-flow.txt");
    let routed = events
        .iter()
        .find_map(|e| match e {
            AmiEvent::UserEvent(u) if u.name == "CallRouted" => Some(u),
            _ => None,
        })
        .expect("a CallRouted UserEvent");
    assert_eq!(routed.channel.as_ref().and_then(|c| c.priority), Some(9));
    assert_eq!(routed.body.get("Priority"), Some("0"));
    let entry = events
        .iter()
        .find_map(|e| match e {
            AmiEvent::QueueEntry(q) => Some(q),
            _ => None,
        })
        .expect("a QueueEntry");
    assert_eq!(entry.queue_priority, 0);
}

#[test]
fn originate_response_variables_carry_the_channel_in_the_key() {
    let response = typed("02-single-call-all-events.txt")
        .into_iter()
        .find_map(|e| match e {
            AmiEvent::OriginateResponse(o) => Some(o),
            _ => None,
        })
        .expect("an OriginateResponse");
    assert_eq!(response.action_id.as_deref(), Some("fw-2"));
    assert_eq!(response.reason, 4);
    assert_eq!(
        response.variables,
        [
            ("CC_QUEUE".to_owned(), String::new()),
            ("CC_REGION".to_owned(), String::new())
        ]
    );
}

#[test]
fn astdb_misses_are_errors_and_hits_are_lists() {
    let r = replay(&transcript("04-disaster-mode-astdb.txt"));
    let miss = r
        .completed
        .iter()
        .find(|c| c.action_id() == "fw-15")
        .expect("fw-15 answered");
    assert_eq!(miss.response.outcome(), &Outcome::Error);
    assert_eq!(miss.response.message(), Some("Database entry not found"));
    assert!(miss.items.is_empty());
    let hit = r
        .completed
        .iter()
        .find(|c| c.action_id() == "fw-17")
        .expect("fw-17 answered");
    assert!(hit.is_success());
    assert_eq!(hit.count_matches(), Some(true));
    let Ok(AmiEvent::DbGetResponse(entry)) = hit.items[0].typed() else {
        panic!("a DBGetResponse item");
    };
    assert_eq!(
        (
            entry.family.as_deref(),
            entry.key.as_str(),
            entry.value.as_str()
        ),
        (Some("ccsup/mode"), "emergency", "on")
    );
}

#[test]
fn chanspy_events_name_both_legs_and_no_mode() {
    let events = typed("05-chanspy-listen-whisper-barge.txt");
    let starts: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            AmiEvent::ChanSpyStart(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(starts.len(), 8);
    for start in starts {
        assert!(start.spyer.channel.starts_with("Local/supervisor@"));
        let spyee = start.spyee.as_ref().expect("spyee present on start");
        assert!(spyee.channel.starts_with("Local/agent1@agents-"));
    }
    let digits: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            AmiEvent::DtmfEnd(d) => Some(d.digit.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(digits, ["5", "6", "4"]);
}

#[test]
fn command_output_keeps_its_indentation_and_blank_lines() {
    let r = replay(&transcript("07-resync-snapshot.txt"));
    let output: Vec<&str> = r
        .completed
        .iter()
        .find(|c| c.action_id() == "fw-13")
        .expect("Command answered")
        .response
        .output()
        .collect();
    assert_eq!(output[1], "   Members: ");
    assert_eq!(output[5], "");
    assert_eq!(output.len(), 13);
}

#[test]
fn events_on_brings_varset_noise_that_stays_untyped() {
    let events = events("02-single-call-all-events.txt");
    let varsets = events.iter().filter(|e| e.name() == "VarSet").count();
    assert_eq!(varsets, 94);
    assert!(
        events
            .iter()
            .filter(|e| e.name() == "VarSet")
            .all(|e| matches!(e.typed(), Ok(AmiEvent::Other(_))))
    );
}

#[test]
fn logoff_is_answered_with_goodbye() {
    for t in transcript::all() {
        let r = replay(&t);
        let last = r.completed.last().expect("something answered");
        assert_eq!(last.response.outcome(), &Outcome::Goodbye, "{}", t.name);
    }
}

#[test]
fn agent_complete_may_lack_either_leg() {
    let complete = |name: &str| -> Vec<(bool, bool)> {
        typed(name)
            .into_iter()
            .filter_map(|e| match e {
                AmiEvent::AgentComplete(c) => Some((c.leg.caller.is_some(), c.leg.agent.is_some())),
                _ => None,
            })
            .collect()
    };
    assert!(complete("01-queue-flow.txt").contains(&(true, false)));
    assert!(complete("05-chanspy-listen-whisper-barge.txt").contains(&(false, true)));
}

#[test]
fn the_transcript_reader_restores_the_wire() {
    let text = "#< +0.005 recv\nAsterisk Call Manager/11.0.0\n\n#> +0.006 sent\nAction: Ping\nActionID: 1\n\n## +0.007 NOTE hello\n#< +1.250 recv\nResponse: Success\nActionID: 1\n\n";
    let t = Transcript::parse("x.txt", text).unwrap();
    assert_eq!(t.segments.len(), 3);
    assert_eq!(t.segments[2].at_ms, 1250);
    assert_eq!(t.notes, ["+0.007 NOTE hello"]);
    assert_eq!(
        t.received(),
        b"Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: 1\r\n\r\n"
    );
    assert_eq!(
        t.wire(Direction::Sent),
        b"Action: Ping\r\nActionID: 1\r\n\r\n"
    );
    assert!(Transcript::parse("q.txt", "1795343679|NONE|NONE|NONE|QUEUESTART|\n").is_none());
}
