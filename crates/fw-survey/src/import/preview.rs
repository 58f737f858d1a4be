//! The import dialog's first look at a file: its columns, the mapping [`ColumnMapping::guess`]
//! suggests for them, and a few rows, so the person importing can check the mapping before
//! anything is parsed for real. Only the start of the file is read: a preview of a 500 MB
//! export must not cost what the import costs.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::csv_reader::sniff_delimiter;
use super::decode::decode;
use super::field::Field;
use super::json_reader::WRAPPER_KEYS;
use super::mapping::ColumnMapping;
use super::source::{ImportFormat, SourceEncoding};

/// Rows a preview shows.
pub const PREVIEW_ROWS: usize = 5;
/// How much of the file a preview reads.
pub const PREVIEW_BYTES: usize = 1024 * 1024;

/// What the start of a file looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// The header row (CSV) or the keys of the first records (JSON), in file order.
    pub headers: Vec<String>,
    /// fw-survey's guess for these headers; a field no header matches is left unmapped
    /// (empty for a required field, `None` for an optional one) so the screen asks for it.
    pub mapping: ColumnMapping,
    /// The first rows, one cell per header.
    pub rows: Vec<Vec<String>>,
    /// Why the file cannot be read as chosen (encoding, layout); nothing else is filled in.
    pub file_error: Option<String>,
}

impl ImportPreview {
    fn refused(message: impl Into<String>) -> ImportPreview {
        ImportPreview {
            headers: Vec::new(),
            mapping: ColumnMapping::default(),
            rows: Vec::new(),
            file_error: Some(message.into()),
        }
    }
}

/// The preview of `bytes` read as `format` in `encoding`.
pub fn preview(bytes: &[u8], format: ImportFormat, encoding: SourceEncoding) -> ImportPreview {
    let text = match decode_start(bytes, encoding) {
        Ok(text) => text,
        Err(message) => return ImportPreview::refused(message),
    };
    let read = match format {
        ImportFormat::Csv => csv_start(&text),
        ImportFormat::Json => json_start(&text),
    };
    let (headers, rows) = match read {
        Ok(found) => found,
        Err(message) => return ImportPreview::refused(message),
    };
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mapping = only_present(ColumnMapping::guess(&names), &headers);
    ImportPreview {
        headers,
        mapping,
        rows,
        file_error: None,
    }
}

/// The guess keeps the default column name for a field it found no header for; the screen
/// should show that field as unmapped instead.
fn only_present(mut mapping: ColumnMapping, headers: &[String]) -> ColumnMapping {
    let present = |name: &str| {
        let name = name.trim().to_lowercase();
        headers.iter().any(|h| h.trim().to_lowercase() == name)
    };
    for field in Field::ALL {
        if mapping.column(field).is_none_or(|name| !present(name)) {
            mapping.clear_column(field);
        }
    }
    mapping
}

/// The start of the file as text: the whole file, or its first [`PREVIEW_BYTES`] cut after
/// the last line break in them (a line break byte never sits inside a UTF-8 or GB18030
/// character), decoded by the import's own rules.
fn decode_start(bytes: &[u8], encoding: SourceEncoding) -> Result<Cow<'_, str>, String> {
    let start = if bytes.len() > PREVIEW_BYTES {
        let window = &bytes[..PREVIEW_BYTES];
        let end = window
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(PREVIEW_BYTES, |i| i + 1);
        &bytes[..end]
    } else {
        bytes
    };
    decode(start, encoding)
}

