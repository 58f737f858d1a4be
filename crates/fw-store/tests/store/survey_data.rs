//! The surveys the store's survey scenarios start from: six calls over two days, three
//! sites, every kind of answer.

use fw_store::{Store, SurveyPage};
use fw_survey::{CallFacts, SurveyAnswers, SurveyRecord};

use crate::support::TestDb;

pub const DAY_MS: i64 = 86_400_000;
/// 2026-11-02 00:00 in China (UTC+8), in ms.
pub const MONDAY: i64 = 1_762_012_800_000;

#[allow(clippy::too_many_arguments)]
pub fn survey(
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

pub fn sample() -> Vec<SurveyRecord> {
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

/// A fresh store holding [`sample`].
pub async fn store_with_sample(db: &TestDb) -> Store {
    let store = db.open().await;
    store
        .import_surveys(&sample(), false, MONDAY)
        .await
        .unwrap();
    store
}

/// The call references of a page, in its order.
pub fn refs(page: &SurveyPage) -> Vec<String> {
    page.rows
        .iter()
        .map(|r| r.record.call_ref.clone())
        .collect()
}
