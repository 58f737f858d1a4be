//! [`ChannelSnapshot`]: the block of channel fields most events carry.

use crate::error::FieldError;
use crate::typed::fields::{Fields, split_variable};

/// The channel fields Asterisk stamps on channel-related events, once per channel and,
/// for the second channel of an event, under a prefix (`Dest…` for the agent leg of
/// Agent* events, `Spyer…`/`Spyee…` for ChanSpy).
///
/// `priority` is the dialplan priority. It is not QueueEntry's `Priority` (the queue
/// priority) nor the `Priority` a UserEvent may carry in its own body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChannelSnapshot {
    /// Channel name, e.g. `Local/support@callers-00000000;2`.
    pub channel: String,
    /// Numeric channel state (`ChannelState`; 6 is Up).
    pub state: Option<u8>,
    /// The state's name (`ChannelStateDesc`: Up, Ringing, Down).
    pub state_desc: String,
    pub caller_id_num: String,
    pub caller_id_name: String,
    pub connected_line_num: String,
    pub connected_line_name: String,
    pub language: String,
    pub account_code: String,
    pub context: String,
    pub exten: String,
    /// Dialplan priority.
    pub priority: Option<u32>,
    /// This channel's id, stable for its life: the key to correlate a call's events.
    pub uniqueid: String,
    /// The id shared by every channel of one call.
    pub linkedid: String,
    /// `ChanVariable` values (those named in manager.conf's `channelvars`), in order.
    pub variables: Vec<(String, String)>,
}

impl ChannelSnapshot {
    /// Reads the snapshot at `fields`' prefix. `Channel` and `Uniqueid` are required;
    /// the rest reads as empty when absent.
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: fields.text("Channel")?,
            state: fields.opt_number("ChannelState")?,
            state_desc: fields.text_or_default("ChannelStateDesc"),
            caller_id_num: fields.text_or_default("CallerIDNum"),
            caller_id_name: fields.text_or_default("CallerIDName"),
            connected_line_num: fields.text_or_default("ConnectedLineNum"),
            connected_line_name: fields.text_or_default("ConnectedLineName"),
            language: fields.text_or_default("Language"),
            account_code: fields.text_or_default("AccountCode"),
            context: fields.text_or_default("Context"),
            exten: fields.text_or_default("Exten"),
            priority: fields.opt_number("Priority")?,
            uniqueid: fields.text("Uniqueid")?,
            linkedid: fields.text_or_default("Linkedid"),
            variables: fields.all("ChanVariable").map(split_variable).collect(),
        })
    }

    /// Reads the snapshot only when its `Channel` field is present (ChanSpyStop's spyee
    /// may be gone already).
    pub(crate) fn read_opt(fields: Fields<'_>) -> Result<Option<Self>, FieldError> {
        if fields.has("Channel") {
            Self::read(fields).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The value of a channel variable.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.variables
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Frame;

    #[test]
    fn reads_plain_and_prefixed_snapshots() {
        let frame = Frame::new()
            .with("Channel", "Local/support@callers-00000000;2")
            .with("ChannelState", "6")
            .with("ChannelStateDesc", "Up")
            .with("Priority", "10")
            .with("Uniqueid", "1795343685.1")
            .with("Linkedid", "1795343685.0")
            .with("ChanVariable", "CC_QUEUE=support")
            .with("ChanVariable", "CC_REGION=none")
            .with("DestChannel", "Local/agent1@agents-00000001;1")
            .with("DestUniqueid", "1795343685.2")
            .with("DestChanVariable", "CC_QUEUE=support");
        let fields = Fields::new(&frame, "AgentCalled");
        let caller = ChannelSnapshot::read(fields).unwrap();
        assert_eq!(caller.state, Some(6));
        assert_eq!(caller.priority, Some(10));
        assert_eq!(caller.variable("CC_REGION"), Some("none"));
        assert_eq!(caller.variables.len(), 2);
        let agent = ChannelSnapshot::read(fields.prefixed("Dest")).unwrap();
        assert_eq!(agent.channel, "Local/agent1@agents-00000001;1");
        assert_eq!(agent.uniqueid, "1795343685.2");
        assert_eq!(agent.state, None);
        assert_eq!(agent.variables, [("CC_QUEUE".into(), "support".into())]);
        assert_eq!(
            ChannelSnapshot::read_opt(fields.prefixed("Spyee")),
            Ok(None)
        );
    }
}
