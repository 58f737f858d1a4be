//! Surveys: live inserts that never double, the all-or-nothing import with duplicates
//! reported, and the review queue's order, filters and comment search — the same on SQLite
//! and PostgreSQL. The review workflow, trends and QA rounds are in `survey_review.rs`.

use fw_store::StoreError;
use fw_survey::{NpsGroup, Range, ReviewStatus, SurveyFilter, SurveyRecord, SurveySort};

use crate::support::{TestDb, on_both_backends};
use crate::survey_data::{DAY_MS, MONDAY, refs, sample, store_with_sample, survey};

on_both_backends!(
    a_live_survey_is_stored_once,
    an_import_is_all_or_nothing_and_reports_stored_calls,
    the_queue_puts_unhappy_callers_first,
    filters_narrow_the_queue,
    comments_are_found_in_chinese_and_english
);

async fn a_live_survey_is_stored_once(db: &TestDb) {
    let store = db.open().await;
    let record = survey(
        "1700000000.42",
        MONDAY,
        "north",
        "王芳",
        4,
        Some(9),
        Some(true),
        Some("很好"),
    );
    let id = store.insert_survey(&record, MONDAY + 60_000).await.unwrap();
    let id = id.expect("stored");
    // A replay after a reconnect: the same call's survey again.
    assert_eq!(
        store.insert_survey(&record, MONDAY + 90_000).await.unwrap(),
        None
    );
    let stored = store.survey(id).await.unwrap().expect("readable");
    assert_eq!(stored.record, record);
    assert_eq!(stored.status, ReviewStatus::New);
    assert_eq!(stored.stored_at_ms, MONDAY + 60_000);
    assert!(stored.tags.is_empty());

    let mut bad = record.clone();
    "other".clone_into(&mut bad.call_ref);
    bad.answers.csat = 9;
    let error = store.insert_survey(&bad, MONDAY).await.unwrap_err();
    assert!(
        matches!(error, StoreError::InvalidInput(ref m) if m.contains("CSAT 9")),
        "{error}"
    );
}

async fn an_import_is_all_or_nothing_and_reports_stored_calls(db: &TestDb) {
    let store = db.open().await;
    store.insert_survey(&sample()[2], MONDAY).await.unwrap();
    let all = sample();

    // c3 is already stored: nothing is written and the duplicate is named.
    let outcome = store.import_surveys(&all, false, MONDAY).await.unwrap();
    assert_eq!(outcome.stored, 0);
    assert_eq!(outcome.duplicates.len(), 1);
    assert_eq!(outcome.duplicates[0].index, 2);
    assert_eq!(outcome.duplicates[0].call_ref, "c3");
    let page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 50)
        .await
        .unwrap();
    assert_eq!(page.total, 1, "nothing but the live survey");

    // Told to skip them, the others are stored and c3 is not doubled.
    let outcome = store.import_surveys(&all, true, MONDAY).await.unwrap();
    assert_eq!(outcome.stored, 5);
    assert_eq!(outcome.duplicates.len(), 1);
    let page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 50)
        .await
        .unwrap();
    assert_eq!(page.total, 6);

    // One invalid record refuses the whole import before anything is written.
    let mut batch: Vec<SurveyRecord> = (0..900)
        .map(|n| {
            survey(
                &format!("bulk-{n}"),
                MONDAY + n,
                "north",
                "王芳",
                4,
                None,
                None,
                None,
            )
        })
        .collect();
    batch[850].answers.nps = Some(12);
    assert!(store.import_surveys(&batch, false, MONDAY).await.is_err());
    batch[850].answers.nps = Some(7);
    let outcome = store.import_surveys(&batch, false, MONDAY).await.unwrap();
    assert_eq!(outcome.stored, 900, "more than one INSERT batch");
    let page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 1)
        .await
        .unwrap();
    assert_eq!(page.total, 906);
}

