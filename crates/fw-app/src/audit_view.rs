//! Reading the audit trail back: the console's audit view and its CSV export.
//!
//! Who may read what is decided here, not in the screen: a role with `ViewAudit` reads
//! everyone's records; anyone else reads only their own, whatever filter they send. Exports
//! are themselves audited.

use std::sync::Arc;

use fw_domain::{AgentId, QueueId, Timestamp, Topology};
use fw_store::{AuditEntry, AuditOutcome, AuditQuery, AuditRecord, Store};

use crate::roles::Permission;
use crate::team::Team;

/// The largest page the audit view asks for.
pub const MAX_AUDIT_PAGE: u32 = 500;
/// Records read per round trip while exporting.
const EXPORT_BATCH: u32 = 1_000;

/// Why the audit trail could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuditViewError {
    #[error("no user named {0:?} is configured")]
    UnknownUser(String),
    #[error("this console has no audit trail (the store could not be opened)")]
    NotAvailable,
    #[error("the audit trail cannot be read: {0}")]
    Store(String),
}

/// The audit trail as users read it.
#[derive(Clone, Debug)]
pub struct AuditView {
    store: Store,
    team: Arc<Team>,
}

/// An export: the CSV text and how many records it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditExport {
    pub csv: String,
    pub records: usize,
}

impl AuditView {
    pub fn new(store: Store, team: Arc<Team>) -> AuditView {
        AuditView { store, team }
    }

    /// Whether `user` reads everyone's records (otherwise only their own).
    pub fn reads_everyone(&self, user: &str) -> bool {
        self.team
            .user(user)
            .is_some_and(|u| u.role.allows(Permission::ViewAudit))
    }

    /// `query` as `user` may see it: narrowed to their own records unless their role reads
    /// the whole trail. `None` when it asks only for someone else's records they may not read.
    fn scoped(&self, user: &str, query: &AuditQuery) -> Result<Option<AuditQuery>, AuditViewError> {
        let me = self
            .team
            .user(user)
            .ok_or_else(|| AuditViewError::UnknownUser(user.to_string()))?;
        if me.role.allows(Permission::ViewAudit) {
            return Ok(Some(query.clone()));
        }
        if query.user.as_ref().is_some_and(|asked| *asked != me.name) {
            return Ok(None);
        }
        Ok(Some(AuditQuery {
            user: Some(me.name.clone()),
            ..query.clone()
        }))
    }

    /// One page of records, newest first.
    pub async fn search(
        &self,
        user: &str,
        query: &AuditQuery,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, AuditViewError> {
        let Some(scoped) = self.scoped(user, query)? else {
            return Ok(Vec::new());
        };
        self.store
            .audit_search(&scoped, limit.min(MAX_AUDIT_PAGE))
            .await
            .map_err(|e| AuditViewError::Store(e.to_string()))
    }

    /// Every record matching `query` (as `user` may see it) as CSV, with names resolved from
    /// `names`. The export is recorded in the trail first; if that fails, nothing is exported.
    pub async fn export_csv(
        &self,
        user: &str,
        query: &AuditQuery,
        names: &Topology,
        at: Timestamp,
    ) -> Result<AuditExport, AuditViewError> {
        let scoped = self.scoped(user, query)?;
        let role = self.team.user(user).map_or("", |u| u.role.name());
        let entry = AuditEntry::general(
            at.0,
            user,
            role,
            "audit.export",
            AuditOutcome::Allowed,
            describe(scoped.as_ref().unwrap_or(query)),
        );
        let own = self
            .store
            .append_audit(&entry)
            .await
            .map_err(|e| AuditViewError::Store(e.to_string()))?;
        let mut csv = String::from(CSV_HEADER);
        let mut records = 0;
        let Some(mut scoped) = scoped else {
            return Ok(AuditExport { csv, records });
        };
        // What existed before the export's own record.
        scoped.before_id = Some(scoped.before_id.map_or(own.id, |b| b.min(own.id)));
        loop {
            let page = self
                .store
                .audit_search(&scoped, EXPORT_BATCH)
                .await
                .map_err(|e| AuditViewError::Store(e.to_string()))?;
            let Some(last) = page.last() else { break };
            scoped.before_id = Some(last.id);
            for record in &page {
                push_csv_row(&mut csv, record, names);
            }
            records += page.len();
        }
        Ok(AuditExport { csv, records })
    }
}

/// A file name for an export made at `at`: `floorwalker-audit-20261122-083005Z.csv`.
pub fn export_file_name(at: Timestamp) -> String {
    let stamp = chrono::DateTime::from_timestamp_millis(at.0).map_or_else(
        || at.0.to_string(),
        |t| t.format("%Y%m%d-%H%M%SZ").to_string(),
    );
    format!("floorwalker-audit-{stamp}.csv")
}

/// The filter in words, for the export's own audit record.
fn describe(query: &AuditQuery) -> String {
    let mut parts = Vec::new();
    if let Some(user) = &query.user {
        parts.push(format!("user={user}"));
    }
    if let Some(action) = &query.action_prefix {
        parts.push(format!("action={action}*"));
    }
    if let Some(outcome) = &query.outcome {
        parts.push(format!("outcome={outcome}"));
    }
    if let Some(from) = query.from_ms {
        parts.push(format!("from={from}"));
    }
    if let Some(to) = query.to_ms {
        parts.push(format!("to={to}"));
    }
    if let Some(call) = query.call {
        parts.push(format!("call={call}"));
    }
    if let Some(agent) = query.agent {
        parts.push(format!("agent={agent}"));
    }
    if parts.is_empty() {
        "all records".into()
    } else {
        parts.join(" ")
    }
}

const CSV_HEADER: &str =
    "id,time_utc,user,role,action,outcome,reason,call,agent,queue,mode,detail,hash\r\n";

/// One record as an RFC 4180 row. Cells that a spreadsheet would run as a formula are
/// prefixed with a quote mark (CSV injection): a user name is typed by people.
fn push_csv_row(csv: &mut String, record: &AuditRecord, names: &Topology) {
    let e = &record.entry;
    let (agent, queue) = agent_and_queue_names(e, names);
    let cells = [
        record.id.to_string(),
        utc_time(e.at_ms),
        e.user.clone(),
        e.role.clone(),
        e.action.clone(),
        e.outcome.as_str().to_string(),
        e.outcome.reason().unwrap_or_default().to_string(),
        e.call.map(|c| c.to_string()).unwrap_or_default(),
        agent.unwrap_or_default(),
        queue.unwrap_or_default(),
        e.mode.clone().unwrap_or_default(),
        e.detail.clone(),
        record.hash.clone(),
    ];
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            csv.push(',');
        }
        push_cell(csv, cell);
    }
    csv.push_str("\r\n");
}

