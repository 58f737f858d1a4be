//! The routing plan as Asterisk database (AstDB) keys, for the Asterisk connector to write
//! with `DBPut`/`DBDel` and the dialplan in `docs/asterisk-routing.md` to read with `DB()` /
//! `DB_EXISTS()`.
//!
//! Everything lives under the family `floorwalker`. AstDB keys are paths: `DBPut` with
//! `Family: floorwalker/closed` and `Key: east.phones` writes `/floorwalker/closed/east.phones`,
//! which the dialplan reads as `DB(floorwalker/closed/east.phones)`.
//!
//! | family | key | value | written for |
//! | --- | --- | --- | --- |
//! | `floorwalker/plan` | `version` | the plan version | the plan |
//! | `floorwalker/plan` | `modes` | the ids of the modes whose records are written, `3&5&7` | the plan, while a mode is on |
//! | `floorwalker/mode` | the mode id | the whole mode ([`encode_record`]) | every mode |
//! | `floorwalker/closed` | queue name | `<until>\|<id>` | each queue an emergency closure covers |
//! | `floorwalker/night` | queue name | `<until>\|<id>\|<night queue>` | each queue night mode merges |
//! | `floorwalker/failover` | queue name | `<until>\|<id>\|<q1>&<q2>…` | each queue of a failed site: the same skill at the other sites |
//! | `floorwalker/priority-area` | area code | `<until>\|<id>\|<boost>\|<waive 0/1>` | each area code of a regional priority |
//! | `floorwalker/priority-region` | province, lower-case | as above | each province of a regional priority |
//!
//! `<until>` is the automatic revert time in Unix seconds (rounded up), `0` for none: the
//! dialplan ignores an entry whose time has passed, so a revert happens on time even if no
//! console is running to delete the keys. The keys of one mode never depend on another
//! mode (the dialplan skips failed-over and closed queues among the failover targets at
//! call time), so each mode is written and deleted on its own. The mode records are
//! enough to rebuild the plan after a restart ([`decode_tree`]); the other keys are derived.
//! `floorwalker/plan/modes` lets a reader that may only `DBGet` (no `DBGetTree`) find the
//! records: [`astdb_writes`] keeps it listing every record present at each step, and a record
//! present before its derived keys, so a writer stopped half-way leaves nothing unfindable.
//! Every site's Asterisk holds the same keys.

mod record;

use std::collections::BTreeMap;

use fw_domain::{RoutingMode, Timestamp, Topology};

pub use record::{decode_record, decode_tree, encode_record};

use crate::actor::ModeId;
use crate::mode::ActiveMode;
use crate::plan::RoutingPlan;
use crate::region::Region;
use crate::resolve::{night_queue, scope_covers_queue};
use crate::route::REGIONAL_PRIORITY_BOOST;

/// The family every key lives under.
pub const ROOT: &str = "floorwalker";
pub const FAMILY_PLAN: &str = "floorwalker/plan";
pub const KEY_VERSION: &str = "version";
/// The mode ids, joined by [`MODE_ID_SEPARATOR`]; absent while no mode is on.
pub const KEY_MODES: &str = "modes";
pub const MODE_ID_SEPARATOR: char = '&';
pub const FAMILY_MODE: &str = "floorwalker/mode";
pub const FAMILY_CLOSED: &str = "floorwalker/closed";
pub const FAMILY_NIGHT: &str = "floorwalker/night";
pub const FAMILY_FAILOVER: &str = "floorwalker/failover";
pub const FAMILY_PRIORITY_AREA: &str = "floorwalker/priority-area";
pub const FAMILY_PRIORITY_REGION: &str = "floorwalker/priority-region";

/// What a site or queue name may have besides letters and digits (of any script): every
/// other character separates fields or lists in the values, paths in the keys, or
/// arguments, labels and expressions in the dialplan (`/ | & , : ? ( ) [ ] " $ …`).
const NAME_PUNCTUATION: &[char] = &['.', '-', '_', '+', '@'];

/// One AstDB key and its value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AstDbEntry {
    pub family: &'static str,
    pub key: String,
    pub value: String,
}

impl AstDbEntry {
    pub fn new(family: &'static str, key: impl Into<String>, value: impl Into<String>) -> Self {
        AstDbEntry {
            family,
            key: key.into(),
            value: value.into(),
        }
    }

    /// The key as `DBGetTree` reports it: `/floorwalker/closed/east.phones`.
    pub fn full_key(&self) -> String {
        format!("/{}/{}", self.family, self.key)
    }
}

/// One write to bring AstDB from one plan to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AstDbOp {
    Put(AstDbEntry),
    Del { family: &'static str, key: String },
}

