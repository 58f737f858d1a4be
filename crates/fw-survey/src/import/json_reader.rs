//! JSON files: an array of survey objects, an object wrapping one, or NDJSON.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::csv_reader::list_columns;
use super::field::Field;
use super::mapping::{ColumnMapping, same_column};
use super::outcome::{Collected, ImportRejected, ImportedRow};
use super::row::{Cells, RowReader, RowUnit};

/// The keys under which APIs and tools wrap their array of records.
pub(crate) const WRAPPER_KEYS: [&str; 4] = ["surveys", "data", "items", "results"];

/// Reads every survey object of a JSON text (already decoded, without its byte-order mark).
pub(crate) fn read_json(
    text: &str,
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    let start = text.trim_start();
    match start.as_bytes().first() {
        None => Err(ImportRejected::file("the file is empty")),
        Some(b'[') => match parse_whole(text)? {
            Value::Array(records) => read_array(&records, mapping, origin),
            _ => Err(ImportRejected::file("the file is not a JSON array")),
        },
        Some(b'{') => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(object)) => {
                if let Some(records) = wrapped(&object)? {
                    return read_array(records, mapping, origin);
                }
                // One object alone: NDJSON of one line, or a pretty-printed single survey.
                let line = line_count(&text[..text.len() - start.len()]);
                let records = [(line, Ok(Cow::Owned(Value::Object(object))))];
                read_records(records, RowUnit::Line, mapping, origin)
            }
            Ok(_) => Err(ImportRejected::file("the file is not a JSON object")),
            Err(_) if first_line_is_an_object(text) => read_ndjson(text, mapping, origin),
            Err(whole) => Err(ImportRejected::file(format!(
                "the file is not valid JSON: {whole}"
            ))),
        },
        Some(_) => Err(ImportRejected::file(
            "the file is not JSON: it should start with [ (an array of surveys) or { (an \
             object per line)",
        )),
    }
}

fn parse_whole(text: &str) -> Result<Value, ImportRejected> {
    serde_json::from_str(text)
        .map_err(|error| ImportRejected::file(format!("the file is not valid JSON: {error}")))
}

/// The array under a wrapper key, if the object has one.
fn wrapped(object: &Map<String, Value>) -> Result<Option<&Vec<Value>>, ImportRejected> {
    for (key, value) in object {
        if WRAPPER_KEYS
            .iter()
            .any(|wrapper| key.eq_ignore_ascii_case(wrapper))
        {
            return match value {
                Value::Array(records) => Ok(Some(records)),
                _ => Err(ImportRejected::file(format!(
                    "\"{key}\" should be an array of surveys"
                ))),
            };
        }
    }
    Ok(None)
}

fn first_line_is_an_object(text: &str) -> bool {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| matches!(serde_json::from_str(line), Ok(Value::Object(_))))
}

pub(crate) fn read_array(
    records: &[Value],
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    let numbered = records
        .iter()
        .enumerate()
        .map(|(index, value)| (index as u64 + 1, Ok(Cow::Borrowed(value))));
    read_records(numbered, RowUnit::Record, mapping, origin)
}

fn read_ndjson(
    text: &str,
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    let numbered = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let parsed = serde_json::from_str::<Value>(line)
                .map(Cow::Owned)
                .map_err(|error| format!("the line is not valid JSON: {error}"));
            (index as u64 + 1, parsed)
        });
    read_records(numbered, RowUnit::Line, mapping, origin)
}

/// Reads numbered records (or the reason one could not be parsed).
fn read_records<'v, I>(
    records: I,
    unit: RowUnit,
    mapping: &ColumnMapping,
    origin: &str,
) -> Result<Vec<ImportedRow>, ImportRejected>
where
    I: IntoIterator<Item = (u64, Result<Cow<'v, Value>, String>)>,
{
    let records = records.into_iter();
    let expected_rows = records.size_hint().0;
    let mut rows = RowReader::new(
        mapping.utc_offset_minutes,
        false,
        unit,
        origin,
        expected_rows,
    );
    let mut out = Collected::with_capacity(expected_rows);
    let mut first = true;
    for (position, parsed) in records {
        let value = match parsed {
            Ok(value) => value,
            Err(reason) => {
                out.problem(position, reason);
                continue;
            }
        };
        let Value::Object(object) = value.as_ref() else {
            out.problem(position, "the record is not a JSON object".to_owned());
            continue;
        };
        if first {
            check_required_keys(object, mapping)?;
            first = false;
        }
        match cells(object, mapping) {
            Ok(cells) => rows.read(position, &cells, &mut out),
            Err(reason) => out.problem(position, reason),
        }
    }
    out.finish()
}

/// A required key missing from the first record is a mapping mistake, not a bad row.
fn check_required_keys(
    object: &Map<String, Value>,
    mapping: &ColumnMapping,
) -> Result<(), ImportRejected> {
    for field in Field::ALL.into_iter().filter(|field| field.is_required()) {
        let Some(key) = mapping.column(field) else {
            continue;
        };
        if find(object, key).is_none() {
            let keys: Vec<&str> = object.keys().map(String::as_str).collect();
            return Err(ImportRejected::file(format!(
                "the field \"{key}\" ({}) is missing; the first record's fields are: {}",
                field.label(),
                list_columns(&keys)
            )));
        }
    }
    Ok(())
}

fn find<'o>(object: &'o Map<String, Value>, key: &str) -> Option<&'o Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(found, _)| same_column(found, key))
            .map(|(_, value)| value)
    })
}

/// The mapped values as text: strings as they are, numbers and booleans as written, null
/// as empty. A nested array or object is a problem (no field holds one).
fn cells<'o>(object: &'o Map<String, Value>, mapping: &ColumnMapping) -> Result<Cells<'o>, String> {
    let mut cells: Cells<'o> = Default::default();
    for field in Field::ALL {
        let Some(key) = mapping.column(field) else {
            continue;
        };
        cells[field.slot()] = match find(object, key) {
            None => None,
            Some(Value::Null) => Some(Cow::Borrowed("")),
            Some(Value::String(text)) => Some(Cow::Borrowed(text.as_str())),
            Some(Value::Number(number)) => Some(Cow::Owned(number.to_string())),
            Some(Value::Bool(true)) => Some(Cow::Borrowed("true")),
            Some(Value::Bool(false)) => Some(Cow::Borrowed("false")),
            Some(Value::Array(_) | Value::Object(_)) => {
                return Err(format!(
                    "{} (\"{key}\") is a list or an object, not a single value",
                    field.label()
                ));
            }
        };
    }
    Ok(cells)
}

fn line_count(before: &str) -> u64 {
    before.matches('\n').count() as u64 + 1
}
