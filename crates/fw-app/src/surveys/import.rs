//! Importing surveys exported by other tools: parsed whole, refused whole if any row is bad,
//! calls already stored reported (and written only if the user says to skip them).

use fw_domain::Timestamp;
use fw_survey::import::{ColumnMapping, ImportFormat, RowProblem, SourceEncoding, parse};

use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

/// Largest file the console takes in one import (a million rows of a typical export is
/// about 150 MB).
pub const MAX_IMPORT_BYTES: usize = 512 * 1024 * 1024;
/// Duplicates listed in a report (all are counted).
const DUPLICATES_LISTED: usize = 1_000;

/// One import, as the user set it up.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    /// Shown in the report and stored as each survey's origin.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub format: ImportFormat,
    pub encoding: SourceEncoding,
    pub mapping: ColumnMapping,
    /// Store the new calls even though some are already stored (those are left as they are).
    pub skip_duplicates: bool,
}

/// A call already in the store, met in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateRow {
    pub line: u64,
    pub call_ref: String,
}

/// What an import did, or why it did nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Surveys read from the file (0 when it was refused before reading rows).
    pub rows: usize,
    pub stored: u64,
    /// The file could not be read at all.
    pub file_error: Option<String>,
    /// Bad rows (the first ones; `total_problems` counts all). Any bad row refuses the import.
    pub problems: Vec<RowProblem>,
    pub total_problems: usize,
    /// Calls already stored (the first ones; `total_duplicates` counts all).
    pub duplicates: Vec<DuplicateRow>,
    pub total_duplicates: usize,
}

impl ImportReport {
    /// Whether anything was written.
    pub fn accepted(&self) -> bool {
        self.file_error.is_none() && self.total_problems == 0 && self.stored > 0
    }

    fn summary(&self) -> String {
        if let Some(error) = &self.file_error {
            return format!("refused: {error}");
        }
        if self.total_problems > 0 {
            return format!("refused: {} bad rows of {}", self.total_problems, self.rows);
        }
        format!(
            "{} of {} rows stored, {} already stored",
            self.stored, self.rows, self.total_duplicates
        )
    }
}

impl SurveyDesk {
    /// Imports a file. A refused file or bad rows come back as a report (nothing written),
    /// not as an error: the user fixes the file and tries again.
    pub async fn import(
        &self,
        user: &str,
        request: ImportRequest,
        at: Timestamp,
    ) -> Result<ImportReport, SurveyError> {
        let what = format!(
            "file {:?} ({} bytes, {:?}){}",
            request.file_name,
            request.bytes.len(),
            request.format,
            if request.skip_duplicates {
                ", skipping stored calls"
            } else {
                ""
            }
        );
        let actor = self
            .actor(user, Permission::ManageSurveys, "survey.import", &what, at)
            .await?;
        if request.bytes.len() > MAX_IMPORT_BYTES {
            return Err(SurveyError::Invalid(format!(
                "the file is {} MB; one import takes at most {} MB",
                request.bytes.len() / (1024 * 1024),
                MAX_IMPORT_BYTES / (1024 * 1024)
            )));
        }
        let origin = format!("import:{}", request.file_name);
        let skip_duplicates = request.skip_duplicates;
        // Parsing a million rows takes seconds of CPU: off the async workers.
        let parsed = tokio::task::spawn_blocking(move || {
            parse(
                &request.bytes,
                request.format,
                request.encoding,
                &request.mapping,
                &origin,
            )
        })
        .await
        .map_err(|e| SurveyError::Invalid(format!("the import stopped: {e}")))?;
        let rows = match parsed {
            Ok(rows) => rows,
            Err(rejected) => {
                let report = ImportReport {
                    file_error: rejected.file_error,
                    problems: rejected.problems,
                    total_problems: rejected.total_problems,
                    ..ImportReport::default()
                };
                let error = SurveyError::ImportRejected(report.summary());
                self.audit_failure(&actor, "survey.import", &what, at, &error)
                    .await;
                return Ok(report);
            }
        };
        self.audit(&actor, "survey.import", &what, at).await?;
        let (lines, records): (Vec<u64>, Vec<_>) =
            rows.into_iter().map(|row| (row.line, row.record)).unzip();
        let outcome = match self
            .store
            .import_surveys(&records, skip_duplicates, at.0)
            .await
        {
            Ok(outcome) => outcome,
            Err(e) => {
                let error = SurveyError::from(e);
                self.audit_failure(&actor, "survey.import", &what, at, &error)
                    .await;
                return Err(error);
            }
        };
        let report = ImportReport {
            rows: records.len(),
            stored: outcome.stored,
            total_duplicates: outcome.duplicates.len(),
            duplicates: outcome
                .duplicates
                .iter()
                .take(DUPLICATES_LISTED)
                .map(|d| DuplicateRow {
                    line: lines[d.index],
                    call_ref: d.call_ref.clone(),
                })
                .collect(),
            ..ImportReport::default()
        };
        tracing::info!(user, file = %what, result = %report.summary(), "survey import");
        Ok(report)
    }
}
