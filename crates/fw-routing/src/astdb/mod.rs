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
//! Every site's Asterisk holds the same keys: the connector writes them to each.

mod record;

use std::collections::BTreeMap;

use fw_domain::{RoutingMode, Timestamp, Topology};

pub use record::{decode_record, decode_tree, encode_record};

use crate::mode::ActiveMode;
use crate::plan::RoutingPlan;
use crate::region::Region;
use crate::resolve::{night_queue, scope_covers_queue};
use crate::route::REGIONAL_PRIORITY_BOOST;

/// The family every key lives under.
pub const ROOT: &str = "floorwalker";
pub const FAMILY_PLAN: &str = "floorwalker/plan";
pub const KEY_VERSION: &str = "version";
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

impl RoutingPlan {
    /// Every key the plan puts in AstDB: its version and each active mode's keys, sorted.
    pub fn astdb_entries(&self) -> Result<Vec<AstDbEntry>, AstDbError> {
        let mut entries = vec![AstDbEntry {
            family: FAMILY_PLAN,
            key: KEY_VERSION.to_owned(),
            value: self.version().to_string(),
        }];
        for mode in self.active() {
            entries.extend(astdb_entries(mode, self.topology())?);
        }
        entries.sort();
        Ok(entries)
    }
}

/// The writes that turn the keys `old` into `new`: every put first (so a queue closed by
/// one mode and then by a wider one is never open in between), the plan version last among
/// them, then the deletions.
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
    puts.sort_by_key(|e| (e.family == FAMILY_PLAN, e.family, e.key.as_str()));
    let mut ops: Vec<AstDbOp> = puts.into_iter().cloned().map(AstDbOp::Put).collect();
    ops.extend(
        before
            .keys()
            .filter(|key| !after.contains_key(*key))
            .map(|(family, key)| AstDbOp::Del {
                family,
                key: (*key).to_owned(),
            }),
    );
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
