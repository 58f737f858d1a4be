//! Typed views of the events Floorwalker acts on, with field names, units and quirks
//! taken from recordings of a real Asterisk 22 (see `shared/fixtures/asterisk`).
//!
//! Each struct reads its fields strictly where Floorwalker depends on them (a queue
//! event without `Queue` is an error) and leniently where older Asterisk versions
//! differ (descriptive fields read as empty when absent).

mod agent;
mod call;
mod channel;
mod fields;
mod member;
mod queue;
mod snapshot;

pub use agent::{
    AgentCalled, AgentComplete, AgentConnect, AgentLeg, AgentRingNoAnswer, CompleteReason,
};
pub use call::{ChanSpy, Dtmf, FullyBooted, Hangup, OnHold, OriginateResponse, UserEvent};
pub use channel::ChannelSnapshot;
pub use fields::parse_flag;
pub use member::{DeviceState, QueueMemberState};
pub use queue::{QueueCaller, QueueCallerAbandon};
pub use snapshot::{
    ChannelStatus, CoreShowChannel, DbEntry, ListComplete, QueueEntry, QueueParams, QueueSummary,
};

use crate::error::FieldError;
use crate::event::Event;
use fields::Fields;

/// An event in its typed form; [`AmiEvent::Other`] for everything without one (VarSet,
/// Newexten, Bridge*, …), which a connector usually filters out by name first.
///
/// Variants are named after the Asterisk event. Large payloads are boxed so the enum
/// stays small when passed around.
#[derive(Debug, Clone, PartialEq)]
pub enum AmiEvent {
    QueueCallerJoin(Box<QueueCaller>),
    QueueCallerLeave(Box<QueueCaller>),
    QueueCallerAbandon(Box<QueueCallerAbandon>),
    AgentCalled(Box<AgentCalled>),
    AgentConnect(Box<AgentConnect>),
    AgentComplete(Box<AgentComplete>),
    AgentRingNoAnswer(Box<AgentRingNoAnswer>),
    QueueMemberStatus(Box<QueueMemberState>),
    QueueMemberPause(Box<QueueMemberState>),
    QueueMemberAdded(Box<QueueMemberState>),
    QueueMemberRemoved(Box<QueueMemberState>),
    QueueMemberPenalty(Box<QueueMemberState>),
    QueueMemberRinginuse(Box<QueueMemberState>),
    /// QueueStatus list item.
    QueueParams(Box<QueueParams>),
    /// QueueStatus list item (`Name`/`Location` read as member name/interface).
    QueueMember(Box<QueueMemberState>),
    /// QueueStatus list item.
    QueueEntry(Box<QueueEntry>),
    /// QueueSummary list item.
    QueueSummary(Box<QueueSummary>),
    /// Status list item.
    Status(Box<ChannelStatus>),
    /// CoreShowChannels list item.
    CoreShowChannel(Box<CoreShowChannel>),
    /// DBGet list item.
    DbGetResponse(Box<DbEntry>),
    /// DBGetTree list item.
    DbGetTreeResponse(Box<DbEntry>),
    /// The end of any list.
    ListComplete(Box<ListComplete>),
    Newchannel(Box<ChannelSnapshot>),
    Hangup(Box<Hangup>),
    MusicOnHoldStart(Box<OnHold>),
    MusicOnHoldStop(Box<OnHold>),
    Hold(Box<OnHold>),
    Unhold(Box<OnHold>),
    OriginateResponse(Box<OriginateResponse>),
    DtmfBegin(Box<Dtmf>),
    DtmfEnd(Box<Dtmf>),
    ChanSpyStart(Box<ChanSpy>),
    ChanSpyStop(Box<ChanSpy>),
    UserEvent(Box<UserEvent>),
    FullyBooted(Box<FullyBooted>),
    /// No typed view; the raw event is kept.
    Other(Box<Event>),
}

