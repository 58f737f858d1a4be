//! Blind multi-rater QA scoring: forms, calibration rounds on sampled calls, sheets handed in
//! blind, and the agreement between raters per form item once rounds are complete.

use fw_domain::Timestamp;
use fw_store::{QaFormRecord, QaRoundRecord, QaScoreRecord};
use fw_survey::scoring::{
    CalibrationRound, ScoreSheet, ScoreVisibility, ScoringForm, sample_for_calibration,
};
use fw_survey::{SurveyFilter, SurveySort};

use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

/// Who created the standard form on a store that had none.
const SYSTEM_USER: &str = "floorwalker";
/// Candidates a sample is drawn from (the newest matching surveys).
const SAMPLE_POOL: u32 = 500;

/// A round as one viewer may see it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundView {
    pub id: i64,
    pub survey_id: i64,
    pub form: ScoringForm,
    pub raters: Vec<String>,
    /// Raters who have handed in their sheet.
    pub scored_by: Vec<String>,
    pub complete: bool,
    pub visibility: ScoreVisibility,
    /// The sheets this viewer may read: their own until everyone has scored, then all.
    pub sheets: Vec<ScoreSheet>,
    pub created_at_ms: i64,
    pub created_by: String,
}

fn form_of(definition: &str, id: i64) -> Result<ScoringForm, SurveyError> {
    let mut form: ScoringForm = serde_json::from_str(definition)
        .map_err(|e| SurveyError::Store(format!("scoring form {id} cannot be read: {e}")))?;
    form.id = id;
    Ok(form)
}

fn sheet_of(score: &QaScoreRecord) -> Result<ScoreSheet, SurveyError> {
    serde_json::from_str(&score.sheet).map_err(|e| {
        SurveyError::Store(format!(
            "the sheet of {} in round {} cannot be read: {e}",
            score.rater, score.round_id
        ))
    })
}

/// The blind rules' view of a stored round.
fn calibration(round: &QaRoundRecord) -> Result<CalibrationRound, SurveyError> {
    let mut calibration = CalibrationRound::new(round.raters.iter())
        .map_err(|e| SurveyError::Store(format!("round {}: {e}", round.id)))?;
    for score in &round.scores {
        calibration
            .record_scored(&score.rater)
            .map_err(|e| SurveyError::Store(format!("round {}: {e}", round.id)))?;
    }
    Ok(calibration)
}

impl SurveyDesk {
    /// The scoring forms, newest first. A store without any gets the standard form.
    pub async fn forms(&self, user: &str) -> Result<Vec<ScoringForm>, SurveyError> {
        self.qa_reader(user)?;
        let mut stored = self.store.qa_forms().await?;
        if stored.is_empty() {
            let standard = ScoringForm::default_form();
            let definition = serde_json::to_string(&standard)
                .map_err(|e| SurveyError::Invalid(e.to_string()))?;
            self.store
                .create_qa_form(&standard.name, &definition, SYSTEM_USER, 0)
                .await?;
            stored = self.store.qa_forms().await?;
        }
        stored
            .iter()
            .filter(|f| !f.retired)
            .map(|f| form_of(&f.definition, f.id))
            .collect()
    }

    /// Saves a new form; returns its id.
    pub async fn create_form(
        &self,
        user: &str,
        form: &ScoringForm,
        at: Timestamp,
    ) -> Result<i64, SurveyError> {
        let what = format!("form {:?} with {} items", form.name, form.items.len());
        let actor = self
            .actor(user, Permission::ManageSurveys, "qa.form", &what, at)
            .await?;
        form.validate()
            .map_err(|e| SurveyError::Invalid(e.to_string()))?;
        let definition =
            serde_json::to_string(form).map_err(|e| SurveyError::Invalid(e.to_string()))?;
        self.audit(&actor, "qa.form", &what, at).await?;
        Ok(self
            .store
            .create_qa_form(&form.name, &definition, user, at.0)
            .await?)
    }

