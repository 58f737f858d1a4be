//! Importing surveys from other tools' exports (CSV or JSON, UTF-8 or GB18030), all or
//! nothing: either every row becomes a [`crate::SurveyRecord`], or nothing is taken and
//! every bad row is listed with a reason a person can act on.
//!
//! Rows are read by a [`ColumnMapping`] ([`ColumnMapping::guess`] suggests one from the
//! header row). Text cells are trimmed, except comments, which are kept as written (a blank
//! comment is no comment). In CSV, the apostrophe the export puts before a cell starting
//! with `=`, `+`, `-` or `@` (spreadsheet formula injection; see [`crate::export`]) is taken
//! off again, exactly that one, so exported files import back to the same surveys. Rows
//! whose every cell is empty are skipped (spreadsheets pad files with them).

mod csv_reader;
mod decode;
mod field;
mod guess;
mod json_reader;
mod mapping;
mod outcome;
mod preview;
mod row;
mod source;
mod timestamp;

pub use mapping::{ColumnMapping, DEFAULT_UTC_OFFSET_MINUTES, MAX_UTC_OFFSET_MINUTES};
pub use outcome::{ImportRejected, ImportedRow, MAX_PROBLEMS_KEPT, RowProblem};
pub use preview::{ImportPreview, PREVIEW_BYTES, PREVIEW_ROWS, preview};
pub use source::{ImportFormat, SourceEncoding};

use field::Field;

/// Reads a whole file's surveys. `origin` is stored on every record (e.g.
/// `"import:surveys-march.csv"`).
///
/// Rows are numbered as [`ImportedRow::line`] says. Duplicate call references within the
/// file are problems (the second and later name the first's line); a reference already
/// stored is the store's business.
pub fn parse(
    bytes: &[u8],
    format: ImportFormat,
    encoding: SourceEncoding,
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    check_mapping(mapping)?;
    let text = decode::decode(bytes, encoding).map_err(ImportRejected::file)?;
    match format {
        ImportFormat::Csv => csv_reader::read_csv(&text, mapping, origin),
        ImportFormat::Json => json_reader::read_json(&text, mapping, origin),
    }
}

/// Reads survey objects that arrived already parsed (a survey service's API pages), as an
/// import reads a JSON array: all or nothing, problems numbered by record from 1.
pub fn parse_records(
    records: &[serde_json::Value],
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    check_mapping(mapping)?;
    json_reader::read_array(records, mapping, origin)
}

/// Every key of JSON records, each once, those of earlier records first: the "header row"
/// of an API's items, for [`ColumnMapping::guess`].
pub fn record_keys(records: &[serde_json::Value]) -> Vec<String> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut keys: Vec<String> = Vec::new();
    for object in records.iter().filter_map(serde_json::Value::as_object) {
        for key in object.keys() {
            if seen.insert(key.as_str()) {
                keys.push(key.clone());
            }
        }
    }
    keys
}

fn check_mapping(mapping: &ColumnMapping) -> Result<(), ImportRejected> {
    if mapping.utc_offset_minutes.abs() > MAX_UTC_OFFSET_MINUTES {
        return Err(ImportRejected::file(format!(
            "the UTC offset {} minutes is outside ±18 hours",
            mapping.utc_offset_minutes
        )));
    }
    for field in Field::ALL.into_iter().filter(|field| field.is_required()) {
        if mapping
            .column(field)
            .is_some_and(|name| name.trim().is_empty())
        {
            return Err(ImportRejected::file(format!(
                "no column is named for {}",
                field.label()
            )));
        }
    }
    Ok(())
}
