//! Retries: 5xx, stalls, 429 with Retry-After, refused connections, and what is kept
//! when the attempts run out.

use std::time::Duration;

use fw_survey_pull::PullError;

use crate::server::{Reply, TestServer, items};
use crate::{client, settings};

#[tokio::test]
async fn a_500_on_page_two_is_retried_and_counted() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("c2")),
        Reply::status(500, "oops"),
        Reply::page(&items(3, 1), None),
    ])
    .await;
    let batch = client(settings(server.url())).pull(None).await.unwrap();

    assert_eq!(batch.items, items(1, 3));
    assert_eq!(batch.pages, 2);
    assert_eq!(batch.retries, 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[1].target, requests[2].target);
}

#[tokio::test]
async fn a_page_that_stalls_past_the_timeout_is_retried() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), None).stalled(Duration::from_secs(3)),
        Reply::page(&items(1, 2), None),
    ])
    .await;
    let mut quick = settings(server.url());
    quick.request_timeout = Duration::from_millis(500);
    let batch = client(quick).pull(None).await.unwrap();

    assert_eq!(batch.items, items(1, 2));
    assert_eq!(batch.retries, 1);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn persistent_503_exhausts_the_attempts_and_keeps_the_first_page() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("c2")),
        Reply::status(503, "down for maintenance"),
        Reply::status(503, "down for maintenance"),
        Reply::status(503, "down for maintenance"),
    ])
    .await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    let text = err.to_string();
    assert!(text.contains("after 3 attempts"), "{text}");
    assert!(text.contains("HTTP 503: down for maintenance"), "{text}");
    let PullError::Interrupted { partial, cause } = err else {
        panic!("expected Interrupted, got {err:?}");
    };
    assert!(
        matches!(
            *cause,
            PullError::AttemptsExhausted { page: 2, attempts: 3, ref last }
                if matches!(**last, PullError::Http { status: 503, .. })
        ),
        "{cause:?}"
    );
    assert_eq!(partial.items, items(1, 2));
    assert_eq!(partial.pages, 1);
    assert_eq!(partial.retries, 2);
    assert_eq!(partial.next_cursor.as_deref(), Some("c2"));
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_429_with_retry_after_is_honoured_and_retried() {
    let server = TestServer::start(vec![
        Reply::status(429, "slow down").header("Retry-After", "1"),
        Reply::page(&items(1, 1), None),
    ])
    .await;
    let mut patient = settings(server.url());
    // Room for the server's one second; the ordinary backoff stays at milliseconds.
    patient.max_backoff = Duration::from_secs(2);
    let batch = client(patient).pull(None).await.unwrap();

    assert_eq!(batch.items, items(1, 1));
    assert_eq!(batch.retries, 1);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    // A port that was just free: nothing listens on it.
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let err = client(settings(format!("http://{addr}/api/v1/surveys")))
        .pull(None)
        .await
        .unwrap_err();

    // Nothing arrived, so the cause comes back bare.
    assert!(err.partial().is_none());
    assert!(
        matches!(
            err,
            PullError::AttemptsExhausted { page: 1, attempts: 3, ref last }
                if matches!(**last, PullError::Transport(_))
        ),
        "{err:?}"
    );
}
