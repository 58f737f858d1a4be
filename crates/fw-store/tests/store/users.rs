//! Users and roles in a shared store.

use fw_store::{StoreError, UserRecord};

use crate::support::{TestDb, on_both_backends};

on_both_backends!(
    users_upsert_list_and_remove,
    importing_users_upserts_them_all
);

fn user(name: &str, role: &str) -> UserRecord {
    UserRecord {
        name: name.to_owned(),
        display_name: format!("{name} (display)"),
        role: role.to_owned(),
        endpoint: Some(format!("PJSIP/{}", 9000 + name.len())),
        protected: false,
    }
}

async fn users_upsert_list_and_remove(db: &TestDb) {
    let store = db.open().await;
    let zhang = UserRecord {
        display_name: "张敏".into(),
        endpoint: None,
        protected: true,
        ..user("zhang.min", "admin")
    };
    for u in [&zhang, &user("amy", "supervisor"), &user("Bob", "qa")] {
        store.upsert_user(u).await.unwrap();
    }
    // Byte order on both backends, whatever the server's collation.
    let names: Vec<String> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, ["Bob", "amy", "zhang.min"]);
    assert_eq!(store.user("zhang.min").await.unwrap(), Some(zhang));

    let promoted = UserRecord {
        endpoint: None,
        ..user("amy", "admin")
    };
    store.upsert_user(&promoted).await.unwrap();
    assert_eq!(store.user("amy").await.unwrap(), Some(promoted));
    assert_eq!(store.users().await.unwrap().len(), 3);

    assert!(store.remove_user("amy").await.unwrap());
    assert!(!store.remove_user("amy").await.unwrap());
    assert_eq!(store.user("amy").await.unwrap(), None);
    assert_eq!(store.user("nobody").await.unwrap(), None);

    let err = store.upsert_user(&user(" ", "qa")).await.unwrap_err();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{err:?}");
}

async fn importing_users_upserts_them_all(db: &TestDb) {
    let store = db.open().await;
    store.upsert_user(&user("keep.me", "qa")).await.unwrap();
    let file = vec![
        user("a.li", "supervisor"),
        user("b.chen", "qa"),
        user("keep.me", "admin"),
    ];
    store.import_users(&file).await.unwrap();
    let mut expected = file.clone();
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(store.users().await.unwrap(), expected);

    // One bad entry and nothing is written.
    let bad = vec![user("c.new", "qa"), user("", "qa")];
    assert!(store.import_users(&bad).await.is_err());
    assert_eq!(store.user("c.new").await.unwrap(), None);

    // Importing again is a no-op; users absent from the file stay.
    store.import_users(&file[..1]).await.unwrap();
    assert_eq!(store.users().await.unwrap(), expected);
    store.import_users(&[]).await.unwrap();
}
