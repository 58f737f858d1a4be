//! Opening: URLs, migrations run once, credentials never shown.

use fw_store::{AuditVerification, Backend, Store, StoreError};

use crate::support::{TestDb, entry, fill, on_both_backends};

on_both_backends!(
    migrations_are_idempotent,
    concurrent_first_opens_all_succeed,
    an_empty_chain_is_intact
);

async fn migrations_are_idempotent(db: &TestDb) {
    let first = db.open().await;
    fill(&first, 3).await;
    first.close().await;
    // Opening again finds every migration applied (and unchanged) and keeps the data.
    let second = db.open().await;
    let third = db.open().await;
    assert_eq!(
        second.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 3 }
    );
    third.append_audit(&entry(4)).await.unwrap();
    assert_eq!(
        second.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 4 }
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await, 7);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM audit_head").await, 1);
}

async fn concurrent_first_opens_all_succeed(db: &TestDb) {
    // Consoles starting together against a fresh store: one migrates, the others wait and
    // find the schema in place.
    let opens: Vec<_> = (0..4)
        .map(|_| {
            let url = db.url.clone();
            tokio::spawn(async move { Store::open(&url).await })
        })
        .collect();
    for open in opens {
        let store = open.await.unwrap().expect("every concurrent open succeeds");
        store.append_audit(&entry(1)).await.unwrap();
    }
    assert_eq!(db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await, 7);
    assert_eq!(
        db.open().await.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 4 }
    );
}

async fn an_empty_chain_is_intact(db: &TestDb) {
    let store = db.open().await;
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 0 }
    );
    assert!(store.audit_page(None, 10).await.unwrap().is_empty());
    assert!(store.users().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_in_memory_store_works_across_calls() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    fill(&store, 5).await;
    assert_eq!(store.audit_page(None, 100).await.unwrap().len(), 5);
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 5 }
    );
}

#[tokio::test]
async fn unknown_schemes_are_refused_without_showing_the_password() {
    let err = Store::open("mysql://fw:hunter2@127.0.0.1/fw")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidUrl { .. }), "{err:?}");
    assert_eq!(err.code(), "store.invalid_url");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert!(err.to_string().contains("fw:***@127.0.0.1"), "{err}");

    let err = Store::open("postgres://fw:hunter2@127.0.0.1:notaport/fw")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "store.invalid_url", "{err:?}");
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
}

#[tokio::test]
async fn a_failed_connection_does_not_show_the_password() {
    // Port 1 on loopback: refused at once.
    let err = Store::open("postgres://fw:hunter2@127.0.0.1:1/fw")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "store.connect", "{err:?}");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
}

#[tokio::test]
async fn a_missing_sqlite_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}",
        dir.path().join("no/such/folder/x.db").display()
    );
    let err = Store::open(&url).await.unwrap_err();
    assert_eq!(err.code(), "store.connect", "{err:?}");
}

#[tokio::test]
async fn debug_output_hides_the_password() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    // The test server trusts loopback, so any password is accepted and must never be shown.
    let url = db
        .url
        .replacen("postgres://postgres@", "postgres://postgres:hunter2@", 1);
    let store = Store::open(&url).await.unwrap();
    let shown = format!("{store:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("postgres:***@"), "{shown}");
    assert!(!store.location().contains("hunter2"));
    store.close().await;
    db.finish().await;
}
