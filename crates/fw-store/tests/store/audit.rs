//! Appending, paging and verifying, alone and under concurrent appenders.

use std::collections::HashSet;

use fw_store::{AuditVerification, GENESIS_HASH, chain_hash};

use crate::support::{TestDb, entry, fill, on_both_backends};

on_both_backends!(append_page_and_verify, concurrent_appenders_form_one_chain);

async fn append_page_and_verify(db: &TestDb) {
    let store = db.open().await;
    let appended = fill(&store, 25).await;

    // Numbered 1..=25, each linked to the one before, each hash over its own contents.
    assert_eq!(appended[0].prev_hash, GENESIS_HASH);
    for (i, r) in appended.iter().enumerate() {
        assert_eq!(r.id, i64::try_from(i).unwrap() + 1);
        assert_eq!(r.entry, entry(i as u32 + 1));
        assert_eq!(r.hash, chain_hash(r.id, &r.prev_hash, &r.entry));
        if i > 0 {
            assert_eq!(r.prev_hash, appended[i - 1].hash);
        }
    }

    // Newest first, paged backwards; every field comes back exactly (u64::MAX calls, CJK,
    // newlines, empty reasons, absent options).
    let newest: Vec<_> = appended.iter().rev().cloned().collect();
    let page1 = store.audit_page(None, 10).await.unwrap();
    assert_eq!(page1, newest[..10]);
    let page2 = store.audit_page(Some(page1[9].id), 10).await.unwrap();
    assert_eq!(page2, newest[10..20]);
    let page3 = store.audit_page(Some(page2[9].id), 10).await.unwrap();
    assert_eq!(page3, newest[20..]);
    assert!(store.audit_page(Some(1), 10).await.unwrap().is_empty());
    assert!(store.audit_page(None, 0).await.unwrap().is_empty());
    assert_eq!(store.audit_page(Some(1_000), 2).await.unwrap(), newest[..2]);

    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { records: 25 }
    );
}

async fn concurrent_appenders_form_one_chain(db: &TestDb) {
    const TASKS: u32 = 8;
    const EACH: u32 = 50;
    // Two independent pools, as two consoles sharing one store would have.
    let stores = [db.open().await, db.open().await];
    let mut tasks = Vec::new();
    for t in 0..TASKS {
        let store = stores[t as usize % 2].clone();
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..EACH {
                let mut e = entry(i);
                e.user = format!("task{t}");
                e.detail = format!("{i}");
                ids.push(store.append_audit(&e).await.expect("append").id);
            }
            ids
        }));
    }
    // Verification reads one snapshot, so appends running meanwhile never look like tampering.
    let verifier = {
        let store = stores[0].clone();
        tokio::spawn(async move {
            for _ in 0..5 {
                let v = store.verify_audit().await.unwrap();
                assert!(v.is_intact(), "mid-append verification: {v}");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        })
    };
    let mut all = HashSet::new();
    for task in tasks {
        let ids = task.await.unwrap();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "a task's own appends come back in order"
        );
        for id in ids {
            assert!(all.insert(id), "id {id} handed out twice");
        }
    }
    verifier.await.unwrap();

    let total = TASKS * EACH;
    assert_eq!(all, (1..=i64::from(total)).collect::<HashSet<_>>());
    assert_eq!(
        stores[1].verify_audit().await.unwrap(),
        AuditVerification::Intact {
            records: u64::from(total)
        }
    );
    // Each task's entries are stored in the order it appended them.
    let records = stores[0].audit_page(None, total).await.unwrap();
    for t in 0..TASKS {
        let mine: Vec<String> = records
            .iter()
            .rev()
            .filter(|r| r.entry.user == format!("task{t}"))
            .map(|r| r.entry.detail.clone())
            .collect();
        assert_eq!(mine, (0..EACH).map(|i| i.to_string()).collect::<Vec<_>>());
    }
}
