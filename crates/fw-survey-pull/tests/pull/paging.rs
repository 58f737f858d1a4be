//! Paging: items in order, the token and cursors on the wire, the ways a pull ends.

use fw_survey_pull::PullError;
use serde_json::json;

use crate::server::{PATH, Reply, TestServer, items};
use crate::{TOKEN, client, settings};

#[tokio::test]
async fn three_pages_arrive_in_order_with_the_token_and_encoded_cursors() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("p2/+=")),
        Reply::page(&items(3, 2), Some("p3 &x")),
        Reply::page(&items(5, 1), None),
    ])
    .await;
    let batch = client(settings(server.url())).pull(None).await.unwrap();

    assert_eq!(batch.items, items(1, 5));
    assert_eq!(batch.pages, 3);
    assert_eq!(batch.retries, 0);
    // The last page had no cursor: the next pull re-asks for it with its own cursor.
    assert_eq!(batch.next_cursor.as_deref(), Some("p3 &x"));

    let requests = server.requests();
    let targets: Vec<_> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            format!("{PATH}?limit=2"),
            format!("{PATH}?limit=2&cursor=p2%2F%2B%3D"),
            format!("{PATH}?limit=2&cursor=p3+%26x"),
        ]
    );
    for request in &requests {
        assert_eq!(request.method, "GET");
        let expected = format!("Bearer {TOKEN}");
        assert_eq!(request.header("authorization"), Some(expected.as_str()));
        assert_eq!(request.header("accept"), Some("application/json"));
    }
}

#[tokio::test]
async fn other_key_names_and_an_empty_page_end_the_pull() {
    let server = TestServer::start(vec![
        Reply::json(json!({"items": items(1, 2), "nextCursor": "c2"}).to_string()),
        Reply::json(json!({"surveys": [], "next": "c3"}).to_string()),
    ])
    .await;
    let batch = client(settings(server.url())).pull(None).await.unwrap();

    assert_eq!(batch.items, items(1, 2));
    assert_eq!(batch.pages, 2);
    // The empty page's cursor is where the service wants the next pull to start.
    assert_eq!(batch.next_cursor.as_deref(), Some("c3"));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn resumes_from_a_stored_cursor() {
    let server = TestServer::start(vec![Reply::page(&items(7, 1), None)]).await;
    let batch = client(settings(server.url()))
        .pull(Some("c 9"))
        .await
        .unwrap();

    assert_eq!(batch.items, items(7, 1));
    assert_eq!(batch.next_cursor.as_deref(), Some("c 9"));
    assert_eq!(
        server.requests()[0].target,
        format!("{PATH}?limit=2&cursor=c+9")
    );
}

#[tokio::test]
async fn a_repeated_cursor_stops_instead_of_looping() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("a")),
        Reply::page(&items(3, 2), Some("b")),
        Reply::page(&items(1, 2), Some("a")),
        Reply::page(&items(3, 2), Some("b")),
    ])
    .await;
    let err = client(settings(server.url())).pull(None).await.unwrap_err();

    let PullError::Interrupted { partial, cause } = err else {
        panic!("expected Interrupted, got {err:?}");
    };
    assert!(
        matches!(*cause, PullError::RepeatedCursor { page: 3, ref cursor } if cursor == "a"),
        "{cause:?}"
    );
    assert_eq!(partial.items, items(1, 4));
    assert_eq!(partial.pages, 2);
    assert_eq!(partial.next_cursor.as_deref(), Some("b"));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn max_pages_caps_a_pull_and_keeps_what_arrived() {
    let server = TestServer::start(vec![
        Reply::page(&items(1, 2), Some("c1")),
        Reply::page(&items(3, 2), Some("c2")),
        Reply::page(&items(5, 2), Some("c3")),
    ])
    .await;
    let mut capped = settings(server.url());
    capped.max_pages = 2;
    let err = client(capped).pull(None).await.unwrap_err();

    assert_eq!(err.root_cause().code(), "page_limit", "{err}");
    let partial = err.into_partial().unwrap();
    assert_eq!(partial.items, items(1, 4));
    assert_eq!(partial.next_cursor.as_deref(), Some("c2"));
    assert_eq!(server.requests().len(), 2);
}