impl AmiEvent {
    /// Reads the typed view of `event` (event names compare ignoring ASCII case).
    pub fn parse(event: &Event) -> Result<Self, FieldError> {
        let name = event.name();
        let f = Fields::new(event.frame(), name);
        Ok(match name.to_ascii_lowercase().as_str() {
            "queuecallerjoin" => Self::QueueCallerJoin(Box::new(QueueCaller::read(f)?)),
            "queuecallerleave" => Self::QueueCallerLeave(Box::new(QueueCaller::read(f)?)),
            "queuecallerabandon" => {
                Self::QueueCallerAbandon(Box::new(QueueCallerAbandon::read(f)?))
            }
            "agentcalled" => Self::AgentCalled(Box::new(AgentCalled::read(f)?)),
            "agentconnect" => Self::AgentConnect(Box::new(AgentConnect::read(f)?)),
            "agentcomplete" => Self::AgentComplete(Box::new(AgentComplete::read(f)?)),
            "agentringnoanswer" => Self::AgentRingNoAnswer(Box::new(AgentRingNoAnswer::read(f)?)),
            "queuememberstatus" => Self::QueueMemberStatus(Box::new(QueueMemberState::read(f)?)),
            "queuememberpause" => Self::QueueMemberPause(Box::new(QueueMemberState::read(f)?)),
            "queuememberadded" => Self::QueueMemberAdded(Box::new(QueueMemberState::read(f)?)),
            "queuememberremoved" => Self::QueueMemberRemoved(Box::new(QueueMemberState::read(f)?)),
            "queuememberpenalty" => Self::QueueMemberPenalty(Box::new(QueueMemberState::read(f)?)),
            "queuememberringinuse" => {
                Self::QueueMemberRinginuse(Box::new(QueueMemberState::read(f)?))
            }
            "queueparams" => Self::QueueParams(Box::new(QueueParams::read(f)?)),
            "queuemember" => Self::QueueMember(Box::new(QueueMemberState::read(f)?)),
            "queueentry" => Self::QueueEntry(Box::new(QueueEntry::read(f)?)),
            "queuesummary" => Self::QueueSummary(Box::new(QueueSummary::read(f)?)),
            "status" => Self::Status(Box::new(ChannelStatus::read(f)?)),
            "coreshowchannel" => Self::CoreShowChannel(Box::new(CoreShowChannel::read(f)?)),
            "dbgetresponse" => Self::DbGetResponse(Box::new(DbEntry::read(f)?)),
            "dbgettreeresponse" => Self::DbGetTreeResponse(Box::new(DbEntry::read(f)?)),
            "newchannel" => Self::Newchannel(Box::new(ChannelSnapshot::read(f)?)),
            "hangup" => Self::Hangup(Box::new(Hangup::read(f)?)),
            "musiconholdstart" => Self::MusicOnHoldStart(Box::new(OnHold::read(f)?)),
            "musiconholdstop" => Self::MusicOnHoldStop(Box::new(OnHold::read(f)?)),
            "hold" => Self::Hold(Box::new(OnHold::read(f)?)),
            "unhold" => Self::Unhold(Box::new(OnHold::read(f)?)),
            "originateresponse" => Self::OriginateResponse(Box::new(OriginateResponse::read(f)?)),
            "dtmfbegin" => Self::DtmfBegin(Box::new(Dtmf::read(f)?)),
            "dtmfend" => Self::DtmfEnd(Box::new(Dtmf::read(f)?)),
            "chanspystart" => Self::ChanSpyStart(Box::new(ChanSpy::read(f)?)),
            "chanspystop" => Self::ChanSpyStop(Box::new(ChanSpy::read(f)?)),
            "userevent" => Self::UserEvent(Box::new(UserEvent::read(f)?)),
            "fullybooted" => Self::FullyBooted(Box::new(FullyBooted::read(f)?)),
            _ if event.is_list_complete() => Self::ListComplete(Box::new(ListComplete::read(f)?)),
            _ => Self::Other(Box::new(event.clone())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(event: &str) -> Event {
        Event::new(event)
            .with("Channel", "Local/support@callers-00000000;2")
            .with("Uniqueid", "1795343685.1")
    }

    #[test]
    fn dispatches_by_name_and_falls_back_to_other() {
        let join = caller("QueueCallerJoin")
            .with("Queue", "support")
            .with("Position", "1")
            .with("Count", "1");
        let Ok(AmiEvent::QueueCallerJoin(join)) = join.typed() else {
            panic!("not a join");
        };
        assert_eq!(
            (join.queue.as_str(), join.position, join.count),
            ("support", 1, 1)
        );

        let varset = Event::new("VarSet").with("Variable", "X");
        assert_eq!(
            varset.typed(),
            Ok(AmiEvent::Other(Box::new(varset.clone())))
        );

        let done = Event::new("DeviceStateListComplete")
            .with("EventList", "Complete")
            .with("ListItems", "9");
        assert!(matches!(
            done.typed(),
            Ok(AmiEvent::ListComplete(c)) if c.list_items == Some(9)
        ));
    }

    #[test]
    fn missing_required_fields_are_errors_not_panics() {
        let join = caller("QueueCallerJoin").with("Queue", "support");
        assert_eq!(
            join.typed(),
            Err(FieldError::Missing {
                event: "QueueCallerJoin".into(),
                field: "Position".into()
            })
        );
        let connect = caller("AgentConnect").with("Queue", "support");
        assert!(matches!(
            connect.typed(),
            Err(FieldError::Missing { field, .. }) if field == "Interface"
        ));
        let half_leg = caller("AgentConnect").with("DestChannel", "Local/agent1@agents-00000001;1");
        assert!(matches!(
            half_leg.typed(),
            Err(FieldError::Missing { field, .. }) if field == "DestUniqueid"
        ));
        let user = Event::new("UserEvent");
        assert!(user.typed().is_err());
    }

    #[test]
    fn ring_time_units_are_kept_apart() {
        let leg = |name: &str| {
            caller(name)
                .with("DestChannel", "Local/agent1@agents-00000001;1")
                .with("DestUniqueid", "1795343685.2")
                .with("Queue", "support")
                .with("Interface", "Local/agent1@agents/n")
                .with("MemberName", "Alice")
        };
        let rna = leg("AgentRingNoAnswer").with("RingTime", "15000");
        let Ok(AmiEvent::AgentRingNoAnswer(rna)) = rna.typed() else {
            panic!("not a ring-no-answer");
        };
        assert_eq!(rna.ring_time_ms, 15_000);
        let connect = leg("AgentConnect")
            .with("HoldTime", "17")
            .with("RingTime", "2");
        let Ok(AmiEvent::AgentConnect(connect)) = connect.typed() else {
            panic!("not a connect");
        };
        assert_eq!((connect.hold_time_secs, connect.ring_time_secs), (17, 2));
        let agent = connect.leg.agent.as_ref().expect("agent leg");
        assert_eq!(agent.uniqueid, "1795343685.2");
        assert!(connect.leg.caller.is_some());
    }
}
