//! JSON import: arrays, wrapped arrays and NDJSON, numbers or strings.

use fw_survey::import;
use fw_survey::{ColumnMapping, ImportFormat, ImportRejected, ImportedRow, SourceEncoding};

fn json(text: &str) -> Result<Vec<ImportedRow>, ImportRejected> {
    import::parse(
        text.as_bytes(),
        ImportFormat::Json,
        SourceEncoding::Utf8,
        &ColumnMapping::default(),
        "import:test.json",
    )
}

const TWO: &str = r#"[
  {"call_ref": "J1", "answered_at": "2024-03-01 09:30", "csat": "4", "nps": 9,
   "fcr": true, "comment": null, "wait_secs": 12.0, "site": "north"},
  {"call_ref": 42, "answered_at": 1709256600000, "csat": 5, "fcr": "否", "escalated": "yes"}
]"#;

#[test]
fn an_array_of_objects_with_numbers_or_strings() {
    let rows = json(TWO).expect("good");
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2]);
    let first = &rows[0].record;
    assert_eq!((first.answers.csat, first.answers.nps), (4, Some(9)));
    assert_eq!(first.answers.first_contact_resolution, Some(true));
    assert_eq!(first.answers.comment, None);
    assert_eq!(first.facts.wait_secs, Some(12));
    assert_eq!(first.facts.site, "north");
    assert_eq!(first.origin, "import:test.json");
    let second = &rows[1].record;
    assert_eq!(second.call_ref, "42");
    assert_eq!(second.answered_at_ms, 1_709_256_600_000);
    assert_eq!(second.answers.first_contact_resolution, Some(false));
    assert!(second.facts.escalated);
}

#[test]
fn arrays_wrapped_under_the_usual_keys() {
    for key in ["surveys", "data", "items", "Results"] {
        let text = format!(r#"{{"total": 2, "{key}": {TWO}}}"#);
        assert_eq!(json(&text).expect(key).len(), 2, "{key}");
    }
    let rejected = json(r#"{"data": {"call_ref": "x"}}"#).unwrap_err();
    assert_eq!(
        rejected.file_error.as_deref(),
        Some("\"data\" should be an array of surveys")
    );
}

#[test]
fn ndjson_rows_are_numbered_by_physical_line() {
    let text = "{\"call_ref\":\"N1\",\"answered_at\":\"2024-03-01 09:30\",\"csat\":3}\n\
                \n\
                {\"call_ref\":\"N2\",\"answered_at\":\"2024-03-01 09:31\",\"csat\":4}\n\
                {\"call_ref\":\"N3\",\"answered_at\":\"2024-03-01 09:32\",\"csat\":5}\n";
    let rows = json(text).expect("good");
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3, 4]);

    let bad = "{\"call_ref\":\"N1\",\"answered_at\":\"2024-03-01 09:30\",\"csat\":3}\n\
               {\"call_ref\":\"N1\",\"answered_at\":\"2024-03-01 09:30\",\"csat\":3}\n\
               {\"call_ref\": oops}\n\
               [1, 2]\n";
    let rejected = json(bad).unwrap_err();
    assert_eq!(rejected.total_problems, 3);
    assert_eq!(rejected.problems[0].line, 2);
    assert_eq!(
        rejected.problems[0].reason,
        "the call reference \"N1\" already appeared on line 1"
    );
    assert_eq!(rejected.problems[1].line, 3);
    assert!(
        rejected.problems[1]
            .reason
            .starts_with("the line is not valid JSON: "),
        "{}",
        rejected.problems[1].reason
    );
    assert_eq!(
        (
            rejected.problems[2].line,
            rejected.problems[2].reason.as_str()
        ),
        (4, "the record is not a JSON object")
    );
}

#[test]
fn a_single_object_is_one_survey() {
    let rows = json("\n{\"call_ref\":\"S1\",\"answered_at\":\"2024-03-01 09:30\",\"csat\":3}")
        .expect("one");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 2);
}

