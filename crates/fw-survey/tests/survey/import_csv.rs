//! CSV import end to end: lines, encodings, mappings, and every kind of bad row.

use fw_survey::import::{self, MAX_PROBLEMS_KEPT};
use fw_survey::{ColumnMapping, ImportFormat, ImportRejected, ImportedRow, SourceEncoding};

use crate::support::record;

fn csv(text: &str) -> Result<Vec<ImportedRow>, ImportRejected> {
    csv_with(
        text.as_bytes(),
        SourceEncoding::Utf8,
        &ColumnMapping::default(),
    )
}

fn csv_with(
    bytes: &[u8],
    encoding: SourceEncoding,
    mapping: &ColumnMapping,
) -> Result<Vec<ImportedRow>, ImportRejected> {
    import::parse(bytes, ImportFormat::Csv, encoding, mapping, "import:test")
}

fn problems(rejected: &ImportRejected) -> Vec<(u64, &str)> {
    rejected
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect()
}

const HEADER: &str = "call_ref,answered_at,site,queue,agent,wait_secs,talk_secs,escalated,callback,csat,nps,fcr,comment\n";

#[test]
fn rows_carry_the_physical_line_they_start_on() {
    let text = format!(
        "\u{feff}{HEADER}\
         A1,2024-03-01 09:30:00,north,north-phones,王芳,12,300,no,no,5,10,yes,很好\n\
         A2,2024-03-01T01:31:00Z,north,repairs,王芳,,,,,4,,,\"two\nlines, and a comma\"\n\
         \n\
         A3,1709256720,south,orders,李雷,3,100,是,否,2,3,否,\n"
    );
    let rows = csv(&text).expect("a good file");
    let lines: Vec<u64> = rows.iter().map(|row| row.line).collect();
    assert_eq!(lines, [2, 3, 6]);
    assert_eq!(rows[0].record, record("A1"));
    let second = &rows[1].record;
    assert_eq!(second.answered_at_ms, 1_709_256_660_000);
    assert_eq!(
        second.answers.comment.as_deref(),
        Some("two\nlines, and a comma")
    );
    assert_eq!(
        (
            second.facts.wait_secs,
            second.answers.nps,
            second.answers.first_contact_resolution
        ),
        (None, None, None)
    );
    assert!(!second.facts.escalated);
    let third = &rows[2].record;
    assert_eq!(third.answered_at_ms, 1_709_256_720_000);
    assert!(third.facts.escalated && !third.facts.callback);
    assert_eq!(third.answers.first_contact_resolution, Some(false));
    assert_eq!(third.answers.comment, None);
}

#[test]
fn crlf_files_with_blank_lines_count_lines_as_an_editor_does() {
    let text = "call_ref,answered_at,csat\r\n\r\nK1,2024-03-01 09:30,4\r\n\r\n\r\n\
                K2,2024-03-01 09:30,\"5\"\r\nK3,2024-03-01 09:30,9\r\n";
    let rejected = csv(text).unwrap_err();
    assert_eq!(problems(&rejected), [(7, "CSAT 9 is outside 1–5")]);
    let good = text.replace(",9", ",3");
    let lines: Vec<u64> = csv(&good).expect("ok").iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 6, 7]);
}

#[test]
fn every_bad_row_is_listed_and_nothing_is_imported() {
    let text = "call_ref,answered_at,csat,nps,fcr\n\
                B1,2024-03-01 09:30,5,9,yes\n\
                ,2024-03-01 09:30,4,,\n\
                B3,yesterday,6,11,maybe\n\
                B4,2024-03-01 09:30,4\n\
                B1,2024-03-01 09:30,3,,\n\
                B6,2024-03-01 09:30,x,,\n";
    let rejected = csv(text).unwrap_err();
    assert_eq!(rejected.file_error, None);
    assert_eq!(rejected.total_problems, 5);
    assert_eq!(
        problems(&rejected),
        [
            (3, "the call reference is empty"),
            (
                4,
                "the time \"yesterday\" is not a timestamp (use RFC 3339 with an offset, \
                 \"YYYY-MM-DD HH:MM[:SS]\", \"YYYY/MM/DD HH:MM[:SS]\" or epoch seconds or \
                 milliseconds); CSAT 6 is outside 1–5; NPS 11 is outside 0–10; \
                 first-contact resolution \"maybe\" is not yes/no/1/0/true/false/是/否"
            ),
            (5, "the row has 3 fields; the header has 5"),
            (6, "the call reference \"B1\" already appeared on line 2"),
            (7, "CSAT \"x\" is not a number"),
        ]
    );
    assert_eq!(
        rejected.to_string(),
        "5 rows have problems; nothing was imported"
    );
}

#[test]
fn one_bad_row_rejects_the_whole_file() {
    let mut text = String::from("call_ref,answered_at,csat\n");
    text.extend((0..500).map(|i| format!("C{i},2024-03-01 09:30,4\n")));
    text.push_str("C500,2024-03-01 09:30,0\n");
    let rejected = csv(&text).unwrap_err();
    assert_eq!(problems(&rejected), [(502, "CSAT 0 is outside 1–5")]);
}