    /// Opens a round on one surveyed call for three or more raters who may score.
    pub async fn open_round(
        &self,
        user: &str,
        survey_id: i64,
        form_id: i64,
        raters: &[String],
        at: Timestamp,
    ) -> Result<i64, SurveyError> {
        let what = format!(
            "survey {survey_id}, form {form_id}, raters {}",
            raters.join(", ")
        );
        let actor = self
            .actor(user, Permission::ManageSurveys, "qa.round", &what, at)
            .await?;
        let round = self.checked_raters(raters)?;
        self.check_form(form_id).await?;
        if self.store.survey(survey_id).await?.is_none() {
            return Err(SurveyError::NoSuchSurvey(survey_id));
        }
        self.audit(&actor, "qa.round", &what, at).await?;
        Ok(self
            .store
            .create_qa_round(survey_id, form_id, &round.raters, user, at.0)
            .await?)
    }

    /// Draws a calibration sample (about `per_mille`/1000, at least one) from the newest
    /// surveys matching `filter` and opens a round on each for the same raters. Returns the
    /// new rounds' ids.
    #[allow(clippy::too_many_arguments)] // each is one choice the manager makes on screen
    pub async fn sample_rounds(
        &self,
        user: &str,
        filter: &SurveyFilter,
        per_mille: u32,
        seed: u64,
        form_id: i64,
        raters: &[String],
        at: Timestamp,
    ) -> Result<Vec<i64>, SurveyError> {
        let what = format!(
            "sample of {per_mille}‰ (seed {seed}), form {form_id}, raters {}",
            raters.join(", ")
        );
        let actor = self
            .actor(user, Permission::ManageSurveys, "qa.sample", &what, at)
            .await?;
        let round = self.checked_raters(raters)?;
        self.check_form(form_id).await?;
        let pool = self
            .store
            .survey_page(filter, SurveySort::Newest, 0, SAMPLE_POOL)
            .await?;
        let candidates: Vec<i64> = pool.rows.iter().map(|r| r.id).collect();
        let chosen = sample_for_calibration(&candidates, per_mille, seed);
        if chosen.is_empty() {
            return Err(SurveyError::Invalid(
                "no survey matches the filter".to_owned(),
            ));
        }
        self.audit(
            &actor,
            "qa.sample",
            &format!("{what}: surveys {chosen:?}"),
            at,
        )
        .await?;
        let mut ids = Vec::with_capacity(chosen.len());
        for survey_id in chosen {
            ids.push(
                self.store
                    .create_qa_round(survey_id, form_id, &round.raters, user, at.0)
                    .await?,
            );
        }
        Ok(ids)
    }

    /// Hands in the user's sheet for a round. The first sheet stands; the audit trail says
    /// who scored which round, never the scores (other raters may read the trail).
    pub async fn submit_sheet(
        &self,
        user: &str,
        round_id: i64,
        values: Vec<(String, u8)>,
        comment: Option<String>,
        at: Timestamp,
    ) -> Result<(), SurveyError> {
        let what = format!("round {round_id}");
        let actor = self
            .actor(user, Permission::ScoreSurveys, "qa.score", &what, at)
            .await?;
        let round = self
            .store
            .qa_round(round_id)
            .await?
            .ok_or_else(|| SurveyError::Invalid(format!("there is no round {round_id}")))?;
        let refusal = if !round.raters.iter().any(|r| r == user) {
            Some(format!("{user} is not a rater of round {round_id}"))
        } else if round.scores.iter().any(|s| s.rater == user) {
            Some(format!(
                "you already scored round {round_id}; the first sheet stands"
            ))
        } else {
            None
        };
        if let Some(reason) = refusal {
            let error = SurveyError::Invalid(reason);
            self.audit_failure(&actor, "qa.score", &what, at, &error)
                .await;
            return Err(error);
        }
        let form = self.check_form(round.form_id).await?;
        let sheet = ScoreSheet {
            rater: user.to_owned(),
            values,
            comment: comment.filter(|c| !c.trim().is_empty()),
        };
        form.check_sheet(&sheet)
            .map_err(|e| SurveyError::Invalid(e.to_string()))?;
        let text =
            serde_json::to_string(&sheet).map_err(|e| SurveyError::Invalid(e.to_string()))?;
        self.audit(&actor, "qa.score", &what, at).await?;
        let stored = self
            .store
            .submit_qa_score(&QaScoreRecord {
                round_id,
                rater: user.to_owned(),
                sheet: text,
                scored_at_ms: at.0,
            })
            .await?;
        if stored {
            Ok(())
        } else {
            Err(SurveyError::Invalid(format!(
                "you already scored round {round_id}; the first sheet stands"
            )))
        }
    }

