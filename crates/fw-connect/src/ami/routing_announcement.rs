//! The `UserEvent` a console raises after writing routing keys to AstDB. AstDB writes
//! raise no AMI event, so without it the other consoles (and wallboards) would learn of a
//! change only at their next poll of the team's store. One event per mode switched on or
//! off:
//!
//! ```text
//! Action: UserEvent
//! UserEvent: FloorwalkerRouting
//! Version: 8
//! Mode: 5
//! State: on
//! Record: 0|fw1|closure|queue:billing|0|…
//! ```
//!
//! `Record` is the mode's AstDB record (`fw_routing::astdb::encode_record`), so a listener
//! can say which mode changed without reading AstDB; `Version` is the plan version the
//! writer brought Asterisk to. Asterisk copies every header but `Action` and `UserEvent`
//! into the event, `ActionID` included.

use fw_ami::{Action, Frame};
use fw_routing::ModeId;
use fw_routing::astdb::{AstDbEntry, AstDbOp, FAMILY_MODE};

/// The `UserEvent:` name of the announcement.
pub const ROUTING_USER_EVENT: &str = "FloorwalkerRouting";

/// One mode switched on or off on Asterisk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Announcement {
    pub(crate) version: u64,
    pub(crate) mode: ModeId,
    pub(crate) on: bool,
    /// The mode's record: the new one when switched on, the deleted one when off.
    pub(crate) record: String,
}

impl Announcement {
    /// The `UserEvent` action that broadcasts it.
    pub(crate) fn action(&self) -> Action {
        Action::user_event(ROUTING_USER_EVENT)
            .header("Version", self.version.to_string())
            .header("Mode", self.mode.0.to_string())
            .header("State", if self.on { "on" } else { "off" })
            .header("Record", self.record.as_str())
    }

    /// Reads the headers after `UserEvent: FloorwalkerRouting`; the error says what is
    /// missing or unreadable.
    pub(crate) fn read(body: &Frame) -> Result<Announcement, String> {
        let number = |name: &str| {
            body.get(name)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .ok_or_else(|| format!("no readable {name}"))
        };
        let on = match body.get("State").map(str::trim) {
            Some(state) if state.eq_ignore_ascii_case("on") => true,
            Some(state) if state.eq_ignore_ascii_case("off") => false,
            _ => return Err("State is neither on nor off".to_owned()),
        };
        Ok(Announcement {
            version: number("Version")?,
            mode: ModeId(number("Mode")?),
            on,
            record: body.get("Record").ok_or("no Record")?.to_owned(),
        })
    }
}

/// The modes `ops` switch on or off, given the keys Asterisk held before (`known`): a
/// record put where none was is a mode on, a record deleted is a mode off. Records of
/// unknown ids (not mode numbers) are not announced.
pub(crate) fn announcements(
    known: &[AstDbEntry],
    ops: &[AstDbOp],
    version: u64,
) -> Vec<Announcement> {
    let held = |key: &str| {
        known
            .iter()
            .find(|e| e.family == FAMILY_MODE && e.key == key)
    };
    ops.iter()
        .filter_map(|op| {
            let (key, on, record) = match op {
                AstDbOp::Put(entry) if entry.family == FAMILY_MODE => {
                    if held(&entry.key).is_some() {
                        return None;
                    }
                    (entry.key.as_str(), true, entry.value.clone())
                }
                AstDbOp::Del { family, key } if *family == FAMILY_MODE => {
                    (key.as_str(), false, held(key)?.value.clone())
                }
                _ => return None,
            };
            let mode = ModeId(key.parse().ok()?);
            Some(Announcement {
                version,
                mode,
                on,
                record,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use fw_routing::astdb::{FAMILY_CLOSED, FAMILY_PLAN, KEY_VERSION};

    use super::*;

    #[test]
    fn records_put_and_deleted_are_announced_and_nothing_else() {
        let known = [
            AstDbEntry::new(FAMILY_MODE, "1", "closure record"),
            AstDbEntry::new(FAMILY_MODE, "2", "night record"),
            AstDbEntry::new(FAMILY_MODE, "junk", "not a mode"),
        ];
        let ops = [
            AstDbOp::Put(AstDbEntry::new(FAMILY_MODE, "3", "priority record")),
            AstDbOp::Put(AstDbEntry::new(FAMILY_MODE, "2", "night record, rewritten")),
            AstDbOp::Put(AstDbEntry::new(FAMILY_CLOSED, "billing", "0|3")),
            AstDbOp::Put(AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "9")),
            AstDbOp::Del {
                family: FAMILY_MODE,
                key: "1".into(),
            },
            AstDbOp::Del {
                family: FAMILY_MODE,
                key: "junk".into(),
            },
        ];
        let said = announcements(&known, &ops, 9);
        assert_eq!(
            said,
            [
                Announcement {
                    version: 9,
                    mode: ModeId(3),
                    on: true,
                    record: "priority record".into(),
                },
                Announcement {
                    version: 9,
                    mode: ModeId(1),
                    on: false,
                    record: "closure record".into(),
                },
            ]
        );
    }

    #[test]
    fn an_announcement_reads_back_from_the_event_headers() {
        let said = Announcement {
            version: 8,
            mode: ModeId(5),
            on: false,
            record: "0|fw1|closure|queue:billing|0|1||1|Lee|||Storm: east".into(),
        };
        let action = said.action();
        assert_eq!(action.get("UserEvent"), Some(ROUTING_USER_EVENT));
        // What a listener gets: the headers after `UserEvent:`, ActionID among them.
        let mut body = Frame::new().with("ActionID", "fw-12");
        for (key, value) in action.headers() {
            if !key.eq_ignore_ascii_case("UserEvent") {
                body.push(key.as_str(), value.as_str());
            }
        }
        assert_eq!(Announcement::read(&body), Ok(said));
        let broken = Frame::new().with("Version", "8").with("Mode", "5");
        assert_eq!(
            Announcement::read(&broken),
            Err("State is neither on nor off".to_owned())
        );
    }
}
