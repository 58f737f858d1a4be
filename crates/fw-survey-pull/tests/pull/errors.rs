//! Failures that are not retried, and what their messages may and may not say.

use fw_survey_pull::{BearerToken, PullError, SurveyPull};

use crate::server::{PATH, Reply, TestServer, hang_up_server, items};
use crate::{TOKEN, client, settings};

#[tokio::test]
async fn unauthorized_stops_at_once_without_the_token_in_the_error() {
    for status in [401, 403] {
        let server = TestServer::start(vec![
            Reply::status(status, format!("token {TOKEN} refused")),
            Reply::page(&items(1, 1), None),
        ])
        .await;
        let err = client(settings(server.url())).pull(None).await.unwrap_err();

        assert!(
            matches!(err, PullError::Unauthorized { status: s } if s == status),
            "{err:?}"
        );
        assert_eq!(server.requests().len(), 1);
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("token"), "{shown}");
        assert!(!shown.contains(TOKEN), "the token leaked: {shown}");
    }
}

#[tokio::test]
async fn the_client_and_token_do_not_show_the_token() {
    let token = BearerToken::new(TOKEN.to_owned()).unwrap();
    assert_eq!(format!("{token:?}"), "BearerToken(***)");
    let pull = SurveyPull::new(settings("http://127.0.0.1:9/s".to_owned()), token).unwrap();
    let shown = format!("{pull:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test]
async fn not_found_names_the_url() {
    let server = TestServer::start(vec![Reply::status(404, "no such thing")]).await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    let PullError::NotFound(url) = &err else {
        panic!("expected NotFound, got {err:?}");
    };
    assert!(url.ends_with(&format!("{PATH}?limit=2")), "{url}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn other_4xx_give_a_short_clean_excerpt_and_no_retry() {
    let body = format!(
        "bad request\r\n\tfor {TOKEN}\u{1b}[2J {}",
        "x".repeat(1_000)
    );
    let server = TestServer::start(vec![Reply::status(400, body)]).await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    let PullError::Http {
        status: 400,
        body_excerpt,
    } = &err
    else {
        panic!("expected Http 400, got {err:?}");
    };
    assert!(
        body_excerpt.starts_with("bad request for ***[2J xxx"),
        "{body_excerpt}"
    );
    assert!(body_excerpt.chars().count() <= 200);
    assert!(!body_excerpt.chars().any(char::is_control));
    assert!(!err.to_string().contains(TOKEN));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn malformed_json_on_a_later_page_keeps_the_earlier_ones() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("c2")),
        Reply::json("{\"data\": [{\"survey_id\": 3}"),
    ])
    .await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    let PullError::Interrupted { partial, cause } = err else {
        panic!("expected Interrupted, got {err:?}");
    };
    let PullError::Malformed { page: 2, reason } = *cause else {
        panic!("expected Malformed on page 2, got {cause:?}");
    };
    assert!(reason.contains("not JSON"), "{reason}");
    assert_eq!(partial.items, items(1, 2));
    assert_eq!(partial.next_cursor.as_deref(), Some("c2"));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_non_object_item_is_malformed() {
    let server = TestServer::start(vec![Reply::json(r#"{"data": [{"survey_id": 1}, 42]}"#)]).await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    assert!(
        matches!(err, PullError::Malformed { page: 1, ref reason } if reason.contains("item 1")),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn https_builds_on_ring_and_a_cut_handshake_is_a_retried_transport_error() {
    let (addr, task) = hang_up_server().await;
    let mut tls = settings(format!("https://{addr}{PATH}"));
    tls.max_attempts = 2;
    let err = client(tls).pull(None).await.unwrap_err();
    task.abort();

    assert!(
        matches!(
            err,
            PullError::AttemptsExhausted { attempts: 2, ref last, .. }
                if matches!(**last, PullError::Transport(_))
        ),
        "{err:?}"
    );
}
