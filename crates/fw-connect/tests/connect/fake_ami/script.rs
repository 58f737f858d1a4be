//! A recorded transcript as a script for the fake server: the events Asterisk sent on its
//! own (not answers to the recording client's actions), each with its time, and the
//! list answers Asterisk gave at given moments (for comparing with the engine).

use fw_ami::{Decoded, Decoder, Frame};

#[allow(dead_code)]
#[path = "../../../../fw-ami/tests/ami/support/transcript.rs"]
mod transcript;

pub use transcript::Direction;

/// One unsolicited event of the recording.
#[derive(Clone, Debug)]
pub struct ScriptEvent {
    /// Milliseconds after the recording connected.
    pub at_ms: u64,
    pub frame: Frame,
}

/// A recorded list answer: what Asterisk said to a QueueStatus or QueueSummary at `at_ms`.
#[derive(Clone, Debug)]
pub struct RecordedList {
    pub at_ms: u64,
    pub action: String,
    pub items: Vec<Frame>,
}

/// The parts of a transcript the tests use.
#[derive(Clone, Debug)]
pub struct Script {
    pub events: Vec<ScriptEvent>,
    /// Every event Asterisk sent that is not a list item, including those that answer the
    /// recording client's own actions (OriginateResponse carries the Originate's id).
    pub all_events: Vec<ScriptEvent>,
    /// Every action the recording client sent, with its time.
    pub sent: Vec<ScriptEvent>,
    pub lists: Vec<RecordedList>,
    /// Platform time (ms) at the moment the recording connected, from the events' stamps.
    pub t0_ms: i64,
}

fn frames(bytes: &[u8]) -> Vec<Frame> {
    let mut decoder = Decoder::new();
    decoder.feed(bytes);
    let mut out = Vec::new();
    while let Some(decoded) = decoder.next_frame() {
        if let Ok(Decoded::Frame(frame)) = decoded {
            out.push(frame);
        }
    }
    out
}

pub fn stamp_ms(frame: &Frame) -> Option<i64> {
    let (secs, frac) = frame.get("Timestamp")?.split_once('.')?;
    Some(secs.parse::<i64>().ok()? * 1000 + frac.get(..3)?.parse::<i64>().ok()?)
}

impl Script {
    /// Reads `tests/fixtures/asterisk/transcripts/<name>`.
    pub fn load(name: &str) -> Script {
        let transcript = transcript::all()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no transcript {name}"));
        let mut events = Vec::new();
        let mut all_events = Vec::new();
        let mut sent = Vec::new();
        let mut lists: Vec<RecordedList> = Vec::new();
        let mut asked: Vec<(String, String, u64)> = Vec::new(); // (action id, action, at)
        for segment in &transcript.segments {
            for frame in frames(&segment.wire()) {
                match segment.direction {
                    Direction::Sent => {
                        sent.push(ScriptEvent {
                            at_ms: segment.at_ms,
                            frame: frame.clone(),
                        });
                        if let (Some(action), Some(id)) =
                            (frame.get("Action"), frame.get("ActionID"))
                            && (action == "QueueStatus" || action == "QueueSummary")
                        {
                            asked.push((id.to_owned(), action.to_owned(), segment.at_ms));
                        }
                    }
                    Direction::Recv => {
                        let is_event = frame.first().is_some_and(|(k, _)| k == "Event");
                        let list_item = frame
                            .get("ActionID")
                            .is_some_and(|id| asked.iter().any(|(a, _, _)| a == id))
                            || frame.get("EventList").is_some();
                        if is_event && !list_item {
                            all_events.push(ScriptEvent {
                                at_ms: segment.at_ms,
                                frame: frame.clone(),
                            });
                        }
                        match frame.get("ActionID") {
                            None if is_event => events.push(ScriptEvent {
                                at_ms: segment.at_ms,
                                frame,
                            }),
                            Some(id) if is_event => {
                                if let Some((_, action, at)) =
                                    asked.iter().find(|(a, _, _)| a == id)
                                    && frame.get("EventList").is_none()
                                {
                                    match lists
                                        .iter_mut()
                                        .find(|l| l.at_ms == *at && &l.action == action)
                                    {
                                        Some(list) => list.items.push(frame),
                                        None => lists.push(RecordedList {
                                            at_ms: *at,
                                            action: action.clone(),
                                            items: vec![frame],
                                        }),
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        let t0_ms = events
            .iter()
            .find_map(|e| stamp_ms(&e.frame).map(|ts| ts - e.at_ms.cast_signed()))
            .unwrap_or(1_795_343_685_000);
        Script {
            events,
            all_events,
            sent,
            lists,
            t0_ms,
        }
    }

    /// The recorded answers to `action` (QueueStatus or QueueSummary), in time order.
    pub fn recorded(&self, action: &str) -> Vec<&RecordedList> {
        self.lists.iter().filter(|l| l.action == action).collect()
    }
}