/// Header row and first rows of a CSV text, with fw-survey's choice of delimiter.
fn csv_start(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        None => return Err("the file is empty".to_owned()),
        Some(Err(error)) => return Err(format!("the header row cannot be read: {error}")),
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_owned()).collect(),
    };
    let rows = records
        .map_while(Result::ok)
        .filter(|record| !record.iter().all(|cell| cell.trim().is_empty()))
        .take(PREVIEW_ROWS)
        .map(|record| {
            (0..headers.len())
                .map(|i| record.get(i).unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    Ok((headers, rows))
}

/// Keys and first records of a JSON text: an array, an object wrapping one, or NDJSON.
fn json_start(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let start = text.trim_start();
    let records = match start.as_bytes().first() {
        None => return Err("the file is empty".to_owned()),
        Some(b'[') => array_items(&start[1..]),
        Some(b'{') => object_start(start)?,
        Some(_) => {
            return Err("the file is not JSON: it should start with [ or {".to_owned());
        }
    };
    let mut headers: Vec<String> = Vec::new();
    for record in &records {
        for key in record.keys() {
            if !headers.iter().any(|h| h == key) {
                headers.push(key.clone());
            }
        }
    }
    let rows = records
        .iter()
        .map(|record| {
            headers
                .iter()
                .map(|key| record.get(key).map_or_else(String::new, cell_text))
                .collect()
        })
        .collect();
    Ok((headers, rows))
}

/// A file starting with `{`: an object wrapping the records, or one object per line.
fn object_start(start: &str) -> Result<Vec<Map<String, Value>>, String> {
    let mut stream = serde_json::Deserializer::from_str(start).into_iter::<Value>();
    match stream.next() {
        Some(Ok(Value::Object(first))) => {
            if let Some((key, value)) = first
                .iter()
                .find(|(key, _)| WRAPPER_KEYS.iter().any(|w| key.eq_ignore_ascii_case(w)))
            {
                return match value {
                    Value::Array(items) => Ok(items
                        .iter()
                        .filter_map(|v| v.as_object().cloned())
                        .take(PREVIEW_ROWS)
                        .collect()),
                    _ => Err(format!("\"{key}\" should be an array of surveys")),
                };
            }
            let mut records = vec![first];
            records.extend(
                stream
                    .map_while(Result::ok)
                    .filter_map(|v| match v {
                        Value::Object(object) => Some(object),
                        _ => None,
                    })
                    .take(PREVIEW_ROWS - 1),
            );
            Ok(records)
        }
        // A wrapping object longer than the preview: find its array and read its start.
        Some(Err(error)) if error.is_eof() => WRAPPER_KEYS
            .iter()
            .find_map(|key| wrapped_array(start, key))
            .map(array_items)
            .ok_or_else(|| "no array of surveys found at the start of the file".to_owned()),
        Some(Err(error)) => Err(format!("the file is not valid JSON: {error}")),
        Some(Ok(_)) | None => Err("the file is not a JSON object".to_owned()),
    }
}

/// The text after `"key": [`, if the object has that key.
fn wrapped_array<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let quoted = format!("\"{key}\"");
    let at = text.find(&quoted)?;
    let rest = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
    rest.trim_start().strip_prefix('[')
}

/// The first objects of an array's body (the text after its `[`), stopping at its end or
/// where the preview's text ends.
fn array_items(mut rest: &str) -> Vec<Map<String, Value>> {
    let mut records = Vec::new();
    while records.len() < PREVIEW_ROWS {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with(']') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                if let Value::Object(object) = value {
                    records.push(object);
                }
                rest = rest[stream.byte_offset()..].trim_start();
                rest = rest.strip_prefix(',').unwrap_or(rest);
            }
            _ => break,
        }
    }
    records
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_csv_maps_its_columns_and_shows_its_first_rows() {
        let csv = "通话ID,评价时间,满意度评分,备注,坐席\nA1,2024-03-01 09:30,5,很好,张伟\n,,,,\nA2,2024-03-01 10:00,2,太慢,王磊\n";
        let preview = preview(csv.as_bytes(), ImportFormat::Csv, SourceEncoding::Utf8);
        assert_eq!(preview.file_error, None);
        assert_eq!(
            preview.headers,
            ["通话ID", "评价时间", "满意度评分", "备注", "坐席"]
        );
        assert_eq!(preview.mapping.call_ref, "通话ID");
        assert_eq!(preview.mapping.csat, "满意度评分");
        assert_eq!(
            preview.mapping.nps, None,
            "no NPS column: unmapped, not \"nps\""
        );
        assert_eq!(preview.rows.len(), 2, "the empty row is skipped");
        assert_eq!(
            preview.rows[1],
            ["A2", "2024-03-01 10:00", "2", "太慢", "王磊"]
        );
    }

    #[test]
    fn gb18030_is_decoded_and_a_wrong_choice_is_explained() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("呼叫编号;满意度\nX9;4\n");
        let preview = preview(&bytes, ImportFormat::Csv, SourceEncoding::Gb18030);
        assert_eq!(preview.headers, ["呼叫编号", "满意度"]);
        assert_eq!(preview.rows, [["X9", "4"]]);
        let wrong = super::preview(&bytes, ImportFormat::Csv, SourceEncoding::Utf8);
        assert!(wrong.file_error.unwrap().contains("GB18030"));
    }

    #[test]
    fn json_arrays_wrappers_and_ndjson_show_their_keys() {
        let array =
            r#"[{"call_ref":"a","csat":5,"nps":null},{"call_ref":"b","csat":3,"comment":"ok"}]"#;
        let p = preview(array.as_bytes(), ImportFormat::Json, SourceEncoding::Utf8);
        assert_eq!(p.headers, ["call_ref", "csat", "nps", "comment"]);
        assert_eq!(p.rows[0], ["a", "5", "", ""]);
        let wrapped = r#"{"total":2,"data":[{"id":"a","score":4}]}"#;
        let p = preview(wrapped.as_bytes(), ImportFormat::Json, SourceEncoding::Utf8);
        assert_eq!(p.headers, ["id", "score"]);
        let ndjson = "{\"call\":\"a\",\"rating\":1}\n{\"call\":\"b\",\"rating\":2}\n";
        let p = preview(ndjson.as_bytes(), ImportFormat::Json, SourceEncoding::Utf8);
        assert_eq!(p.rows, [["a", "1"], ["b", "2"]]);
        let bad = preview(b"call,csat\n", ImportFormat::Json, SourceEncoding::Utf8);
        assert!(bad.file_error.is_some());
    }

    #[test]
    fn a_large_file_is_previewed_from_its_start() {
        let mut big = String::from("{\"surveys\": [");
        let row = r#"{"call_ref":"c","csat":4,"comment":"长评论长评论长评论长评论"},"#;
        while big.len() < PREVIEW_BYTES * 2 {
            big.push_str(row);
        }
        let p = preview(big.as_bytes(), ImportFormat::Json, SourceEncoding::Utf8);
        assert_eq!(p.file_error, None);
        assert_eq!(p.rows.len(), PREVIEW_ROWS);
        let mut csv = String::from("call_ref,answered_at,csat,comment\n");
        while csv.len() < PREVIEW_BYTES * 2 {
            csv.push_str("c,2024-03-01 09:30,4,长评论长评论\n");
        }
        let p = preview(csv.as_bytes(), ImportFormat::Csv, SourceEncoding::Utf8);
        assert_eq!((p.file_error, p.rows.len()), (None, PREVIEW_ROWS));
    }
}
