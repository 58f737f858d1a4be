//! Post-call surveys through the hub: live surveys stored with their calls' facts, the
//! review desk's role checks and audit trail, imports refused whole with their bad rows
//! named, exports, and blind multi-rater scoring with agreement.

use std::time::Duration;

use fw_app::{ImportRequest, ReviewAction, SurveyError};
use fw_domain::Timestamp;
use fw_store::Store;
use fw_survey::import::{ColumnMapping, ImportFormat, SourceEncoding};
use fw_survey::scoring::ScoreVisibility;
use fw_survey::{ReviewStatus, SurveyFilter, SurveySort};

use crate::monitoring::hub_with_team;

const TEAM: &str = r#"
    [[user]]
    name = "qa1"
    role = "quality_manager"
    [[user]]
    name = "qa2"
    role = "quality_manager"
    [[user]]
    name = "qa3"
    role = "quality_manager"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    [[user]]
    name = "admin"
    role = "admin"
    [[user]]
    name = "wall"
    role = "wallboard"
"#;

const AT: Timestamp = Timestamp(1_762_070_400_000);

/// The imported surveys only: the simulator's live ones (stored meanwhile) are all from the
/// weeks after.
fn imported() -> SurveyFilter {
    SurveyFilter {
        to_ms: Some(1_794_000_000_000),
        ..SurveyFilter::default()
    }
}

async fn store() -> Store {
    Store::open("sqlite::memory:").await.unwrap()
}

