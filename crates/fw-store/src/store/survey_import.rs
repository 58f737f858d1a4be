//! Writing surveys: the live insert and the all-or-nothing import.
//!
//! A large import on SQLite takes a bulk path, measured at a million rows (BENCHMARKS.md,
//! "Surveys at a million rows"): its connection gets, for the import only, a page cache big
//! enough for the indexes it writes; its multi-row INSERTs need no statement journal; and the
//! comment index is filled in one statement after the rows rather than by the insert trigger
//! row by row.
//! All of it happens inside the import's one transaction, so a failed import leaves neither
//! rows nor index entries behind, and the trigger is back before anyone else can write.

use fw_survey::{ReviewNeed, SurveyRecord, index_terms};
use sqlx::Connection as _;

use super::survey_sql::Bind;
use crate::{Backend, DuplicateCall, Store, StoreError, SurveyImportOutcome};

const INSERT_COLUMNS: &str = "INTO surveys (call_ref, answered_at_ms, site, queue, agent, \
     wait_secs, talk_secs, escalated, callback, csat, nps, fcr, comment, need, status, origin, \
     stored_at_ms, updated_at_ms, search_terms) VALUES ";
/// Binds per inserted row (status is the literal 'new').
const COLUMNS_PER_ROW: usize = 18;
/// Rows per INSERT: 1,000 × 18 binds stays under both backends' limits (SQLite 32,766,
/// PostgreSQL 65,535); fewer, larger statements cut the per-statement work of an import.
const ROWS_PER_INSERT: usize = 1_000;
/// Imports at least this large refresh the planner's statistics and, on SQLite, take the bulk
/// path (a schema change for the trigger is not worth it for a handful of rows).
const BULK_ROWS: usize = 1_000;
/// Call references checked per duplicate lookup.
const REFS_PER_LOOKUP: usize = 500;
/// SQLite page cache of a bulk import's connection, in KiB. The default 2 MB cannot hold the
/// pages an import keeps returning to (the hot end of each index), so they were written out
/// and read back for every statement. Memory only, only that connection's, and set back
/// after the import (see `tune_for_import!`).
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// The insert trigger that keeps SQLite's comment index (migration 1002).
const SEARCH_TRIGGER: &str = "surveys_search_insert";

fn checked(record: &SurveyRecord) -> Result<(), StoreError> {
    record
        .validate()
        .map_err(|e| StoreError::InvalidInput(format!("survey for call {}: {e}", record.call_ref)))
}

/// Appends one row's placeholders.
fn push_row_placeholders(sql: &mut String, first: usize, backend: Backend) {
    sql.push('(');
    for n in first..first + COLUMNS_PER_ROW {
        if n > first {
            sql.push_str(", ");
        }
        // status sits between need and origin as a literal.
        if n == first + 14 {
            sql.push_str("'new', ");
        }
        push_placeholder(sql, backend, n);
    }
    sql.push(')');
}

/// `insert` followed by the placeholders of `rows` rows.
fn chunk_sql(insert: &str, rows: usize, backend: Backend) -> String {
    let mut sql = String::with_capacity(insert.len() + rows * COLUMNS_PER_ROW * 4);
    sql.push_str(insert);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        push_row_placeholders(&mut sql, row * COLUMNS_PER_ROW + 1, backend);
    }
    sql
}

/// The binds of every record in `chunk`, row after row.
fn chunk_binds(chunk: &[&SurveyRecord], at_ms: i64) -> Vec<Bind> {
    let mut binds = Vec::with_capacity(chunk.len() * COLUMNS_PER_ROW);
    for record in chunk {
        push_row_binds(&mut binds, record, at_ms);
    }
    binds
}

/// Appends one row's binds, in the order of [`INSERT_COLUMNS`] (status is a literal).
fn push_row_binds(binds: &mut Vec<Bind>, r: &SurveyRecord, at_ms: i64) {
    let answers = &r.answers;
    let comment = answers
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    binds.extend([
        Bind::Text(r.call_ref.clone()),
        Bind::Int(r.answered_at_ms),
        Bind::Text(r.facts.site.clone()),
        Bind::Text(r.facts.queue.clone()),
        Bind::Text(r.facts.agent.clone()),
        optional_int(r.facts.wait_secs.map(i64::from)),
        optional_int(r.facts.talk_secs.map(i64::from)),
        Bind::Bool(r.facts.escalated),
        Bind::Bool(r.facts.callback),
        Bind::Int(i64::from(answers.csat)),
        optional_int(answers.nps.map(i64::from)),
        answers
            .first_contact_resolution
            .map_or(Bind::NullBool, Bind::Bool),
        comment.map_or(Bind::NullText, |c| Bind::Text(c.to_owned())),
        Bind::Int(i64::from(ReviewNeed::of(answers).rank())),
        Bind::Text(r.origin.clone()),
        Bind::Int(at_ms),
        Bind::Int(at_ms),
        Bind::Text(comment.map(index_terms).unwrap_or_default()),
    ]);
}

