//! A caller's life in a queue: QueueCallerJoin, QueueCallerLeave, QueueCallerAbandon.
//!
//! Order on an answered call: Join → AgentCalled → Leave → AgentConnect →
//! AgentComplete; Leave comes *before* AgentConnect. On an abandon: Abandon, then Leave.
//! A caller withdrawn by QueueWithdrawCaller is also reported as an Abandon (only
//! queue_log says WITHDRAW).

use crate::error::FieldError;
use crate::typed::channel::ChannelSnapshot;
use crate::typed::fields::Fields;

/// QueueCallerJoin and QueueCallerLeave: a caller entered or left a queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCaller {
    /// The caller's channel.
    pub channel: ChannelSnapshot,
    pub queue: String,
    /// Position in the queue (1-based) at the moment of joining or leaving.
    pub position: u32,
    /// Callers in the queue after the change.
    pub count: u32,
}

impl QueueCaller {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            queue: fields.text("Queue")?,
            position: fields.number("Position")?,
            count: fields.number("Count")?,
        })
    }
}

/// QueueCallerAbandon: the caller hung up (or was withdrawn) while waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCallerAbandon {
    pub channel: ChannelSnapshot,
    pub queue: String,
    /// Position when abandoning.
    pub position: u32,
    /// Position on joining.
    pub original_position: u32,
    /// Seconds waited (`HoldTime`).
    pub hold_time_secs: u32,
}

impl QueueCallerAbandon {
    pub(crate) fn read(fields: Fields<'_>) -> Result<Self, FieldError> {
        Ok(Self {
            channel: ChannelSnapshot::read(fields)?,
            queue: fields.text("Queue")?,
            position: fields.number("Position")?,
            original_position: fields.number("OriginalPosition")?,
            hold_time_secs: fields.number("HoldTime")?,
        })
    }
}
