//! The audit trail on the store: append (chained, serialized), page, verify.
//!
//! There is deliberately no update or delete here; the database triggers
//! (`migrations/{sqlite,postgres}/`) reject them for anyone else too.

use crate::verify::ChainVerifier;
use crate::{
    AuditEntry, AuditOutcome, AuditQuery, AuditRecord, AuditVerification, Backend, Store,
    StoreError, chain_hash,
};

/// One `audit_log` row as selected by [`COLUMNS`], before it is checked and turned into a
/// record.
type AuditRow = (
    i64,            // id
    i64,            // at_ms
    String,         // user_name
    String,         // role
    String,         // action
    String,         // outcome
    Option<String>, // reason
    Option<i64>,    // call_id
    Option<i64>,    // agent_id
    Option<i64>,    // queue_id
    Option<String>, // mode
    String,         // detail
    String,         // prev_hash
    String,         // hash
);

/// The serialization point. Both backends take the writer's lock on the head row with this
/// first statement: PostgreSQL a row lock held to commit (later appenders queue on it and then
/// read the head as committed), SQLite the database write lock (as `BEGIN IMMEDIATE` would;
/// other writers wait out the busy timeout). The update changes nothing, which the head's
/// trigger allows; RETURNING reads the head in the same step.
const LOCK_HEAD: &str =
    "UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING last_id, last_hash";

const INSERT: &str = "INSERT INTO audit_log \
     (id, at_ms, user_name, role, action, outcome, reason, call_id, agent_id, queue_id, mode, detail, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

const ADVANCE_HEAD: &str = "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1";

/// The audit view's filters; a NULL parameter matches everything. The casts give PostgreSQL
/// the parameter types it cannot infer from `$n IS NULL` alone.
const SEARCH: &str = "SELECT id, at_ms, user_name, role, action, outcome, reason, call_id, agent_id, queue_id, \
     mode, detail, prev_hash, hash FROM audit_log WHERE id < $1 \
     AND (CAST($2 AS TEXT) IS NULL OR user_name = $2) \
     AND (CAST($3 AS TEXT) IS NULL OR action LIKE $3 ESCAPE '\\') \
     AND (CAST($4 AS TEXT) IS NULL OR outcome = $4) \
     AND (CAST($5 AS BIGINT) IS NULL OR at_ms >= $5) \
     AND (CAST($6 AS BIGINT) IS NULL OR at_ms < $6) \
     AND (CAST($7 AS BIGINT) IS NULL OR call_id = $7) \
     AND (CAST($8 AS BIGINT) IS NULL OR agent_id = $8) \
     ORDER BY id DESC LIMIT $9";

const WALK: &str = "SELECT id, at_ms, user_name, role, action, outcome, reason, call_id, agent_id, queue_id, \
     mode, detail, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";

const HEAD: &str = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";

/// Records read per round trip while verifying: bounds memory on a long trail.
const WALK_BATCH: i64 = 1_000;

