//! Large imports and searches with many matches: SQLite's bulk path (the comment index filled
//! after the rows, inside the import's transaction, with the insert trigger put back) and a
//! search page read through its order's index must give what the small paths give — the same
//! on SQLite and PostgreSQL.

use fw_store::{Backend, Store};
use fw_survey::{ReviewNeed, SurveyFilter, SurveyRecord, SurveySort};
use sqlx::{Connection, SqliteConnection};

use crate::support::{TestDb, on_both_backends};
use crate::survey_data::{MONDAY, survey};

on_both_backends!(
    a_bulk_import_is_searchable_and_so_are_later_live_surveys,
    a_failed_bulk_import_leaves_neither_rows_nor_index_entries,
    a_common_word_pages_in_the_same_order_as_a_rare_one
);

/// Above the store's bulk threshold (1,000 rows).
const BULK: usize = 1_500;
const SITES: [&str; 3] = ["north", "east", "south"];

/// `BULK` surveys: a third with a Chinese comment, a third with an English one, one with a
/// comment no other has; sites, scores and times spread so that orders and filters bite.
fn bulk() -> Vec<SurveyRecord> {
    (0..BULK)
        .map(|i| {
            let comment = match i % 3 {
                _ if i == BULK - 1 => Some("Nobody could tell me where my parcel is"),
                0 => Some("退款很快到账了"),
                1 => Some("Waited far too long on hold"),
                _ => None,
            };
            let small = |n: usize| u8::try_from(n).unwrap();
            survey(
                &format!("bulk-{i}"),
                MONDAY + i64::try_from(i * 60_000).unwrap(),
                SITES[(i / 7) % 3],
                &format!("agent-{}", i % 40),
                1 + small(i % 5),
                Some(small(i % 11)),
                Some(i % 4 != 0),
                comment,
            )
        })
        .collect()
}

/// The call references of every record `keep` accepts, in the queue's need order.
fn in_need_order(records: &[SurveyRecord], keep: impl Fn(&SurveyRecord) -> bool) -> Vec<String> {
    let mut kept: Vec<&SurveyRecord> = records.iter().filter(|r| keep(r)).collect();
    // Ids follow the input order, so a later record has the larger id.
    kept.sort_by_key(|r| {
        (
            ReviewNeed::of(&r.answers).rank(),
            std::cmp::Reverse(r.answered_at_ms),
        )
    });
    kept.into_iter().map(|r| r.call_ref.clone()).collect()
}

async fn search(store: &Store, text: &str, site: Option<&str>, offset: u64) -> (Vec<String>, u64) {
    let filter = SurveyFilter {
        text: Some(text.to_owned()),
        site: site.map(str::to_owned),
        ..Default::default()
    };
    let page = store
        .survey_page(&filter, SurveySort::Need, offset, 50)
        .await
        .unwrap();
    let refs = page.rows.into_iter().map(|r| r.record.call_ref).collect();
    (refs, page.total)
}

/// SQLite: the insert trigger that keeps the comment index is in place, FTS5 finds its
/// index sound, and the index holds exactly the surveys with search terms (one `docsize` row
/// per indexed survey). FTS5's own comparison with the content table (`integrity-check` with
/// rank 1) does not apply: surveys without a comment are, by design, not in the index.
async fn sqlite_search_index_is_whole(db: &TestDb) {
    if db.backend != Backend::Sqlite {
        return;
    }
    assert_eq!(
        db.scalar(
            "SELECT COUNT(*) FROM sqlite_master \
             WHERE type = 'trigger' AND name = 'surveys_search_insert'"
        )
        .await,
        1,
        "the insert trigger is back"
    );
    let mut conn = SqliteConnection::connect(&db.url).await.unwrap();
    sqlx::query("INSERT INTO survey_search (survey_search) VALUES ('integrity-check')")
        .execute(&mut conn)
        .await
        .expect("the comment index is sound");
    let with_terms = db
        .scalar("SELECT COUNT(*) FROM surveys WHERE search_terms <> ''")
        .await;
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM survey_search_docsize")
            .await,
        with_terms
    );
    assert_eq!(
        db.scalar(
            "SELECT COUNT(*) FROM survey_search_docsize d \
             JOIN surveys s ON s.id = d.id AND s.search_terms <> ''"
        )
        .await,
        with_terms
    );
}

