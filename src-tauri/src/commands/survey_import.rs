//! Importing surveys from another tool's file: the file's bytes come once over Tauri's raw
//! IPC body and are held by the console (`ImportStaging`) while the user checks the preview
//! and the column mapping; the import then reads them from there. fw-app parses, refuses a
//! file with any bad row as a whole, and audits.

use fw_app::{Hub, ImportRequest, MAX_IMPORT_BYTES, Permission};
use tauri::ipc::{InvokeBody, Request};

use super::surveys::{invalid, now, refusal};
use crate::console::Console;
use crate::dto::{
    ColumnMappingDto, ImportFormatDto, ImportPreviewDto, ImportReportDto, IpcErrorDto,
    SourceEncodingDto,
};
use crate::import_staging::{ImportStaging, StagedFile};

/// The headers the UI sends with the file (header values are ASCII: the name is
/// percent-encoded).
const FILE_NAME_HEADER: &str = "x-fw-file-name";
const FORMAT_HEADER: &str = "x-fw-format";
const ENCODING_HEADER: &str = "x-fw-encoding";

fn header<'a>(request: &'a Request<'_>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// `%E6%BB%A1.csv` → `满.csv`; invalid escapes are kept as written.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn staged(staging: &ImportStaging, token: f64) -> Result<StagedFile, IpcErrorDto> {
    staging
        .get(token as u64)
        .filter(|_| token.fract() == 0.0 && token >= 1.0)
        .ok_or_else(|| invalid("the file is no longer held; choose it again".to_owned()))
}

fn preview_of(
    hub: &Hub,
    user: &str,
    file: &StagedFile,
    format: ImportFormatDto,
    encoding: SourceEncodingDto,
) -> Result<ImportPreviewDto, IpcErrorDto> {
    let preview =
        hub.surveys()?
            .preview_import(user, &file.bytes, format.into(), encoding.into())?;
    Ok(ImportPreviewDto::new(
        file.token,
        &file.file_name,
        file.bytes.len(),
        format,
        encoding,
        preview,
    ))
}

/// Takes a file to import (raw bytes; name, format and encoding in headers), holds it, and
/// returns its preview. Only someone who may import can hand the console a file.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_import_stage(
    request: Request<'_>,
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    staging: tauri::State<'_, ImportStaging>,
) -> Result<ImportPreviewDto, IpcErrorDto> {
    if let Some(refused) = refusal(&hub, &console.user, Permission::ManageSurveys) {
        return Err(refused);
    }
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(invalid("the file did not arrive as bytes".to_owned()));
    };
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(invalid(format!(
            "the file is {} MB; one import takes at most {} MB",
            bytes.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let file_name = header(&request, FILE_NAME_HEADER)
        .map(percent_decoded)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "import".to_owned());
    let format = match header(&request, FORMAT_HEADER) {
        Some("json") => ImportFormatDto::Json,
        _ => ImportFormatDto::Csv,
    };
    let encoding = match header(&request, ENCODING_HEADER) {
        Some("gb18030") => SourceEncodingDto::Gb18030,
        _ => SourceEncodingDto::Utf8,
    };
    // Tauri lends the body; the one copy made here is the one held.
    let file = staging.stage(file_name, bytes.clone());
    preview_of(&hub, &console.user, &file, format, encoding)
}

/// The held file's preview read another way (format or encoding changed).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_import_preview(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    staging: tauri::State<'_, ImportStaging>,
    token: f64,
    format: ImportFormatDto,
    encoding: SourceEncodingDto,
) -> Result<ImportPreviewDto, IpcErrorDto> {
    let file = staged(&staging, token)?;
    preview_of(&hub, &console.user, &file, format, encoding)
}

/// Imports the held file as set up. A refused file (bad rows) stays held so the mapping can
/// be corrected and the import tried again; a stored one is let go.
#[tauri::command]
#[allow(clippy::too_many_arguments)] // each is one choice the user makes on screen
pub async fn survey_import(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    staging: tauri::State<'_, ImportStaging>,
    token: f64,
    format: ImportFormatDto,
    encoding: SourceEncodingDto,
    mapping: ColumnMappingDto,
    skip_duplicates: bool,
) -> Result<ImportReportDto, IpcErrorDto> {
    let file = staged(&staging, token)?;
    let request = ImportRequest {
        file_name: file.file_name.clone(),
        // fw-app takes the bytes by value; the held copy stays for a corrected retry.
        bytes: file.bytes.as_ref().clone(),
        format: format.into(),
        encoding: encoding.into(),
        mapping: mapping.into(),
        skip_duplicates,
    };
    let report = hub
        .surveys()?
        .import(&console.user, request, now(&hub))
        .await?;
    if report.accepted() {
        staging.discard(file.token);
    }
    Ok(ImportReportDto::new(&file.file_name, &report))
}

/// Lets the held file go (the user closed the import or started over).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn survey_import_discard(staging: tauri::State<'_, ImportStaging>, token: f64) {
    staging.discard(token as u64);
}

#[cfg(test)]
mod tests {
    use super::percent_decoded;

    #[test]
    fn file_names_arrive_percent_encoded() {
        assert_eq!(
            percent_decoded("%E6%BB%A1%E6%84%8F%E5%BA%A6.csv"),
            "满意度.csv"
        );
        assert_eq!(percent_decoded("a%20b%2"), "a b%2");
        assert_eq!(percent_decoded("100%"), "100%");
    }
}
