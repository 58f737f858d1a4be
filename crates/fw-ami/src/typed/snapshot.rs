//! Items of the snapshot lists a connector reads after every (re)connect: QueueStatus
//! (QueueParams, QueueMember, QueueEntry), QueueSummary, Status, CoreShowChannels,
//! DBGet/DBGetTree, and the `…Complete` event that ends each list.

use crate::error::FieldError;
use crate::typed::channel::ChannelSnapshot;
use crate::typed::fields::Fields;

/// QueueParams: one queue's configuration and counters (QueueStatus list).
///
/// Spelling trap: `Holdtime` here, `HoldTime` elsewhere, but `TalkTime` in both.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueParams {
    pub queue: String,
    /// Maximum callers (0 = unlimited).
    pub max: u32,
    pub strategy: String,
    /// Callers waiting now.
    pub calls: u32,
    /// Average hold seconds (`Holdtime`).
    pub hold_time_secs: u32,
    /// Average talk seconds (`TalkTime`).
    pub talk_time_secs: u32,
    pub completed: u32,
    pub abandoned: u32,
    /// Service-level threshold in seconds (`ServiceLevel`).
    pub service_level_secs: u32,
    /// Percentage answered within the threshold (`ServicelevelPerf`).
    pub service_level_perf: f64,
    /// The variant that counts abandons (`ServicelevelPerf2`, newer versions).
    pub service_level_perf2: Option<f64>,
    pub weight: i32,
}

impl QueueParams {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            queue: fields.text("Queue")?,
            max: fields.number("Max")?,
            strategy: fields.text_or_default("Strategy"),
            calls: fields.number("Calls")?,
            hold_time_secs: fields.number("Holdtime")?,
            talk_time_secs: fields.number("TalkTime")?,
            completed: fields.number("Completed")?,
            abandoned: fields.number("Abandoned")?,
            service_level_secs: fields.number("ServiceLevel")?,
            service_level_perf: fields.number("ServicelevelPerf")?,
            service_level_perf2: fields.opt_number("ServicelevelPerf2")?,
            weight: fields.opt_number("Weight")?.unwrap_or(0),
        })
    }
}

/// QueueEntry: one waiting caller (QueueStatus list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub queue: String,
    pub position: u32,
    pub channel: String,
    pub uniqueid: String,
    pub caller_id_num: String,
    pub caller_id_name: String,
    pub connected_line_num: String,
    pub connected_line_name: String,
    /// Seconds waited so far (`Wait`).
    pub wait_secs: u32,
    /// The caller's *queue* priority (`Priority` here is not the dialplan priority).
    pub queue_priority: i32,
}

impl QueueEntry {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            queue: fields.text("Queue")?,
            position: fields.number("Position")?,
            channel: fields.text("Channel")?,
            uniqueid: fields.text("Uniqueid")?,
            caller_id_num: fields.text_or_default("CallerIDNum"),
            caller_id_name: fields.text_or_default("CallerIDName"),
            connected_line_num: fields.text_or_default("ConnectedLineNum"),
            connected_line_name: fields.text_or_default("ConnectedLineName"),
            wait_secs: fields.number("Wait")?,
            queue_priority: fields.opt_number("Priority")?.unwrap_or(0),
        })
    }
}

/// QueueSummary: one queue's live figures (QueueSummary list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSummary {
    pub queue: String,
    pub logged_in: u32,
    pub available: u32,
    pub callers: u32,
    /// Average hold seconds (`HoldTime`).
    pub hold_time_secs: u32,
    /// Average talk seconds.
    pub talk_time_secs: u32,
    /// The longest current wait, in seconds.
    pub longest_hold_time_secs: u32,
}

impl QueueSummary {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            queue: fields.text("Queue")?,
            logged_in: fields.number("LoggedIn")?,
            available: fields.number("Available")?,
            callers: fields.number("Callers")?,
            hold_time_secs: fields.number("HoldTime")?,
            talk_time_secs: fields.number("TalkTime")?,
            longest_hold_time_secs: fields.number("LongestHoldTime")?,
        })
    }
}

/// Status: one live channel (Status list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelStatus {
    pub channel: ChannelSnapshot,
    /// Channel technology (`Type`: Local, PJSIP).
    pub channel_type: String,
    pub application: String,
    pub data: String,
    /// The bridge the channel is in; empty when none.
    pub bridge_id: String,
    /// Seconds since the channel was created.
    pub seconds: Option<u64>,
}

impl ChannelStatus {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            channel_type: fields.text_or_default("Type"),
            application: fields.text_or_default("Application"),
            data: fields.text_or_default("Data"),
            bridge_id: fields.text_or_default("BridgeID"),
            seconds: fields.opt_number("Seconds")?,
        })
    }
}

/// CoreShowChannel: one live channel (CoreShowChannels list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreShowChannel {
    pub channel: ChannelSnapshot,
    pub application: String,
    pub application_data: String,
    /// Age of the channel, from `Duration: HH:MM:SS`.
    pub duration_secs: Option<u64>,
    /// Note the spelling `BridgeId` (Status says `BridgeID`; lookups ignore case anyway).
    pub bridge_id: String,
}

impl CoreShowChannel {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        let duration_secs = match fields.raw("Duration").filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(parse_hms(d).ok_or_else(|| fields.invalid("Duration", "HH:MM:SS", d))?),
        };
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            application: fields.text_or_default("Application"),
            application_data: fields.text_or_default("ApplicationData"),
            duration_secs,
            bridge_id: fields.text_or_default("BridgeId"),
        })
    }
}

/// `HH:MM:SS` to seconds (hours may exceed 24).
fn parse_hms(value: &str) -> Option<u64> {
    let mut parts = value.trim().split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || m >= 60 || s >= 60 {
        return None;
    }
    h.checked_mul(3600)?.checked_add(m * 60 + s)
}

/// DBGetResponse / DBGetTreeResponse: one AstDB entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbEntry {
    /// The family for DBGet; DBGetTree puts the whole path in `key` instead.
    pub family: Option<String>,
    /// The key (`/family/key` for DBGetTree).
    pub key: String,
    pub value: String,
}

impl DbEntry {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            family: fields.opt_text("Family"),
            key: fields.text("Key")?,
            value: fields.text("Val")?,
        })
    }
}

/// Any `…Complete` event with `EventList: Complete`, which ends a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListComplete {
    /// QueueStatusComplete, StatusComplete, DBGetComplete, …
    pub event: String,
    /// How many items the list had, per Asterisk (`ListItems`).
    pub list_items: Option<u32>,
}

impl ListComplete {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            event: fields.event().to_owned(),
            list_items: fields.opt_number("ListItems")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_reject_nonsense() {
        assert_eq!(parse_hms("00:00:03"), Some(3));
        assert_eq!(parse_hms("26:01:02"), Some(26 * 3600 + 62));
        assert_eq!(parse_hms("1:2"), None);
        assert_eq!(parse_hms("00:61:00"), None);
        assert_eq!(parse_hms("a:b:c"), None);
        assert_eq!(parse_hms("1:2:3:4"), None);
        assert_eq!(parse_hms(&format!("{}:00:00", u64::MAX)), None);
    }
}
