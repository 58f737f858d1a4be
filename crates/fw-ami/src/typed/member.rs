//! [`QueueMemberState`]: one queue member as QueueMemberStatus, QueueMemberPause,
//! QueueMemberAdded/Removed/Penalty/Ringinuse and QueueStatus's QueueMember report it.

use crate::error::FieldError;
use crate::typed::fields::Fields;

/// A member's device state (`Status`), Asterisk's `AST_DEVICE_*` numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceState {
    Unknown,
    NotInUse,
    InUse,
    Busy,
    Invalid,
    Unavailable,
    Ringing,
    RingInUse,
    OnHold,
    /// A number newer Asterisk versions may add.
    Other(u32),
}

impl DeviceState {
    /// Maps the numeric `Status` value.
    pub fn from_code(code: u32) -> Self {
        match code {
            0 => Self::Unknown,
            1 => Self::NotInUse,
            2 => Self::InUse,
            3 => Self::Busy,
            4 => Self::Invalid,
            5 => Self::Unavailable,
            6 => Self::Ringing,
            7 => Self::RingInUse,
            8 => Self::OnHold,
            other => Self::Other(other),
        }
    }
}

/// One member of one queue.
///
/// The member events name fields `MemberName`/`Interface`; QueueStatus's QueueMember
/// names the same things `Name`/`Location`. Both read into this one shape so callers
/// never meet the difference. `CallsTaken` is bumped in every queue the member is in
/// (shared_lastcall): count per-queue calls from AgentComplete instead. `in_call` is
/// racy (QueueMemberStatus comes from another thread) and only a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMemberState {
    pub queue: String,
    /// Display name (`MemberName` or `Name`).
    pub member_name: String,
    /// The member's key, e.g. `Local/agent1@agents/n` (`Interface` or `Location`).
    pub interface: String,
    /// Where device state is read from.
    pub state_interface: String,
    /// `static`, `dynamic` or `realtime`.
    pub membership: String,
    pub penalty: i32,
    pub calls_taken: u32,
    /// Unix seconds of the last call's end; 0 when none.
    pub last_call: u64,
    /// Unix seconds of the last pause; absent before Asterisk 13.
    pub last_pause: Option<u64>,
    /// Unix seconds of login.
    pub login_time: Option<u64>,
    pub in_call: Option<bool>,
    pub status: DeviceState,
    pub paused: bool,
    pub paused_reason: String,
    /// Whether the member may be rung while in use (member events only).
    pub ring_in_use: Option<bool>,
    /// Wrap-up seconds configured for the member.
    pub wrapup_time_secs: Option<u32>,
}

impl QueueMemberState {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        let either = |a: &str, b: &str| {
            fields
                .opt_text(a)
                .or_else(|| fields.opt_text(b))
                .ok_or_else(|| fields.missing(a))
        };
        Ok(Self {
            queue: fields.text("Queue")?,
            member_name: either("MemberName", "Name")?,
            interface: either("Interface", "Location")?,
            state_interface: fields.text_or_default("StateInterface"),
            membership: fields.text_or_default("Membership"),
            penalty: fields.opt_number("Penalty")?.unwrap_or(0),
            calls_taken: fields.opt_number("CallsTaken")?.unwrap_or(0),
            last_call: fields.opt_number("LastCall")?.unwrap_or(0),
            last_pause: fields.opt_number("LastPause")?,
            login_time: fields.opt_number("LoginTime")?,
            in_call: fields.opt_flag("InCall")?,
            status: DeviceState::from_code(fields.number("Status")?),
            paused: fields.flag("Paused")?,
            paused_reason: fields.text_or_default("PausedReason"),
            ring_in_use: fields.opt_flag("Ringinuse")?,
            wrapup_time_secs: fields.opt_number("Wrapuptime")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Frame;

    #[test]
    fn member_event_and_queue_status_spellings_read_the_same() {
        let status = Frame::new()
            .with("Queue", "billing")
            .with("MemberName", "Carol")
            .with("Interface", "Local/agent3@agents/n")
            .with("Status", "1")
            .with("Paused", "1")
            .with("PausedReason", "drill");
        let listed = Frame::new()
            .with("Queue", "billing")
            .with("Name", "Carol")
            .with("Location", "Local/agent3@agents/n")
            .with("Status", "1")
            .with("Paused", "1")
            .with("PausedReason", "drill");
        let a = QueueMemberState::read(Fields::new(&status, "QueueMemberPause")).unwrap();
        let b = QueueMemberState::read(Fields::new(&listed, "QueueMember")).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.status, DeviceState::NotInUse);
        assert!(a.paused);
    }

    #[test]
    fn a_missing_interface_names_the_primary_spelling() {
        let frame = Frame::new().with("Queue", "q").with("Name", "x");
        assert_eq!(
            QueueMemberState::read(Fields::new(&frame, "QueueMember")),
            Err(FieldError::Missing {
                event: "QueueMember".into(),
                field: "Interface".into()
            })
        );
    }

    #[test]
    fn device_codes_map_and_unknown_codes_survive() {
        assert_eq!(DeviceState::from_code(6), DeviceState::Ringing);
        assert_eq!(DeviceState::from_code(42), DeviceState::Other(42));
    }
}
