//! Replays a transcript through the codec the way a connector and a fake server would,
//! and renders what came out as stable text for the snapshots.

use std::fmt::Write as _;

use fw_ami::{ActionResult, AmiEvent, Correlator, Decoder, Message, Routed};

use super::transcript::{Direction, Transcript};

/// What one replay produced.
#[derive(Debug, Default)]
pub struct Replay {
    /// One line per decoded unit and per completed action, in order.
    pub lines: Vec<String>,
    /// Anything that went wrong: decode errors, typed-view errors, stray actions.
    pub errors: Vec<String>,
    pub frames_received: usize,
    pub actions_sent: usize,
    pub typed_events: usize,
    pub completed: Vec<ActionResult>,
    /// ActionIDs still waiting at the end.
    pub pending: Vec<String>,
}

/// Feeds the sent blocks to a server-side decoder (registering each action with the
/// correlator, as a connector does when it writes) and the received blocks to a
/// client-side decoder whose messages go through the correlator, in transcript order.
pub fn replay(transcript: &Transcript) -> Replay {
    let mut out = Replay::default();
    let mut client = Decoder::new();
    let mut server = Decoder::new();
    let mut correlator = Correlator::new();
    for segment in &transcript.segments {
        match segment.direction {
            Direction::Sent => {
                server.feed(&segment.wire());
                while let Some(item) = server.next_message() {
                    on_sent(&mut out, &mut correlator, item);
                }
            }
            Direction::Recv => {
                client.feed(&segment.wire());
                while let Some(item) = client.next_message() {
                    on_received(&mut out, &mut correlator, item);
                }
            }
        }
    }
    for (side, decoder) in [("received", &mut client), ("sent", &mut server)] {
        if let Some(error) = decoder.finish() {
            out.errors.push(format!("{side} stream: {error}"));
        }
    }
    out.pending = correlator.pending_ids().map(str::to_owned).collect();
    out
}

fn on_sent(
    out: &mut Replay,
    correlator: &mut Correlator,
    item: Result<Message, fw_ami::DecodeError>,
) {
    match item {
        Ok(Message::Action(action)) => {
            out.actions_sent += 1;
            match action.action_id() {
                Some(id) => {
                    if let Err(error) = correlator.expect(id) {
                        out.errors.push(format!("sent {id}: {error}"));
                    }
                }
                None => out
                    .errors
                    .push(format!("sent action without id: {action:?}")),
            }
            out.lines.push(format!("> {action:?}"));
        }
        Ok(other) => out.errors.push(format!("sent a non-action: {other:?}")),
        Err(error) => out.errors.push(format!("sent: {error}")),
    }
}

fn on_received(
    out: &mut Replay,
    correlator: &mut Correlator,
    item: Result<Message, fw_ami::DecodeError>,
) {
    let message = match item {
        Ok(message) => message,
        Err(error) => {
            out.errors.push(format!("received: {error}"));
            out.lines.push(format!("! {error}"));
            return;
        }
    };
    out.frames_received += 1;
    let line = describe(out, &message);
    out.lines.push(line);
    if let Some(Routed::Completed(result)) = correlator.route(message) {
        out.lines.push(describe_result(&result));
        out.completed.push(result);
    }
}

fn describe(out: &mut Replay, message: &Message) -> String {
    match message {
        Message::Greeting(greeting) => format!("< greeting {:?}", greeting.line()),
        Message::Response(response) => {
            let mut line = format!(
                "< response {} id={} message={:?}",
                response.outcome().as_str(),
                response.action_id().unwrap_or("-"),
                response.message().unwrap_or(""),
            );
            if response.is_list_start() {
                line.push_str(" list=start");
            }
            let output = response.output().count();
            if output > 0 {
                let _ = write!(line, " output_lines={output}");
            }
            let _ = write!(line, " fields={}", response.frame().len());
            line
        }
        Message::Event(event) => {
            let head = format!(
                "< event {} id={}",
                event.name(),
                event.action_id().unwrap_or("-")
            );
            match event.typed() {
                Ok(AmiEvent::Other(_)) => format!("{head} untyped fields={}", event.frame().len()),
                Ok(typed) => {
                    out.typed_events += 1;
                    format!("{head} {typed:?}")
                }
                Err(error) => {
                    out.errors.push(format!("typed {}: {error}", event.name()));
                    format!("{head} ! {error}")
                }
            }
        }
        Message::Action(action) => format!("< unexpected {action:?}"),
    }
}

fn describe_result(result: &ActionResult) -> String {
    let mut line = format!(
        "= {} completed {}",
        result.action_id(),
        result.response.outcome().as_str()
    );
    if !result.items.is_empty() || result.complete.is_some() {
        let mut names: Vec<(&str, usize)> = Vec::new();
        for item in &result.items {
            match names.iter_mut().find(|(n, _)| *n == item.name()) {
                Some((_, count)) => *count += 1,
                None => names.push((item.name(), 1)),
            }
        }
        let names: Vec<String> = names.iter().map(|(n, c)| format!("{n}x{c}")).collect();
        let _ = write!(
            line,
            " items={} [{}] complete={} count_matches={:?}",
            result.items.len(),
            names.join(" "),
            result.complete.as_ref().map_or("-", fw_ami::Event::name),
            result.count_matches(),
        );
    }
    line
}

/// The snapshot text of a replay.
pub fn render(transcript: &Transcript, replay: &Replay) -> String {
    let mut text = format!(
        "# {}: {} frames received ({} typed events), {} actions sent, {} completed, pending {:?}\n",
        transcript.name,
        replay.frames_received,
        replay.typed_events,
        replay.actions_sent,
        replay.completed.len(),
        replay.pending,
    );
    for line in &replay.lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}
