//! Surveys on the store: the live insert, the all-or-nothing import, and reads.

use fw_survey::{
    CallFacts, ReviewNeed, ReviewStatus, SurveyAnswers, SurveyFilter, SurveyRecord, SurveySort,
    index_terms,
};

use super::survey_sql::{Conditions, bind_all, order_by, survey_columns};
use crate::{
    Backend, DuplicateCall, MAX_SURVEY_PAGE, SURVEY_COUNT_CAP, Store, StoreError, StoredSurvey,
    SurveyImportOutcome, SurveyPage,
};

const INSERT_COLUMNS: &str = "INSERT INTO surveys (call_ref, answered_at_ms, site, queue, agent, \
     wait_secs, talk_secs, escalated, callback, csat, nps, fcr, comment, need, status, origin, \
     stored_at_ms, updated_at_ms, search_terms) VALUES ";
/// Binds per inserted row (status is the literal 'new').
const COLUMNS_PER_ROW: usize = 18;
/// Rows per INSERT: 400 × 18 binds stays under both backends' limits (SQLite 32,766,
/// PostgreSQL 65,535) while cutting statement overhead on a million-row import.
const ROWS_PER_INSERT: usize = 400;
/// Imports at least this large refresh the planner's statistics.
const ANALYZE_AFTER_ROWS: usize = 1_000;
/// Call references checked per duplicate lookup.
const REFS_PER_LOOKUP: usize = 500;

/// Decodes one row of [`survey_columns`] (works for either backend's row type).
macro_rules! survey_from_row {
    ($row:expr) => {{
        use sqlx::Row;
        let row = $row;
        let status: String = row.try_get(14)?;
        let tags: Option<String> = row.try_get(20)?;
        let mut tags: Vec<String> = tags
            .map(|t| t.split('|').map(str::to_owned).collect())
            .unwrap_or_default();
        tags.sort();
        StoredSurvey {
            id: row.try_get(0)?,
            record: SurveyRecord {
                call_ref: row.try_get(1)?,
                answered_at_ms: row.try_get(2)?,
                facts: CallFacts {
                    site: row.try_get(3)?,
                    queue: row.try_get(4)?,
                    agent: row.try_get(5)?,
                    wait_secs: small(row.try_get(6)?),
                    talk_secs: small(row.try_get(7)?),
                    escalated: row.try_get(8)?,
                    callback: row.try_get(9)?,
                },
                answers: SurveyAnswers {
                    csat: score(row.try_get(10)?)?,
                    nps: row.try_get::<Option<i64>, _>(11)?.map(score).transpose()?,
                    first_contact_resolution: row.try_get(12)?,
                    comment: row.try_get(13)?,
                },
                origin: row.try_get(17)?,
            },
            status: ReviewStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
                what: "survey".to_owned(),
                reason: format!("unknown review status {status:?}"),
            })?,
            follow_up_owner: row.try_get(15)?,
            follow_up_due_ms: row.try_get(16)?,
            tags,
            stored_at_ms: row.try_get(18)?,
            updated_at_ms: row.try_get(19)?,
        }
    }};
}

