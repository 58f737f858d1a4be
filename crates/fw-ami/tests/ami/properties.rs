//! Properties over arbitrary input: encode/decode round trips, garbage never panics and
//! the stream recovers, and results never depend on how the bytes were split.

use fw_ami::{
    Action, Correlator, DEFAULT_MAX_FRAME_BYTES, DecodeError, Decoded, Decoder, Event, Frame,
    Greeting, Message, Outcome, Response, Routed,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::transcript;

// ---- strategies ----

/// Keys as Asterisk spells them, plus arbitrary Unicode keys the codec must also carry.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z0-9_()/;@.-]{0,15}",
        1 => "[^:\\p{Cc}\\s][^:\\p{Cc}]{0,8}"
            .prop_filter("no trailing whitespace", |k| !k.ends_with(char::is_whitespace)),
    ]
}

/// Any value without CR or LF, including empty, leading spaces and control characters.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ -~]{0,30}",
        1 => "[^\r\n]{0,30}",
        1 => Just(String::new()),
    ]
}

fn fields(max: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    vec((key(), value()), 0..max)
}

fn frame() -> impl Strategy<Value = Frame> {
    ((key(), value()), fields(8)).prop_map(|(first, rest)| {
        let mut frame = Frame::new().with(first.0, first.1);
        for (k, v) in rest {
            frame.push(k, v);
        }
        frame
    })
}

fn not_reserved(key: &str) -> bool {
    !key.eq_ignore_ascii_case("Action") && !key.eq_ignore_ascii_case("ActionID")
}

fn action() -> impl Strategy<Value = Action> {
    (
        "[A-Za-z]{1,20}",
        proptest::option::of("[ -~]{0,12}"),
        vec(
            (key().prop_filter("reserved", |k| not_reserved(k)), value()),
            0..8,
        ),
    )
        .prop_map(|(name, id, headers)| {
            let mut action = Action::new(name);
            if let Some(id) = id {
                action = action.with_action_id(id);
            }
            for (k, v) in headers {
                action = action.header(k, v);
            }
            action
        })
}

fn message() -> impl Strategy<Value = Message> {
    prop_oneof![
        "[^:\r\n]{0,12}".prop_map(|v| Message::Greeting(Greeting::new(&v))),
        ("Success|Error|Goodbye|Follows|[A-Za-z]{0,8}", fields(6)).prop_map(|(outcome, rest)| {
            let mut response = Response::new(&Outcome::parse(&outcome));
            for (k, v) in rest {
                response = response.with(k, v);
            }
            Message::Response(response)
        }),
        ("[ -~]{0,20}", fields(6)).prop_map(|(name, rest)| {
            let mut event = Event::new(name);
            for (k, v) in rest {
                event = event.with(k, v);
            }
            Message::Event(event)
        }),
        action().prop_map(Message::Action),
    ]
}

/// Bytes shaped like a confused peer: random bytes mixed with line ends, colons,
/// greetings, invalid UTF-8 and valid frames.
fn noisy_stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => vec(any::<u8>(), 0..24),
        2 => Just(b"\r\n".to_vec()),
        2 => Just(b"\n".to_vec()),
        1 => Just(b"\r".to_vec()),
        1 => Just(b":".to_vec()),
        1 => Just(b"\xff\xfe\x00".to_vec()),
        1 => Just(b"Asterisk Call Manager/11.0.0\r\n".to_vec()),
        1 => Just(b"Response: Follows\r\nPrivilege: Command\r\n".to_vec()),
        3 => frame().prop_map(|f| f.encode().expect("valid frame")),
    ];
    vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn limit() -> impl Strategy<Value = usize> {
    prop_oneof![Just(DEFAULT_MAX_FRAME_BYTES), 1usize..200]
}

// ---- helpers ----

type Item = Result<Decoded, DecodeError>;

fn drain(decoder: &mut Decoder) -> Vec<Item> {
    std::iter::from_fn(|| decoder.next_frame()).collect()
}

