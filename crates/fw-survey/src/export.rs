//! Surveys to CSV, for spreadsheets and for importing back.
//!
//! RFC 4180 CSV (CRLF line ends; a cell with a comma, quote or line break is quoted, quotes
//! doubled), times as RFC 3339 in UTC with milliseconds, yes/no for flags. Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) get a leading
//! apostrophe; [`crate::import`] takes exactly that apostrophe off again, so a file written
//! here imports back to the same surveys with [`crate::import::ColumnMapping::default`].

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, SecondsFormat};

use crate::formula_guard::neutralise;
use crate::{ReviewStatus, SurveyRecord};

/// The export's columns: the default import mapping's, then the review status and tags
/// (which an import ignores).
pub const CSV_HEADER: &[&str] = &[
    "call_ref",
    "answered_at",
    "site",
    "queue",
    "agent",
    "wait_secs",
    "talk_secs",
    "escalated",
    "callback",
    "csat",
    "nps",
    "fcr",
    "comment",
    "status",
    "tags",
];

/// Write this before the header when the file is for Excel: without it a Chinese-locale
/// Excel reads UTF-8 as GBK and garbles every Chinese comment. The import strips it.
pub const UTF8_BOM: &str = "\u{feff}";

/// Between tags in the `tags` cell.
pub const TAG_SEPARATOR: &str = "; ";

const LINE_END: &str = "\r\n";

/// The header row, line end included.
pub fn csv_header_line() -> String {
    let mut line = CSV_HEADER.join(",");
    line.push_str(LINE_END);
    line
}

/// Appends one survey as a CSV row, line end included.
pub fn append_csv_row(
    out: &mut String,
    record: &SurveyRecord,
    status: ReviewStatus,
    tags: &[String],
) {
    let facts = &record.facts;
    let answers = &record.answers;
    text_cell(out, &record.call_ref);
    out.push(',');
    out.push_str(&timestamp(record.answered_at_ms));
    out.push(',');
    text_cell(out, &facts.site);
    out.push(',');
    text_cell(out, &facts.queue);
    out.push(',');
    text_cell(out, &facts.agent);
    out.push(',');
    optional_number(out, facts.wait_secs);
    out.push(',');
    optional_number(out, facts.talk_secs);
    out.push(',');
    out.push_str(yes_no(facts.escalated));
    out.push(',');
    out.push_str(yes_no(facts.callback));
    out.push(',');
    optional_number(out, Some(answers.csat));
    out.push(',');
    optional_number(out, answers.nps);
    out.push(',');
    out.push_str(answers.first_contact_resolution.map_or("", yes_no));
    out.push(',');
    text_cell(out, answers.comment.as_deref().unwrap_or_default());
    out.push(',');
    out.push_str(status.as_str());
    out.push(',');
    text_cell(out, &tags.join(TAG_SEPARATOR));
    out.push_str(LINE_END);
}

/// RFC 3339 in UTC with milliseconds; an instant outside years 0–9999 (which RFC 3339 cannot
/// write) as epoch milliseconds, which the import reads by magnitude.
fn timestamp(ms: i64) -> String {
    match DateTime::from_timestamp_millis(ms) {
        Some(instant) if (0..=9999).contains(&instant.year()) => {
            instant.to_rfc3339_opts(SecondsFormat::Millis, true)
        }
        _ => ms.to_string(),
    }
}

const fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn optional_number<N: std::fmt::Display>(out: &mut String, number: Option<N>) {
    if let Some(number) = number {
        // Writing to a String cannot fail.
        let _ = write!(out, "{number}");
    }
}

/// A text cell: formula-guarded, quoted when it holds a delimiter, quote or line break.
fn text_cell(out: &mut String, text: &str) {
    let text = neutralise(text);
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        for piece in text.split_inclusive('"') {
            out.push_str(piece);
            if piece.ends_with('"') {
                out.push('"');
            }
        }
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CallFacts, SurveyAnswers};

    fn record() -> SurveyRecord {
        SurveyRecord {
            call_ref: "1709256600.7".to_owned(),
            answered_at_ms: 1_709_256_600_123,
            facts: CallFacts {
                site: "north".to_owned(),
                queue: "repairs".to_owned(),
                agent: "王芳".to_owned(),
                wait_secs: Some(31),
                talk_secs: None,
                escalated: true,
                callback: false,
            },
            answers: SurveyAnswers {
                csat: 2,
                nps: Some(3),
                first_contact_resolution: Some(false),
                comment: Some("等了很久, \"太慢\"\n=再也不打了".to_owned()),
            },
            origin: "live".to_owned(),
        }
    }

    #[test]
    fn the_header_is_the_default_mappings_columns_then_status_and_tags() {
        assert_eq!(
            csv_header_line(),
            "call_ref,answered_at,site,queue,agent,wait_secs,talk_secs,escalated,callback,\
             csat,nps,fcr,comment,status,tags\r\n"
        );
    }

    #[test]
    fn a_row_quotes_what_needs_quoting() {
        let mut out = String::new();
        let tags = vec!["slow".to_owned(), "=cmd".to_owned()];
        append_csv_row(&mut out, &record(), ReviewStatus::FollowUp, &tags);
        assert_eq!(
            out,
            "1709256600.7,2024-03-01T01:30:00.123Z,north,repairs,王芳,31,,yes,no,2,3,no,\
             \"等了很久, \"\"太慢\"\"\n=再也不打了\",follow_up,slow; =cmd\r\n"
        );
    }

    #[test]
    fn formula_cells_are_guarded() {
        let mut guarded = record();
        guarded.call_ref = "-42".to_owned();
        guarded.answers.comment = Some("@SUM(1+1)".to_owned());
        let mut out = String::new();
        append_csv_row(&mut out, &guarded, ReviewStatus::New, &["+1".to_owned()]);
        assert!(out.starts_with("'-42,"), "{out}");
        assert!(out.ends_with(",'@SUM(1+1),new,'+1\r\n"), "{out}");
    }

    #[test]
    fn instants_rfc3339_cannot_write_fall_back_to_epoch_milliseconds() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(timestamp(-62_198_755_200_000), "-62198755200000");
        assert_eq!(timestamp(i64::MAX), i64::MAX.to_string());
    }
}
