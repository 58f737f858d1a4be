//! The audit view: a filtered page, and a CSV export written to the user's downloads folder.

use fw_app::{AuditQuery, Hub, MAX_AUDIT_PAGE, export_file_name};
use tauri::Manager;

use crate::console::Console;
use crate::dto::{AuditExportDto, AuditPageDto, AuditQueryDto, AuditRecordDto, IpcErrorDto};

/// One page of audit records, newest first, as the user may see them.
#[tauri::command]
pub async fn audit_search(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    query: AuditQueryDto,
    limit: u32,
) -> Result<AuditPageDto, IpcErrorDto> {
    let limit = limit.clamp(1, MAX_AUDIT_PAGE);
    let records = hub
        .audit()?
        .search(&console.user, &AuditQuery::from(query), limit)
        .await?;
    let names = hub.frames().borrow().topology.clone();
    let next_before_id = (records.len() == limit as usize)
        .then(|| records.last().map(|r| r.id as f64))
        .flatten();
    let everyone = hub.audit()?.reads_everyone(&console.user);
    Ok(AuditPageDto {
        records: records
            .iter()
            .map(|r| AuditRecordDto::new(r, &names))
            .collect(),
        next_before_id,
        everyone,
    })
}

/// Every record matching the filter, as CSV in the downloads folder. The export is audited.
#[tauri::command]
pub async fn audit_export(
    app: tauri::AppHandle,
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    query: AuditQueryDto,
) -> Result<AuditExportDto, IpcErrorDto> {
    let (names, at) = {
        let live = hub.frames().borrow().clone();
        let at = live
            .frame
            .as_ref()
            .map_or_else(fw_app::wall_clock, |f| f.at);
        (live.topology.clone(), at)
    };
    let export = hub
        .audit()?
        .export_csv(&console.user, &AuditQuery::from(query), &names, at)
        .await?;
    let folder = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| IpcErrorDto::new("export", format!("no folder to save into: {e}")))?;
    std::fs::create_dir_all(&folder)
        .map_err(|e| IpcErrorDto::new("export", format!("{}: {e}", folder.display())))?;
    let path = folder.join(export_file_name(at));
    std::fs::write(&path, export.csv.as_bytes())
        .map_err(|e| IpcErrorDto::new("export", format!("{}: {e}", path.display())))?;
    tracing::info!(path = %path.display(), records = export.records, "audit exported");
    Ok(AuditExportDto {
        path: path.display().to_string(),
        records: export.records as f64,
    })
}
