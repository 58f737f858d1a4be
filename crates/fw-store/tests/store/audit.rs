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

on_both_backends!(search_filters_and_pages);

/// Every filter of the console's audit view, alone and together, against a brute-force filter
/// over what was appended; and paging through a filtered list loses and repeats nothing.
async fn search_filters_and_pages(db: &TestDb) {
    use fw_store::AuditQuery;
    let store = db.open().await;
    let appended = fill(&store, 40).await;
    let newest: Vec<_> = appended.iter().rev().cloned().collect();
    let expect = |keep: &dyn Fn(&fw_store::AuditEntry) -> bool| -> Vec<_> {
        newest.iter().filter(|r| keep(&r.entry)).cloned().collect()
    };

    let everything = store
        .audit_search(&AuditQuery::default(), 100)
        .await
        .unwrap();
    assert_eq!(everything, newest);

    let by_user = AuditQuery {
        user: Some("王芳".into()),
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_search(&by_user, 100).await.unwrap(),
        expect(&|e| e.user == "王芳")
    );

    let monitoring_denied = AuditQuery {
        action_prefix: Some("monitor.".into()),
        outcome: Some("denied".into()),
        ..AuditQuery::default()
    };
    let want = expect(&|e| e.action.starts_with("monitor.") && e.outcome.as_str() == "denied");
    assert!(!want.is_empty());
    assert_eq!(
        store.audit_search(&monitoring_denied, 100).await.unwrap(),
        want
    );

    // `_` in a prefix is a character, not a wildcard.
    let literal = AuditQuery {
        action_prefix: Some("monitor_".into()),
        ..AuditQuery::default()
    };
    assert!(store.audit_search(&literal, 100).await.unwrap().is_empty());

    let from = appended[9].entry.at_ms;
    let to = appended[19].entry.at_ms;
    let window = AuditQuery {
        from_ms: Some(from),
        to_ms: Some(to),
        ..AuditQuery::default()
    };
    let want = expect(&|e| e.at_ms >= from && e.at_ms < to);
    assert_eq!(want.len(), 10);
    assert_eq!(store.audit_search(&window, 100).await.unwrap(), want);

    let one_call = appended[4].entry.call;
    let by_call = AuditQuery {
        call: one_call,
        agent: appended[4].entry.agent,
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_search(&by_call, 100).await.unwrap(),
        expect(&|e| e.call == one_call && e.agent == appended[4].entry.agent)
    );

    // Paging a filtered list: pages of 3 concatenate to the whole list.
    let mut query = by_user.clone();
    let mut paged = Vec::new();
    loop {
        let page = store.audit_search(&query, 3).await.unwrap();
        if page.is_empty() {
            break;
        }
        query.before_id = page.last().map(|r| r.id);
        paged.extend(page);
    }
    assert_eq!(paged, expect(&|e| e.user == "王芳"));
    assert!(store.audit_search(&by_user, 0).await.unwrap().is_empty());
}