/// Binds every value, in order and by value: sqlx copies a borrowed string before handing
/// it to the database's thread, an owned one it only moves.
macro_rules! bind_owned {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Int(v) => query.bind(v),
                Bind::Text(v) => query.bind(v),
                Bind::Bool(v) => query.bind(v),
                Bind::NullInt => query.bind(None::<i64>),
                Bind::NullText => query.bind(None::<String>),
                Bind::NullBool => query.bind(None::<bool>),
            };
        }
        query
    }};
}

/// A positional placeholder. SQLite gets plain `?`: sqlx looks a `$n` up by name, and SQLite
/// finds a named parameter by a linear scan, which made a 7,200-parameter INSERT quadratic
/// (a hundred thousand rows took 18 s; with `?` they take a fraction of that).
fn push_placeholder(sql: &mut String, backend: Backend, n: usize) {
    use std::fmt::Write as _;
    match backend {
        Backend::Sqlite => sql.push('?'),
        Backend::Postgres => {
            let _ = write!(sql, "${n}");
        }
    }
}

/// `INSERT … VALUES` for `rows` records. SQLite's import says `OR FAIL`: with the default
/// (ABORT) a multi-row statement must be able to undo its own earlier rows, so SQLite copies
/// every page it touches into a statement journal first; a failure here ends the whole import
/// anyway (the transaction rolls back), so that copy is wasted work.
fn insert_sql(backend: Backend, bulk: bool) -> String {
    let verb = match backend {
        Backend::Sqlite if bulk => "INSERT OR FAIL ",
        _ => "INSERT ",
    };
    format!("{verb}{INSERT_COLUMNS}")
}

/// The records whose calls are not stored yet (`duplicates` is sorted by index).
fn fresh_records<'a>(
    records: &'a [SurveyRecord],
    duplicates: &[DuplicateCall],
) -> Vec<&'a SurveyRecord> {
    let mut next = 0;
    let mut fresh = Vec::with_capacity(records.len() - duplicates.len().min(records.len()));
    for (index, record) in records.iter().enumerate() {
        if duplicates.get(next).is_some_and(|d| d.index == index) {
            next += 1;
        } else {
            fresh.push(record);
        }
    }
    fresh
}

/// The import's pooled connection. While it carries the import's settings (`tuned`: the
/// cache_size and temp_store to restore), dropping it closes it rather than pooling it.
struct ImportConnection<DB: sqlx::Database> {
    conn: sqlx::pool::PoolConnection<DB>,
    tuned: Option<(i64, i64)>,
}

impl<DB: sqlx::Database> Drop for ImportConnection<DB> {
    fn drop(&mut self) {
        if self.tuned.is_some() {
            self.conn.close_on_drop();
        }
    }
}

fn optional_int(value: Option<i64>) -> Bind {
    value.map_or(Bind::NullInt, Bind::Int)
}

// The import's steps, as macros because each is compiled once per backend inside
// `with_pool!` (they expand inside the import's async body, so `?` and `.await` are its own).

