//! The plan as AstDB keys: what each mode writes, the writes between two plans, and the
//! plan read back after a restart.

use fw_domain::{QueueConfig, QueueId, RoutingScope, Timestamp};
use fw_routing::RoutingPlan;
use fw_routing::astdb::{
    AstDbEntry, AstDbError, AstDbOp, FAMILY_CLOSED, FAMILY_FAILOVER, FAMILY_MODE, FAMILY_NIGHT,
    FAMILY_PLAN, FAMILY_PRIORITY_AREA, FAMILY_PRIORITY_REGION, astdb_diff, astdb_entries,
    astdb_image, decode_record, decode_tree, until_secs,
};

use crate::support::{
    activation, at, closure, failover, night, plan, priority, queue, site, three_sites, turn_on,
};

fn derived(entries: &[AstDbEntry]) -> Vec<(&str, &str, &str)> {
    entries
        .iter()
        .filter(|e| e.family != FAMILY_MODE && e.family != FAMILY_PLAN)
        .map(|e| (e.family, e.key.as_str(), e.value.as_str()))
        .collect()
}

#[test]
fn each_mode_writes_the_keys_the_dialplan_reads() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let v = plan.version();
    plan.apply(
        fw_routing::PlanChange::Activate(activation(
            failover(site(&topology, "east")),
            Some(Timestamp(1_795_287_600_500)),
        )),
        v,
        at(0),
    )
    .unwrap();
    turn_on(
        &mut plan,
        closure(RoutingScope::Queue(queue(&topology, "south.tier2"))),
        at(1),
    );
    turn_on(
        &mut plan,
        night(RoutingScope::Site(site(&topology, "south"))),
        at(2),
    );
    turn_on(
        &mut plan,
        priority(&["0898", "Inner Mongolia"], true),
        at(3),
    );
    let entries = plan.astdb_entries().unwrap();
    let until = "1795287601";
    assert_eq!(
        derived(&entries),
        [
            (FAMILY_CLOSED, "south.tier2", "0|2"),
            (
                FAMILY_FAILOVER,
                "east.phones",
                &*format!("{until}|1|north.phones&south.phones")
            ),
            (
                FAMILY_FAILOVER,
                "east.repairs",
                &*format!("{until}|1|north.repairs&south.repairs")
            ),
            (
                FAMILY_FAILOVER,
                "east.tier2",
                &*format!("{until}|1|north.tier2&south.tier2")
            ),
            (FAMILY_NIGHT, "south.phones", "0|3|north.phones"),
            (FAMILY_NIGHT, "south.repairs", "0|3|north.repairs"),
            (FAMILY_NIGHT, "south.tier2", "0|3|north.tier2"),
            (FAMILY_PRIORITY_AREA, "0898", "0|4|10|1"),
            (FAMILY_PRIORITY_REGION, "inner mongolia", "0|4|10|1"),
        ]
    );
    let plan_keys: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e.family == FAMILY_PLAN)
        .map(|e| (e.key.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(plan_keys, [("modes", "1&2&3&4"), ("version", "4")]);
    let version = entries.iter().find(|e| e.key == "version").unwrap();
    assert_eq!(version.full_key(), "/floorwalker/plan/version");
    assert_eq!(
        entries.iter().filter(|e| e.family == FAMILY_MODE).count(),
        4
    );
}

#[test]
fn revert_times_round_up_to_whole_seconds() {
    assert_eq!(until_secs(None), 0);
    assert_eq!(until_secs(Some(Timestamp(5_000))), 5);
    assert_eq!(until_secs(Some(Timestamp(5_001))), 6);
}

#[test]
fn the_writes_between_two_plans_put_first_version_last_then_delete() {
    let topology = three_sites();
    let mut plan = plan(&topology);
    let site_closure = turn_on(
        &mut plan,
        closure(RoutingScope::Site(site(&topology, "east"))),
        at(0),
    );
    let before = plan.astdb_entries().unwrap();
    // A centre closure supersedes the site's: east's queues stay closed throughout.
    turn_on(&mut plan, closure(RoutingScope::Centre), at(1));
    let after = plan.astdb_entries().unwrap();
    let ops = astdb_diff(&before, &after);
    let first_del = ops
        .iter()
        .position(|op| matches!(op, AstDbOp::Del { .. }))
        .unwrap();
    assert!(
        ops[..first_del]
            .iter()
            .all(|op| matches!(op, AstDbOp::Put(_)))
    );
    assert!(matches!(&ops[first_del - 1], AstDbOp::Put(e) if e.family == FAMILY_PLAN));
    assert_eq!(
        ops[first_del..],
        [AstDbOp::Del {
            family: FAMILY_MODE,
            key: site_closure.0.to_string(),
        }]
    );
    let closed: Vec<_> = ops
        .iter()
        .filter(|op| matches!(op, AstDbOp::Put(e) if e.family == FAMILY_CLOSED))
        .collect();
    assert_eq!(closed.len(), 9, "every queue, east's with the new mode id");
    assert!(astdb_diff(&after, &after).is_empty());
}

#[test]
fn the_plan_reads_back_from_its_records_after_a_restart() {
    let topology = three_sites();
    let mut plan = crate::support::plan_with_approval(&topology);
    let mut change = activation(priority(&["0898", "海南"], true), Some(at(600)));
    change.reason = "台风 | 50% & more; line\nbreak".into();
    crate::support::approved(&mut plan, change, crate::support::admin(), at(0));
    turn_on(&mut plan, failover(site(&topology, "east")), at(1));
    turn_on(
        &mut plan,
        night(RoutingScope::Queue(queue(&topology, "south.repairs"))),
        at(2),
    );
    turn_on(&mut plan, closure(RoutingScope::Centre), at(3));
    // As DBGetTree reports them: full keys.
    let tree: Vec<(String, String)> = plan
        .astdb_entries()
        .unwrap()
        .iter()
        .map(|e| (e.full_key(), e.value.clone()))
        .collect();
    let (version, modes) = decode_tree(&tree, &topology).unwrap();
    assert_eq!(version, plan.version());
    assert_eq!(modes, plan.active());
    let restored = RoutingPlan::restore(&topology, plan.policy(), version, modes);
    assert_eq!(restored.astdb_entries(), plan.astdb_entries());
}

#[test]
fn a_damaged_record_or_an_unusable_name_is_an_error_that_says_which() {
    let topology = three_sites();
    assert!(matches!(
        decode_record("x", "0|fw1", &topology),
        Err(AstDbError::BadRecord { .. })
    ));
    let error = decode_record("3", "0|fw1|night|site:west|0|1|||x|||because", &topology)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "the AstDB record /floorwalker/mode/3 cannot be read: no site is called west"
    );
    let mut odd = three_sites();
    odd.queues[0] = QueueConfig {
        name: "north phones".into(),
        ..odd.queues[0].clone()
    };
    let mut plan = plan(&odd);
    turn_on(&mut plan, closure(RoutingScope::Queue(QueueId(0))), at(0));
    assert!(matches!(
        astdb_entries(&plan.active()[0], &odd),
        Err(AstDbError::UnusableName { kind: "queue", .. })
    ));
}

