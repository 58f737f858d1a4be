//! CSV files: a header row, then one survey per record.
//!
//! Fast by construction: one `ByteRecord` reused for every row, column positions resolved
//! once from the header, only the mapped cells looked at, and no per-row allocation beyond
//! the record's own strings.

use std::borrow::Cow;

use super::field::{FIELD_COUNT, Field};
use super::mapping::{ColumnMapping, same_column};
use super::outcome::{Collected, ImportRejected, ImportedRow};
use super::row::{Cells, RowReader, RowUnit};

/// Header names listed in a missing-column message, at most.
const LISTED_COLUMNS: usize = 60;

/// Reads every record of a CSV text (already decoded, without its byte-order mark).
pub(crate) fn read_csv(
    text: &str,
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        // Field counts are checked here, so a short row is a row problem, not a stop.
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    if !read_next(&mut reader, &mut record)? {
        return Err(ImportRejected::file("the file is empty"));
    }
    let headers: Vec<String> = record
        .iter()
        .map(|name| String::from_utf8_lossy(name).trim().to_owned())
        .collect();
    let columns = resolve_columns(&headers, mapping)?;

    // Lines are an upper bound on records (quoted newlines make fewer) and cheap to count.
    let expected_rows = bytecount_newlines(text);
    let mut rows = RowReader::new(
        mapping.utc_offset_minutes,
        true,
        RowUnit::Line,
        origin,
        expected_rows,
    );
    let mut out = Collected::with_capacity(expected_rows);
    while read_next(&mut reader, &mut record)? {
        let line = record
            .position()
            .map_or(0, |position| start_line(text.as_bytes(), position));
        if record.iter().all(|cell| cell.trim_ascii().is_empty()) {
            // Spreadsheets pad files with rows of empty cells; they hold no survey.
            continue;
        }
        if record.len() != headers.len() {
            out.problem(
                line,
                format!(
                    "the row has {} fields; the header has {}",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let mut cells: Cells<'_> = Default::default();
        for (slot, column) in columns.iter().enumerate() {
            if let Some(cell) = column.and_then(|column| record.get(column)) {
                // The whole text is valid UTF-8 and the reader splits on ASCII, so this holds;
                // a lossy conversion keeps the row readable if it ever did not.
                cells[slot] = Some(match std::str::from_utf8(cell) {
                    Ok(text) => Cow::Borrowed(text),
                    Err(_) => Cow::Owned(String::from_utf8_lossy(cell).into_owned()),
                });
            }
        }
        rows.read(line, &cells, &mut out);
    }
    out.finish()
}

/// The physical line a record starts on. The reader positions a record where the previous
/// one ended, before the empty lines it skips; those are counted here.
fn start_line(text: &[u8], position: &csv::Position) -> u64 {
    let from = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let skipped = text
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&byte| byte == b'\r' || byte == b'\n')
        .filter(|&&byte| byte == b'\n')
        .count();
    position.line() + skipped as u64
}

fn read_next(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
) -> Result<bool, ImportRejected> {
    reader.read_byte_record(record).map_err(|error| {
        let line = error.position().map_or(0, csv::Position::line);
        ImportRejected::file(format!("line {line} cannot be read as CSV: {error}"))
    })
}

/// Where each mapped field's column is; a required one missing rejects the file.
fn resolve_columns(
    headers: &[String],
    mapping: &ColumnMapping,
) -> Result<[Option<usize>; FIELD_COUNT], ImportRejected> {
    let mut columns = [None; FIELD_COUNT];
    for field in Field::ALL {
        let Some(name) = mapping.column(field) else {
            continue;
        };
        columns[field.slot()] = headers.iter().position(|header| same_column(header, name));
        if columns[field.slot()].is_none() && field.is_required() {
            return Err(ImportRejected::file(format!(
                "the column \"{name}\" ({}) is missing; the file's columns are: {}",
                field.label(),
                list_columns(headers)
            )));
        }
    }
    Ok(columns)
}

pub(crate) fn list_columns<S: AsRef<str>>(names: &[S]) -> String {
    let mut listed: Vec<&str> = names
        .iter()
        .take(LISTED_COLUMNS)
        .map(AsRef::as_ref)
        .collect();
    if names.len() > LISTED_COLUMNS {
        listed.push("…");
    }
    if listed.is_empty() {
        "(none)".to_owned()
    } else {
        listed.join(", ")
    }
}

/// Comma, unless the header row has more tabs or semicolons (Excel saves "CSV" with
/// semicolons in some locales, and tab-separated text is a common "export to Excel").
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |delimiter: char| header.matches(delimiter).count();
    let (commas, tabs, semicolons) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas && semicolons > tabs {
        b';'
    } else {
        b','
    }
}

fn bytecount_newlines(text: &str) -> usize {
    text.as_bytes().split(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_follows_the_header_row() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2,3"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c"), b';');
        assert_eq!(sniff_delimiter("only"), b',');
    }

    #[test]
    fn long_column_lists_are_cut() {
        let names: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let listed = list_columns(&names);
        assert!(listed.starts_with("c0, c1,") && listed.ends_with("c59, …"));
        assert_eq!(list_columns::<&str>(&[]), "(none)");
    }
}
