//! What the fake does to calls for a supervisor's actions, as the recordings show Asterisk
//! doing it: `Originate` of a spy leg (OriginateResponse, then ChanSpyStart when the spied
//! channel exists), `QueuePause`, `PlayDTMF` on a spy leg (mode switching) and `Hangup`.

use fw_ami::{Action, Frame};

use super::server::{Shared, response, stamp};

#[derive(Debug)]
pub(super) struct SpyLeg {
    pub(super) leg: String,
    pub(super) uniqueid: String,
    pub(super) spying: bool,
}

fn channel_event(name: &str, now: i64, channel: &str, uniqueid: &str) -> Frame {
    Frame::new()
        .with("Event", name)
        .with("Privilege", "call,all")
        .with("Timestamp", stamp(now))
        .with("Channel", channel)
        .with("ChannelState", "6")
        .with("ChannelStateDesc", "Up")
        .with("Uniqueid", uniqueid)
}

pub(super) fn originate(shared: &mut Shared, action: &Action, now: i64) -> Vec<Frame> {
    let endpoint = action.get("Channel").unwrap_or_default().to_owned();
    let spied = action
        .headers()
        .iter()
        .filter(|(k, _)| k == "Variable")
        .find_map(|(_, v)| v.strip_prefix("SPYCHAN="))
        .unwrap_or_default()
        .to_owned();
    shared.legs_made += 1;
    let leg = format!("{endpoint}-{:08x};1", shared.legs_made);
    let uniqueid = format!("{}.{}", now / 1000, shared.legs_made);
    let id = action.action_id().unwrap_or_default();
    let mut frames = vec![response(action, "Success", "Originate successfully queued")];
    let originate_response = |outcome: &str, channel: &str, reason: &str, uniqueid: &str| {
        Frame::new()
            .with("Event", "OriginateResponse")
            .with("Privilege", "call,all")
            .with("Timestamp", stamp(now))
            .with("ActionID", id)
            .with("Response", outcome)
            .with("Channel", channel)
            .with("Context", action.get("Context").unwrap_or_default())
            .with("Exten", action.get("Exten").unwrap_or_default())
            .with("Reason", reason)
            .with("Uniqueid", uniqueid)
    };
    if endpoint.contains("noanswer") {
        frames.push(originate_response("Failure", &endpoint, "3", "<null>"));
        return frames;
    }
    frames.push(originate_response("Success", &leg, "4", &uniqueid));
    if endpoint.contains("silent") {
        shared.spy_legs.push(SpyLeg {
            leg,
            uniqueid,
            spying: false,
        });
        return frames;
    }
    let spyee = shared
        .model
        .channels
        .iter()
        .find(|c| c.name == spied)
        .cloned();
    match spyee {
        Some(spyee) => {
            frames.push(
                Frame::new()
                    .with("Event", "ChanSpyStart")
                    .with("Privilege", "call,all")
                    .with("Timestamp", stamp(now + 100))
                    .with("SpyerChannel", leg.as_str())
                    .with("SpyerUniqueid", uniqueid.as_str())
                    .with("SpyeeChannel", spyee.name.as_str())
                    .with("SpyeeUniqueid", spyee.uniqueid.as_str()),
            );
            shared.spy_legs.push(SpyLeg {
                leg,
                uniqueid,
                spying: true,
            });
        }
        None => {
            // As recorded: ChanSpy finds nothing to spy on and the leg hangs up.
            frames.push(channel_event("Hangup", now + 1, &leg, &uniqueid).with("Cause", "0"));
        }
    }
    frames
}

pub(super) fn queue_pause(shared: &mut Shared, action: &Action, now: i64) -> Vec<Frame> {
    let interface = action.get("Interface").unwrap_or_default();
    let paused = action
        .get("Paused")
        .is_some_and(|p| p.eq_ignore_ascii_case("true"));
    let reason = action.get("Reason").unwrap_or_default();
    let only = action.get("Queue");
    let mut events = Vec::new();
    for queue in &mut shared.model.queues {
        if only.is_some_and(|q| q != queue.name) {
            continue;
        }
        if let Some(member) = queue.members.iter_mut().find(|m| m.interface == interface) {
            member.paused = paused;
            member.reason = if paused {
                reason.to_owned()
            } else {
                String::new()
            };
            events.push(
                Frame::new()
                    .with("Event", "QueueMemberPause")
                    .with("Privilege", "agent,all")
                    .with("Timestamp", stamp(now))
                    .with("Queue", queue.name.as_str())
                    .with("MemberName", member.name.as_str())
                    .with("Interface", interface)
                    .with("StateInterface", interface)
                    .with("Membership", "static")
                    .with("Status", member.status.to_string())
                    .with("Paused", if paused { "1" } else { "0" })
                    .with("PausedReason", member.reason.as_str()),
            );
        }
    }
    if events.is_empty() {
        return vec![response(action, "Error", "Interface not found")];
    }
    let message = if paused {
        "Interface paused successfully"
    } else {
        "Interface unpaused successfully"
    };
    let mut frames = vec![response(action, "Success", message)];
    frames.extend(events);
    frames
}

pub(super) fn play_dtmf(shared: &Shared, action: &Action, now: i64) -> Vec<Frame> {
    let channel = action.get("Channel").unwrap_or_default();
    match shared.spy_legs.iter().find(|l| l.leg == channel) {
        Some(leg) => {
            let digit = action.get("Digit").unwrap_or_default();
            let direction = if action.get("Receive") == Some("true") {
                "Received"
            } else {
                "Sent"
            };
            let uniqueid = leg.uniqueid.clone();
            vec![
                response(action, "Success", "DTMF successfully queued"),
                channel_event("DTMFBegin", now, channel, &uniqueid)
                    .with("Digit", digit)
                    .with("Direction", direction),
                channel_event("DTMFEnd", now, channel, &uniqueid)
                    .with("Digit", digit)
                    .with("DurationMs", "100")
                    .with("Direction", direction),
            ]
        }
        None => vec![response(action, "Error", "No such channel")],
    }
}

pub(super) fn hang_up(shared: &mut Shared, action: &Action, now: i64) -> Vec<Frame> {
    let channel = action.get("Channel").unwrap_or_default().to_owned();
    match shared.spy_legs.iter().position(|l| l.leg == channel) {
        Some(index) => {
            let leg = shared.spy_legs.remove(index);
            let mut frames = vec![response(action, "Success", "Channel Hungup")];
            if leg.spying {
                frames.push(
                    Frame::new()
                        .with("Event", "ChanSpyStop")
                        .with("Privilege", "call,all")
                        .with("Timestamp", stamp(now))
                        .with("SpyerChannel", leg.leg.as_str())
                        .with("SpyerUniqueid", leg.uniqueid.as_str()),
                );
            }
            frames.push(
                channel_event("Hangup", now, &leg.leg, &leg.uniqueid)
                    .with("Cause", "0")
                    .with("Cause-txt", "Unknown"),
            );
            frames
        }
        None => vec![response(action, "Error", "No such channel")],
    }
}
