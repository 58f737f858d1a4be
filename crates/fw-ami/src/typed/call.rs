//! Channel-level events a supervisor console needs: channel birth and death, hold,
//! origination results, DTMF, ChanSpy, UserEvents and the boot notice.

use crate::error::FieldError;
use crate::frame::Frame;
use crate::typed::channel::ChannelSnapshot;
use crate::typed::fields::{Fields, split_variable};

/// Hangup: a channel is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hangup {
    pub channel: ChannelSnapshot,
    /// Q.850 cause code (16 = normal clearing).
    pub cause: u32,
    /// The cause in words (`Cause-txt`).
    pub cause_txt: String,
}

impl Hangup {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            cause: fields.opt_number("Cause")?.unwrap_or(0),
            cause_txt: fields.text_or_default("Cause-txt"),
        })
    }
}

/// MusicOnHoldStart/Stop and Hold/Unhold: a channel started or stopped hearing hold
/// music. In a queue, MusicOnHold brackets the wait; Hold/Unhold come from a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnHold {
    pub channel: ChannelSnapshot,
    /// The music class (`Class` on MusicOnHoldStart, `MusicClass` on Hold).
    pub music_class: Option<String>,
}

impl OnHold {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            music_class: fields
                .opt_text("Class")
                .or_else(|| fields.opt_text("MusicClass")),
        })
    }
}

/// OriginateResponse: the outcome of an `Async: true` Originate, carrying the
/// Originate's `ActionID` but arriving after its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginateResponse {
    pub action_id: Option<String>,
    /// `Success` or `Failure` (a field of the event, not a response).
    pub response: String,
    pub channel: String,
    pub context: String,
    pub exten: String,
    /// Asterisk's dial result (4 = answered, 5 = busy, 3 = no answer, 8 = congestion).
    pub reason: u32,
    /// The new channel's id; `<null>` when the call failed.
    pub uniqueid: String,
    pub caller_id_num: String,
    pub caller_id_name: String,
    /// Channel variables. Here they are written `ChanVariable(<channel>): X=y`, with the
    /// channel in the key, unlike every other event.
    pub variables: Vec<(String, String)>,
}

impl OriginateResponse {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        let variables = fields
            .frame()
            .iter()
            .filter(|(k, _)| is_chan_variable_key(k))
            .map(|(_, v)| split_variable(v))
            .collect();
        Ok(Self {
            action_id: fields.opt_text("ActionID"),
            response: fields.text("Response")?,
            channel: fields.text("Channel")?,
            context: fields.text_or_default("Context"),
            exten: fields.text_or_default("Exten"),
            reason: fields.opt_number("Reason")?.unwrap_or(0),
            uniqueid: fields.text_or_default("Uniqueid"),
            caller_id_num: fields.text_or_default("CallerIDNum"),
            caller_id_name: fields.text_or_default("CallerIDName"),
            variables,
        })
    }
}

/// `ChanVariable` or `ChanVariable(<channel>)`, ignoring ASCII case.
fn is_chan_variable_key(key: &str) -> bool {
    const NAME: &[u8] = b"ChanVariable";
    let key = key.as_bytes();
    key.len() >= NAME.len()
        && key[..NAME.len()].eq_ignore_ascii_case(NAME)
        && (key.len() == NAME.len() || (key[NAME.len()] == b'(' && key.ends_with(b")")))
}

/// DTMFBegin/DTMFEnd: a key press. ChanSpy mode switches (option `d`: 4 listen,
/// 5 whisper, 6 barge) are visible only as these, on the supervisor's leg.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dtmf {
    pub channel: ChannelSnapshot,
    pub digit: String,
    /// `Received` or `Sent`.
    pub direction: String,
    /// Press length in ms (DTMFEnd only).
    pub duration_ms: Option<u32>,
}

impl Dtmf {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            digit: fields.text("Digit")?,
            direction: fields.text_or_default("Direction"),
            duration_ms: fields.opt_number("DurationMs")?,
        })
    }
}

/// ChanSpyStart/ChanSpyStop. It carries no mode (listen, whisper and barge look the
/// same), arrives about 100 ms after the supervisor leg's OriginateResponse, and never
/// comes at all when the target channel does not exist. Several spies may watch one
/// channel at once: conflict rules are the application's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChanSpy {
    /// The supervisor's leg (`Spyer…`).
    pub spyer: ChannelSnapshot,
    /// The spied-on channel (`Spyee…`); may be absent on stop if it is already gone.
    pub spyee: Option<ChannelSnapshot>,
}

impl ChanSpy {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            spyer: ChannelSnapshot::read(fields.prefixed("Spyer"))?,
            spyee: ChannelSnapshot::read_opt(fields.prefixed("Spyee"))?,
        })
    }
}

/// UserEvent: an application-defined event (the survey result, a console announcing an
/// AstDB toggle). May arrive out of order with the queue events it relates to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEvent {
    /// The `UserEvent:` value, e.g. `CallRouted`.
    pub name: String,
    /// The channel it was raised on, when raised from the dialplan.
    pub channel: Option<ChannelSnapshot>,
    /// The application's own headers: everything after the `UserEvent:` line, so a body
    /// `Priority` never collides with the channel's dialplan `Priority`.
    pub body: Frame,
}

impl UserEvent {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        let frame = fields.frame();
        let at = frame
            .position("UserEvent")
            .ok_or_else(|| fields.missing("UserEvent"))?;
        let (head, rest) = frame.fields().split_at(at);
        let head = Frame::from(head.to_vec());
        Ok(Self {
            name: rest[0].1.clone(),
            channel: ChannelSnapshot::read_opt(Fields::new(&head, fields.event()))?,
            body: Frame::from(rest[1..].to_vec()),
        })
    }
}

/// FullyBooted: Asterisk finished starting (also sent right after login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullyBooted {
    pub status: String,
    pub uptime_secs: Option<u64>,
    pub last_reload_secs: Option<u64>,
}

impl FullyBooted {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            status: fields.text_or_default("Status"),
            uptime_secs: fields.opt_number("Uptime")?,
            last_reload_secs: fields.opt_number("LastReload")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chan_variable_keys_with_and_without_channel() {
        assert!(is_chan_variable_key("ChanVariable"));
        assert!(is_chan_variable_key("chanvariable(Local/a;1)"));
        assert!(!is_chan_variable_key("ChanVariables"));
        assert!(!is_chan_variable_key("ChanVariable(open"));
        assert!(!is_chan_variable_key("DestChanVariable"));
    }

    #[test]
    fn user_event_body_starts_after_its_name() {
        let frame = Frame::new()
            .with("Event", "UserEvent")
            .with("Channel", "Local/support@callers-00000000;2")
            .with("Priority", "9")
            .with("Uniqueid", "1795343685.1")
            .with("UserEvent", "CallRouted")
            .with("Queue", "support")
            .with("Priority", "0");
        let event = UserEvent::read(Fields::new(&frame, "UserEvent")).unwrap();
        assert_eq!(event.name, "CallRouted");
        assert_eq!(event.channel.as_ref().and_then(|c| c.priority), Some(9));
        assert_eq!(event.body.get("Priority"), Some("0"));
        assert_eq!(event.body.len(), 2);

        let bare = Frame::new()
            .with("Event", "UserEvent")
            .with("UserEvent", "ModeChanged")
            .with("Mode", "emergency");
        let event = UserEvent::read(Fields::new(&bare, "UserEvent")).unwrap();
        assert_eq!(event.channel, None);
        assert_eq!(event.body.get("Mode"), Some("emergency"));
    }
}
