//! CSV export of any filtered list of surveys.

use std::io::Write;

use fw_domain::Timestamp;
use fw_survey::export::{UTF8_BOM, append_csv_row, csv_header_line};
use fw_survey::{SurveyFilter, SurveySort};

use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

impl SurveyDesk {
    /// Writes every survey matching `filter`, in `sort` order, as CSV (UTF-8 with a byte
    /// order mark, so spreadsheet programs read Chinese correctly). Returns how many rows.
    /// The export is audited with its filter before anything is written.
    /// Whether `user` may export: checked before a file is opened, a refusal audited as the
    /// export itself would audit it. [`Self::export_csv`] checks again.
    pub async fn authorize_export(
        &self,
        user: &str,
        filter: &SurveyFilter,
        at: Timestamp,
    ) -> Result<(), SurveyError> {
        let what = export_what(filter);
        self.actor(user, Permission::ExportSurveys, "survey.export", &what, at)
            .await
            .map(|_| ())
    }

    pub async fn export_csv(
        &self,
        user: &str,
        filter: &SurveyFilter,
        sort: SurveySort,
        out: &mut (impl Write + Send),
        at: Timestamp,
    ) -> Result<u64, SurveyError> {
        let what = export_what(filter);
        let actor = self
            .actor(user, Permission::ExportSurveys, "survey.export", &what, at)
            .await?;
        self.audit(&actor, "survey.export", &what, at).await?;
        let io = |e: std::io::Error| SurveyError::Invalid(format!("the export file: {e}"));
        out.write_all(UTF8_BOM.as_bytes()).map_err(io)?;
        out.write_all(csv_header_line().as_bytes()).map_err(io)?;
        let mut text = String::new();
        let written = self
            .store
            .export_surveys::<SurveyError>(filter, sort, |rows| {
                text.clear();
                for row in rows {
                    append_csv_row(&mut text, &row.record, row.status, &row.tags);
                }
                out.write_all(text.as_bytes()).map_err(io)
            })
            .await;
        match written {
            Ok(rows) => Ok(rows),
            Err(error) => {
                self.audit_failure(&actor, "survey.export", &what, at, &error)
                    .await;
                Err(error)
            }
        }
    }
}

/// What an export's audit record says it exported.
fn export_what(filter: &SurveyFilter) -> String {
    format!(
        "filter {}",
        serde_json::to_string(filter).unwrap_or_default()
    )
}
