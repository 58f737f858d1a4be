//! Importing surveys from another tool's file as the UI sees it: the staged file's preview
//! (columns, guessed mapping, first rows), the import as set up, and its report.

use fw_app::ImportReport;
use fw_survey::import::{ColumnMapping, ImportFormat, ImportPreview, RowProblem, SourceEncoding};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The file's layout: CSV (comma, tab or semicolon), or JSON (array, wrapped array, NDJSON).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportFormatDto {
    Csv,
    Json,
}

impl From<ImportFormatDto> for ImportFormat {
    fn from(format: ImportFormatDto) -> Self {
        match format {
            ImportFormatDto::Csv => ImportFormat::Csv,
            ImportFormatDto::Json => ImportFormat::Json,
        }
    }
}

/// The file's character encoding (a UTF-8 byte-order mark overrides the choice).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SourceEncodingDto {
    Utf8,
    Gb18030,
}

impl From<SourceEncodingDto> for SourceEncoding {
    fn from(encoding: SourceEncodingDto) -> Self {
        match encoding {
            SourceEncodingDto::Utf8 => SourceEncoding::Utf8,
            SourceEncodingDto::Gb18030 => SourceEncoding::Gb18030,
        }
    }
}

/// Which column of the file fills each survey field. Required fields are a column name
/// (empty: not chosen yet); optional ones may be `null` (not in the file).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ColumnMappingDto {
    pub call_ref: String,
    pub answered_at: String,
    pub csat: String,
    pub nps: Option<String>,
    pub first_contact_resolution: Option<String>,
    pub comment: Option<String>,
    pub site: Option<String>,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub wait_secs: Option<String>,
    pub talk_secs: Option<String>,
    pub escalated: Option<String>,
    pub callback: Option<String>,
    /// Minutes east of UTC of times written without an offset.
    pub utc_offset_minutes: i32,
}

impl From<ColumnMapping> for ColumnMappingDto {
    fn from(m: ColumnMapping) -> Self {
        ColumnMappingDto {
            call_ref: m.call_ref,
            answered_at: m.answered_at,
            csat: m.csat,
            nps: m.nps,
            first_contact_resolution: m.first_contact_resolution,
            comment: m.comment,
            site: m.site,
            queue: m.queue,
            agent: m.agent,
            wait_secs: m.wait_secs,
            talk_secs: m.talk_secs,
            escalated: m.escalated,
            callback: m.callback,
            utc_offset_minutes: m.utc_offset_minutes,
        }
    }
}

fn picked(column: Option<String>) -> Option<String> {
    column.filter(|c| !c.trim().is_empty())
}

impl From<ColumnMappingDto> for ColumnMapping {
    /// An optional field left blank on the form is not mapped (fw-survey reads a blank
    /// name as none too; this keeps the audit record's mapping honest).
    fn from(m: ColumnMappingDto) -> Self {
        ColumnMapping {
            call_ref: m.call_ref,
            answered_at: m.answered_at,
            csat: m.csat,
            nps: picked(m.nps),
            first_contact_resolution: picked(m.first_contact_resolution),
            comment: picked(m.comment),
            site: picked(m.site),
            queue: picked(m.queue),
            agent: picked(m.agent),
            wait_secs: picked(m.wait_secs),
            talk_secs: picked(m.talk_secs),
            escalated: picked(m.escalated),
            callback: picked(m.callback),
            utc_offset_minutes: m.utc_offset_minutes,
        }
    }
}

/// A file held by the console for an import, and what its start looks like.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPreviewDto {
    /// Names the staged file in the import (a newer file replaces it).
    pub token: f64,
    pub file_name: String,
    pub size_bytes: f64,
    pub format: ImportFormatDto,
    pub encoding: SourceEncodingDto,
    /// The header row (CSV) or the first records' keys (JSON).
    pub headers: Vec<String>,
    /// The guessed mapping; fields no column matched are unmapped.
    pub mapping: ColumnMappingDto,
    /// The first rows, one cell per header.
    pub rows: Vec<Vec<String>>,
    /// Why the file cannot be read as chosen.
    pub file_error: Option<String>,
}

impl ImportPreviewDto {
    pub fn new(
        token: u64,
        file_name: &str,
        size: usize,
        format: ImportFormatDto,
        encoding: SourceEncodingDto,
        preview: ImportPreview,
    ) -> ImportPreviewDto {
        ImportPreviewDto {
            token: token as f64,
            file_name: file_name.to_owned(),
            size_bytes: size as f64,
            format,
            encoding,
            headers: preview.headers,
            mapping: preview.mapping.into(),
            rows: preview.rows,
            file_error: preview.file_error,
        }
    }
}

/// A bad row of the file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RowProblemDto {
    /// CSV: the physical line (the header is line 1); JSON: the record's position.
    pub line: f64,
    pub reason: String,
}

impl From<&RowProblem> for RowProblemDto {
    fn from(problem: &RowProblem) -> Self {
        RowProblemDto {
            line: problem.line as f64,
            reason: problem.reason.clone(),
        }
    }
}

/// A call of the file that is already stored.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DuplicateRowDto {
    pub line: f64,
    pub call_ref: String,
}

/// What an import did, or why it did nothing (all or nothing).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReportDto {
    pub file_name: String,
    /// Surveys read from the file.
    pub rows: f64,
    pub stored: f64,
    /// Something was written.
    pub accepted: bool,
    /// The file could not be read at all.
    pub file_error: Option<String>,
    /// The first bad rows (`totalProblems` counts all); any bad row refuses the import.
    pub problems: Vec<RowProblemDto>,
    pub total_problems: f64,
    /// Calls already stored (the first ones; `totalDuplicates` counts all).
    pub duplicates: Vec<DuplicateRowDto>,
    pub total_duplicates: f64,
}

impl ImportReportDto {
    pub fn new(file_name: &str, report: &ImportReport) -> ImportReportDto {
        ImportReportDto {
            file_name: file_name.to_owned(),
            rows: report.rows as f64,
            stored: report.stored as f64,
            accepted: report.accepted(),
            file_error: report.file_error.clone(),
            problems: report.problems.iter().map(RowProblemDto::from).collect(),
            total_problems: report.total_problems as f64,
            duplicates: report
                .duplicates
                .iter()
                .map(|d| DuplicateRowDto {
                    line: d.line as f64,
                    call_ref: d.call_ref.clone(),
                })
                .collect(),
            total_duplicates: report.total_duplicates as f64,
        }
    }
}

/// A survey export written to a file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SurveyExportDto {
    pub path: String,
    pub rows: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_optional_columns_are_unmapped_and_the_report_counts_survive() {
        let mut dto = ColumnMappingDto::from(ColumnMapping::default());
        dto.comment = Some("  ".to_owned());
        dto.nps = None;
        dto.site = Some("站点".to_owned());
        let mapping = ColumnMapping::from(dto);
        assert_eq!(mapping.comment, None);
        assert_eq!(mapping.nps, None);
        assert_eq!(mapping.site.as_deref(), Some("站点"));
        assert_eq!(mapping.call_ref, "call_ref");

        let report = ImportReport {
            rows: 0,
            problems: vec![RowProblem {
                line: 7,
                reason: "CSAT 9 is outside 1–5".to_owned(),
            }],
            total_problems: 1_204,
            ..ImportReport::default()
        };
        let dto = ImportReportDto::new("march.csv", &report);
        assert!(!dto.accepted);
        assert_eq!((dto.problems[0].line, dto.total_problems), (7.0, 1_204.0));
    }
}
