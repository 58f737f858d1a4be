//! Disaster-mode routing on Asterisk: [`Connector::apply_routing`] for [`AmiConnector`].
//!
//! The plan goes to Asterisk as AstDB keys (`fw_routing::astdb`), which the dialplan in
//! `docs/asterisk-routing.md` reads on every new call:
//!
//! 1. **What Asterisk holds** is read back with `DBGet` alone (a user with `write =
//!    reporting` may; `DBGetTree` is not needed) at the first apply after every connect:
//!    `floorwalker/plan/version`, `floorwalker/plan/modes`, each listed mode's record, and
//!    every key each record implies. A record that does not decode is logged and its own
//!    key treated as stale (deleted by the next write); the keys it implied cannot be named.
//!    Later applies trust what was read and written since, unless `plan/version` on
//!    Asterisk moved (another console wrote): then it is read again.
//! 2. **The writes**: `fw_routing::astdb::astdb_writes` from what Asterisk holds to the
//!    plan's keys, one `DBPut`/`DBDel` at a time, stopping at the first refusal (a later
//!    write must never land without the earlier ones). Deleting a key already gone counts
//!    as done: another console got there first.
//! 3. **Callers already waiting**: when a regional priority goes on, each waiting caller
//!    it covers (area code of the number, or `CC_REGION`) and who joined before the keys
//!    were written is raised with `QueueChangePriorityCaller` by the boost the dialplan
//!    gives new callers.
//! 4. **The announcement**: one `UserEvent: FloorwalkerRouting` per mode switched on or off
//!    (see `routing_announcement.rs`); every console's connector maps it to
//!    `RoutingModeChanged`, including this one's (harmless: its hub just re-reads the store).
//!
//! The connector talks to one Asterisk. With several sites each running its own, every one
//! must hold the same keys: run a console (or hub) connected to each, or replicate AstDB.

use fw_ami::{Action, ActionResult};
use fw_domain::{CallerInfo, Timestamp, Topology};
use fw_routing::astdb::{
    AstDbEntry, AstDbOp, FAMILY_MODE, FAMILY_PLAN, KEY_MODES, KEY_VERSION, astdb_entries,
    astdb_image, astdb_writes, decode_record, parse_mode_list,
};
use fw_routing::{ActiveMode, ModeId, REGIONAL_PRIORITY_BOOST, RoutingPlan, regional_priority};

use crate::ami::connector::AmiConnector;
use crate::ami::routing_announcement::announcements;
use crate::connector::Connector;
use crate::error::CommandError;

/// What Asterisk answers `DBGet` and `DBDel` for a key it does not hold.
const NOT_FOUND: &str = "Database entry not found";

