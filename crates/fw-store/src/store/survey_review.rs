//! The review workflow on stored surveys: status, follow-up, tags, notes, the tag list.

use fw_survey::ReviewStatus;

use super::survey_sql::{Bind, bind_all};
use crate::{MAX_NOTE_BYTES, Store, StoreError, SurveyNote, SurveyTagRecord};

/// Most surveys one bulk action may touch.
pub const MAX_BULK_SURVEYS: usize = 5_000;

fn id_list(ids: &[i64], first: usize) -> Result<(String, Vec<Bind>), StoreError> {
    if ids.is_empty() {
        return Err(StoreError::InvalidInput("no survey chosen".to_owned()));
    }
    if ids.len() > MAX_BULK_SURVEYS {
        return Err(StoreError::InvalidInput(format!(
            "{} surveys chosen; one action takes at most {MAX_BULK_SURVEYS}",
            ids.len()
        )));
    }
    let placeholders: Vec<String> = (first..first + ids.len())
        .map(|n| format!("${n}"))
        .collect();
    Ok((
        placeholders.join(", "),
        ids.iter().map(|id| Bind::Int(*id)).collect(),
    ))
}

/// The SQL and binds of [`Store::update_surveys`] (empty `assignments`: only the stamp).
fn update_sql(
    assignments: &str,
    mut values: Vec<Bind>,
    ids: &[i64],
    at_ms: i64,
) -> Result<(String, Vec<Bind>), StoreError> {
    values.push(Bind::Int(at_ms));
    let stamp = format!("updated_at_ms = ${}", values.len());
    let (list, id_binds) = id_list(ids, values.len() + 1)?;
    values.extend(id_binds);
    let set = if assignments.is_empty() {
        stamp
    } else {
        format!("{assignments}, {stamp}")
    };
    Ok((
        format!("UPDATE surveys SET {set} WHERE id IN ({list})"),
        values,
    ))
}

impl Store {
    /// Sets the review status of surveys; returns how many exist and changed.
    pub async fn set_survey_status(
        &self,
        ids: &[i64],
        status: ReviewStatus,
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        let values = vec![Bind::Text(status.as_str().to_owned())];
        self.update_surveys("status = $1", values, ids, at_ms).await
    }

    /// Sets (or, with `None`, clears) who calls the customer back and by when.
    pub async fn set_survey_follow_up(
        &self,
        ids: &[i64],
        owner: Option<&str>,
        due_ms: Option<i64>,
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        if owner.is_some_and(|o| o.trim().is_empty()) {
            return Err(StoreError::InvalidInput(
                "a follow-up needs an owner".to_owned(),
            ));
        }
        let values = vec![
            owner.map_or(Bind::NullText, |o| Bind::Text(o.to_owned())),
            due_ms.map_or(Bind::NullInt, Bind::Int),
        ];
        self.update_surveys(
            "follow_up_owner = $1, follow_up_due_ms = $2",
            values,
            ids,
            at_ms,
        )
        .await
    }

