//! The routing plan: starts empty, replaced only by compare and swap on its version.

use fw_store::{MAX_ROUTING_PLAN_BYTES, RoutingPlanRecord, StoreError};

use crate::support::{TestDb, on_both_backends};

on_both_backends!(
    the_plan_starts_empty_and_moves_only_from_the_version_read,
    two_writers_from_one_version_have_one_winner,
    bad_plans_are_refused_and_change_nothing
);

fn plan(version: u64, modes: &str, by: &str) -> RoutingPlanRecord {
    RoutingPlanRecord {
        version,
        next_mode_id: version + 1,
        modes: modes.to_owned(),
        updated_at_ms: i64::try_from(version).unwrap() * 1_000,
        updated_by: by.to_owned(),
    }
}

async fn the_plan_starts_empty_and_moves_only_from_the_version_read(db: &TestDb) {
    let store = db.open().await;
    let empty = store.routing_plan().await.unwrap();
    assert_eq!(empty.version, 0);
    assert_eq!(empty.next_mode_id, 1);
    assert_eq!(empty.modes, "");
    assert_eq!(store.routing_plan_version().await.unwrap(), 0);

    let first = plan(1, "1\t0|fw1|closure|centre|0|…|台风", "li.wei");
    assert!(store.replace_routing_plan(0, &first).await.unwrap());
    assert_eq!(store.routing_plan().await.unwrap(), first);
    assert_eq!(store.routing_plan_version().await.unwrap(), 1);

    // A writer who read version 0 is too late now.
    assert!(
        !store
            .replace_routing_plan(0, &plan(2, "", "wang.fang"))
            .await
            .unwrap()
    );
    assert_eq!(
        store.routing_plan().await.unwrap(),
        first,
        "nothing written"
    );
    assert!(
        store
            .replace_routing_plan(1, &plan(2, "", "wang.fang"))
            .await
            .unwrap()
    );
    assert_eq!(store.routing_plan_version().await.unwrap(), 2);
}

async fn two_writers_from_one_version_have_one_winner(db: &TestDb) {
    let store = db.open().await;
    let other = store.clone();
    let (plan_a, plan_b) = (plan(1, "a", "li.wei"), plan(1, "b", "wang.fang"));
    let (a, b) = tokio::join!(
        store.replace_routing_plan(0, &plan_a),
        other.replace_routing_plan(0, &plan_b),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a ^ b, "exactly one wins: {a} {b}");
    let kept = store.routing_plan().await.unwrap();
    assert_eq!(kept.modes, if a { "a" } else { "b" });
}

async fn bad_plans_are_refused_and_change_nothing(db: &TestDb) {
    let store = db.open().await;
    let too_big = plan(1, &"x".repeat(MAX_ROUTING_PLAN_BYTES + 1), "li.wei");
    assert!(matches!(
        store.replace_routing_plan(0, &too_big).await,
        Err(StoreError::InvalidInput(_))
    ));
    assert!(matches!(
        store.replace_routing_plan(0, &plan(0, "", "li.wei")).await,
        Err(StoreError::InvalidInput(_))
    ));
    assert_eq!(store.routing_plan_version().await.unwrap(), 0);
}