/// Decodes `bytes` fed in pieces cut at `cuts`, then ends the stream.
fn decode_split(limit: usize, bytes: &[u8], cuts: &[usize]) -> (Vec<Item>, Option<DecodeError>) {
    let mut points: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
    points.sort_unstable();
    let mut decoder = Decoder::with_max_frame_bytes(limit);
    let mut items = Vec::new();
    let mut start = 0;
    for point in points.into_iter().chain([bytes.len()]) {
        decoder.feed(&bytes[start..point]);
        items.extend(drain(&mut decoder));
        start = point;
    }
    (items, decoder.finish())
}

// ---- properties ----

proptest! {
    #[test]
    fn frames_round_trip(frames in vec(frame(), 1..6)) {
        let mut bytes = Vec::new();
        for frame in &frames {
            frame.encode_into(&mut bytes).expect("valid frame");
        }
        let mut decoder = Decoder::new();
        decoder.feed(&bytes);
        let decoded = drain(&mut decoder);
        let expected: Vec<Item> = frames.into_iter().map(|f| Ok(Decoded::Frame(f))).collect();
        prop_assert_eq!(decoded, expected);
        prop_assert_eq!(decoder.finish(), None);
    }

    #[test]
    fn messages_round_trip(messages in vec(message(), 1..6)) {
        let mut bytes = Vec::new();
        for message in &messages {
            bytes.extend(message.encode().expect("valid message"));
        }
        let mut decoder = Decoder::new();
        decoder.feed(&bytes);
        let decoded: Vec<_> = std::iter::from_fn(|| decoder.next_message()).collect();
        let expected: Vec<Result<Message, DecodeError>> = messages.into_iter().map(Ok).collect();
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn actions_round_trip(action in action()) {
        let mut decoder = Decoder::new();
        decoder.feed(&action.encode().expect("valid action"));
        prop_assert_eq!(decoder.next_message(), Some(Ok(Message::Action(action))));
        prop_assert_eq!(decoder.next_message(), None);
    }

    #[test]
    fn garbage_never_panics_and_the_next_frame_survives(
        garbage in noisy_stream(),
        frame in frame(),
        small in any::<bool>(),
        slack in 0usize..64,
    ) {
        let encoded = frame.encode().expect("valid frame");
        let limit = if small { encoded.len() + slack } else { DEFAULT_MAX_FRAME_BYTES };
        let mut decoder = Decoder::with_max_frame_bytes(limit);
        decoder.feed(&garbage);
        drain(&mut decoder);
        decoder.feed(b"\r\n\r\n");
        decoder.feed(&encoded);
        let after = drain(&mut decoder);
        prop_assert_eq!(after.last(), Some(&Ok(Decoded::Frame(frame))));
        prop_assert_eq!(decoder.finish(), None);
        prop_assert_eq!(decoder.buffered(), 0);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..4096), limit in limit()) {
        let mut decoder = Decoder::with_max_frame_bytes(limit);
        decoder.feed(&bytes);
        while let Some(item) = decoder.next_message() {
            if let Ok(Message::Event(event)) = item {
                let _ = event.typed();
            }
        }
        let _ = decoder.finish();
    }

    #[test]
    fn splitting_the_input_never_changes_the_result(
        bytes in noisy_stream(),
        cuts in vec(any::<Index>(), 0..16),
        limit in limit(),
    ) {
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        prop_assert_eq!(decode_split(limit, &bytes, &cuts), decode_split(limit, &bytes, &[]));
    }

    #[test]
    fn splitting_a_transcript_never_changes_its_frames(
        which in any::<Index>(),
        cuts in vec(any::<Index>(), 1..24),
    ) {
        let transcripts = transcript::all();
        let bytes = transcripts[which.index(transcripts.len())].received();
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        let whole = decode_split(DEFAULT_MAX_FRAME_BYTES, &bytes, &[]);
        prop_assert!(whole.0.iter().all(Result::is_ok));
        prop_assert_eq!(decode_split(DEFAULT_MAX_FRAME_BYTES, &bytes, &cuts), whole);
    }

    #[test]
    fn typed_views_never_panic(
        name in prop::sample::select(EVENT_NAMES),
        fields in vec((prop::sample::select(EVENT_KEYS), prop::sample::select(EVENT_VALUES)), 0..24),
    ) {
        let mut event = Event::new(name);
        for (k, v) in fields {
            event = event.with(k, v);
        }
        let _ = event.typed();
    }

    #[test]
    fn the_correlator_answers_each_action_at_most_once(
        ids in vec("[a-c]", 0..6),
        messages in vec((prop::sample::select(&["a", "b", "c", "z"][..]), 0u8..4), 0..24),
    ) {
        let mut correlator = Correlator::new();
        let mut expected = std::collections::BTreeSet::new();
        for id in ids {
            if correlator.expect(&id).is_ok() {
                expected.insert(id);
            }
        }
        let mut answered = Vec::new();
        for (id, kind) in messages {
            let message = match kind {
                0 => Message::Response(Response::new(&Outcome::Success).with("ActionID", id)),
                1 => Message::Response(
                    Response::new(&Outcome::Success).with("ActionID", id).with("EventList", "start"),
                ),
                2 => Message::Event(Event::new("Item").with("ActionID", id)),
                _ => Message::Event(
                    Event::new("ItemComplete").with("ActionID", id).with("EventList", "Complete"),
                ),
            };
            if let Some(Routed::Completed(result)) = correlator.route(message) {
                answered.push(result.action_id().to_owned());
            }
        }
        let mut unique = answered.clone();
        unique.dedup();
        prop_assert_eq!(unique.len(), answered.len());
        prop_assert!(answered.iter().all(|id| expected.contains(id)));
        prop_assert_eq!(answered.len() + correlator.pending_len(), expected.len());
    }
}