async fn the_queue_puts_unhappy_callers_first(db: &TestDb) {
    let store = store_with_sample(db).await;
    let all = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 50)
        .await
        .unwrap();
    // Unhappy (detractor or CSAT ≤ 2), newest first; then commented; then the rest.
    assert_eq!(refs(&all), ["c6", "c4", "c3", "c5", "c2", "c1"]);
    assert_eq!((all.total, all.total_capped), (6, false));

    let second_page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 2, 2)
        .await
        .unwrap();
    assert_eq!(refs(&second_page), ["c3", "c5"]);
    assert_eq!(second_page.total, 6, "the count ignores the page");
}

async fn filters_narrow_the_queue(db: &TestDb) {
    let store = store_with_sample(db).await;
    let cases: Vec<(SurveyFilter, Vec<&str>)> = vec![
        (
            SurveyFilter {
                site: Some("east".into()),
                ..Default::default()
            },
            vec!["c4", "c3"],
        ),
        (
            SurveyFilter {
                agent: Some("王芳".into()),
                ..Default::default()
            },
            vec!["c2", "c1"],
        ),
        (
            SurveyFilter {
                nps_group: Some(NpsGroup::Detractor),
                ..Default::default()
            },
            vec!["c4", "c3"],
        ),
        (
            SurveyFilter {
                csat: Range {
                    min: Some(2),
                    max: Some(3),
                },
                ..Default::default()
            },
            vec!["c6", "c5"],
        ),
        (
            SurveyFilter {
                first_contact_resolution: Some(false),
                ..Default::default()
            },
            vec!["c3", "c5"],
        ),
        (
            SurveyFilter {
                has_comment: Some(false),
                ..Default::default()
            },
            vec!["c4", "c1"],
        ),
        (
            SurveyFilter {
                from_ms: Some(MONDAY + DAY_MS),
                to_ms: Some(MONDAY + 2 * DAY_MS),
                ..Default::default()
            },
            vec!["c6", "c4", "c5"],
        ),
        (
            SurveyFilter {
                reviewed: Some(true),
                ..Default::default()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        let page = store
            .survey_page(&filter, SurveySort::Need, 0, 50)
            .await
            .unwrap();
        assert_eq!(refs(&page), expected, "{filter:?}");
        assert_eq!(page.total, expected.len() as u64);
    }
    let by_csat = store
        .survey_page(&SurveyFilter::default(), SurveySort::CsatAscending, 0, 3)
        .await
        .unwrap();
    assert_eq!(refs(&by_csat), ["c3", "c6", "c5"]);
    let by_nps = store
        .survey_page(&SurveyFilter::default(), SurveySort::NpsAscending, 0, 50)
        .await
        .unwrap();
    assert_eq!(
        refs(&by_nps).last().map(String::as_str),
        Some("c5"),
        "no NPS sorts last"
    );
}

async fn comments_are_found_in_chinese_and_english(db: &TestDb) {
    let store = store_with_sample(db).await;
    let search = |text: &str| {
        let store = store.clone();
        let text = text.to_owned();
        async move {
            let filter = SurveyFilter {
                text: Some(text),
                ..Default::default()
            };
            let page = store
                .survey_page(&filter, SurveySort::Newest, 0, 50)
                .await
                .unwrap();
            page.rows
                .into_iter()
                .map(|r| r.record.call_ref)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("退款").await, ["c2"]);
    assert_eq!(search("到账").await, ["c2"]);
    assert_eq!(search("等待时间").await, ["c6"]);
    assert_eq!(search("refund").await, ["c5"]);
    assert_eq!(search("REFUNDS slow").await, ["c5"]);
    assert_eq!(search("two calls").await, ["c3"]);
    assert_eq!(search("fixed").await, ["c3"]);
    // A single character is not in the index as such, and is still found by scanning.
    assert_eq!(search("赞").await, ["c2"]);
    // Both pairs of 退款 and 很慢 exist apart in no comment; a phrase must be contiguous.
    assert!(search("款到").await.is_empty());
    assert!(search("parcel").await.is_empty());
}