/// One AstDB key to read: family and key.
type KeyPath = (&'static str, String);

fn is_not_found(answer: &ActionResult) -> bool {
    !answer.is_success()
        && answer
            .response
            .message()
            .is_some_and(|m| m.eq_ignore_ascii_case(NOT_FOUND))
}

/// The plan version `entries` say Asterisk is at.
fn version_in(entries: &[AstDbEntry]) -> Option<&str> {
    entries
        .iter()
        .find(|e| e.family == FAMILY_PLAN && e.key == KEY_VERSION)
        .map(|e| e.value.as_str())
}

/// Brings `known` in line with one write that Asterisk accepted.
fn note_written(known: &mut Vec<AstDbEntry>, op: &AstDbOp) {
    match op {
        AstDbOp::Put(put) => {
            match known
                .iter_mut()
                .find(|e| e.family == put.family && e.key == put.key)
            {
                Some(held) => held.value.clone_from(&put.value),
                None => known.push(put.clone()),
            }
        }
        AstDbOp::Del { family, key } => known.retain(|e| !(e.family == *family && e.key == *key)),
    }
}

/// The regional priority `caller` falls under among `modes`, and whether fees are waived.
fn covered(
    topology: &Topology,
    modes: &[ActiveMode],
    caller: &CallerInfo,
) -> Option<(ModeId, bool)> {
    regional_priority(topology, modes.iter().map(|m| (m.id, &m.mode)), caller)
}

impl AmiConnector {
    pub(crate) async fn apply_plan(&mut self, plan: &RoutingPlan) -> Result<(), CommandError> {
        if self.link.is_none() {
            return Err(CommandError::NotConnected);
        }
        // Taken: any failure below leaves it unknown, so the next apply reads it afresh.
        let known = match self.astdb_known.take() {
            Some(known) if self.version_on_asterisk().await?.as_deref() == version_in(&known) => {
                known
            }
            _ => self.read_astdb(plan.topology()).await?,
        };
        let image = astdb_image(plan.version(), plan.active(), plan.topology());
        let ops = astdb_writes(&known, &image.entries);
        let said = announcements(&known, &ops, plan.version());
        // The modes Asterisk held before: a caller one of them covers has its boost already.
        let held_before: Vec<ActiveMode> = known
            .iter()
            .filter(|e| e.family == FAMILY_MODE)
            .filter_map(|e| decode_record(&e.key, &e.value, plan.topology()).ok())
            .collect();
        let written_at = self.now();
        let mut known = known;
        for op in &ops {
            self.write(op).await?;
            note_written(&mut known, op);
        }
        self.astdb_known = Some(known);
        if said.iter().any(|a| a.on) {
            self.raise_waiting_callers(&held_before, plan, written_at)
                .await;
        }
        for announcement in said {
            // The keys are in force whatever becomes of the announcement: other consoles
            // then see the change at their next poll of the store.
            if let Err(error) = self.run(announcement.action()).await {
                tracing::warn!(%error, "the routing change was written but not announced");
            }
        }
        if image.left_out.is_empty() {
            return Ok(());
        }
        let problems: Vec<String> = image
            .left_out
            .iter()
            .map(|(id, error)| format!("{id} is not on Asterisk: {error}"))
            .collect();
        Err(CommandError::Rejected(problems.join("; ")))
    }

    async fn version_on_asterisk(&mut self) -> Result<Option<String>, CommandError> {
        let mut values = self
            .db_get_all(&[(FAMILY_PLAN, KEY_VERSION.to_owned())])
            .await?;
        Ok(values.pop().flatten())
    }

    /// What Asterisk holds of the routing keys (see the module's point 1), sorted.
    async fn read_astdb(&mut self, topology: &Topology) -> Result<Vec<AstDbEntry>, CommandError> {
        let plan_keys = [
            (FAMILY_PLAN, KEY_VERSION.to_owned()),
            (FAMILY_PLAN, KEY_MODES.to_owned()),
        ];
        let mut held = Vec::new();
        let mut listed = Vec::new();
        for ((family, key), value) in plan_keys.iter().zip(self.db_get_all(&plan_keys).await?) {
            let Some(value) = value else { continue };
            if key == KEY_MODES {
                let (ids, unreadable) = parse_mode_list(&value);
                if !unreadable.is_empty() {
                    tracing::warn!(
                        ?unreadable,
                        "floorwalker/plan/modes lists what is not a mode number"
                    );
                }
                listed = ids;
            }
            held.push(AstDbEntry::new(family, key, value));
        }
        let record_keys: Vec<KeyPath> = listed
            .iter()
            .map(|id| (FAMILY_MODE, id.0.to_string()))
            .collect();
        let records = self.db_get_all(&record_keys).await?;
        let mut implied: Vec<KeyPath> = Vec::new();
        for ((_, key), record) in record_keys.iter().zip(records) {
            // Listed but absent: a writer stopped between listing a mode and writing it.
            let Some(record) = record else { continue };
            match decode_record(key, &record, topology)
                .and_then(|mode| astdb_entries(&mode, topology))
            {
                Ok(entries) => implied.extend(
                    entries
                        .into_iter()
                        .filter(|e| e.family != FAMILY_MODE)
                        .map(|e| (e.family, e.key)),
                ),
                Err(error) => tracing::warn!(
                    %error,
                    "a routing record on Asterisk does not read; it is deleted at the next \
                     write, and the keys it set (if any) are left for `database deltree \
                     floorwalker` by hand"
                ),
            }
            held.push(AstDbEntry::new(FAMILY_MODE, key, record));
        }
        implied.sort();
        implied.dedup();
        for ((family, key), value) in implied.iter().zip(self.db_get_all(&implied).await?) {
            if let Some(value) = value {
                held.push(AstDbEntry::new(family, key, value));
            }
        }
        held.sort();
        tracing::debug!(keys = held.len(), "routing keys read back from AstDB");
        Ok(held)
    }

    /// `DBGet` of every key, pipelined: `None` for a key Asterisk does not hold.
    async fn db_get_all(&mut self, keys: &[KeyPath]) -> Result<Vec<Option<String>>, CommandError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let timeout = self.config.timeout;
        let link = self.link.as_mut().ok_or(CommandError::NotConnected)?;
        let lost = |error: crate::error::ConnectorError| {
            CommandError::Rejected(format!("no answer from Asterisk: {error}"))
        };
        let ids = keys
            .iter()
            .map(|(family, key)| link.queue(Action::db_get(family, key)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(lost)?;
        let mut answers = Vec::with_capacity(ids.len());
        for (index, id) in ids.iter().enumerate() {
            match link.await_answer(id, "DBGet", timeout).await {
                Ok(answer) => answers.push(answer),
                Err(error) => {
                    for later in &ids[index + 1..] {
                        link.forget(later);
                    }
                    return Err(lost(error));
                }
            }
        }
        keys.iter()
            .zip(answers)
            .map(|((family, key), answer)| {
                if answer.is_success() {
                    Ok(answer
                        .items
                        .first()
                        .and_then(|item| item.get("Val"))
                        .map(str::to_owned))
                } else if is_not_found(&answer) {
                    Ok(None)
                } else {
                    Err(self.refused(&format!("DBGet of {family}/{key}"), &answer))
                }
            })
            .collect()
    }

    async fn write(&mut self, op: &AstDbOp) -> Result<(), CommandError> {
        let (action, what) = match op {
            AstDbOp::Put(e) => (
                Action::db_put(e.family, &e.key, &e.value),
                format!("DBPut of {}/{}", e.family, e.key),
            ),
            AstDbOp::Del { family, key } => (
                Action::db_del(family, key),
                format!("DBDel of {family}/{key}"),
            ),
        };
        let answer = self.send(action).await?;
        let gone_already = matches!(op, AstDbOp::Del { .. }) && is_not_found(&answer);
        if answer.is_success() || gone_already {
            Ok(())
        } else {
            Err(self.refused(&what, &answer))
        }
    }

    /// Brings the callers waiting since before `keys_written_at` to the regional priority
    /// of `plan`, by the rule routing applies to new callers: a caller no mode `held_before`
    /// covered and one of the plan's now covers is raised once (however many modes cover
    /// them); one already covered keeps their priority, and is only marked when the fees
    /// are now waived. Best effort: a caller who left the queue meanwhile is skipped, and a
    /// lost link ends it (the keys already route new callers).
    async fn raise_waiting_callers(
        &mut self,
        held_before: &[ActiveMode],
        plan: &RoutingPlan,
        keys_written_at: Timestamp,
    ) {
        let topology = plan.topology();
        let mut changes = Vec::new();
        for waiting in self.mapper.waiting_callers() {
            if waiting.queued_at >= keys_written_at || waiting.channel.is_empty() {
                continue;
            }
            let Some((_, waive_now)) = covered(topology, plan.active(), &waiting.caller) else {
                continue;
            };
            match covered(topology, held_before, &waiting.caller) {
                None => changes.push((waiting, waive_now, true)),
                Some((_, waived)) if waive_now && !waived => changes.push((waiting, true, false)),
                Some(_) => {}
            }
        }
        for (waiting, fees_waived, raise) in changes {
            if !raise {
                let at = self.now();
                self.mapper
                    .priority_raised(waiting.call, waiting.priority, true, at);
                continue;
            }
            let priority = waiting.priority.saturating_add(REGIONAL_PRIORITY_BOOST);
            let action = Action::new("QueueChangePriorityCaller")
                .header("Queue", waiting.queue_name.as_str())
                .header("Caller", waiting.channel.as_str())
                .header("Priority", priority.to_string())
                // Asterisk 18 and later: move the caller up the line now, not at the next
                // position check.
                .header("Immediate", "yes");
            match self.send(action).await {
                Ok(answer) if answer.is_success() => {
                    let at = self.now();
                    self.mapper
                        .priority_raised(waiting.call, priority, fees_waived, at);
                }
                Ok(answer) => tracing::info!(
                    caller = %waiting.channel,
                    reason = answer.response.message().unwrap_or_default(),
                    "a waiting caller could not be raised (gone from the queue?)"
                ),
                Err(error) => {
                    tracing::warn!(%error, "raising the waiting callers stopped");
                    return;
                }
            }
        }
    }
}