impl Store {
    /// Appends one entry, chained to the newest record, and returns it as stored. Safe under
    /// any number of concurrent appenders, in this process or others: they are serialized on
    /// the chain head, so the chain never forks and ids never repeat.
    pub async fn append_audit(&self, entry: &AuditEntry) -> Result<AuditRecord, StoreError> {
        let record = with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let head: Option<(i64, String)> =
                sqlx::query_as(LOCK_HEAD).fetch_optional(&mut *tx).await?;
            let (last_id, prev_hash) = head.ok_or_else(head_missing)?;
            let id = last_id.checked_add(1).ok_or_else(|| StoreError::Corrupt {
                what: "audit chain head".to_owned(),
                reason: format!("last id {last_id} cannot be incremented"),
            })?;
            let hash = chain_hash(id, &prev_hash, entry);
            sqlx::query(INSERT)
                .bind(id)
                .bind(entry.at_ms)
                .bind(&entry.user)
                .bind(&entry.role)
                .bind(&entry.action)
                .bind(entry.outcome.as_str())
                .bind(entry.outcome.reason())
                .bind(entry.call.map(u64::cast_signed))
                .bind(entry.agent.map(i64::from))
                .bind(entry.queue.map(i64::from))
                .bind(entry.mode.as_deref())
                .bind(&entry.detail)
                .bind(&prev_hash)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(ADVANCE_HEAD)
                .bind(id)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            AuditRecord {
                id,
                entry: entry.clone(),
                prev_hash,
                hash,
            }
        });
        tracing::debug!(id = record.id, action = %record.entry.action, "audit record appended");
        Ok(record)
    }

    /// Up to `limit` records older than `before_id` (all records when `None`), newest first.
    /// To page back, pass the last returned id as the next `before_id`.
    pub async fn audit_page(
        &self,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let everything = AuditQuery {
            before_id,
            ..AuditQuery::default()
        };
        self.audit_search(&everything, limit).await
    }

    /// Up to `limit` records matching `query`, newest first. Page on with the last returned
    /// id as the next query's `before_id`.
    pub async fn audit_search(
        &self,
        query: &AuditQuery,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let pattern = query.action_pattern();
        let rows: Vec<AuditRow> = with_pool!(self, |pool| sqlx::query_as(SEARCH)
            .bind(query.before_id.unwrap_or(i64::MAX))
            .bind(query.user.as_deref())
            .bind(pattern.as_deref())
            .bind(query.outcome.as_deref())
            .bind(query.from_ms)
            .bind(query.to_ms)
            .bind(query.call.map(u64::cast_signed))
            .bind(query.agent.map(i64::from))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?);
        decode_rows(rows)
    }

    /// Walks the whole chain in id order, recomputing every hash, and reports the first record
    /// that fails (see [`AuditVerification`]). Reads one consistent snapshot, so appends
    /// running meanwhile neither disturb it nor look like tampering.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let backend = self.backend();
        let verdict = with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            if backend == Backend::Postgres {
                // READ COMMITTED would take a new snapshot per statement; the head and every
                // batch must come from the same one.
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .execute(&mut *tx)
                    .await?;
            }
            // On SQLite the transaction's first read fixes the snapshot (WAL) or holds the
            // shared lock (rollback journal) until the end.
            let head: Option<(i64, String)> = sqlx::query_as(HEAD).fetch_optional(&mut *tx).await?;
            let mut verifier = ChainVerifier::new();
            let mut after = i64::MIN;
            let mut verdict = None;
            'walk: loop {
                let rows: Vec<AuditRow> = sqlx::query_as(WALK)
                    .bind(after)
                    .bind(WALK_BATCH)
                    .fetch_all(&mut *tx)
                    .await?;
                if rows.is_empty() {
                    break;
                }
                for row in rows {
                    let (id, record) = decode_row(row);
                    after = id;
                    if let Some(bad) = verifier.check(id, record) {
                        verdict = Some(bad);
                        break 'walk;
                    }
                }
            }
            // Read-only: nothing to keep.
            tx.rollback().await?;
            verdict.unwrap_or_else(|| verifier.finish(head))
        });
        match &verdict {
            AuditVerification::Intact { records } => tracing::info!(records, "audit chain intact"),
            AuditVerification::Tampered { id, reason } => {
                tracing::warn!(id, reason, "audit chain tampered");
            }
        }
        Ok(verdict)
    }
}

fn head_missing() -> StoreError {
    StoreError::Corrupt {
        what: "audit chain head".to_owned(),
        reason: "the row is missing".to_owned(),
    }
}

/// Rows as records; the first one that does not decode is reported as corrupt.
fn decode_rows(rows: Vec<AuditRow>) -> Result<Vec<AuditRecord>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let (id, record) = decode_row(row);
            record.map_err(|reason| StoreError::Corrupt {
                what: format!("audit record {id}"),
                reason,
            })
        })
        .collect()
}

/// The row's id, and the record it holds or why it holds none.
fn decode_row(row: AuditRow) -> (i64, Result<AuditRecord, String>) {
    let (
        id,
        at_ms,
        user,
        role,
        action,
        outcome,
        reason,
        call,
        agent,
        queue,
        mode,
        detail,
        prev_hash,
        hash,
    ) = row;
    let decoded = (|| {
        let outcome = AuditOutcome::from_parts(&outcome, reason.clone()).ok_or_else(|| {
            format!("outcome '{outcome}' with reason {reason:?} is not a valid outcome")
        })?;
        let agent = agent
            .map(u32::try_from)
            .transpose()
            .map_err(|_| format!("agent id {} is out of range", agent.unwrap_or_default()))?;
        let queue = queue
            .map(u16::try_from)
            .transpose()
            .map_err(|_| format!("queue id {} is out of range", queue.unwrap_or_default()))?;
        let entry = AuditEntry {
            at_ms,
            user,
            role,
            action,
            outcome,
            call: call.map(i64::cast_unsigned),
            agent,
            queue,
            mode,
            detail,
        };
        Ok(AuditRecord {
            id,
            entry,
            prev_hash,
            hash,
        })
    })();
    (id, decoded)
}
