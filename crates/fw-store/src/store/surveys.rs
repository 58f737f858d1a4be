//! Reading surveys: one survey, a page of the review queue with its capped count, the
//! export. Writes are in `survey_import`.

use fw_survey::{CallFacts, ReviewStatus, SurveyAnswers, SurveyFilter, SurveyRecord, SurveySort};

use super::survey_sql::{Conditions, bind_all, fts_expression, order_by, survey_columns};
use crate::{
    Backend, MAX_SURVEY_PAGE, SURVEY_COUNT_CAP, Store, StoreError, StoredSurvey, SurveyPage,
};

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

impl Store {
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
        // A comment search and nothing else: each entry of the comment index is one survey,
        // so the index counts them without fetching a row.
        if let Some(expression) = conditions.search_only() {
            return self.search_matches(expression, SURVEY_COUNT_CAP + 1).await;
        }
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

    /// SQLite: how many surveys' comments match an FTS5 expression, counted up to `cap`.
    async fn search_matches(&self, expression: &str, cap: u64) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM survey_search \
             WHERE survey_search MATCH $1 LIMIT {cap}) AS matching"
        );
        let (count,): (i64,) = with_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(expression)
            .fetch_one(pool)
            .await?);
        Ok(count)
    }

    /// SQLite: whether a page of a comment search is read through the index of its order
    /// rather than from the search's matches (see [`Conditions::order_drives_search`]).
    /// Fetching and sorting `m` matches costs roughly ten index steps each; reading the
    /// order's index until `offset + limit` of them turn up costs about
    /// `(offset + limit) × rows / m` steps. So the index wins once `m² > (offset + limit) ×
    /// rows / 10`, and the matches are counted (in the comment index alone) only that far.
    /// Orders without an index of their own always start from the matches.
    async fn order_drives_search(
        &self,
        filter: &SurveyFilter,
        sort: SurveySort,
        offset: u64,
        limit: u64,
    ) -> Result<bool, StoreError> {
        if self.backend() != Backend::Sqlite
            || !matches!(
                sort,
                SurveySort::Need | SurveySort::Newest | SurveySort::Oldest
            )
        {
            return Ok(false);
        }
        let Some(expression) = fts_expression(filter) else {
            return Ok(false);
        };
        // Rowids only grow and surveys are never deleted: the largest is the row count, read
        // from the end of the table's B-tree.
        let (rows,): (i64,) = with_pool!(self, |pool| sqlx::query_as(
            "SELECT COALESCE(MAX(id), 0) FROM surveys"
        )
        .fetch_one(pool)
        .await?);
        let rows = u64::try_from(rows).unwrap_or(0);
        let enough = (offset.saturating_add(limit).saturating_mul(rows) / 10)
            .isqrt()
            .max(1);
        let matches = self.search_matches(&expression, enough).await?;
        Ok(u64::try_from(matches).unwrap_or(0) >= enough)
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
        let order_drives = self
            .order_drives_search(filter, sort, offset, u64::from(limit))
            .await?;
        let mut conditions = Conditions::new(self.backend())
            .order_drives_search(order_drives)
            .filter(filter);
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