const EVENT_NAMES: &[&str] = &[
    "QueueCallerJoin",
    "QueueCallerLeave",
    "QueueCallerAbandon",
    "AgentCalled",
    "AgentConnect",
    "AgentComplete",
    "AgentRingNoAnswer",
    "QueueMemberStatus",
    "QueueMember",
    "QueueParams",
    "QueueEntry",
    "QueueSummary",
    "Status",
    "CoreShowChannel",
    "DBGetResponse",
    "Newchannel",
    "Hangup",
    "MusicOnHoldStart",
    "Hold",
    "OriginateResponse",
    "DTMFEnd",
    "ChanSpyStart",
    "UserEvent",
    "FullyBooted",
    "SomethingComplete",
    "VarSet",
];

const EVENT_KEYS: &[&str] = &[
    "Channel",
    "Uniqueid",
    "Priority",
    "ChannelState",
    "ChanVariable",
    "ChanVariable(Local/a;1)",
    "DestChannel",
    "DestUniqueid",
    "SpyerChannel",
    "SpyerUniqueid",
    "SpyeeChannel",
    "Queue",
    "Position",
    "Count",
    "OriginalPosition",
    "HoldTime",
    "Holdtime",
    "TalkTime",
    "RingTime",
    "Interface",
    "MemberName",
    "Name",
    "Location",
    "Status",
    "Paused",
    "InCall",
    "Max",
    "Calls",
    "Completed",
    "Abandoned",
    "ServiceLevel",
    "ServicelevelPerf",
    "Wait",
    "Duration",
    "Key",
    "Val",
    "Response",
    "Reason",
    "Digit",
    "UserEvent",
    "EventList",
    "ListItems",
    "LoggedIn",
    "Available",
    "Callers",
    "LongestHoldTime",
];

const EVENT_VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "7",
    "-5",
    "15000",
    "4294967296",
    "100.0",
    "x",
    "00:00:03",
    "99:99:99",
    "Complete",
    "true",
    "A=b",
    "=",
];
