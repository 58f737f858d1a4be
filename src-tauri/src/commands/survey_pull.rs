//! The survey service pull on screen: its state and last result for anyone who reviews
//! surveys, and a pull on demand for whoever manages survey data. fw-app checks the role,
//! audits the pull and runs it; these only hand over the console's user and the time.

use fw_app::{Hub, Team};

use super::surveys::now;
use crate::console::Console;
use crate::dto::{IpcErrorDto, PullReportDto, SurveyPersonDto, SurveyPullStatusDto};

/// A user as the team shows them; the report names who pulled by login.
fn shown_in(team: &Team) -> impl Fn(&str) -> String + '_ {
    |name| SurveyPersonDto::named(name.to_owned(), team).display_name
}

/// The pull's state and last result; `null` when no survey service is configured.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_pull_status(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<Option<SurveyPullStatusDto>, IpcErrorDto> {
    let status = hub.surveys()?.pull_status(&console.user)?;
    let team = hub.team();
    Ok(status.map(|s| SurveyPullStatusDto::new(&s, shown_in(&team))))
}

/// Pulls now and waits for it. A pull that stored nothing because the service or its items
/// failed resolves with a report saying why; a refusal (role, no service, the pull cannot
/// run) rejects.
#[tauri::command]
pub async fn survey_pull_now(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
) -> Result<PullReportDto, IpcErrorDto> {
    let report = hub.surveys()?.pull_now(&console.user, now(&hub)).await?;
    let team = hub.team();
    Ok(PullReportDto::new(&report, shown_in(&team)))
}