#[test]
fn array_problems_say_record_n() {
    let text = r#"[
      {"call_ref": "R1", "answered_at": "2024-03-01 09:30", "csat": 4},
      {"call_ref": "R1", "answered_at": "2024-03-01 09:30", "csat": 4},
      {"call_ref": "R3", "answered_at": "2024-03-01 09:30", "csat": [4]},
      {"call_ref": "R4", "answered_at": "2024-03-01 09:30"},
      "R5"
    ]"#;
    let rejected = json(text).unwrap_err();
    let listed: Vec<(u64, &str)> = rejected
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (2, "the call reference \"R1\" already appeared in record 1"),
            (
                3,
                "CSAT (\"csat\") is a list or an object, not a single value"
            ),
            (4, "CSAT is missing"),
            (5, "the record is not a JSON object"),
        ]
    );
}

#[test]
fn file_level_problems() {
    let missing = json(r#"[{"id": "1", "time": "2024-03-01 09:30", "csat": 4}]"#).unwrap_err();
    let message = missing.file_error.expect("a file error");
    assert!(
        message.starts_with(
            "the field \"call_ref\" (the call reference) is missing; the first record's \
             fields are: "
        ),
        "{message}"
    );
    assert!(
        ["csat", "id", "time"]
            .iter()
            .all(|key| message.contains(key))
    );
    let broken = json("[{\"call_ref\": \"1\",\n").unwrap_err();
    assert!(
        broken
            .file_error
            .as_deref()
            .is_some_and(|m| m.starts_with("the file is not valid JSON: ")),
        "{broken:?}"
    );
    let pretty_broken = json("{\n  \"surveys\": [\n  {\"call_ref\": }\n]}\n").unwrap_err();
    assert!(pretty_broken.file_error.is_some(), "{pretty_broken:?}");
    assert!(json("call_ref,csat\n").unwrap_err().file_error.is_some());
    assert_eq!(
        json("  ").unwrap_err().file_error.as_deref(),
        Some("the file is empty")
    );
    assert_eq!(json("[]").expect("no rows"), []);
}

#[test]
fn api_records_are_read_with_a_mapping_guessed_from_their_keys() {
    let items: Vec<serde_json::Value> = serde_json::from_str(
        r#"[
            {"call_id": "c-1", "submitted_at": "2026-11-20T09:30:00+08:00", "rating": 2,
             "nps": 3, "comment": "退款太慢"},
            {"call_id": "c-2", "submitted_at": "2026-11-20T09:31:00+08:00", "rating": 5,
             "queue": "Billing"}
        ]"#,
    )
    .unwrap();
    let keys = import::record_keys(&items);
    assert_eq!(
        keys,
        [
            "call_id",
            "comment",
            "nps",
            "rating",
            "submitted_at",
            "queue"
        ],
        "each key once, the first record's before those met later"
    );
    let headers: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mapping = ColumnMapping::guess(&headers);
    let rows = import::parse_records(&items, &mapping, "pull:test").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].record.call_ref, "c-1");
    assert_eq!(rows[0].record.answers.csat, 2);
    assert_eq!(rows[0].record.answers.comment.as_deref(), Some("退款太慢"));
    assert_eq!(rows[1].record.facts.queue, "Billing");
    assert_eq!(rows[1].line, 2);
}

#[test]
fn a_bad_api_record_holds_back_all_of_them_naming_the_record() {
    let items: Vec<serde_json::Value> = serde_json::from_str(
        r#"[{"call_id": "c-1", "time": "2026-11-20T09:30:00Z", "csat": 4},
            {"call_id": "c-2", "time": "2026-11-20T09:31:00Z", "csat": 9}]"#,
    )
    .unwrap();
    let mapping = ColumnMapping::guess(&["call_id", "time", "csat"]);
    let rejected = import::parse_records(&items, &mapping, "pull:test").unwrap_err();
    assert_eq!(rejected.total_problems, 1);
    assert_eq!(rejected.problems[0].line, 2);
    assert_eq!(rejected.problems[0].reason, "CSAT 9 is outside 1–5");
}