fn small(value: Option<i64>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

fn score(value: i64) -> Result<u8, StoreError> {
    u8::try_from(value).map_err(|_| StoreError::Corrupt {
        what: "survey".to_owned(),
        reason: format!("score {value} out of range"),
    })
}

fn checked(record: &SurveyRecord) -> Result<(), StoreError> {
    record
        .validate()
        .map_err(|e| StoreError::InvalidInput(format!("survey for call {}: {e}", record.call_ref)))
}

/// Appends one row's placeholders and binds.
fn push_row(
    sql: &mut String,
    binds: &mut Vec<super::survey_sql::Bind>,
    r: &SurveyRecord,
    at_ms: i64,
    backend: Backend,
) {
    use super::survey_sql::Bind;
    let first = binds.len() + 1;
    let placeholders: Vec<String> = (first..first + COLUMNS_PER_ROW)
        .map(|n| placeholder(backend, n))
        .collect();
    // status sits between need and origin as a literal.
    let (head, tail) = placeholders.split_at(14);
    sql.push('(');
    sql.push_str(&head.join(", "));
    sql.push_str(", 'new', ");
    sql.push_str(&tail.join(", "));
    sql.push(')');
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
    ]);
    binds.push(optional_int(r.facts.wait_secs.map(i64::from)));
    binds.push(optional_int(r.facts.talk_secs.map(i64::from)));
    binds.extend([
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

/// A positional placeholder. SQLite gets plain `?`: sqlx looks a `$n` up by name, and SQLite
/// finds a named parameter by a linear scan, which made a 7,200-parameter INSERT quadratic
/// (a hundred thousand rows took 18 s; with `?` they take a fraction of that).
fn placeholder(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${n}"),
    }
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

fn optional_int(value: Option<i64>) -> super::survey_sql::Bind {
    value.map_or(
        super::survey_sql::Bind::NullInt,
        super::survey_sql::Bind::Int,
    )
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
        let mut sql = INSERT_COLUMNS.to_owned();
        let mut binds = Vec::with_capacity(COLUMNS_PER_ROW);
        push_row(&mut sql, &mut binds, record, at_ms, self.backend());
        sql.push_str(" ON CONFLICT (call_ref) DO NOTHING RETURNING id");
        let id: Option<(i64,)> = with_pool!(self, |pool| bind_all!(sqlx::query_as(&sql), &binds)
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
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut duplicates = Vec::new();
            for (chunk_index, chunk) in records.chunks(REFS_PER_LOOKUP).enumerate() {
                let placeholders: Vec<String> =
                    (1..=chunk.len()).map(|n| placeholder(backend, n)).collect();
                let sql = format!(
                    "SELECT call_ref, id FROM surveys WHERE call_ref IN ({})",
                    placeholders.join(", ")
                );
                let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
                for record in chunk {
                    query = query.bind(record.call_ref.as_str());
                }
                let found: std::collections::HashMap<String, i64> =
                    query.fetch_all(&mut *tx).await?.into_iter().collect();
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
            if !duplicates.is_empty() && !skip_duplicates {
                tx.rollback().await?;
                return Ok(SurveyImportOutcome {
                    stored: 0,
                    duplicates,
                });
            }
            // Built without a closure held across the awaits below, so the future stays Send.
            let fresh = fresh_records(records, &duplicates);
            for chunk in fresh.chunks(ROWS_PER_INSERT) {
                let mut sql = INSERT_COLUMNS.to_owned();
                let mut binds = Vec::with_capacity(chunk.len() * COLUMNS_PER_ROW);
                for (n, record) in chunk.iter().enumerate() {
                    if n > 0 {
                        sql.push_str(", ");
                    }
                    push_row(&mut sql, &mut binds, record, at_ms, self.backend());
                }
                bind_all!(sqlx::query(&sql), &binds)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            // A large import changes what the planner should expect of each index (how few
            // rows one agent has, how many one status has); refresh its statistics.
            if fresh.len() >= ANALYZE_AFTER_ROWS {
                let analyze = match backend {
                    Backend::Sqlite => "PRAGMA analysis_limit = 2000; ANALYZE surveys",
                    Backend::Postgres => "ANALYZE surveys",
                };
                sqlx::raw_sql(analyze).execute(pool).await?;
            }
            Ok(SurveyImportOutcome {
                stored: fresh.len() as u64,
                duplicates,
            })
        })
    }

    /// One survey with its review state.
    pub async fn survey(&self, id: i64) -> Result<Option<StoredSurvey>, StoreError> {
        let sql = format!(
            "SELECT {} FROM surveys s WHERE s.id = $1",
            survey_columns(self.backend())
        );
        with_pool!(self, |pool| {
            let row = sqlx::query(&sql).bind(id).fetch_optional(pool).await?;
            Ok(match row {
                Some(row) => Some(survey_from_row!(&row)),
                None => None,
            })
        })
    }

    /// A page of the review queue: the filters, an order, and a count of matches (capped at
    /// [`SURVEY_COUNT_CAP`]).
    pub async fn survey_page(
        &self,
        filter: &SurveyFilter,
        sort: SurveySort,
        offset: u64,
        limit: u32,
    ) -> Result<SurveyPage, StoreError> {
        // The page and its count are independent reads: on two connections at once, a
        // search waits for the slower of them rather than for both.
        let (rows, count) = tokio::try_join!(
            self.survey_page_rows(filter, sort, offset, limit.clamp(1, MAX_SURVEY_PAGE)),
            self.survey_count(filter),
        )?;
        let count = u64::try_from(count).unwrap_or(0);
        Ok(SurveyPage {
            rows,
            total: count.min(SURVEY_COUNT_CAP),
            total_capped: count > SURVEY_COUNT_CAP,
        })
    }

    /// How many surveys match, counted up to one past [`SURVEY_COUNT_CAP`].
    async fn survey_count(&self, filter: &SurveyFilter) -> Result<i64, StoreError> {
        let conditions = Conditions::new(self.backend()).filter(filter);
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM surveys s{} LIMIT {}) AS matching",
            conditions.where_clause(),
            SURVEY_COUNT_CAP + 1
        );
        let (count,): (i64,) = with_pool!(self, |pool| bind_all!(
            sqlx::query_as(&sql),
            &conditions.binds
        )
        .fetch_one(pool)
        .await?);
        Ok(count)
    }

    /// Every survey matching the filters, in order, handed to `each` in batches: one query
    /// streamed from the database, so a CSV export of a million rows neither holds them all
    /// nor pages by offset (which would rescan the skipped rows for every page).
    pub async fn export_surveys<E: From<StoreError>>(
        &self,
        filter: &SurveyFilter,
        sort: SurveySort,
        mut each: impl FnMut(&[StoredSurvey]) -> Result<(), E>,
    ) -> Result<u64, E> {
        use futures_util::TryStreamExt;
        const BATCH: usize = MAX_SURVEY_PAGE as usize;
        let conditions = Conditions::new(self.backend()).filter(filter);
        let sql = format!(
            "SELECT {} FROM surveys s{}{}",
            survey_columns(self.backend()),
            conditions.where_clause(),
            order_by(sort)
        );
        let mut batch = Vec::with_capacity(BATCH);
        let mut total = 0u64;
        with_pool!(self, |pool| {
            let mut rows = bind_all!(sqlx::query(&sql), &conditions.binds).fetch(pool);
            while let Some(row) = rows.try_next().await.map_err(StoreError::from)? {
                let survey =
                    (|| -> Result<StoredSurvey, StoreError> { Ok(survey_from_row!(&row)) })()?;
                batch.push(survey);
                if batch.len() == BATCH {
                    each(&batch)?;
                    total += batch.len() as u64;
                    batch.clear();
                }
            }
        });
        if !batch.is_empty() {
            each(&batch)?;
            total += batch.len() as u64;
        }
        Ok(total)
    }

    async fn survey_page_rows(
        &self,
        filter: &SurveyFilter,
        sort: SurveySort,
        offset: u64,
        limit: u32,
    ) -> Result<Vec<StoredSurvey>, StoreError> {
        let mut conditions = Conditions::new(self.backend()).filter(filter);
        let where_clause = conditions.where_clause();
        let limit_p = conditions.bind(super::survey_sql::Bind::Int(i64::from(limit)));
        let offset_p = conditions.bind(super::survey_sql::Bind::Int(
            i64::try_from(offset).unwrap_or(i64::MAX),
        ));
        let sql = format!(
            "SELECT {} FROM surveys s{where_clause}{} LIMIT {limit_p} OFFSET {offset_p}",
            survey_columns(self.backend()),
            order_by(sort)
        );
        with_pool!(self, |pool| {
            let rows = bind_all!(sqlx::query(&sql), &conditions.binds)
                .fetch_all(pool)
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                out.push(survey_from_row!(row));
            }
            Ok(out)
        })
    }

    /// An agent's latest surveys before `before_ms`, newest first: the "recent scores" beside
    /// a survey's detail.
    pub async fn agent_recent_surveys(
        &self,
        agent: &str,
        before_ms: i64,
        limit: u32,
    ) -> Result<Vec<StoredSurvey>, StoreError> {
        let filter = SurveyFilter {
            agent: Some(agent.to_owned()),
            to_ms: Some(before_ms),
            ..SurveyFilter::default()
        };
        self.survey_page_rows(
            &filter,
            SurveySort::Newest,
            0,
            limit.clamp(1, MAX_SURVEY_PAGE),
        )
        .await
    }
}
