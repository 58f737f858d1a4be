//! Settings per user and team-wide.

use fw_store::{SettingRecord, StoreError, TEAM_OWNER};

use crate::support::{TestDb, on_both_backends};

on_both_backends!(
    settings_are_kept_per_owner_and_replaced,
    bad_settings_are_refused
);

fn setting(owner: &str, key: &str, value: &str, at: i64) -> SettingRecord {
    SettingRecord {
        owner: owner.to_owned(),
        key: key.to_owned(),
        value: value.to_owned(),
        updated_at_ms: at,
        updated_by: owner.to_owned(),
    }
}

async fn settings_are_kept_per_owner_and_replaced(db: &TestDb) {
    let store = db.open().await;
    assert_eq!(
        store
            .setting("li.wei", "monitoring.endpoint")
            .await
            .unwrap(),
        None
    );
    store
        .put_setting(&setting("li.wei", "monitoring.endpoint", "PJSIP/9001", 1))
        .await
        .unwrap();
    store
        .put_setting(&setting("王芳", "monitoring.endpoint", "PJSIP/9002", 2))
        .await
        .unwrap();
    store
        .put_setting(&setting("li.wei", "ui.theme", "dark", 3))
        .await
        .unwrap();
    store
        .put_setting(&setting(
            TEAM_OWNER,
            "alerts.rules",
            r#"{"sl_below":0.8}"#,
            4,
        ))
        .await
        .unwrap();

    // Replaced, not doubled; who and when follow the newest write.
    let changed = SettingRecord {
        updated_by: "admin".into(),
        ..setting("li.wei", "monitoring.endpoint", "PJSIP/9101", 5)
    };
    store.put_setting(&changed).await.unwrap();
    assert_eq!(
        store
            .setting("li.wei", "monitoring.endpoint")
            .await
            .unwrap(),
        Some(changed.clone())
    );

    let keys: Vec<String> = store
        .settings_of("li.wei")
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(keys, ["monitoring.endpoint", "ui.theme"]);
    let phones: Vec<(String, String)> = store
        .settings_named("monitoring.endpoint")
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.owner, s.value))
        .collect();
    assert_eq!(
        phones,
        [
            ("li.wei".to_owned(), "PJSIP/9101".to_owned()),
            ("王芳".to_owned(), "PJSIP/9002".to_owned())
        ]
    );
    assert_eq!(store.settings_of(TEAM_OWNER).await.unwrap().len(), 1);

    assert!(store.remove_setting("li.wei", "ui.theme").await.unwrap());
    assert!(!store.remove_setting("li.wei", "ui.theme").await.unwrap());
    assert_eq!(store.settings_of("li.wei").await.unwrap().len(), 1);
}

async fn bad_settings_are_refused(db: &TestDb) {
    let store = db.open().await;
    let nameless = store
        .put_setting(&setting("li.wei", " ", "x", 1))
        .await
        .unwrap_err();
    assert!(
        matches!(nameless, StoreError::InvalidInput(_)),
        "{nameless}"
    );
    let huge = "x".repeat(fw_store::MAX_SETTING_BYTES + 1);
    let error = store
        .put_setting(&setting("li.wei", "ui.notes", &huge, 1))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("ui.notes"), "{error}");
    assert!(store.settings_of("li.wei").await.unwrap().is_empty());
}
