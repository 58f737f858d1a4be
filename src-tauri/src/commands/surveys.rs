//! Post-call survey review: the review queue, a survey's detail, review actions (one survey
//! or a selection), notes, the managed tag list and the follow-up owners. Each command hands
//! the console's user to fw-app's survey desk, which checks the role and audits first.

use fw_app::{Hub, Permission, SurveyError};
use fw_domain::Timestamp;
use fw_store::MAX_SURVEY_PAGE;

use crate::console::Console;
use crate::dto::{
    IpcErrorDto, SurveyActionDto, SurveyDetailDto, SurveyFilterDto, SurveyPageDto, SurveyPersonDto,
    SurveySortDto, SurveyTagDto, record_id,
};

pub(crate) fn invalid(message: String) -> IpcErrorDto {
    IpcErrorDto::new(SurveyError::Invalid(String::new()).code(), message)
}

/// The time of an action: the newest frame's (the platform's clock, as routing and the audit
/// export use), else the wall clock.
pub(crate) fn now(hub: &Hub) -> Timestamp {
    hub.frames()
        .borrow()
        .frame
        .as_ref()
        .map_or_else(fw_app::wall_clock, |f| f.at)
}

/// The centre's time zone (the team setting the frames carry).
pub(crate) fn centre_zone(hub: &Hub) -> chrono_tz::Tz {
    hub.frames().borrow().calendar.tz()
}

/// A refusal the desk would give, for a check made before the desk is asked (e.g. before a
/// file is touched): the user is unknown, or their role lacks `permission`.
pub(crate) fn refusal(hub: &Hub, user: &str, permission: Permission) -> Option<IpcErrorDto> {
    let desk = match hub.surveys() {
        Ok(desk) => desk,
        Err(error) => return Some(error.into()),
    };
    match desk.role_of(user) {
        None => Some(SurveyError::UnknownUser(user.to_owned()).into()),
        Some(role) if !role.allows(permission) => {
            Some(SurveyError::NotPermitted { role, permission }.into())
        }
        Some(_) => None,
    }
}

/// One page of the review queue, filtered and in the order asked for.
#[tauri::command]
pub async fn survey_page(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    filter: SurveyFilterDto,
    sort: SurveySortDto,
    offset: f64,
    limit: u32,
) -> Result<SurveyPageDto, IpcErrorDto> {
    let filter = filter.into_domain().map_err(invalid)?;
    if !(offset.is_finite() && offset >= 0.0) {
        return Err(invalid(format!("{offset} is not a row to start from")));
    }
    let offset = offset as u64;
    let page = hub
        .surveys()?
        .page(
            &console.user,
            &filter,
            sort.into(),
            offset,
            limit.clamp(1, MAX_SURVEY_PAGE),
        )
        .await?;
    Ok(SurveyPageDto::new(&page, offset))
}

/// One survey with its notes and the agent's recent scores.
#[tauri::command]
pub async fn survey_detail(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    id: f64,
) -> Result<SurveyDetailDto, IpcErrorDto> {
    let id = record_id(id).map_err(invalid)?;
    let detail = hub.surveys()?.detail(&console.user, id).await?;
    Ok(SurveyDetailDto::from(&detail))
}

/// Sets the status, adds or removes a tag, or assigns the follow-up of surveys; returns how
/// many changed.
#[tauri::command]
pub async fn survey_review(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    ids: Vec<f64>,
    action: SurveyActionDto,
) -> Result<f64, IpcErrorDto> {
    let ids = ids
        .into_iter()
        .map(record_id)
        .collect::<Result<Vec<i64>, String>>()
        .map_err(invalid)?;
    let action = action.into_domain().map_err(invalid)?;
    let changed = hub
        .surveys()?
        .review(&console.user, &ids, &action, now(&hub))
        .await?;
    Ok(changed as f64)
}

/// Adds a note to a survey; returns the note's id.
#[tauri::command]
pub async fn survey_note(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    id: f64,
    body: String,
) -> Result<f64, IpcErrorDto> {
    let id = record_id(id).map_err(invalid)?;
    let note = hub
        .surveys()?
        .add_note(&console.user, id, body.trim(), now(&hub))
        .await?;
    Ok(note as f64)
}

/// The managed tag list (retired tags included: they stay on surveys).
#[tauri::command]
pub async fn survey_tags(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Vec<SurveyTagDto>, IpcErrorDto> {
    let tags = hub.surveys()?.tags(&console.user).await?;
    Ok(tags.iter().map(SurveyTagDto::from).collect())
}

/// Adds, relabels, retires or restores a tag; returns the list as it now is.
#[tauri::command]
pub async fn survey_save_tag(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    tag: SurveyTagDto,
) -> Result<Vec<SurveyTagDto>, IpcErrorDto> {
    let desk = hub.surveys()?;
    desk.save_tag(&console.user, &tag.into(), now(&hub)).await?;
    let tags = desk.tags(&console.user).await?;
    Ok(tags.iter().map(SurveyTagDto::from).collect())
}

/// Who may own a follow-up: the team's users who review surveys.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_people(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Vec<SurveyPersonDto>, IpcErrorDto> {
    let desk = hub.surveys()?;
    let permission = Permission::ReviewSurveys;
    match desk.role_of(&console.user) {
        None => return Err(SurveyError::UnknownUser(console.user.clone()).into()),
        Some(role) if !role.allows(permission) => {
            return Err(SurveyError::NotPermitted { role, permission }.into());
        }
        Some(_) => {}
    }
    let team = hub.team();
    Ok(desk
        .users_who_may(permission)
        .into_iter()
        .map(|name| SurveyPersonDto::named(name, &team))
        .collect())
}
