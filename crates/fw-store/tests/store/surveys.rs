//! Surveys: live inserts that never double, the all-or-nothing import with duplicates
//! reported, the review queue's filters, order and search, the review workflow, trend counts
//! and blind QA rounds — the same on SQLite and PostgreSQL.

use fw_store::{QaScoreRecord, StoreError, SurveyTagRecord, TrendGrouping};
use fw_survey::{
    CallFacts, NpsGroup, Range, ReviewStatus, SurveyAnswers, SurveyFilter, SurveyRecord, SurveySort,
};

use crate::support::{TestDb, on_both_backends};

on_both_backends!(
    a_live_survey_is_stored_once,
    an_import_is_all_or_nothing_and_reports_stored_calls,
    the_queue_puts_unhappy_callers_first,
    filters_narrow_the_queue,
    comments_are_found_in_chinese_and_english,
    the_review_workflow_changes_status_tags_notes_and_follow_up,
    the_tag_list_is_managed_and_exports_follow_the_queue,
    trends_count_per_group_and_day,
    qa_rounds_keep_each_raters_first_sheet
);

const DAY_MS: i64 = 86_400_000;
/// 2026-11-02 00:00 in China (UTC+8), in ms.
const MONDAY: i64 = 1_762_012_800_000;

#[allow(clippy::too_many_arguments)]
fn survey(
    call: &str,
    at: i64,
    site: &str,
    agent: &str,
    csat: u8,
    nps: Option<u8>,
    fcr: Option<bool>,
    comment: Option<&str>,
) -> SurveyRecord {
    SurveyRecord {
        call_ref: call.to_owned(),
        answered_at_ms: at,
        facts: CallFacts {
            site: site.to_owned(),
            queue: format!("{site}.billing"),
            agent: agent.to_owned(),
            wait_secs: Some(30),
            talk_secs: Some(200),
            escalated: false,
            callback: false,
        },
        answers: SurveyAnswers {
            csat,
            nps,
            first_contact_resolution: fcr,
            comment: comment.map(str::to_owned),
        },
        origin: "live".to_owned(),
    }
}

fn sample() -> Vec<SurveyRecord> {
    vec![
        survey(
            "c1",
            MONDAY + 1_000,
            "north",
            "王芳",
            5,
            Some(10),
            Some(true),
            None,
        ),
        survey(
            "c2",
            MONDAY + 2_000,
            "north",
            "王芳",
            4,
            Some(8),
            Some(true),
            Some("退款很快到账了，点赞"),
        ),
        survey(
            "c3",
            MONDAY + 3_000,
            "east",
            "Li Wei",
            1,
            Some(2),
            Some(false),
            Some("Still not fixed after two calls"),
        ),
        survey(
            "c4",
            MONDAY + DAY_MS + 4_000,
            "east",
            "Li Wei",
            4,
            Some(5),
            None,
            None,
        ),
        survey(
            "c5",
            MONDAY + DAY_MS + 5_000,
            "south",
            "Chen Jie",
            3,
            None,
            Some(false),
            Some("Refunds are slow"),
        ),
        survey(
            "c6",
            MONDAY + DAY_MS + 6_000,
            "south",
            "Chen Jie",
            2,
            Some(9),
            Some(true),
            Some("等待时间太长了"),
        ),
    ]
}

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
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    let refs = |page: &fw_store::SurveyPage| -> Vec<String> {
        page.rows
            .iter()
            .map(|r| r.record.call_ref.clone())
            .collect()
    };
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
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    let refs = |page: &fw_store::SurveyPage| -> Vec<String> {
        page.rows
            .iter()
            .map(|r| r.record.call_ref.clone())
            .collect()
    };
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
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
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