/// SQLite bulk import on a file: a page cache big enough for the pages the import keeps
/// returning to (the hot end of each index; with the default 2 MB they were written out and
/// read back for every statement) and statement journals in memory. Connection-scoped and
/// memory only: durability is untouched (synchronous stays FULL). `$conn.tuned` remembers
/// what to restore; should the import be cancelled first, [`ImportConnection`] closes the
/// connection instead of pooling it. An in-memory database (no file name) is left alone: its
/// pages never leave memory, and its one connection must never be closed.
macro_rules! tune_for_import {
    ($conn:ident, $bulk:expr) => {
        let file_backed = $bulk && {
            let (file,): (String,) =
                sqlx::query_as("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(&mut *$conn.conn)
                    .await?;
            !file.is_empty()
        };
        if file_backed {
            let (cache,): (i64,) = sqlx::query_as("PRAGMA cache_size")
                .fetch_one(&mut *$conn.conn)
                .await?;
            let (temp,): (i64,) = sqlx::query_as("PRAGMA temp_store")
                .fetch_one(&mut *$conn.conn)
                .await?;
            $conn.tuned = Some((cache, temp));
            let pragmas = [
                format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"),
                "PRAGMA temp_store = MEMORY".to_owned(),
            ];
            for pragma in &pragmas {
                sqlx::query(pragma).execute(&mut *$conn.conn).await?;
            }
        }
    };
}

/// Back to the pool's settings; a smaller cache_size frees the pages over it.
macro_rules! untune {
    ($conn:ident) => {
        if let Some((cache, temp)) = $conn.tuned {
            let pragmas = [
                format!("PRAGMA cache_size = {cache}"),
                format!("PRAGMA temp_store = {temp}"),
            ];
            for pragma in &pragmas {
                sqlx::query(pragma).execute(&mut *$conn.conn).await?;
            }
            $conn.tuned = None;
        }
    };
}

/// The records whose calls are already stored, by index (sorted).
macro_rules! stored_calls {
    ($tx:ident, $records:expr, $backend:expr) => {{
        let mut duplicates = Vec::new();
        for (chunk_index, chunk) in $records.chunks(REFS_PER_LOOKUP).enumerate() {
            let mut sql = "SELECT call_ref, id FROM surveys WHERE call_ref IN (".to_owned();
            for n in 1..=chunk.len() {
                if n > 1 {
                    sql.push_str(", ");
                }
                push_placeholder(&mut sql, $backend, n);
            }
            sql.push(')');
            // One statement per list length: not kept in the connection's statement cache,
            // where up to a hundred of them (each a few hundred parameters) would stay.
            let mut query = sqlx::query_as::<_, (String, i64)>(&sql).persistent(false);
            for record in chunk {
                query = query.bind(record.call_ref.as_str());
            }
            let found: std::collections::HashMap<String, i64> =
                query.fetch_all(&mut *$tx).await?.into_iter().collect();
            for (offset, record) in chunk.iter().enumerate() {
                if let Some(&existing_id) = found.get(&record.call_ref) {
                    duplicates.push(DuplicateCall {
                        index: chunk_index * REFS_PER_LOOKUP + offset,
                        call_ref: record.call_ref.clone(),
                        existing_id,
                    });
                }
            }
        }
        duplicates
    }};
}

/// SQLite bulk path, first half: drops the insert trigger inside the import's transaction
/// (no other connection ever sees it missing: they wait for our write lock, and a rollback
/// restores it). Gives the trigger's SQL and the last id before the import, or `None` when
/// there is no such trigger.
macro_rules! pause_search_trigger {
    ($tx:ident) => {{
        let trigger: Option<(String,)> =
            sqlx::query_as("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = $1")
                .bind(SEARCH_TRIGGER)
                .fetch_optional(&mut *$tx)
                .await?;
        match trigger {
            Some((create,)) => {
                sqlx::query(&format!("DROP TRIGGER {SEARCH_TRIGGER}"))
                    .execute(&mut *$tx)
                    .await?;
                // After the DROP this transaction holds the write lock, so no other row can
                // arrive between this read and our inserts; rowids only grow.
                let (last_id,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM surveys")
                    .fetch_one(&mut *$tx)
                    .await?;
                Some((create, last_id))
            }
            None => None,
        }
    }};
}

/// SQLite bulk path, second half: the comment index gets every new row in one INSERT …
/// SELECT (the same rows, in the same form, as the trigger would have indexed), which FTS5
/// takes in large sorted batches rather than a trigger call and index update per row; then
/// the trigger is created again, all before the commit.
macro_rules! resume_search_trigger {
    ($tx:ident, $paused:expr) => {
        let (create, last_id): (String, i64) = $paused;
        sqlx::query(
            "INSERT INTO survey_search (rowid, search_terms) \
             SELECT id, search_terms FROM surveys WHERE id > $1 AND search_terms <> ''",
        )
        .bind(last_id)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(&create).execute(&mut *$tx).await?;
    };
}

/// Inserts the records in multi-row statements. Each chunk's binds are built while the
/// previous chunk executes (the database works on its own thread), and a full chunk's SQL is
/// the same text every time, so its prepared statement is reused.
macro_rules! insert_rows {
    ($tx:ident, $records:expr, $insert:expr, $at_ms:expr, $backend:expr) => {
        let insert: String = $insert;
        let full_sql = chunk_sql(&insert, ROWS_PER_INSERT, $backend);
        let mut chunks = $records.chunks(ROWS_PER_INSERT);
        let mut next = chunks.next().map(|c| chunk_binds(c, $at_ms));
        while let Some(binds) = next.take() {
            let rows = binds.len() / COLUMNS_PER_ROW;
            let partial_sql;
            let sql = if rows == ROWS_PER_INSERT {
                &full_sql
            } else {
                partial_sql = chunk_sql(&insert, rows, $backend);
                &partial_sql
            };
            // A short last chunk has SQL of its own length: used once, so not cached.
            let query = sqlx::query(sql).persistent(rows == ROWS_PER_INSERT);
            let execute = bind_owned!(query, binds).execute(&mut *$tx);
            let build = async { chunks.next().map(|c| chunk_binds(c, $at_ms)) };
            let (done, built) = futures_util::future::join(execute, build).await;
            done?;
            next = built;
        }
    };
}

impl Store {
    /// Stores one survey as it arrives from the platform. `Ok(None)`: that call's survey is
    /// already stored (a replay after a reconnect), and nothing changed.
    pub async fn insert_survey(
        &self,
        record: &SurveyRecord,
        at_ms: i64,
    ) -> Result<Option<i64>, StoreError> {
        checked(record)?;
        let mut sql = chunk_sql(&insert_sql(self.backend(), false), 1, self.backend());
        sql.push_str(" ON CONFLICT (call_ref) DO NOTHING RETURNING id");
        let binds = chunk_binds(&[record], at_ms);
        let id: Option<(i64,)> = with_pool!(self, |pool| bind_owned!(sqlx::query_as(&sql), binds)
            .fetch_optional(pool)
            .await?);
        Ok(id.map(|(id,)| id))
    }

    /// Imports surveys in one transaction: all are written or none. Calls the store already
    /// holds are reported; unless `skip_duplicates`, their presence writes nothing at all, so
    /// the user decides. Every record is validated first.
    pub async fn import_surveys(
        &self,
        records: &[SurveyRecord],
        skip_duplicates: bool,
        at_ms: i64,
    ) -> Result<SurveyImportOutcome, StoreError> {
        for record in records {
            checked(record)?;
        }
        let backend = self.backend();
        let sqlite_bulk = backend == Backend::Sqlite && records.len() >= BULK_ROWS;
        with_pool!(self, |pool| {
            let mut conn = ImportConnection {
                conn: pool.acquire().await?,
                tuned: None,
            };
            tune_for_import!(conn, sqlite_bulk);
            // The import proper; whatever its outcome, the connection's settings are then
            // restored before it goes back to the pool.
            let outcome = async {
                let conn = &mut conn.conn;
                let mut tx = conn.begin().await?;
                let duplicates = stored_calls!(tx, records, backend);
                if !duplicates.is_empty() && !skip_duplicates {
                    tx.rollback().await?;
                    return Ok(SurveyImportOutcome {
                        stored: 0,
                        duplicates,
                    });
                }
                // Built without a closure held across the awaits below, so the future stays Send.
                let fresh = fresh_records(records, &duplicates);
                let bulk = sqlite_bulk && fresh.len() >= BULK_ROWS;
                let paused_trigger = if bulk {
                    pause_search_trigger!(tx)
                } else {
                    None
                };
                insert_rows!(tx, fresh, insert_sql(backend, bulk), at_ms, backend);
                if let Some(paused) = paused_trigger {
                    resume_search_trigger!(tx, paused);
                }
                tx.commit().await?;
                Ok(SurveyImportOutcome {
                    stored: fresh.len() as u64,
                    duplicates,
                })
            }
            .await;
            untune!(conn);
            // Back to the pool before asking it for a connection: an in-memory store has
            // only the one.
            drop(conn);
            // A large import changes what the planner should expect of each index (how few
            // rows one agent has, how many one status has); refresh its statistics. On
            // PostgreSQL VACUUM also marks the new rows all-visible, so a count over an
            // index (a queue's 33,000 rows) reads the index alone instead of visiting each
            // row in the table to check it is visible.
            if outcome.as_ref().is_ok_and(|o| o.stored >= BULK_ROWS as u64) {
                let analyze = match backend {
                    Backend::Sqlite => "PRAGMA analysis_limit = 2000; ANALYZE surveys",
                    Backend::Postgres => "VACUUM (ANALYZE) surveys",
                };
                sqlx::raw_sql(analyze).execute(pool).await?;
            }
            outcome
        })
    }
}
