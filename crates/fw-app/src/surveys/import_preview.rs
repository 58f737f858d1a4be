//! The import dialog's preview, for someone who may import.

use fw_survey::import::{ImportFormat, ImportPreview, SourceEncoding, preview};

use super::{SurveyDesk, SurveyError};
use crate::roles::Permission;

impl SurveyDesk {
    /// A preview of a file for someone who may import (reading it changes nothing, so it is
    /// not audited; the import is).
    pub fn preview_import(
        &self,
        user: &str,
        bytes: &[u8],
        format: ImportFormat,
        encoding: SourceEncoding,
    ) -> Result<ImportPreview, SurveyError> {
        self.reader(user, Permission::ManageSurveys)?;
        Ok(preview(bytes, format, encoding))
    }
}