/// The names of a record's agent and queue in `names` (the id, for one the topology does
/// not know): the audit view and the CSV show the same.
pub fn agent_and_queue_names(
    entry: &AuditEntry,
    names: &Topology,
) -> (Option<String>, Option<String>) {
    let agent = entry.agent.map(|a| {
        names
            .agent(AgentId(a))
            .map_or_else(|| a.to_string(), |p| p.name.clone())
    });
    let queue = entry.queue.map(|q| {
        names
            .queue(QueueId(q))
            .map_or_else(|| q.to_string(), |c| c.name.clone())
    });
    (agent, queue)
}

fn push_cell(csv: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = formula || cell.contains([',', '"', '\n', '\r']);
    if !quote {
        csv.push_str(cell);
        return;
    }
    csv.push('"');
    if formula {
        csv.push('\'');
    }
    csv.push_str(&cell.replace('"', "\"\""));
    csv.push('"');
}

/// `2026-11-22T08:30:05Z`: unambiguous in any spreadsheet, whatever the reader's zone.
fn utc_time(at_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at_ms).map_or_else(
        || at_ms.to_string(),
        |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(user: &str, detail: &str) -> AuditRecord {
        AuditRecord {
            id: 7,
            entry: AuditEntry {
                at_ms: 1_795_000_000_000,
                user: user.into(),
                role: "floor_supervisor".into(),
                action: "monitor.start".into(),
                outcome: AuditOutcome::Denied {
                    reason: "another supervisor is already barged into this call".into(),
                },
                call: Some(42),
                agent: Some(0),
                queue: Some(99),
                mode: Some("listen".into()),
                detail: detail.into(),
            },
            prev_hash: "p".into(),
            hash: "h".into(),
        }
    }

    #[test]
    fn rows_quote_what_needs_quoting_and_defuse_formulas() {
        let mut csv = String::new();
        push_csv_row(
            &mut csv,
            &record("=HYPERLINK(\"x\")", "说明, \"引号\"\n第二行"),
            &Topology::default(),
        );
        assert_eq!(
            csv,
            "7,2026-11-18T11:06:40Z,\"'=HYPERLINK(\"\"x\"\")\",floor_supervisor,monitor.start,denied,\
             another supervisor is already barged into this call,42,0,99,listen,\
             \"说明, \"\"引号\"\"\n第二行\",h\r\n"
        );
    }

    #[test]
    fn filters_are_described_for_the_exports_own_record() {
        assert_eq!(describe(&AuditQuery::default()), "all records");
        let query = AuditQuery {
            user: Some("li.wei".into()),
            outcome: Some("denied".into()),
            ..AuditQuery::default()
        };
        assert_eq!(describe(&query), "user=li.wei outcome=denied");
    }
}