/// Why the plan cannot be written as keys, or read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AstDbError {
    #[error(
        "the {kind} name \"{name}\" cannot be an AstDB key: use letters, digits and . - _ + @ only"
    )]
    UnusableName { kind: &'static str, name: String },
    #[error("the AstDB record {key} cannot be read: {problem}")]
    BadRecord { key: String, problem: String },
}

/// The revert time as the dialplan compares it with `${EPOCH}`: Unix seconds, rounded up
/// so the dialplan never drops a mode before the plan does; `0` for none.
pub fn until_secs(revert_at: Option<Timestamp>) -> i64 {
    revert_at.map_or(0, |at| {
        at.0.div_euclid(1_000) + i64::from(at.0.rem_euclid(1_000) != 0)
    })
}

/// The keys one mode puts in AstDB: its record, and what the dialplan reads.
pub fn astdb_entries(
    mode: &ActiveMode,
    topology: &Topology,
) -> Result<Vec<AstDbEntry>, AstDbError> {
    let head = format!("{}|{}", until_secs(mode.revert_at), mode.id.0);
    let mut entries = vec![AstDbEntry {
        family: FAMILY_MODE,
        key: mode.id.0.to_string(),
        value: encode_record(mode, topology)?,
    }];
    let queue_entry = |family, queue: &fw_domain::QueueConfig, value: String| {
        usable(&queue.name, "queue").map(|()| AstDbEntry {
            family,
            key: queue.name.clone(),
            value,
        })
    };
    match &mode.mode {
        RoutingMode::SiteFailover { site } => {
            for queue in topology.queues.iter().filter(|q| q.site == *site) {
                let targets = topology
                    .queues
                    .iter()
                    .filter(|q| q.skill == queue.skill && q.site != *site)
                    .map(|q| usable(&q.name, "queue").map(|()| q.name.as_str()))
                    .collect::<Result<Vec<_>, _>>()?;
                let value = format!("{head}|{}", targets.join("&"));
                entries.push(queue_entry(FAMILY_FAILOVER, queue, value)?);
            }
        }
        RoutingMode::EmergencyClosure { scope } => {
            for queue in &topology.queues {
                if scope_covers_queue(topology, scope, queue.id) {
                    entries.push(queue_entry(FAMILY_CLOSED, queue, head.clone())?);
                }
            }
        }
        RoutingMode::NightMode { scope } => {
            for queue in &topology.queues {
                let target = night_queue(topology, queue.id);
                if scope_covers_queue(topology, scope, queue.id) && target != queue.id {
                    let name = topology.queue(target).map_or("", |q| q.name.as_str());
                    usable(name, "queue")?;
                    entries.push(queue_entry(FAMILY_NIGHT, queue, format!("{head}|{name}"))?);
                }
            }
        }
        RoutingMode::RegionalPriority {
            regions,
            waive_fees,
        } => {
            let value = format!("{head}|{REGIONAL_PRIORITY_BOOST}|{}", u8::from(*waive_fees));
            for region in regions.iter().filter_map(|r| Region::parse(r).ok()) {
                let family = match region {
                    Region::AreaCode(_) => FAMILY_PRIORITY_AREA,
                    Region::Province(_) => FAMILY_PRIORITY_REGION,
                };
                entries.push(AstDbEntry {
                    family,
                    key: region.key(),
                    value: value.clone(),
                });
            }
        }
    }
    Ok(entries)
}

/// The keys of a plan, and the modes left out of them because their names cannot be keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AstDbImage {
    /// Sorted.
    pub entries: Vec<AstDbEntry>,
    pub left_out: Vec<(ModeId, AstDbError)>,
}

/// The keys plan `version` with `modes` puts in AstDB: its version, the list of its modes,
/// and each mode's keys. A mode whose site or queue names cannot be keys is left out (and
/// said why) rather than keeping every other mode off the platform.
pub fn astdb_image(version: u64, modes: &[ActiveMode], topology: &Topology) -> AstDbImage {
    let mut image = AstDbImage {
        entries: vec![AstDbEntry {
            family: FAMILY_PLAN,
            key: KEY_VERSION.to_owned(),
            value: version.to_string(),
        }],
        left_out: Vec::new(),
    };
    let mut written = Vec::new();
    for mode in modes {
        match astdb_entries(mode, topology) {
            Ok(entries) => {
                image.entries.extend(entries);
                written.push(mode.id);
            }
            Err(error) => image.left_out.push((mode.id, error)),
        }
    }
    if !written.is_empty() {
        image.entries.push(mode_list_entry(&written));
    }
    image.entries.sort();
    image
}

impl RoutingPlan {
    /// Every key the plan puts in AstDB: its version, its mode list and each active mode's
    /// keys, sorted. An error if any mode cannot be written.
    pub fn astdb_entries(&self) -> Result<Vec<AstDbEntry>, AstDbError> {
        let image = astdb_image(self.version(), self.active(), self.topology());
        match image.left_out.into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(image.entries),
        }
    }
}