async fn audit_of(store: &Store, prefix: &str) -> Vec<(String, String, String)> {
    let mut page = store.audit_page(None, 500).await.unwrap();
    page.reverse();
    page.into_iter()
        .filter(|r| r.entry.action.starts_with(prefix))
        .map(|r| {
            (
                r.entry.action,
                r.entry.user,
                r.entry.outcome.as_str().to_owned(),
            )
        })
        .collect()
}

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("call_id,时间,满意度,nps,fcr,comment,site,queue,agent\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

fn import(bytes: Vec<u8>, skip_duplicates: bool) -> ImportRequest {
    let headers = [
        "call_id",
        "时间",
        "满意度",
        "nps",
        "fcr",
        "comment",
        "site",
        "queue",
        "agent",
    ];
    ImportRequest {
        file_name: "export.csv".to_owned(),
        bytes,
        format: ImportFormat::Csv,
        encoding: SourceEncoding::Utf8,
        mapping: ColumnMapping::guess(&headers),
        skip_duplicates,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_surveys_are_stored_once_with_their_calls_facts() {
    let store = store().await;
    let hub = hub_with_team(store.clone(), TEAM);
    let desk = hub.surveys().unwrap();
    // The simulator's warm-up half hour completes calls, and 30 % of callers answer.
    let mut page = None;
    for _ in 0..600 {
        let current = desk
            .page("qa1", &SurveyFilter::default(), SurveySort::Newest, 0, 500)
            .await
            .unwrap();
        if current.total >= 20 {
            page = Some(current);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let page = page.expect("live surveys reach the store");
    for row in &page.rows {
        assert_eq!(row.record.origin, "live");
        assert!(
            row.record.call_ref.starts_with("sim-9-"),
            "{}",
            row.record.call_ref
        );
        assert!(!row.record.facts.queue.is_empty() && !row.record.facts.site.is_empty());
        assert!(
            !row.record.facts.agent.is_empty(),
            "answered calls name their agent"
        );
        assert!(row.record.facts.talk_secs.is_some());
    }
    let mut refs: Vec<&str> = page
        .rows
        .iter()
        .map(|r| r.record.call_ref.as_str())
        .collect();
    refs.sort_unstable();
    refs.dedup();
    assert_eq!(refs.len(), page.rows.len(), "each call once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one user story, step by step, each step checked
async fn imports_are_refused_whole_duplicates_reported_and_every_action_audited() {
    let store = store().await;
    let hub = hub_with_team(store.clone(), TEAM);
    let desk = hub.surveys().unwrap();

    // A floor supervisor reviews but does not import; a wall display does neither.
    let denied = desk
        .import("li", import(csv(&[]), false), AT)
        .await
        .unwrap_err();
    assert!(
        matches!(denied, SurveyError::NotPermitted { .. }),
        "{denied}"
    );
    let denied = desk
        .page("wall", &imported(), SurveySort::Need, 0, 10)
        .await
        .unwrap_err();
    assert_eq!(denied.code(), "survey.not_permitted");

    let bad = csv(&[
        "c-1,2026-11-02 09:00,5,10,yes,很好,north,north.billing,王芳",
        "c-2,2026-11-02 09:05,7,3,no,太慢了,east,east.billing,Li Wei",
        "c-3,2026-11-02 09:10,2,1,否,等待时间太长了,east,east.billing,Li Wei",
    ]);
    let report = desk.import("qa1", import(bad, false), AT).await.unwrap();
    assert!(!report.accepted());
    assert_eq!(report.total_problems, 1);
    assert_eq!(report.problems[0].line, 3, "the header is line 1");
    assert!(
        report.problems[0].reason.contains("CSAT"),
        "{}",
        report.problems[0].reason
    );
    let empty = desk
        .page("qa1", &imported(), SurveySort::Need, 0, 10)
        .await
        .unwrap();
    assert_eq!(empty.total, 0, "nothing written");

    let good = csv(&[
        "c-1,2026-11-02 09:00,5,10,yes,很好,north,north.billing,王芳",
        "c-2,2026-11-02 09:05,3,3,no,太慢了,east,east.billing,Li Wei",
    ]);
    let report = desk
        .import("qa1", import(good.clone(), false), AT)
        .await
        .unwrap();
    assert_eq!((report.rows, report.stored), (2, 2));
    // The same file again: both calls are named as stored, nothing is doubled.
    let again = desk.import("qa1", import(good, false), AT).await.unwrap();
    assert_eq!((again.stored, again.total_duplicates), (0, 2));
    assert_eq!(again.duplicates[0].line, 2);

    let queue = desk
        .page("li", &imported(), SurveySort::Need, 0, 10)
        .await
        .unwrap();
    assert_eq!(queue.rows[0].record.call_ref, "c-2", "the detractor first");
    let id = queue.rows[0].id;
    desk.review("li", &[id], &ReviewAction::AddTag("long_wait".into()), AT)
        .await
        .unwrap();
    desk.review(
        "li",
        &[id],
        &ReviewAction::FollowUp {
            owner: Some("qa2".into()),
            due_ms: Some(AT.0 + 86_400_000),
        },
        AT,
    )
    .await
    .unwrap();
    let refused = desk
        .review(
            "li",
            &[id],
            &ReviewAction::FollowUp {
                owner: Some("wall".into()),
                due_ms: None,
            },
            AT,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "survey.invalid");
    desk.add_note("li", id, "called back, refund offered", AT)
        .await
        .unwrap();
    desk.review(
        "li",
        &[id],
        &ReviewAction::SetStatus(ReviewStatus::FollowUp),
        AT,
    )
    .await
    .unwrap();
    let detail = desk.detail("li", id).await.unwrap();
    assert_eq!(detail.survey.tags, ["long_wait"]);
    assert_eq!(detail.survey.follow_up_owner.as_deref(), Some("qa2"));
    assert_eq!(detail.notes.len(), 1);

    // Exporting needs its own permission; the quality manager's export is audited.
    assert!(
        desk.export_csv("li", &imported(), SurveySort::Need, &mut Vec::new(), AT)
            .await
            .is_err()
    );
    let mut out = Vec::new();
    let rows = desk
        .export_csv("qa1", &imported(), SurveySort::Need, &mut out, AT)
        .await
        .unwrap();
    assert_eq!(rows, 2);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("long_wait") && text.contains("太慢了"));

    let trail = audit_of(&store, "survey.").await;
    let expected = [
        ("survey.import", "li", "denied"),
        ("survey.import", "qa1", "failed"),
        ("survey.import", "qa1", "allowed"),
        ("survey.import", "qa1", "allowed"),
        ("survey.tag", "li", "allowed"),
        ("survey.follow_up", "li", "allowed"),
        ("survey.note", "li", "allowed"),
        ("survey.status", "li", "allowed"),
        ("survey.export", "li", "denied"),
        ("survey.export", "qa1", "allowed"),
    ];
    let got: Vec<(&str, &str, &str)> = trail
        .iter()
        .map(|(a, u, o)| (a.as_str(), u.as_str(), o.as_str()))
        .collect();
    assert_eq!(got, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one user story, step by step, each step checked
async fn scoring_is_blind_until_every_rater_has_scored_then_agreement_is_measured() {
    let store = store().await;
    let hub = hub_with_team(store.clone(), TEAM);
    let desk = hub.surveys().unwrap();
    let file = csv(&[
        "c-1,2026-11-02 09:00,5,10,yes,很好,north,north.billing,王芳",
        "c-2,2026-11-02 09:05,3,3,no,太慢了,east,east.billing,Li Wei",
    ]);
    desk.import("qa1", import(file, false), AT).await.unwrap();
    let surveys = desk
        .page("qa1", &imported(), SurveySort::Need, 0, 10)
        .await
        .unwrap();
    let form = desk.forms("qa1").await.unwrap().remove(0);
    let raters: Vec<String> = ["qa1", "qa2", "qa3"].map(String::from).to_vec();
    assert_eq!(
        desk.open_round("qa1", surveys.rows[0].id, form.id, &raters[..2], AT)
            .await
            .unwrap_err()
            .code(),
        "survey.invalid",
        "three raters at least"
    );
    let with_li = vec!["qa1".to_owned(), "qa2".to_owned(), "li".to_owned()];
    assert!(
        desk.open_round("qa1", surveys.rows[0].id, form.id, &with_li, AT)
            .await
            .is_err(),
        "li may not score"
    );
    let mut rounds = Vec::new();
    for row in &surveys.rows {
        rounds.push(
            desk.open_round("qa1", row.id, form.id, &raters, AT)
                .await
                .unwrap(),
        );
    }

    let sheet = |score: u8| -> Vec<(String, u8)> {
        form.items
            .iter()
            .map(|item| (item.key.clone(), score.clamp(item.min, item.max)))
            .collect()
    };
    desk.submit_sheet("qa1", rounds[0], sheet(4), None, AT)
        .await
        .unwrap();
    let mine = desk.round("qa1", rounds[0]).await.unwrap();
    assert_eq!(mine.visibility, ScoreVisibility::OwnOnly);
    assert_eq!(mine.sheets.len(), 1);
    let other = desk.round("qa2", rounds[0]).await.unwrap();
    assert!(
        other.sheets.is_empty(),
        "qa2 cannot see qa1's scores before scoring"
    );
    let manager = desk.round("admin", rounds[0]).await.unwrap();
    assert_eq!(manager.visibility, ScoreVisibility::ProgressOnly);
    assert!(manager.sheets.is_empty() && manager.scored_by == ["qa1"]);
    assert!(
        desk.submit_sheet("qa1", rounds[0], sheet(1), None, AT)
            .await
            .is_err(),
        "the first sheet stands"
    );
    assert!(
        desk.submit_sheet("li", rounds[0], sheet(1), None, AT)
            .await
            .is_err()
    );

    desk.submit_sheet("qa2", rounds[0], sheet(4), None, AT)
        .await
        .unwrap();
    assert!(desk.round("qa2", rounds[0]).await.unwrap().sheets.len() == 1);
    desk.submit_sheet("qa3", rounds[0], sheet(5), Some("good empathy".into()), AT)
        .await
        .unwrap();
    let done = desk.round("qa2", rounds[0]).await.unwrap();
    assert!(done.complete);
    assert_eq!(done.visibility, ScoreVisibility::All);
    assert_eq!(done.sheets.len(), 3);

    for (rater, score) in [("qa1", 2), ("qa2", 2), ("qa3", 3)] {
        desk.submit_sheet(rater, rounds[1], sheet(score), None, AT)
            .await
            .unwrap();
    }
    let agreement = desk.agreement("qa3", form.id).await.unwrap();
    assert_eq!((agreement.rounds_complete, agreement.rounds_open), (2, 0));
    let first = &agreement.items[0];
    assert_eq!(first.units, 2);
    let alpha = first.alpha.expect("two calls scored by three raters");
    assert!(alpha > 0.0 && alpha <= 1.0, "{alpha}");

    let trail = audit_of(&store, "qa.").await;
    assert!(
        trail
            .iter()
            .filter(|(a, _, o)| a == "qa.score" && o == "allowed")
            .count()
            == 6
    );
    assert!(
        trail.iter().all(|(a, _, _)| a != "qa.score") || {
            let records = store.audit_page(None, 500).await.unwrap();
            records
                .iter()
                .filter(|r| r.entry.action == "qa.score")
                .all(|r| r.entry.detail.starts_with("round "))
        },
        "the trail names the round, never the scores"
    );
}

/// Row `i` of a 10,000-row export; `bad` puts one fault in it.
fn export_row(i: usize, bad: Option<&str>) -> String {
    let (mut call, mut time, mut csat, mut nps, mut fcr) = (
        format!("x-{i}"),
        format!("2026-11-0{} 09:{:02}", 1 + i % 5, i % 60),
        (1 + i % 5).to_string(),
        (i % 11).to_string(),
        if i.is_multiple_of(2) { "yes" } else { "no" }.to_owned(),
    );
    match bad {
        Some("csat") => csat = "0".into(),
        Some("nps") => nps = "12".into(),
        Some("time") => time = "yesterday".into(),
        Some("fcr") => fcr = "maybe".into(),
        Some("duplicate") => call = "x-5".into(),
        _ => {}
    }
    let comment = if i.is_multiple_of(3) {
        "退款很快到账"
    } else {
        ""
    };
    format!(
        "{call},{time},{csat},{nps},{fcr},{comment},north,north.billing,agent-{}",
        i % 40
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_thousand_row_file_with_scattered_bad_rows_is_refused_naming_each() {
    let store = store().await;
    let hub = hub_with_team(store.clone(), TEAM);
    let desk = hub.surveys().unwrap();
    let faults = [
        (137, "csat"),
        (2_048, "nps"),
        (5_555, "time"),
        (7_001, "fcr"),
        (9_998, "duplicate"),
    ];
    let rows: Vec<String> = (0..10_000)
        .map(|i| {
            let bad = faults
                .iter()
                .find(|(at, _)| *at == i)
                .map(|(_, what)| *what);
            export_row(i, bad)
        })
        .collect();
    let bytes = csv(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let report = desk.import("qa1", import(bytes, false), AT).await.unwrap();
    assert!(!report.accepted());
    assert_eq!(report.stored, 0);
    let found: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    // The header is line 1, so row i is on line i + 2.
    assert_eq!(found.len(), 5, "{found:?}");
    assert_eq!(found[0], (139, "CSAT 0 is outside 1–5"));
    assert_eq!(found[1], (2_050, "NPS 12 is outside 0–10"));
    assert_eq!(found[2].0, 5_557);
    assert!(
        found[2]
            .1
            .starts_with("the time \"yesterday\" is not a timestamp")
    );
    assert_eq!(found[3].0, 7_003);
    assert!(found[3].1.starts_with("first-contact resolution \"maybe\""));
    assert_eq!(
        found[4],
        (
            10_000,
            "the call reference \"x-5\" already appeared on line 7"
        )
    );
    assert_eq!(report.total_problems, 5);

    // A GB18030 export read as UTF-8 is refused as a file, naming the line.
    let mut chinese = String::from("call_id,时间,满意度,nps,fcr,comment,site,queue,agent\n");
    chinese.push_str("g-1,2026-11-02 09:00,2,3,否,等了很久,north,north.billing,王芳\n");
    let (gb, _, _) = encoding_rs::GB18030.encode(&chinese);
    let report = desk
        .import("qa1", import(gb.into_owned(), false), AT)
        .await
        .unwrap();
    let error = report.file_error.unwrap_or_default();
    assert!(error.contains("line 1 is not valid UTF-8"), "{error}");

    let nothing = desk
        .page("qa1", &imported(), SurveySort::Need, 0, 10)
        .await
        .unwrap();
    assert_eq!(nothing.total, 0, "no partial write");

    // The corrected file goes in whole, comments searchable.
    let fixed: Vec<String> = (0..10_000).map(|i| export_row(i, None)).collect();
    let bytes = csv(&fixed.iter().map(String::as_str).collect::<Vec<_>>());
    let report = desk.import("qa1", import(bytes, false), AT).await.unwrap();
    assert_eq!((report.rows, report.stored), (10_000, 10_000));
    let found = desk
        .page(
            "qa1",
            &SurveyFilter {
                text: Some("退款".into()),
                ..imported()
            },
            SurveySort::Newest,
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(found.total, 3_334, "every third row has the comment");
}
