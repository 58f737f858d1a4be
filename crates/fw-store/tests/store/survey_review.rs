//! The review workflow on stored surveys (status, tags, notes, follow-up, the managed tag
//! list, exports), trend counts and blind QA rounds — the same on SQLite and PostgreSQL.

use fw_store::{QaScoreRecord, StoreError, SurveyTagRecord, TrendGrouping};
use fw_survey::{ReviewStatus, SurveyFilter, SurveySort};

use crate::support::{TestDb, on_both_backends};
use crate::survey_data::{DAY_MS, MONDAY, sample, store_with_sample};

on_both_backends!(
    the_review_workflow_changes_status_tags_notes_and_follow_up,
    the_tag_list_is_managed_and_exports_follow_the_queue,
    trends_count_per_group_and_day,
    qa_rounds_keep_each_raters_first_sheet
);

async fn the_review_workflow_changes_status_tags_notes_and_follow_up(db: &TestDb) {
    let store = store_with_sample(db).await;
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
    let store = store_with_sample(db).await;
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
    let store = store_with_sample(db).await;
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