async fn the_review_workflow_changes_status_tags_notes_and_follow_up(db: &TestDb) {
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    let page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 50)
        .await
        .unwrap();
    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    let (c6, c4) = (ids[0], ids[1]);

    assert_eq!(
        store
            .set_survey_status(&[c6, c4], ReviewStatus::InReview, MONDAY + 10)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .add_survey_tag(&[c6, c4], "long_wait", MONDAY + 20)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .add_survey_tag(&[c6], "long_wait", MONDAY + 21)
            .await
            .unwrap(),
        0,
        "once"
    );
    assert_eq!(
        store
            .add_survey_tag(&[c6], "agent_coaching", MONDAY + 22)
            .await
            .unwrap(),
        1
    );
    assert!(
        store
            .add_survey_tag(&[c6], "no_such_tag", MONDAY)
            .await
            .is_err()
    );
    assert_eq!(
        store
            .remove_survey_tag(&[c4], "long_wait", MONDAY + 30)
            .await
            .unwrap(),
        1
    );
    store
        .set_survey_follow_up(
            &[c6],
            Some("zhao.min"),
            Some(MONDAY + 2 * DAY_MS),
            MONDAY + 40,
        )
        .await
        .unwrap();
    let note = store
        .add_survey_note(c6, "zhao.min", "  已回电，客户接受补偿  ", MONDAY + 50)
        .await
        .unwrap();
    assert!(note > 0);
    assert!(
        store
            .add_survey_note(c6, "zhao.min", "   ", MONDAY)
            .await
            .is_err()
    );
    assert!(
        store
            .add_survey_note(987_654, "zhao.min", "hello", MONDAY)
            .await
            .is_err()
    );

    let detail = store.survey(c6).await.unwrap().unwrap();
    assert_eq!(detail.status, ReviewStatus::InReview);
    assert_eq!(detail.tags, ["agent_coaching", "long_wait"]);
    assert_eq!(detail.follow_up_owner.as_deref(), Some("zhao.min"));
    assert_eq!(detail.follow_up_due_ms, Some(MONDAY + 2 * DAY_MS));
    assert_eq!(detail.updated_at_ms, MONDAY + 50);
    let notes = store.survey_notes(c6).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "已回电，客户接受补偿");

    tag_and_review_filters_find(&store, c6).await;
}

async fn tag_and_review_filters_find(store: &fw_store::Store, c6: i64) {
    let tagged = SurveyFilter {
        tag: Some("long_wait".into()),
        ..Default::default()
    };
    let page = store
        .survey_page(&tagged, SurveySort::Need, 0, 50)
        .await
        .unwrap();
    assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [c6]);
    let reviewed = SurveyFilter {
        reviewed: Some(true),
        ..Default::default()
    };
    assert_eq!(
        store
            .survey_page(&reviewed, SurveySort::Need, 0, 50)
            .await
            .unwrap()
            .total,
        2
    );
}