/// The `floorwalker/plan/modes` entry listing `ids`.
fn mode_list_entry(ids: &[ModeId]) -> AstDbEntry {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
    AstDbEntry {
        family: FAMILY_PLAN,
        key: KEY_MODES.to_owned(),
        value: list.join(&MODE_ID_SEPARATOR.to_string()),
    }
}

/// The ids in a `floorwalker/plan/modes` value (`3&5&7`); what is not a mode number is
/// returned apart, for the reader to report.
pub fn parse_mode_list(value: &str) -> (Vec<ModeId>, Vec<String>) {
    let mut ids = Vec::new();
    let mut unreadable = Vec::new();
    for item in value.split(MODE_ID_SEPARATOR).map(str::trim) {
        match item.parse::<u64>() {
            Ok(id) if id > 0 => ids.push(ModeId(id)),
            _ if item.is_empty() => {}
            _ => unreadable.push(item.to_owned()),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    (ids, unreadable)
}

/// The writes that turn the keys `old` into `new`: every put first (so a queue closed by
/// one mode and then by a wider one is never open in between), mode records before the
/// keys derived from them and the plan's keys last; then the deletions, derived keys before
/// their mode's record. (A reader that finds keys through the records never misses one.)
pub fn astdb_diff(old: &[AstDbEntry], new: &[AstDbEntry]) -> Vec<AstDbOp> {
    let before: BTreeMap<(&'static str, &str), &str> = old
        .iter()
        .map(|e| ((e.family, e.key.as_str()), e.value.as_str()))
        .collect();
    let after: BTreeMap<(&'static str, &str), &AstDbEntry> = new
        .iter()
        .map(|e| ((e.family, e.key.as_str()), e))
        .collect();
    let mut puts: Vec<&AstDbEntry> = after
        .iter()
        .filter(|(key, entry)| before.get(*key) != Some(&entry.value.as_str()))
        .map(|(_, entry)| *entry)
        .collect();
    puts.sort_by_key(|e| {
        (
            e.family == FAMILY_PLAN,
            e.family != FAMILY_MODE,
            e.family,
            e.key.as_str(),
        )
    });
    let mut dels: Vec<(&'static str, &str)> = before
        .keys()
        .filter(|key| !after.contains_key(*key))
        .copied()
        .collect();
    dels.sort_by_key(|(family, key)| (*family == FAMILY_MODE, *family, *key));
    let mut ops: Vec<AstDbOp> = puts.into_iter().cloned().map(AstDbOp::Put).collect();
    ops.extend(dels.into_iter().map(|(family, key)| AstDbOp::Del {
        family,
        key: key.to_owned(),
    }));
    ops
}

/// The writes that turn the keys `old` into `new` in an order that leaves AstDB readable
/// back with `DBGet` alone at every step, so a writer stopped half-way (a crash, a lost link)
/// leaves nothing the next one cannot find and delete:
/// 1. `floorwalker/plan/modes` widened to the old and the new ids;
/// 2. [`astdb_diff`]'s puts (each new mode's record before its derived keys, the version
///    last) and 3. its deletions (derived keys before their record);
/// 4. `floorwalker/plan/modes` narrowed to the new ids (deleted when none is left).
pub fn astdb_writes(old: &[AstDbEntry], new: &[AstDbEntry]) -> Vec<AstDbOp> {
    let is_list = |family: &str, key: &str| family == FAMILY_PLAN && key == KEY_MODES;
    let listed = |entries: &[AstDbEntry]| {
        entries
            .iter()
            .find(|e| is_list(e.family, &e.key))
            .map(|e| e.value.clone())
    };
    let (old_list, new_list) = (listed(old), listed(new));
    let ids_of = |list: &Option<String>| parse_mode_list(list.as_deref().unwrap_or_default()).0;
    let mut both = ids_of(&old_list);
    both.extend(ids_of(&new_list));
    let widened = (!both.is_empty()).then(|| mode_list_entry(&both));
    let mut ops = Vec::new();
    let mut list_now = old_list;
    if let Some(widened) = widened
        && list_now.as_deref() != Some(widened.value.as_str())
    {
        list_now = Some(widened.value.clone());
        ops.push(AstDbOp::Put(widened));
    }
    // The list itself is widened above and narrowed below, not where the diff puts it.
    ops.extend(astdb_diff(old, new).into_iter().filter(|op| match op {
        AstDbOp::Put(e) => !is_list(e.family, &e.key),
        AstDbOp::Del { family, key } => !is_list(family, key),
    }));
    match new_list {
        Some(list) if list_now.as_deref() != Some(list.as_str()) => {
            ops.push(AstDbOp::Put(AstDbEntry {
                family: FAMILY_PLAN,
                key: KEY_MODES.to_owned(),
                value: list,
            }));
        }
        None if list_now.is_some() => ops.push(AstDbOp::Del {
            family: FAMILY_PLAN,
            key: KEY_MODES.to_owned(),
        }),
        _ => {}
    }
    ops
}

/// Checks a site or queue name can be a key and a dialplan argument.
pub(crate) fn usable(name: &str, kind: &'static str) -> Result<(), AstDbError> {
    let bad = name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || NAME_PUNCTUATION.contains(&c));
    if bad {
        Err(AstDbError::UnusableName {
            kind,
            name: name.to_owned(),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(family: &'static str, key: &str, value: &str) -> AstDbOp {
        AstDbOp::Put(AstDbEntry::new(family, key, value))
    }

    fn del(family: &'static str, key: &str) -> AstDbOp {
        AstDbOp::Del {
            family,
            key: key.to_owned(),
        }
    }

    #[test]
    fn a_new_mode_is_listed_first_and_its_record_goes_in_before_its_keys() {
        let old = [AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "1")];
        let new = [
            AstDbEntry::new(FAMILY_CLOSED, "billing", "0|1"),
            AstDbEntry::new(FAMILY_MODE, "1", "record"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "1"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "2"),
        ];
        assert_eq!(
            astdb_writes(&old, &new),
            [
                put(FAMILY_PLAN, KEY_MODES, "1"),
                put(FAMILY_MODE, "1", "record"),
                put(FAMILY_CLOSED, "billing", "0|1"),
                put(FAMILY_PLAN, KEY_VERSION, "2"),
            ]
        );
    }

    #[test]
    fn an_ended_mode_loses_its_keys_before_its_record_and_leaves_the_list_last() {
        let old = [
            AstDbEntry::new(FAMILY_CLOSED, "billing", "0|1"),
            AstDbEntry::new(FAMILY_MODE, "1", "closure"),
            AstDbEntry::new(FAMILY_MODE, "2", "priority"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "1&2"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "2"),
            AstDbEntry::new(FAMILY_PRIORITY_AREA, "0898", "0|2|10|0"),
        ];
        let new = [
            AstDbEntry::new(FAMILY_MODE, "2", "priority"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "2"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "3"),
            AstDbEntry::new(FAMILY_PRIORITY_AREA, "0898", "0|2|10|0"),
        ];
        assert_eq!(
            astdb_writes(&old, &new),
            [
                put(FAMILY_PLAN, KEY_VERSION, "3"),
                del(FAMILY_CLOSED, "billing"),
                del(FAMILY_MODE, "1"),
                put(FAMILY_PLAN, KEY_MODES, "2"),
            ]
        );
    }

    #[test]
    fn one_mode_replacing_another_is_listed_with_both_until_the_old_one_is_gone() {
        let old = [
            AstDbEntry::new(FAMILY_MODE, "1", "site closure"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "1"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "1"),
        ];
        let new = [
            AstDbEntry::new(FAMILY_MODE, "2", "centre closure"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "2"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "2"),
        ];
        assert_eq!(
            astdb_writes(&old, &new),
            [
                put(FAMILY_PLAN, KEY_MODES, "1&2"),
                put(FAMILY_MODE, "2", "centre closure"),
                put(FAMILY_PLAN, KEY_VERSION, "2"),
                del(FAMILY_MODE, "1"),
                put(FAMILY_PLAN, KEY_MODES, "2"),
            ]
        );
    }

    #[test]
    fn the_last_mode_ending_deletes_the_list_and_nothing_changed_writes_nothing() {
        let old = [
            AstDbEntry::new(FAMILY_MODE, "4", "night"),
            AstDbEntry::new(FAMILY_PLAN, KEY_MODES, "4"),
            AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "7"),
        ];
        let new = [AstDbEntry::new(FAMILY_PLAN, KEY_VERSION, "8")];
        assert_eq!(
            astdb_writes(&old, &new),
            [
                put(FAMILY_PLAN, KEY_VERSION, "8"),
                del(FAMILY_MODE, "4"),
                del(FAMILY_PLAN, KEY_MODES),
            ]
        );
        assert!(astdb_writes(&old, &old).is_empty());
        assert!(astdb_writes(&new, &new).is_empty());
    }

    #[test]
    fn mode_lists_read_back_with_what_is_not_a_mode_number_apart() {
        assert_eq!(
            parse_mode_list("3&5& 7&3"),
            (vec![ModeId(3), ModeId(5), ModeId(7)], Vec::<String>::new())
        );
        assert_eq!(parse_mode_list(""), (Vec::new(), Vec::new()));
        assert_eq!(
            parse_mode_list("2&x&0"),
            (vec![ModeId(2)], vec!["x".to_owned(), "0".to_owned()])
        );
    }
}
