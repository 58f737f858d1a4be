//! Blind multi-rater QA scoring: forms, rounds opened on one call or on a sample of the
//! queue's filter, the user's own rounds, sheets handed in, and the agreement per form item.
//! fw-app checks roles, keeps rounds blind and audits; these only convert.

use fw_app::{Hub, Permission};

use super::surveys::{invalid, now};
use crate::console::Console;
use crate::dto::{
    FormAgreementDto, IpcErrorDto, RoundViewDto, ScoringFormDto, SheetValueDto, SurveyFilterDto,
    SurveyPersonDto, record_id,
};

/// Rounds listed at most in "my scoring".
const ROUNDS_LISTED: u32 = 200;

fn parse_form_id(value: f64) -> Result<i64, IpcErrorDto> {
    record_id(value).map_err(|_| invalid(format!("{value} is not a scoring form")))
}

fn parse_round_id(value: f64) -> Result<i64, IpcErrorDto> {
    record_id(value).map_err(|_| invalid(format!("{value} is not a scoring round")))
}

/// The scoring forms in use, newest first (a store without any gets the standard form).
#[tauri::command]
pub async fn survey_qa_forms(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Vec<ScoringFormDto>, IpcErrorDto> {
    let forms = hub.surveys()?.forms(&console.user).await?;
    Ok(forms.iter().map(ScoringFormDto::from).collect())
}

/// Saves a new form; returns its id.
#[tauri::command]
pub async fn survey_qa_create_form(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    form: ScoringFormDto,
) -> Result<f64, IpcErrorDto> {
    let id = hub
        .surveys()?
        .create_form(&console.user, &form.into(), now(&hub))
        .await?;
    Ok(id as f64)
}

/// Who may be asked to score: the team's users whose role scores calls.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_qa_raters(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Vec<SurveyPersonDto>, IpcErrorDto> {
    let desk = hub.surveys()?;
    let user = &console.user;
    if !(desk.may(user, Permission::ScoreSurveys) || desk.may(user, Permission::ManageSurveys))
        && let Some(refused) = super::surveys::refusal(&hub, user, Permission::ScoreSurveys)
    {
        return Err(refused);
    }
    let team = hub.team();
    Ok(desk
        .users_who_may(Permission::ScoreSurveys)
        .into_iter()
        .map(|name| SurveyPersonDto::named(name, &team))
        .collect())
}

/// Opens a round on one surveyed call for three or more raters; returns its id.
#[tauri::command]
pub async fn survey_qa_open_round(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    survey_id: f64,
    form_id: f64,
    raters: Vec<String>,
) -> Result<f64, IpcErrorDto> {
    let survey = record_id(survey_id).map_err(invalid)?;
    let id = hub
        .surveys()?
        .open_round(
            &console.user,
            survey,
            parse_form_id(form_id)?,
            &raters,
            now(&hub),
        )
        .await?;
    Ok(id as f64)
}

/// Opens rounds on a reproducible sample (‰ of the newest matching surveys, at least one)
/// for the same raters; returns the new rounds' ids.
#[tauri::command]
#[allow(clippy::too_many_arguments)] // each is one choice the manager makes on screen
pub async fn survey_qa_sample(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    filter: SurveyFilterDto,
    per_mille: u32,
    seed: f64,
    form_id: f64,
    raters: Vec<String>,
) -> Result<Vec<f64>, IpcErrorDto> {
    let filter = filter.into_domain().map_err(invalid)?;
    if !(1..=1_000).contains(&per_mille) {
        return Err(invalid(format!("{per_mille}‰ is not a share to sample")));
    }
    // A seed the UI can show and type back exactly: a whole number JavaScript holds.
    if !(seed.fract() == 0.0 && (0.0..9.0e15).contains(&seed)) {
        return Err(invalid(format!("{seed} is not a seed")));
    }
    let ids = hub
        .surveys()?
        .sample_rounds(
            &console.user,
            &filter,
            per_mille,
            seed as u64,
            parse_form_id(form_id)?,
            &raters,
            now(&hub),
        )
        .await?;
    Ok(ids.into_iter().map(|id| id as f64).collect())
}

/// Rounds as `user` may see them.
fn views_for(rounds: &[fw_app::RoundView], user: &str) -> Vec<RoundViewDto> {
    rounds.iter().map(|r| RoundViewDto::new(r, user)).collect()
}

/// The rounds this user rates (waiting for their sheet first); a manager sees every recent
/// round too, blind while it is open.
#[tauri::command]
pub async fn survey_qa_rounds(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Vec<RoundViewDto>, IpcErrorDto> {
    let rounds = hub.surveys()?.rounds(&console.user, ROUNDS_LISTED).await?;
    Ok(views_for(&rounds, &console.user))
}

/// The rounds on one surveyed call.
#[tauri::command]
pub async fn survey_qa_rounds_of_survey(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    survey_id: f64,
) -> Result<Vec<RoundViewDto>, IpcErrorDto> {
    let survey = record_id(survey_id).map_err(invalid)?;
    let rounds = hub
        .surveys()?
        .rounds_of_survey(&console.user, survey)
        .await?;
    Ok(views_for(&rounds, &console.user))
}

/// One round as this user may see it.
#[tauri::command]
pub async fn survey_qa_round(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    id: f64,
) -> Result<RoundViewDto, IpcErrorDto> {
    let round = hub
        .surveys()?
        .round(&console.user, parse_round_id(id)?)
        .await?;
    Ok(RoundViewDto::new(&round, &console.user))
}

/// Hands in this user's sheet (the first one stands); returns the round as they now see it.
#[tauri::command]
pub async fn survey_qa_submit(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    id: f64,
    values: Vec<SheetValueDto>,
    comment: Option<String>,
) -> Result<RoundViewDto, IpcErrorDto> {
    let round = parse_round_id(id)?;
    let desk = hub.surveys()?;
    let values = values.into_iter().map(|v| (v.key, v.value)).collect();
    desk.submit_sheet(&console.user, round, values, comment, now(&hub))
        .await?;
    let view = desk.round(&console.user, round).await?;
    Ok(RoundViewDto::new(&view, &console.user))
}

/// Krippendorff's alpha and the spread per item of a form, over its complete rounds.
#[tauri::command]
pub async fn survey_qa_agreement(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    form_id: f64,
) -> Result<FormAgreementDto, IpcErrorDto> {
    let agreement = hub
        .surveys()?
        .agreement(&console.user, parse_form_id(form_id)?)
        .await?;
    Ok(FormAgreementDto::from(&agreement))
}