    /// A round as `user` may see it (blind until every rater has scored).
    pub async fn round(&self, user: &str, round_id: i64) -> Result<RoundView, SurveyError> {
        self.qa_reader(user)?;
        let round = self
            .store
            .qa_round(round_id)
            .await?
            .ok_or_else(|| SurveyError::Invalid(format!("there is no round {round_id}")))?;
        Ok(self.views_of(user, vec![round]).await?.remove(0))
    }

    /// The rounds `user` rates (waiting for their sheet first), and for a manager every
    /// recent round.
    pub async fn rounds(&self, user: &str, limit: u32) -> Result<Vec<RoundView>, SurveyError> {
        self.qa_reader(user)?;
        let manager = self.may(user, Permission::ManageSurveys);
        let mut rounds = self.store.qa_rounds_recent(limit).await?;
        rounds.retain(|round| manager || round.raters.iter().any(|r| r == user));
        let mut views = self.views_of(user, rounds).await?;
        views.sort_by_key(|v| (v.scored_by.iter().any(|r| r == user), v.complete));
        Ok(views)
    }

    /// The rounds on one surveyed call, as `user` may see them.
    pub async fn rounds_of_survey(
        &self,
        user: &str,
        survey_id: i64,
    ) -> Result<Vec<RoundView>, SurveyError> {
        self.qa_reader(user)?;
        let rounds = self.store.qa_rounds_of_survey(survey_id).await?;
        self.views_of(user, rounds).await
    }

    /// Rounds as `user` may see them; the forms are read once for all of them.
    async fn views_of(
        &self,
        user: &str,
        rounds: Vec<QaRoundRecord>,
    ) -> Result<Vec<RoundView>, SurveyError> {
        let forms = self.store.qa_forms().await?;
        rounds
            .iter()
            .map(|round| self.view_of(user, round, &forms))
            .collect()
    }

    fn view_of(
        &self,
        user: &str,
        round: &QaRoundRecord,
        forms: &[QaFormRecord],
    ) -> Result<RoundView, SurveyError> {
        let calibration = calibration(round)?;
        let visibility = calibration.visibility(user, self.may(user, Permission::ManageSurveys));
        let sheets = round
            .scores
            .iter()
            .filter(|s| match visibility {
                ScoreVisibility::All => true,
                ScoreVisibility::OwnOnly => s.rater == user,
                ScoreVisibility::ProgressOnly => false,
            })
            .map(sheet_of)
            .collect::<Result<Vec<_>, _>>()?;
        let form = find_form(forms, round.form_id)?;
        Ok(RoundView {
            id: round.id,
            survey_id: round.survey_id,
            form,
            raters: round.raters.clone(),
            scored_by: calibration.scored_by.clone(),
            complete: calibration.is_complete(),
            visibility,
            sheets,
            created_at_ms: round.created_at_ms,
            created_by: round.created_by.clone(),
        })
    }

    /// Scoring and managing both read rounds.
    pub(super) fn qa_reader(&self, user: &str) -> Result<(), SurveyError> {
        if self.may(user, Permission::ManageSurveys) {
            return Ok(());
        }
        self.reader(user, Permission::ScoreSurveys).map(|_| ())
    }

    fn checked_raters(&self, raters: &[String]) -> Result<CalibrationRound, SurveyError> {
        let round = CalibrationRound::new(raters.iter())
            .map_err(|e| SurveyError::Invalid(e.to_string()))?;
        for rater in &round.raters {
            if !self.may(rater, Permission::ScoreSurveys) {
                return Err(SurveyError::Invalid(format!(
                    "{rater:?} is not a user who may score calls"
                )));
            }
        }
        Ok(round)
    }

    pub(super) async fn check_form(&self, form_id: i64) -> Result<ScoringForm, SurveyError> {
        find_form(&self.store.qa_forms().await?, form_id)
    }
}

fn find_form(forms: &[QaFormRecord], form_id: i64) -> Result<ScoringForm, SurveyError> {
    let stored = forms
        .iter()
        .find(|f| f.id == form_id)
        .ok_or_else(|| SurveyError::Invalid(format!("there is no scoring form {form_id}")))?;
    form_of(&stored.definition, stored.id)
}
