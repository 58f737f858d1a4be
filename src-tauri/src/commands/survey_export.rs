//! CSV export of the review queue's current filter and order to a file the user names
//! (prefilled with their downloads folder): audited by fw-app before a row is written,
//! streamed to a temporary file on a blocking thread, renamed into place when complete.

use chrono::TimeZone;
use fw_app::Hub;
use tauri::Manager;

use super::surveys::{centre_zone, invalid, now};
use crate::console::Console;
use crate::dto::{IpcErrorDto, SurveyExportDto, SurveyFilterDto, SurveySortDto};
use crate::export_file::{self, ExportFileError};

fn file_error(error: ExportFileError) -> IpcErrorDto {
    match error {
        ExportFileError::Exists(path) => {
            IpcErrorDto::new("survey.export_exists", path.display().to_string())
        }
        ExportFileError::Io(message) => IpcErrorDto::new("survey.export_file", message),
    }
}

/// Where an export goes unless the user says otherwise: the downloads folder (else home),
/// `floorwalker-surveys-<date>-<time>.csv` in the centre's time zone.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_export_path(
    app: tauri::AppHandle,
    hub: tauri::State<'_, Hub>,
) -> Result<String, IpcErrorDto> {
    let folder = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| {
            IpcErrorDto::new("survey.export_file", format!("no folder to save into: {e}"))
        })?;
    let stamp = centre_zone(&hub)
        .timestamp_millis_opt(now(&hub).0)
        .single()
        .map_or_else(String::new, |t| t.format("%Y-%m-%d-%H%M").to_string());
    Ok(export_file::default_path(&folder, &stamp)
        .display()
        .to_string())
}

/// Writes every survey matching `filter`, in `sort` order, to `path` (an existing file only
/// with `overwrite`); returns where and how many rows.
#[tauri::command]
pub async fn survey_export(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    filter: SurveyFilterDto,
    sort: SurveySortDto,
    path: String,
    overwrite: bool,
) -> Result<SurveyExportDto, IpcErrorDto> {
    let filter = filter.into_domain().map_err(invalid)?;
    let desk = hub.surveys()?;
    let at = now(&hub);
    // Refused before any file is touched (the desk audits the refusal).
    desk.authorize_export(&console.user, &filter, at).await?;
    let target = export_file::target(&path, overwrite).map_err(file_error)?;
    let (mut writer, task) = export_file::start(&target).map_err(file_error)?;
    let exported = desk
        .export_csv(&console.user, &filter, sort.into(), &mut writer, at)
        .await;
    let sent = writer.finish();
    let written = task
        .await
        .map_err(|e| format!("the export stopped: {e}"))
        .and_then(|r| r.map_err(|e| format!("{}: {e}", target.path.display())));
    let rows = match (exported, sent, written) {
        (Ok(rows), Ok(()), Ok(())) => rows,
        (exported, sent, written) => {
            let cleanup = target.clone();
            let _ = tokio::task::spawn_blocking(move || export_file::discard(&cleanup)).await;
            // The disk's own error says more than the broken channel it caused.
            return Err(match (exported, sent, written) {
                (_, _, Err(disk)) => IpcErrorDto::new("survey.export_file", disk),
                (Err(refused), _, _) => refused.into(),
                (_, Err(e), _) => IpcErrorDto::new("survey.export_file", e.to_string()),
                _ => invalid("the export failed".to_owned()),
            });
        }
    };
    let committed = target.clone();
    tokio::task::spawn_blocking(move || export_file::commit(&committed))
        .await
        .map_err(|e| IpcErrorDto::new("survey.export_file", e.to_string()))?
        .map_err(file_error)?;
    tracing::info!(path = %target.path.display(), rows, "surveys exported");
    Ok(SurveyExportDto {
        path: target.path.display().to_string(),
        rows: rows as f64,
    })
}