#[test]
fn a_mode_whose_names_cannot_be_keys_is_left_out_and_the_others_are_written() {
    let mut odd = three_sites();
    odd.queues[0] = QueueConfig {
        name: "north phones".into(),
        ..odd.queues[0].clone()
    };
    let mut plan = plan(&odd);
    let closure_id = turn_on(&mut plan, closure(RoutingScope::Queue(QueueId(0))), at(0));
    let priority_id = turn_on(&mut plan, priority(&["0898"], false), at(1));
    let image = astdb_image(plan.version(), plan.active(), plan.topology());
    assert_eq!(image.left_out.len(), 1);
    assert_eq!(image.left_out[0].0, closure_id);
    let keys: Vec<String> = image.entries.iter().map(AstDbEntry::full_key).collect();
    assert_eq!(
        keys,
        [
            format!("/floorwalker/mode/{}", priority_id.0),
            "/floorwalker/plan/modes".to_owned(),
            "/floorwalker/plan/version".to_owned(),
            "/floorwalker/priority-area/0898".to_owned(),
        ]
    );
    assert_eq!(
        image.entries[1].value,
        priority_id.0.to_string(),
        "only what is written is listed"
    );
    assert!(plan.astdb_entries().is_err(), "the strict form refuses");
}

#[test]
fn the_documented_dialplan_reads_the_keys_the_plan_writes() {
    let doc = include_str!("../../../../docs/asterisk-routing.md");
    for family in [
        FAMILY_PLAN,
        FAMILY_MODE,
        FAMILY_CLOSED,
        FAMILY_NIGHT,
        FAMILY_FAILOVER,
        FAMILY_PRIORITY_AREA,
        FAMILY_PRIORITY_REGION,
    ] {
        assert!(
            doc.contains(&format!("`{family}/")),
            "{family} is not in the key table"
        );
    }
    for family in [
        FAMILY_CLOSED,
        FAMILY_NIGHT,
        FAMILY_FAILOVER,
        FAMILY_PRIORITY_AREA,
        FAMILY_PRIORITY_REGION,
    ] {
        let below_root = family.strip_prefix("floorwalker/").unwrap();
        assert!(
            doc.contains(&format!("floorwalker-get,s,1({below_root}/")),
            "the dialplan never reads {family}"
        );
    }
    assert!(doc.contains("DB(floorwalker/${ARG1})"));
    assert!(doc.contains(&format!(
        "Floorwalker writes `{}`",
        fw_routing::REGIONAL_PRIORITY_BOOST
    )));
}