    /// `UPDATE surveys SET <assignments>, updated_at_ms = … WHERE id IN (ids)`, where the
    /// assignments use `$1…` for `values`. Returns how many surveys exist and changed.
    async fn update_surveys(
        &self,
        assignments: &str,
        values: Vec<Bind>,
        ids: &[i64],
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        let (sql, binds) = update_sql(assignments, values, ids, at_ms)?;
        // The id list makes each statement's SQL its own: not kept in the statement cache.
        Ok(with_pool!(self, |pool| bind_all!(
            sqlx::query(&sql).persistent(false),
            &binds
        )
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// Puts a tag of the managed list on surveys (those that have it keep it once). Returns
    /// how many gained it.
    pub async fn add_survey_tag(
        &self,
        ids: &[i64],
        tag: &str,
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        let known = self.survey_tag_catalog().await?;
        match known.iter().find(|t| t.name == tag) {
            None => {
                return Err(StoreError::InvalidInput(format!(
                    "{tag:?} is not in the tag list"
                )));
            }
            Some(t) if t.retired => {
                return Err(StoreError::InvalidInput(format!(
                    "the tag {tag:?} is retired"
                )));
            }
            Some(_) => {}
        }
        let (list, mut binds) = id_list(ids, 2)?;
        binds.insert(0, Bind::Text(tag.to_owned()));
        let insert = format!(
            "INSERT INTO survey_tags (survey_id, tag) SELECT s.id, $1 FROM surveys s \
             WHERE s.id IN ({list}) ON CONFLICT (survey_id, tag) DO NOTHING"
        );
        self.touched(&insert, &binds, ids, at_ms).await
    }

    /// Takes a tag off surveys. Returns how many lost it.
    pub async fn remove_survey_tag(
        &self,
        ids: &[i64],
        tag: &str,
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        let (list, mut binds) = id_list(ids, 2)?;
        binds.insert(0, Bind::Text(tag.to_owned()));
        let delete = format!("DELETE FROM survey_tags WHERE tag = $1 AND survey_id IN ({list})");
        self.touched(&delete, &binds, ids, at_ms).await
    }

    /// Runs a tag change and stamps the surveys' update time, in one transaction.
    async fn touched(
        &self,
        change: &str,
        binds: &[Bind],
        ids: &[i64],
        at_ms: i64,
    ) -> Result<u64, StoreError> {
        let (stamp, stamp_binds) = update_sql("", Vec::new(), ids, at_ms)?;
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let changed = bind_all!(sqlx::query(change).persistent(false), binds)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed > 0 {
                bind_all!(sqlx::query(&stamp).persistent(false), &stamp_binds)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(changed)
        })
    }

    /// Adds a reviewer's note; returns its id.
    pub async fn add_survey_note(
        &self,
        survey_id: i64,
        author: &str,
        body: &str,
        at_ms: i64,
    ) -> Result<i64, StoreError> {
        let body = body.trim();
        if body.is_empty() {
            return Err(StoreError::InvalidInput("the note is empty".to_owned()));
        }
        if body.len() > MAX_NOTE_BYTES {
            return Err(StoreError::InvalidInput(format!(
                "the note is {} bytes; at most {MAX_NOTE_BYTES}",
                body.len()
            )));
        }
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let touched = sqlx::query("UPDATE surveys SET updated_at_ms = $1 WHERE id = $2")
                .bind(at_ms)
                .bind(survey_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if touched == 0 {
                return Err(StoreError::InvalidInput(format!(
                    "there is no survey {survey_id}"
                )));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO survey_notes (survey_id, author, at_ms, body) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(survey_id)
            .bind(author)
            .bind(at_ms)
            .bind(body)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// A survey's notes, oldest first.
    pub async fn survey_notes(&self, survey_id: i64) -> Result<Vec<SurveyNote>, StoreError> {
        let rows: Vec<(i64, i64, String, i64, String)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, survey_id, author, at_ms, body FROM survey_notes \
                 WHERE survey_id = $1 ORDER BY at_ms, id",
            )
            .bind(survey_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, survey_id, author, at_ms, body)| SurveyNote {
                id,
                survey_id,
                author,
                at_ms,
                body,
            })
            .collect())
    }

    /// The managed tag list, by name.
    pub async fn survey_tag_catalog(&self) -> Result<Vec<SurveyTagRecord>, StoreError> {
        let rows: Vec<(String, String, String, bool)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT name, label_en, label_zh, retired FROM survey_tag_catalog ORDER BY name",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(name, label_en, label_zh, retired)| SurveyTagRecord {
                name,
                label_en,
                label_zh,
                retired,
            })
            .collect())
    }

    /// Adds a tag to the list, or relabels / retires / restores one.
    pub async fn save_survey_tag(&self, tag: &SurveyTagRecord) -> Result<(), StoreError> {
        let valid_name = !tag.name.is_empty()
            && tag.name.len() <= 40
            && tag
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_name {
            return Err(StoreError::InvalidInput(format!(
                "a tag key is 1–40 of a–z, 0–9 and _, not {:?}",
                tag.name
            )));
        }
        if tag.label_en.trim().is_empty() || tag.label_zh.trim().is_empty() {
            return Err(StoreError::InvalidInput(
                "a tag needs an English and a Chinese label".to_owned(),
            ));
        }
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO survey_tag_catalog (name, label_en, label_zh, retired) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET \
                 label_en = excluded.label_en, label_zh = excluded.label_zh, \
                 retired = excluded.retired",
            )
            .bind(tag.name.as_str())
            .bind(tag.label_en.trim())
            .bind(tag.label_zh.trim())
            .bind(tag.retired)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