#[test]
fn all_problems_are_counted_and_the_first_thousand_kept() {
    let mut text = String::from("call_ref,answered_at,csat\n");
    text.extend((0..1_500).map(|i| format!("D{i},2024-03-01 09:30,9\n")));
    let rejected = csv(&text).unwrap_err();
    assert_eq!(rejected.total_problems, 1_500);
    assert_eq!(rejected.problems.len(), MAX_PROBLEMS_KEPT);
    assert_eq!(rejected.problems.last().map(|p| p.line), Some(1_001));
}

#[test]
fn a_missing_required_column_rejects_the_file_naming_it_and_the_columns_found() {
    let rejected = csv("id,time,score\n1,2024-03-01 09:30,4\n").unwrap_err();
    assert_eq!(
        rejected.file_error.as_deref(),
        Some(
            "the column \"call_ref\" (the call reference) is missing; the file's columns are: \
             id, time, score"
        )
    );
    assert_eq!(rejected.total_problems, 0);
    // Optional columns may be absent: those fields are simply empty.
    let rows = csv("CALL_REF , Answered_At,csat\nE1,2024-03-01 09:30,3\n").expect("minimal");
    assert_eq!(rows[0].record.facts.site, "");
}

#[test]
fn empty_files_and_header_only_files() {
    assert_eq!(
        csv("").unwrap_err().file_error.as_deref(),
        Some("the file is empty")
    );
    assert_eq!(csv(HEADER).expect("no rows"), []);
}

#[test]
fn rows_of_empty_cells_are_padding_not_problems() {
    let rows = csv("call_ref,answered_at,csat\nF1,2024-03-01 09:30,4\n,,\n , ,\n").expect("ok");
    assert_eq!(rows.len(), 1);
}

#[test]
fn a_gbk_export_with_chinese_headers_imports_through_a_guessed_mapping() {
    let text = "通话ID,评价时间,坐席,技能组,等待时长,满意度,是否推荐,问题是否解决,备注\r\n\
                1709256600.1,2024/3/1 9:30,王芳,维修,31,5,10,是,服务很好\r\n\
                1709256600.2,2024/3/1 9:45:10,李雷,维修,,2,4,否,\"等太久, 没解决\"\r\n";
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let headers: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let mapping = ColumnMapping::guess(&headers);
    let rows = csv_with(&gbk, SourceEncoding::Gb18030, &mapping).expect("a good file");
    assert_eq!(rows.len(), 2);
    let second = &rows[1].record;
    assert_eq!(second.call_ref, "1709256600.2");
    assert_eq!(second.answered_at_ms, 1_709_257_510_000);
    assert_eq!(second.facts.agent, "李雷");
    assert_eq!(second.facts.queue, "维修");
    assert_eq!(second.answers.csat, 2);
    assert_eq!(second.answers.nps, Some(4));
    assert_eq!(second.answers.first_contact_resolution, Some(false));
    assert_eq!(second.answers.comment.as_deref(), Some("等太久, 没解决"));
    assert_eq!(rows[0].record.facts.wait_secs, Some(31));

    // The same bytes read as UTF-8: refused at the first bad byte, with what to do.
    let rejected = csv_with(&gbk, SourceEncoding::Utf8, &mapping).unwrap_err();
    let message = rejected.file_error.expect("a file error");
    assert!(
        message.starts_with("line 1 is not valid UTF-8"),
        "{message}"
    );
    assert!(message.contains("re-export the file as UTF-8"), "{message}");
}

#[test]
fn semicolon_and_tab_separated_files_are_read_too() {
    let rows = csv("call_ref;answered_at;csat\nG1;2024-03-01 09:30;4\n").expect("semicolons");
    assert_eq!(rows[0].record.call_ref, "G1");
    let rows = csv("call_ref\tanswered_at\tcsat\nG2\t2024-03-01 09:30\t4\n").expect("tabs");
    assert_eq!(rows[0].record.call_ref, "G2");
}

#[test]
fn the_mappings_offset_applies_to_local_times_only() {
    let mapping = ColumnMapping {
        utc_offset_minutes: 0,
        ..ColumnMapping::default()
    };
    let text = "call_ref,answered_at,csat\n\
                H1,2024-03-01 01:30,4\n\
                H2,2024-03-01T09:30:00+08:00,4\n\
                H3,1709256600000,4\n";
    let rows = csv_with(text.as_bytes(), SourceEncoding::Utf8, &mapping).expect("ok");
    assert!(
        rows.iter()
            .all(|row| row.record.answered_at_ms == 1_709_256_600_000)
    );
    let silly = ColumnMapping {
        utc_offset_minutes: 24 * 60,
        ..ColumnMapping::default()
    };
    let rejected = csv_with(text.as_bytes(), SourceEncoding::Utf8, &silly).unwrap_err();
    assert!(rejected.file_error.is_some());
}

#[test]
fn records_breaking_the_stores_rules_are_refused_with_its_reason() {
    let long = "好".repeat(fw_survey::MAX_COMMENT_CHARS + 1);
    let text = format!("call_ref,answered_at,csat,comment\nI1,2024-03-01 09:30,4,{long}\n");
    let rejected = csv(&text).unwrap_err();
    assert_eq!(
        problems(&rejected),
        [(
            2,
            "the comment is 4001 characters long; at most 4000 are kept"
        )]
    );
}