async fn the_tag_list_is_managed_and_exports_follow_the_queue(db: &TestDb) {
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    let page = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 50)
        .await
        .unwrap();
    let (c6, c4) = (page.rows[0].id, page.rows[1].id);
    // The tag list is managed: add one, retire it, and it can no longer be put on.
    let tag = SurveyTagRecord {
        name: "ivr_confusing".into(),
        label_en: "IVR confusing".into(),
        label_zh: "语音菜单难懂".into(),
        retired: false,
    };
    store.save_survey_tag(&tag).await.unwrap();
    assert_eq!(
        store
            .add_survey_tag(&[c4], "ivr_confusing", MONDAY)
            .await
            .unwrap(),
        1
    );
    store
        .save_survey_tag(&SurveyTagRecord {
            retired: true,
            ..tag
        })
        .await
        .unwrap();
    assert!(
        store
            .add_survey_tag(&[c6], "ivr_confusing", MONDAY)
            .await
            .is_err()
    );
    assert_eq!(
        store.survey(c4).await.unwrap().unwrap().tags,
        ["ivr_confusing"],
        "kept where it is"
    );
    assert!(
        store
            .save_survey_tag(&SurveyTagRecord {
                name: "Bad Key".into(),
                label_en: "x".into(),
                label_zh: "x".into(),
                retired: false
            })
            .await
            .is_err()
    );

    let mut exported = Vec::new();
    let count = store
        .export_surveys::<StoreError>(&SurveyFilter::default(), SurveySort::Need, |rows| {
            exported.extend(rows.iter().map(|r| r.record.call_ref.clone()));
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(count, 6);
    assert_eq!(exported, ["c6", "c4", "c3", "c5", "c2", "c1"]);
}

async fn trends_count_per_group_and_day(db: &TestDb) {
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    let eight_hours = 8 * 3_600_000;
    let centre = store
        .survey_trends(
            &SurveyFilter::default(),
            TrendGrouping::Centre,
            DAY_MS,
            eight_hours,
        )
        .await
        .unwrap();
    assert_eq!(centre.len(), 2, "{centre:?}");
    assert_eq!(centre[0].bucket_start_ms, MONDAY);
    assert_eq!(centre[1].bucket_start_ms, MONDAY + DAY_MS);
    let monday = &centre[0];
    assert_eq!(
        (
            monday.tally.surveys,
            monday.tally.csat_sum,
            monday.tally.csat_top2
        ),
        (3, 10, 2)
    );
    assert_eq!(
        (
            monday.tally.nps_answers,
            monday.tally.promoters,
            monday.tally.detractors
        ),
        (3, 1, 1)
    );
    assert_eq!((monday.tally.fcr_answers, monday.tally.fcr_yes), (3, 2));

    let by_site = store
        .survey_trends(
            &SurveyFilter::default(),
            TrendGrouping::Site,
            DAY_MS,
            eight_hours,
        )
        .await
        .unwrap();
    let groups: Vec<(&str, i64, u64)> = by_site
        .iter()
        .map(|c| {
            (
                c.group.as_str(),
                (c.bucket_start_ms - MONDAY) / DAY_MS,
                c.tally.surveys,
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("east", 0, 1),
            ("east", 1, 1),
            ("north", 0, 2),
            ("south", 1, 2)
        ]
    );
    assert!(
        store
            .survey_trends(&SurveyFilter::default(), TrendGrouping::Agent, 10, 0)
            .await
            .is_err()
    );
}

async fn qa_rounds_keep_each_raters_first_sheet(db: &TestDb) {
    let store = db.open().await;
    let id = store
        .insert_survey(&sample()[2], MONDAY)
        .await
        .unwrap()
        .unwrap();
    let form = store
        .create_qa_form("Standard", "{\"items\":[]}", "zhao.min", MONDAY)
        .await
        .unwrap();
    let raters: Vec<String> = ["a.rater", "b.rater", "c.rater"].map(String::from).to_vec();
    let round = store
        .create_qa_round(id, form, &raters, "zhao.min", MONDAY)
        .await
        .unwrap();
    let sheet = |rater: &str, text: &str| QaScoreRecord {
        round_id: round,
        rater: rater.to_owned(),
        sheet: text.to_owned(),
        scored_at_ms: MONDAY + 1,
    };
    assert!(
        store
            .submit_qa_score(&sheet("a.rater", "first"))
            .await
            .unwrap()
    );
    assert!(
        !store
            .submit_qa_score(&sheet("a.rater", "second"))
            .await
            .unwrap()
    );
    assert!(store.submit_qa_score(&sheet("b.rater", "b")).await.unwrap());
    let stored = store.qa_round(round).await.unwrap().unwrap();
    assert_eq!(stored.raters, raters);
    assert_eq!(stored.scores.len(), 2);
    assert_eq!(stored.scores[0].sheet, "first");
    assert_eq!(store.qa_rounds_of_survey(id).await.unwrap().len(), 1);
    assert_eq!(store.qa_rounds_of_form(form).await.unwrap().len(), 1);
    assert_eq!(store.qa_rounds_recent(10).await.unwrap()[0].id, round);
    assert_eq!(store.qa_forms().await.unwrap()[0].name, "Standard");
}
