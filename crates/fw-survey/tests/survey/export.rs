//! Export then import gives back the same surveys, whatever their text holds.

use fw_survey::export::{self, UTF8_BOM};
use fw_survey::import;
use fw_survey::{
    CallFacts, ColumnMapping, ImportFormat, ReviewStatus, SourceEncoding, SurveyAnswers,
    SurveyRecord,
};
use proptest::prelude::*;

use crate::support::record;

/// Text with everything CSV and spreadsheets trip over: delimiters, quotes, line breaks,
/// formula starts, apostrophes, Chinese.
const NASTY: &str = "[a-zA-Z0-9 ,;\"'=+@\\-\r\n\t中文很好王芳]";

fn name() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{NASTY}{{0,16}}"))
        .expect("a regex")
        .prop_map(|text| text.trim().to_owned())
}

fn comment() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::string::string_regex(&format!("{NASTY}{{1,60}}"))
            .expect("a regex")
            .prop_filter("a blank comment is no comment", |text| {
                !text.trim().is_empty()
            }),
    )
}

/// Year 2000 to 2100, to the millisecond.
const TIMES: std::ops::Range<i64> = 946_684_800_000..4_102_444_800_000;

fn survey_record() -> impl Strategy<Value = SurveyRecord> {
    (
        (name(), TIMES, name(), name(), name()),
        (
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u32>()),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            1u8..=5,
            proptest::option::of(0u8..=10),
            proptest::option::of(any::<bool>()),
            comment(),
        ),
    )
        .prop_map(
            |(
                (call_ref, answered_at_ms, site, queue, agent),
                (wait_secs, talk_secs, escalated, callback),
                (csat, nps, first_contact_resolution, comment),
            )| SurveyRecord {
                call_ref,
                answered_at_ms,
                facts: CallFacts {
                    site,
                    queue,
                    agent,
                    wait_secs,
                    talk_secs,
                    escalated,
                    callback,
                },
                answers: SurveyAnswers {
                    csat,
                    nps,
                    first_contact_resolution,
                    comment,
                },
                origin: "live".to_owned(),
            },
        )
}

/// Records with distinct, non-empty call references (the row's number keeps them apart
/// while the drawn text still exercises quoting and the formula guard).
fn records() -> impl Strategy<Value = Vec<SurveyRecord>> {
    proptest::collection::vec(survey_record(), 1..24).prop_map(|mut records| {
        for (position, record) in records.iter_mut().enumerate() {
            record.call_ref = format!("{}{position}", record.call_ref);
        }
        records
    })
}

fn export(records: &[SurveyRecord], bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push_str(UTF8_BOM);
    }
    out.push_str(&export::csv_header_line());
    for (position, record) in records.iter().enumerate() {
        let status = ReviewStatus::ALL[position % ReviewStatus::ALL.len()];
        let tags = vec!["=tag, one".to_owned(), "二".to_owned()];
        export::append_csv_row(&mut out, record, status, &tags);
    }
    out
}

fn import(bytes: &[u8], encoding: SourceEncoding) -> Vec<SurveyRecord> {
    import::parse(
        bytes,
        ImportFormat::Csv,
        encoding,
        &ColumnMapping::default(),
        "import:export.csv",
    )
    .expect("an exported file imports")
    .into_iter()
    .map(|row| SurveyRecord {
        origin: "live".to_owned(),
        ..row.record
    })
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn exported_surveys_import_back_unchanged(records in records(), bom in any::<bool>()) {
        for record in &records {
            prop_assert_eq!(record.validate(), Ok(()));
        }
        let text = export(&records, bom);
        prop_assert_eq!(import(text.as_bytes(), SourceEncoding::Utf8), records.clone());
        // Saved again by a tool that writes GB18030: the same surveys.
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(text.trim_start_matches(UTF8_BOM));
        prop_assert!(!unmappable);
        prop_assert_eq!(import(&gb, SourceEncoding::Gb18030), records);
    }
}

#[test]
fn instants_outside_rfc3339_round_trip_as_epoch_milliseconds() {
    let mut far = record("far");
    far.answered_at_ms = 400_000_000_000_000; // year 14645
    let mut early = record("early");
    early.answered_at_ms = -62_198_755_200_000; // 1 BC
    let records = vec![
        SurveyRecord {
            origin: "live".to_owned(),
            ..far
        },
        SurveyRecord {
            origin: "live".to_owned(),
            ..early
        },
    ];
    let text = export(&records, false);
    assert_eq!(import(text.as_bytes(), SourceEncoding::Utf8), records);
}

#[test]
fn the_header_guesses_the_default_mapping() {
    assert_eq!(
        ColumnMapping::guess(export::CSV_HEADER),
        ColumnMapping::default()
    );
    assert_eq!(export::CSV_HEADER.len(), 15);
}
