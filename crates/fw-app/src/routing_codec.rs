//! The plan's modes as the store keeps them: one line per mode, `<id>\t<record>`, where the
//! record is fw-routing's (the same text the Asterisk dialplan's `floorwalker/mode` keys
//! hold). Sites and queues are named, so the text survives a platform that renumbers them.
//! A request waiting for approval is a line `?<id>\t<expires at ms>\t<record>`: the same
//! record, never written to the platform.

use std::fmt::Write as _;

use fw_domain::{Timestamp, Topology};
use fw_routing::astdb::{AstDbError, decode_record, encode_record};
use fw_routing::{ActiveMode, PendingApproval};

/// What the store's text holds: the modes on, and the requests waiting.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct StoredModes {
    pub active: Vec<ActiveMode>,
    pub pending: Vec<PendingApproval>,
}

const PENDING_MARK: char = '?';

pub(crate) fn encode_modes(
    modes: &[ActiveMode],
    pending: &[PendingApproval],
    topology: &Topology,
) -> Result<String, AstDbError> {
    let mut text = String::new();
    for mode in modes {
        text.push_str(&mode.id.0.to_string());
        text.push('\t');
        text.push_str(&encode_record(mode, topology)?);
        text.push('\n');
    }
    for waiting in pending {
        let request = &waiting.request;
        let _ = write!(
            text,
            "{PENDING_MARK}{}\t{}\t",
            request.id.0, waiting.expires_at.0
        );
        text.push_str(&encode_record(request, topology)?);
        text.push('\n');
    }
    Ok(text)
}

pub(crate) fn decode_modes(text: &str, topology: &Topology) -> Result<StoredModes, AstDbError> {
    let mut stored = StoredModes::default();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let bad = |problem: &str| AstDbError::BadRecord {
            key: line.chars().take(20).collect(),
            problem: problem.to_owned(),
        };
        let (id, rest) = line
            .split_once('\t')
            .ok_or_else(|| bad("a stored mode has no number"))?;
        if let Some(id) = id.strip_prefix(PENDING_MARK) {
            let (expires, record) = rest
                .split_once('\t')
                .ok_or_else(|| bad("a stored request has no expiry"))?;
            let expires_at = expires
                .parse()
                .map(Timestamp)
                .map_err(|_| bad("a stored request's expiry is not a number"))?;
            stored.pending.push(PendingApproval {
                request: decode_record(id, record, topology)?,
                expires_at,
            });
        } else {
            stored.active.push(decode_record(id, rest, topology)?);
        }
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use fw_domain::{RoutingMode, RoutingScope, SupervisorId, Timestamp};
    use fw_routing::{Actor, ModeId, Reason};
    use fw_sim::{SimConfig, Simulator};

    use super::*;

    #[test]
    fn modes_round_trip_through_the_stored_text() {
        let topology = Simulator::new(SimConfig::new(1, 60, Timestamp(0)))
            .unwrap()
            .topology()
            .clone();
        let modes = vec![
            ActiveMode {
                id: ModeId(3),
                mode: RoutingMode::SiteFailover {
                    site: topology.sites[0].id,
                },
                reason: Reason::new("台风 | 断电\n停运").unwrap(),
                activated_by: Actor::new(SupervisorId(1), "李伟"),
                activated_at: Timestamp(1_000),
                revert_at: Some(Timestamp(3_601_000)),
                approved_by: None,
            },
            ActiveMode {
                id: ModeId(7),
                mode: RoutingMode::EmergencyClosure {
                    scope: RoutingScope::Queue(topology.queues[4].id),
                },
                reason: Reason::new("bomb threat in the building").unwrap(),
                activated_by: Actor::new(SupervisorId(0), "admin"),
                activated_at: Timestamp(2_000),
                revert_at: None,
                approved_by: Some(Actor::new(SupervisorId(2), "wang.fang")),
            },
        ];
        let pending = vec![PendingApproval {
            request: ActiveMode {
                id: ModeId(9),
                approved_by: None,
                ..modes[1].clone()
            },
            expires_at: Timestamp(902_000),
        }];
        let text = encode_modes(&modes, &pending, &topology).unwrap();
        assert_eq!(
            text.lines().count(),
            3,
            "one line each, newlines escaped: {text}"
        );
        assert_eq!(
            decode_modes(&text, &topology).unwrap(),
            StoredModes {
                active: modes,
                pending
            }
        );
        assert_eq!(decode_modes("", &topology).unwrap(), StoredModes::default());
        assert!(decode_modes("no tab here", &topology).is_err());
        assert!(decode_modes("?9\tsoon\t0|fw1", &topology).is_err());
        assert!(decode_modes("?9\t0|fw1", &topology).is_err());
    }
}
