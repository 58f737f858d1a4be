//! Blind QA scoring on the store: forms, calibration rounds, the raters' sheets.

use crate::{QaFormRecord, QaRoundRecord, QaScoreRecord, Store, StoreError};

/// Longest form definition or score sheet, in bytes.
pub const MAX_QA_JSON_BYTES: usize = 64 * 1024;

fn check_json(what: &str, text: &str) -> Result<(), StoreError> {
    if text.len() > MAX_QA_JSON_BYTES {
        return Err(StoreError::InvalidInput(format!(
            "the {what} is {} bytes; at most {MAX_QA_JSON_BYTES}",
            text.len()
        )));
    }
    Ok(())
}

type RoundRow = (i64, i64, i64, String, i64, String);
type ScoreRow = (i64, String, String, i64);

impl Store {
    /// Saves a new scoring form; returns its id.
    pub async fn create_qa_form(
        &self,
        name: &str,
        definition: &str,
        by: &str,
        at_ms: i64,
    ) -> Result<i64, StoreError> {
        check_json("form", definition)?;
        if name.trim().is_empty() {
            return Err(StoreError::InvalidInput("a form needs a name".to_owned()));
        }
        let (id,): (i64,) = with_pool!(self, |pool| sqlx::query_as(
            "INSERT INTO qa_forms (name, definition, created_at_ms, created_by) \
             VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(name.trim())
        .bind(definition)
        .bind(at_ms)
        .bind(by)
        .fetch_one(pool)
        .await?);
        Ok(id)
    }

    /// Every form, newest first.
    pub async fn qa_forms(&self) -> Result<Vec<QaFormRecord>, StoreError> {
        let rows: Vec<(i64, String, String, i64, String, bool)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name, definition, created_at_ms, created_by, retired FROM qa_forms \
                 ORDER BY id DESC",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(id, name, definition, created_at_ms, created_by, retired)| QaFormRecord {
                    id,
                    name,
                    definition,
                    created_at_ms,
                    created_by,
                    retired,
                },
            )
            .collect())
    }

    /// Opens a calibration round on a surveyed call; returns its id. The raters are stored
    /// as given (fw-app checks there are enough of them, distinct, allowed to score).
    pub async fn create_qa_round(
        &self,
        survey_id: i64,
        form_id: i64,
        raters: &[String],
        by: &str,
        at_ms: i64,
    ) -> Result<i64, StoreError> {
        if raters.iter().any(|r| r.is_empty() || r.contains('\n')) {
            return Err(StoreError::InvalidInput(
                "a rater's name is empty or spans lines".to_owned(),
            ));
        }
        let (id,): (i64,) = with_pool!(self, |pool| sqlx::query_as(
            "INSERT INTO qa_rounds (survey_id, form_id, raters, created_at_ms, created_by) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id"
        )
        .bind(survey_id)
        .bind(form_id)
        .bind(raters.join("\n"))
        .bind(at_ms)
        .bind(by)
        .fetch_one(pool)
        .await?);
        Ok(id)
    }

    /// Hands in a rater's sheet. `Ok(false)`: this rater already scored this round, and the
    /// first sheet stands (calibration compares first, independent judgements).
    pub async fn submit_qa_score(&self, score: &QaScoreRecord) -> Result<bool, StoreError> {
        check_json("score sheet", &score.sheet)?;
        let inserted = with_pool!(self, |pool| {
            sqlx::query(
            "INSERT INTO qa_scores (round_id, rater, sheet, scored_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (round_id, rater) DO NOTHING"
        )
        .bind(score.round_id)
        .bind(score.rater.as_str())
        .bind(score.sheet.as_str())
        .bind(score.scored_at_ms)
        .execute(pool)
        .await?
        .rows_affected()
        });
        Ok(inserted == 1)
    }

    /// One round with every sheet handed in.
    pub async fn qa_round(&self, id: i64) -> Result<Option<QaRoundRecord>, StoreError> {
        Ok(self
            .qa_rounds_where("r.id = $1", id)
            .await?
            .into_iter()
            .next())
    }

    /// The rounds on one surveyed call, oldest first.
    pub async fn qa_rounds_of_survey(
        &self,
        survey_id: i64,
    ) -> Result<Vec<QaRoundRecord>, StoreError> {
        self.qa_rounds_where("r.survey_id = $1", survey_id).await
    }

    /// The rounds scored on one form, oldest first: the data of its agreement figures.
    pub async fn qa_rounds_of_form(&self, form_id: i64) -> Result<Vec<QaRoundRecord>, StoreError> {
        self.qa_rounds_where("r.form_id = $1", form_id).await
    }

    /// Every round, newest first, up to `limit` (a rater's inbox is filtered by fw-app).
    pub async fn qa_rounds_recent(&self, limit: u32) -> Result<Vec<QaRoundRecord>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        // The newest `limit` rounds only, with their sheets; not every round ever opened.
        let newest = "r.id >= (SELECT COALESCE(MIN(n.id), 0) FROM \
             (SELECT id FROM qa_rounds ORDER BY id DESC LIMIT $1) AS n)";
        let mut rounds = self.qa_rounds_where(newest, i64::from(limit)).await?;
        rounds.reverse();
        Ok(rounds)
    }

    async fn qa_rounds_where(
        &self,
        condition: &str,
        value: i64,
    ) -> Result<Vec<QaRoundRecord>, StoreError> {
        let rounds_sql = format!(
            "SELECT r.id, r.survey_id, r.form_id, r.raters, r.created_at_ms, r.created_by \
             FROM qa_rounds r WHERE {condition} ORDER BY r.id"
        );
        let scores_sql = format!(
            "SELECT q.round_id, q.rater, q.sheet, q.scored_at_ms FROM qa_scores q \
             JOIN qa_rounds r ON r.id = q.round_id WHERE {condition} ORDER BY q.round_id, q.scored_at_ms"
        );
        let (rounds, scores): (Vec<RoundRow>, Vec<ScoreRow>) = with_pool!(self, |pool| {
            let rounds = sqlx::query_as(&rounds_sql)
                .bind(value)
                .fetch_all(pool)
                .await?;
            let scores = sqlx::query_as(&scores_sql)
                .bind(value)
                .fetch_all(pool)
                .await?;
            (rounds, scores)
        });
        let mut out: Vec<QaRoundRecord> = rounds
            .into_iter()
            .map(
                |(id, survey_id, form_id, raters, created_at_ms, created_by)| QaRoundRecord {
                    id,
                    survey_id,
                    form_id,
                    raters: raters.split('\n').map(str::to_owned).collect(),
                    created_at_ms,
                    created_by,
                    scores: Vec::new(),
                },
            )
            .collect();
        for (round_id, rater, sheet, scored_at_ms) in scores {
            if let Some(round) = out.iter_mut().find(|r| r.id == round_id) {
                round.scores.push(QaScoreRecord {
                    round_id,
                    rater,
                    sheet,
                    scored_at_ms,
                });
            }
        }
        Ok(out)
    }
}