async fn a_bulk_import_is_searchable_and_so_are_later_live_surveys(db: &TestDb) {
    let store = db.open().await;
    let records = bulk();
    let outcome = store.import_surveys(&records, false, MONDAY).await.unwrap();
    assert_eq!(outcome.stored, BULK as u64);
    sqlite_search_index_is_whole(db).await;

    let chinese = in_need_order(&records, |r| {
        r.answers.comment.as_deref() == Some("退款很快到账了")
    });
    let (first, total) = search(&store, "退款", None, 0).await;
    assert_eq!(total, 500);
    assert_eq!(first, chinese[..50]);
    let (english, total) = search(&store, "hold", Some("east"), 0).await;
    let expected = in_need_order(&records, |r| {
        r.facts.site == "east"
            && r.answers.comment.as_deref() == Some("Waited far too long on hold")
    });
    assert_eq!(u64::try_from(expected.len()).unwrap(), total);
    assert_eq!(english, expected[..50]);
    assert_eq!(search(&store, "parcel", None, 0).await.0, ["bulk-1499"]);

    // Live surveys after the import are indexed by the trigger again.
    a_live_survey_is_searchable(&store, "说好回电也没人打过来", "回电").await;
    sqlite_search_index_is_whole(db).await;
}

async fn a_failed_bulk_import_leaves_neither_rows_nor_index_entries(db: &TestDb) {
    let store = db.open().await;
    let mut records = bulk();
    // The same call twice in one file: not stored yet, so the duplicate check passes, and
    // the second INSERT batch fails on the unique call reference.
    let first = records[100].call_ref.clone();
    records[1_200].call_ref = first;
    assert!(store.import_surveys(&records, false, MONDAY).await.is_err());
    let everything = store
        .survey_page(&SurveyFilter::default(), SurveySort::Need, 0, 1)
        .await
        .unwrap();
    assert_eq!(everything.total, 0, "no rows");
    assert_eq!(search(&store, "退款", None, 0).await, (vec![], 0));
    if db.backend == Backend::Sqlite {
        // The comment index's own record of what it holds (one row per indexed survey).
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM survey_search_docsize")
                .await,
            0
        );
    }
    sqlite_search_index_is_whole(db).await;

    // The trigger is back: a live survey is searchable, and a corrected import goes in.
    a_live_survey_is_searchable(&store, "等待时间太长了", "等待").await;
    "bulk-again".clone_into(&mut records[1_200].call_ref);
    let outcome = store.import_surveys(&records, false, MONDAY).await.unwrap();
    assert_eq!(outcome.stored, BULK as u64);
    assert_eq!(search(&store, "退款", None, 0).await.1, 500);
    sqlite_search_index_is_whole(db).await;
}

async fn a_common_word_pages_in_the_same_order_as_a_rare_one(db: &TestDb) {
    // A third of the surveys match "hold": read through the order's index on SQLite. Every
    // page, to the last, must agree with the order the queue defines.
    let store = db.open().await;
    let records = bulk();
    store.import_surveys(&records, false, MONDAY).await.unwrap();
    let expected = in_need_order(&records, |r| {
        r.answers.comment.as_deref() == Some("Waited far too long on hold")
    });
    let mut seen = Vec::new();
    for offset in (0..expected.len() + 50).step_by(50) {
        let (page, total) = search(&store, "hold", None, u64::try_from(offset).unwrap()).await;
        assert_eq!(total, u64::try_from(expected.len()).unwrap());
        seen.extend(page);
    }
    assert_eq!(seen, expected);
}

#[test]
fn an_import_can_run_on_a_spawned_task() {
    fn spawnable<F: Future + Send + 'static>(_: F) {}
    spawnable(async {
        let store = Store::open("sqlite::memory:").await.unwrap();
        store.import_surveys(&bulk(), false, MONDAY).await.unwrap();
    });
}

/// Stores a live survey with `comment` and finds it (alone) by `term`: the comment index's
/// trigger is in place.
async fn a_live_survey_is_searchable(store: &Store, comment: &str, term: &str) {
    let live = survey(
        "live-1",
        MONDAY,
        "north",
        "agent-1",
        2,
        Some(3),
        None,
        Some(comment),
    );
    store
        .insert_survey(&live, MONDAY)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(search(store, term, None, 0).await.0, ["live-1"]);
}
