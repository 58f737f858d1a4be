//! The plan's modes as the store keeps them: one line per mode, `<id>\t<record>`, where the
//! record is fw-routing's (the same text the Asterisk dialplan's `floorwalker/mode` keys
//! hold). Sites and queues are named, so the text survives a platform that renumbers them.

use fw_domain::Topology;
use fw_routing::ActiveMode;
use fw_routing::astdb::{AstDbError, decode_record, encode_record};

pub(crate) fn encode_modes(
    modes: &[ActiveMode],
    topology: &Topology,
) -> Result<String, AstDbError> {
    let mut text = String::new();
    for mode in modes {
        text.push_str(&mode.id.0.to_string());
        text.push('\t');
        text.push_str(&encode_record(mode, topology)?);
        text.push('\n');
    }
    Ok(text)
}

pub(crate) fn decode_modes(text: &str, topology: &Topology) -> Result<Vec<ActiveMode>, AstDbError> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (id, record) = line.split_once('\t').ok_or_else(|| AstDbError::BadRecord {
                key: line.chars().take(20).collect(),
                problem: "a stored mode has no number".to_owned(),
            })?;
            decode_record(id, record, topology)
        })
        .collect()
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
        let text = encode_modes(&modes, &topology).unwrap();
        assert_eq!(
            text.lines().count(),
            2,
            "one line each, newlines escaped: {text}"
        );
        assert_eq!(decode_modes(&text, &topology).unwrap(), modes);
        assert_eq!(decode_modes("", &topology).unwrap(), vec![]);
        assert!(decode_modes("no tab here", &topology).is_err());
    }
}
