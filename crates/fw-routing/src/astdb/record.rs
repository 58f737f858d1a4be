//! A mode's whole record in one AstDB value, so the plan can be rebuilt from the platform
//! after a restart and a person can read it with `database show floorwalker/mode`.
//!
//! Twelve fields separated by `|`:
//! `<until>|fw1|<kind>|<target>|<waive 0/1>|<on at ms>|<revert at ms>|<by id>|<by name>|<approver id>|<approver name>|<reason>`
//! where `<kind>` is `failover`, `closure`, `priority` or `night`; `<target>` is
//! `site:<name>` (failover), `centre`, `site:<name>` or `queue:<name>` (closure, night) or
//! the regions joined by `&` (priority); absent times and approvers are empty. Free text
//! (names, reason, regions) is percent-encoded where it has `%`, `|`, `&`, `,`, `;` or a
//! control character, so a value is always one line and its separators are never data.

use std::fmt::Write as _;

use fw_domain::{RoutingMode, RoutingScope, SupervisorId, Timestamp, Topology};

use super::{AstDbError, FAMILY_MODE, FAMILY_PLAN, KEY_VERSION, until_secs, usable};
use crate::actor::{Actor, ModeId};
use crate::mode::ActiveMode;
use crate::reason::Reason;
use crate::region::Region;

const VERSION_TAG: &str = "fw1";
const FIELDS: usize = 12;

/// The record of one mode (the value of `floorwalker/mode/<id>`).
pub fn encode_record(mode: &ActiveMode, topology: &Topology) -> Result<String, AstDbError> {
    let site = |id| {
        let name = topology.site(id).map_or("", |s| s.name.as_str());
        usable(name, "site").map(|()| format!("site:{}", encode(name)))
    };
    let scope = |scope: &RoutingScope| match scope {
        RoutingScope::Centre => Ok("centre".to_owned()),
        RoutingScope::Site(id) => site(*id),
        RoutingScope::Queue(id) => {
            let name = topology.queue(*id).map_or("", |q| q.name.as_str());
            usable(name, "queue").map(|()| format!("queue:{}", encode(name)))
        }
    };
    let (kind, target, waive) = match &mode.mode {
        RoutingMode::SiteFailover { site: id } => ("failover", site(*id)?, false),
        RoutingMode::EmergencyClosure { scope: s } => ("closure", scope(s)?, false),
        RoutingMode::NightMode { scope: s } => ("night", scope(s)?, false),
        RoutingMode::RegionalPriority {
            regions,
            waive_fees,
        } => {
            let list: Vec<String> = regions.iter().map(|r| encode(r)).collect();
            ("priority", list.join("&"), *waive_fees)
        }
    };
    let optional_ms = |at: Option<Timestamp>| at.map_or_else(String::new, |t| t.0.to_string());
    let fields = [
        until_secs(mode.revert_at).to_string(),
        VERSION_TAG.to_owned(),
        kind.to_owned(),
        target,
        u8::from(waive).to_string(),
        mode.activated_at.0.to_string(),
        optional_ms(mode.revert_at),
        mode.activated_by.id.0.to_string(),
        encode(&mode.activated_by.name),
        mode.approved_by
            .as_ref()
            .map_or_else(String::new, |a| a.id.0.to_string()),
        mode.approved_by
            .as_ref()
            .map_or_else(String::new, |a| encode(&a.name)),
        encode(mode.reason.as_str()),
    ];
    Ok(fields.join("|"))
}

