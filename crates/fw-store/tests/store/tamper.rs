//! Tampering: the triggers refuse it, and when someone drops them first, verification names
//! the exact record.

use fw_store::{AuditVerification, Backend, chain_hash};

use crate::support::{TestDb, fill, on_both_backends};

on_both_backends!(
    updates_and_deletes_are_rejected_by_triggers,
    an_edited_field_is_pinpointed,
    an_edited_hash_is_pinpointed,
    a_rewritten_record_breaks_the_next_link,
    a_deleted_middle_record_is_pinpointed,
    reordered_records_are_pinpointed,
    a_cut_tail_is_pinpointed,
);

/// The id and reason of a tampered verdict.
fn tampered(v: AuditVerification) -> (i64, String) {
    match v {
        AuditVerification::Tampered { id, reason } => (id, reason),
        AuditVerification::Intact { records } => {
            panic!("tampering went unnoticed ({records} records intact)")
        }
    }
}

async fn updates_and_deletes_are_rejected_by_triggers(db: &TestDb) {
    let store = db.open().await;
    let records = fill(&store, 3).await;
    let forged_prev = &records[2].hash;
    let mut refused = vec![
        "UPDATE audit_log SET user_name = 'mallory' WHERE id = 2".to_owned(),
        "UPDATE audit_log SET hash = hash".to_owned(),
        "DELETE FROM audit_log WHERE id = 2".to_owned(),
        "DELETE FROM audit_log".to_owned(),
        // The head only ever moves forward onto the newest record.
        "DELETE FROM audit_head".to_owned(),
        "UPDATE audit_head SET last_id = 2".to_owned(),
        format!("UPDATE audit_head SET last_hash = '{}'", records[1].hash),
        // A record slipped in must still extend the head: wrong id, wrong link, or a replace.
        format!(
            "INSERT INTO audit_log (id, at_ms, user_name, role, action, outcome, detail, prev_hash, hash) \
             VALUES (9, 0, 'm', 'r', 'a', 'allowed', '', '{forged_prev}', 'x')"
        ),
        "INSERT INTO audit_log (id, at_ms, user_name, role, action, outcome, detail, prev_hash, hash) \
         VALUES (4, 0, 'm', 'r', 'a', 'allowed', '', 'not the head', 'x')"
            .to_owned(),
    ];
    match db.backend {
        Backend::Sqlite => refused.push(
            "INSERT OR REPLACE INTO audit_log (id, at_ms, user_name, role, action, outcome, detail, prev_hash, hash) \
             VALUES (2, 0, 'm', 'r', 'a', 'allowed', '', 'x', 'x')"
                .to_owned(),
        ),
        Backend::Postgres => {
            refused.push("TRUNCATE audit_log".to_owned());
            refused.push("TRUNCATE audit_head".to_owned());
        }
    }
    for sql in &refused {
        let err = db.raw(sql).await.expect_err(sql);
        let msg = err.to_string();
        assert!(
            msg.contains("audit_log") || msg.contains("audit_head"),
            "{sql}: {msg}"
        );
    }
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 3 }
    );
    // And the store still appends after all that.
    fill(&store, 1).await;
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 4 }
    );
}

async fn an_edited_field_is_pinpointed(db: &TestDb) {
    let store = db.open().await;
    fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    assert_eq!(
        db.raw("UPDATE audit_log SET user_name = 'mallory' WHERE id = 4")
            .await
            .unwrap(),
        1
    );
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 4);
    assert_eq!(reason, "hash does not match its contents");
}

async fn an_edited_hash_is_pinpointed(db: &TestDb) {
    let store = db.open().await;
    fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    let forged = "f".repeat(64);
    db.raw(&format!(
        "UPDATE audit_log SET hash = '{forged}' WHERE id = 6"
    ))
    .await
    .unwrap();
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 6);
    assert_eq!(reason, "hash does not match its contents");
}

async fn a_rewritten_record_breaks_the_next_link(db: &TestDb) {
    let store = db.open().await;
    let records = fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    // A careful forger rewrites record 3 and recomputes its hash; record 4 still points at the
    // original.
    let mut forged = records[2].clone();
    "nothing happened".clone_into(&mut forged.entry.detail);
    let hash = chain_hash(3, &forged.prev_hash, &forged.entry);
    db.raw(&format!(
        "UPDATE audit_log SET detail = 'nothing happened', hash = '{hash}' WHERE id = 3"
    ))
    .await
    .unwrap();
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 4);
    assert!(
        reason.starts_with("chain broken: previous record missing or altered"),
        "{reason}"
    );
    assert!(
        reason.contains(&hash),
        "the reason shows the link found: {reason}"
    );
}

async fn a_deleted_middle_record_is_pinpointed(db: &TestDb) {
    let store = db.open().await;
    fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    assert_eq!(
        db.raw("DELETE FROM audit_log WHERE id = 5").await.unwrap(),
        1
    );
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 5);
    assert_eq!(reason, "record 5 is missing (the next stored record is 6)");
}

async fn reordered_records_are_pinpointed(db: &TestDb) {
    let store = db.open().await;
    fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    db.raw("UPDATE audit_log SET id = -4 WHERE id = 4")
        .await
        .unwrap();
    db.raw("UPDATE audit_log SET id = 4 WHERE id = 3")
        .await
        .unwrap();
    db.raw("UPDATE audit_log SET id = 3 WHERE id = -4")
        .await
        .unwrap();
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 3);
    assert!(reason.starts_with("chain broken"), "{reason}");
}

async fn a_cut_tail_is_pinpointed(db: &TestDb) {
    let store = db.open().await;
    fill(&store, 8).await;
    db.drop_append_only_triggers().await;
    db.raw("DELETE FROM audit_log WHERE id >= 7").await.unwrap();
    let (id, reason) = tampered(store.verify_audit().await.unwrap());
    assert_eq!(id, 7);
    assert!(reason.contains("removed from the end"), "{reason}");
}