/// Reads the record stored under `floorwalker/mode/<key>`, naming sites and queues by the
/// topology's names.
pub fn decode_record(
    key: &str,
    value: &str,
    topology: &Topology,
) -> Result<ActiveMode, AstDbError> {
    let bad = |problem: &str| AstDbError::BadRecord {
        key: format!("/{FAMILY_MODE}/{key}"),
        problem: problem.to_owned(),
    };
    let id = key
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| bad("the key is not a mode number"))?;
    let fields: Vec<&str> = value.split('|').collect();
    if fields.len() != FIELDS || fields[1] != VERSION_TAG {
        return Err(bad("not a fw1 record of twelve fields"));
    }
    let text =
        |i: usize| decode(fields[i]).ok_or_else(|| bad("a field is not percent-encoded UTF-8"));
    let number = |i: usize| {
        fields[i]
            .parse::<i64>()
            .map_err(|_| bad("a time or id is not a number"))
    };
    let optional = |i: usize| (!fields[i].is_empty()).then(|| number(i)).transpose();
    let supervisor = |i: usize| {
        u32::try_from(number(i)?)
            .map(SupervisorId)
            .map_err(|_| bad("a supervisor id is out of range"))
    };
    let mode =
        decode_mode(fields[2], &text(3)?, fields[4] == "1", topology).map_err(|p| bad(&p))?;
    let approved_by = match optional(9)? {
        Some(_) => Some(Actor {
            id: supervisor(9)?,
            name: text(10)?,
        }),
        None => None,
    };
    Ok(ActiveMode {
        id: ModeId(id),
        mode,
        reason: Reason::new(&text(11)?).map_err(|e| bad(&e.to_string()))?,
        activated_by: Actor {
            id: supervisor(7)?,
            name: text(8)?,
        },
        activated_at: Timestamp(number(5)?),
        revert_at: optional(6)?.map(Timestamp),
        approved_by,
    })
}

fn decode_mode(
    kind: &str,
    target: &str,
    waive_fees: bool,
    topology: &Topology,
) -> Result<RoutingMode, String> {
    let site = |name: &str| {
        topology
            .sites
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
            .ok_or_else(|| format!("no site is called {name}"))
    };
    let scope = |target: &str| -> Result<RoutingScope, String> {
        match target.split_once(':') {
            None if target == "centre" => Ok(RoutingScope::Centre),
            Some(("site", name)) => site(name).map(RoutingScope::Site),
            Some(("queue", name)) => topology
                .queues
                .iter()
                .find(|q| q.name == name)
                .map(|q| RoutingScope::Queue(q.id))
                .ok_or_else(|| format!("no queue is called {name}")),
            _ => Err(format!("{target} is not a scope")),
        }
    };
    match kind {
        "failover" => match scope(target)? {
            RoutingScope::Site(site) => Ok(RoutingMode::SiteFailover { site }),
            _ => Err("a failover names a site".to_owned()),
        },
        "closure" => Ok(RoutingMode::EmergencyClosure {
            scope: scope(target)?,
        }),
        "night" => Ok(RoutingMode::NightMode {
            scope: scope(target)?,
        }),
        "priority" => {
            // The target was decoded as a whole; regions themselves never hold '&'.
            let regions: Vec<String> = target.split('&').map(str::to_owned).collect();
            if regions.iter().any(|r| Region::parse(r).is_err()) {
                return Err(format!("{target} are not regions"));
            }
            Ok(RoutingMode::RegionalPriority {
                regions,
                waive_fees,
            })
        }
        other => Err(format!("{other} is not a kind of mode")),
    }
}

/// Reads the plan back from a `DBGetTree` of `floorwalker` (full keys and values, as the
/// `DBGetTreeResponse` events carry them): its version and its modes. Derived keys are
/// ignored; pass the result to [`crate::RoutingPlan::restore`].
pub fn decode_tree(
    entries: &[(String, String)],
    topology: &Topology,
) -> Result<(u64, Vec<ActiveMode>), AstDbError> {
    let mode_prefix = format!("/{FAMILY_MODE}/");
    let version_key = format!("/{FAMILY_PLAN}/{KEY_VERSION}");
    let mut version = 0;
    let mut modes = Vec::new();
    for (key, value) in entries {
        if let Some(id) = key.strip_prefix(&mode_prefix) {
            modes.push(decode_record(id, value, topology)?);
        } else if *key == version_key {
            version = value.trim().parse().map_err(|_| AstDbError::BadRecord {
                key: key.clone(),
                problem: "the version is not a number".to_owned(),
            })?;
        }
    }
    modes.sort_by_key(|m| m.id);
    Ok((version, modes))
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '|' | '&' | ',' | ';') || c.is_control() {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips_separators_controls_and_chinese() {
        let text = "台风 50% | east & south; line\nbreak, done";
        let encoded = encode(text);
        assert!(!encoded.contains(['|', '&', ';', ',', '\n']), "{encoded}");
        assert_eq!(decode(&encoded).as_deref(), Some(text));
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%4"), None);
        assert_eq!(decode("%FF"), None, "not UTF-8");
    }
}
