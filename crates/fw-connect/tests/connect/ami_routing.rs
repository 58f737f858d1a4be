//! Disaster-mode routing on Asterisk: `apply_routing` writes the plan as the AstDB keys
//! `docs/asterisk-routing.md` documents, reads them back after a reconnect, announces every
//! change to the other consoles, raises the callers already waiting under a regional
//! priority, and says clearly what Asterisk refused.

use std::collections::BTreeMap;

use fw_ami::{Action, Frame};
use fw_connect::ami::ROUTING_USER_EVENT;
use fw_connect::{AmiConnector, CommandError, Connector};
use fw_domain::{
    DomainEvent, QueueConfig, QueueId, RoutingMode, RoutingScope, Site, SiteId, SupervisorId,
    Timestamp, Topology,
};
use fw_routing::astdb::until_secs;
use fw_routing::{
    Activation, Actor, ApprovalPolicy, Deactivation, ModeId, PlanChange, RoutingPlan,
};

use crate::ami_support::{Rig, connector, connector_as};
use crate::fake_ami::{FakeAmi, Script};

const HOUR_MS: i64 = 3_600_000;

async fn fake() -> FakeAmi {
    FakeAmi::start(&Script::load("04-disaster-mode-astdb.txt")).await
}

/// The fixture's two queues at two sites, sharing a skill: every kind of mode has keys.
fn two_sites() -> Topology {
    Topology {
        sites: vec![
            Site {
                id: SiteId(0),
                name: "east".into(),
            },
            Site {
                id: SiteId(1),
                name: "west".into(),
            },
        ],
        queues: vec![
            QueueConfig::with_defaults(QueueId(0), "support", "help", SiteId(0)),
            QueueConfig::with_defaults(QueueId(1), "billing", "help", SiteId(1)),
        ],
        agents: Vec::new(),
    }
}

fn lead() -> Actor {
    Actor::new(SupervisorId(1), "Lee")
}

fn turn_on(plan: &mut RoutingPlan, mode: RoutingMode, revert_at: Option<Timestamp>) -> ModeId {
    let activation = Activation {
        mode,
        reason: "typhoon over the east site".into(),
        by: lead(),
        revert_at,
    };
    let version = plan.version();
    plan.apply(PlanChange::Activate(activation), version, now())
        .expect("the plan takes it")
        .id
}

fn turn_off(plan: &mut RoutingPlan, id: ModeId) {
    let deactivation = Deactivation {
        id,
        by: lead(),
        reason: "the typhoon has passed".into(),
    };
    let version = plan.version();
    plan.apply(PlanChange::Deactivate(deactivation), version, now())
        .expect("the plan takes it");
}

fn now() -> Timestamp {
    fw_connect::wall_clock()
}

/// The keys `plan` documents, as `/family/key` → value.
fn keys_of(plan: &RoutingPlan) -> BTreeMap<String, String> {
    plan.astdb_entries()
        .expect("writable names")
        .iter()
        .map(|e| (e.full_key(), e.value.clone()))
        .collect()
}

fn queue_of(topology: &Topology, name: &str) -> QueueId {
    topology
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("the fixture's queue")
        .id
}

/// The AstDB writes among `actions`, as `DBPut family/key` / `DBDel family/key`.
fn writes(actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .filter(|a| a.name() == "DBPut" || a.name() == "DBDel")
        .map(|a| {
            format!(
                "{} {}/{}",
                a.name(),
                a.get("Family").unwrap_or_default(),
                a.get("Key").unwrap_or_default()
            )
        })
        .collect()
}

fn named<'a>(actions: &'a [Action], name: &str) -> Vec<&'a Action> {
    actions.iter().filter(|a| a.name() == name).collect()
}

/// Waits until the connector notices the link is gone (bounded by the test's timeout).
async fn until_link_lost(connector: &mut AmiConnector) {
    let mut events = Vec::new();
    while connector.next_events(&mut events).await.is_ok() {}
}

#[tokio::test]
async fn each_mode_writes_the_documented_keys_and_switching_it_off_deletes_them() {
    let fake = fake().await;
    let mut connector = connector(&fake);
    connector.connect().await.expect("connects");
    let topology = two_sites();
    let mut plan = RoutingPlan::new(&topology, ApprovalPolicy::default());
    let revert_at = now().plus_ms(HOUR_MS);
    let until = until_secs(Some(revert_at));
    let cases = [
        (
            RoutingMode::SiteFailover { site: SiteId(0) },
            None,
            vec![("/floorwalker/failover/support", "0|1|billing".to_owned())],
        ),
        (
            RoutingMode::EmergencyClosure {
                scope: RoutingScope::Queue(QueueId(1)),
            },
            Some(revert_at),
            vec![("/floorwalker/closed/billing", format!("{until}|2"))],
        ),
        (
            RoutingMode::NightMode {
                scope: RoutingScope::Centre,
            },
            None,
            vec![("/floorwalker/night/billing", "0|3|support".to_owned())],
        ),
        (
            RoutingMode::RegionalPriority {
                regions: vec!["0898".into(), "Hainan".into()],
                waive_fees: true,
            },
            None,
            vec![
                ("/floorwalker/priority-area/0898", "0|4|10|1".to_owned()),
                ("/floorwalker/priority-region/hainan", "0|4|10|1".to_owned()),
            ],
        ),
    ];
    for (mode, revert_at, derived) in cases {
        let id = turn_on(&mut plan, mode, revert_at);
        connector.apply_routing(&plan).await.expect("written");
        let held = fake.astdb();
        assert_eq!(held, keys_of(&plan), "{id}: exactly the plan's keys");
        for (key, value) in derived {
            assert_eq!(held.get(key), Some(&value), "{key}");
        }
        assert_eq!(held["/floorwalker/plan/modes"], id.0.to_string());
        assert_eq!(
            held["/floorwalker/plan/version"],
            plan.version().to_string()
        );
        assert!(held[&format!("/floorwalker/mode/{}", id.0)].contains("|fw1|"));

        turn_off(&mut plan, id);
        connector.apply_routing(&plan).await.expect("deleted");
        assert_eq!(
            fake.astdb(),
            BTreeMap::from([(
                "/floorwalker/plan/version".to_owned(),
                plan.version().to_string()
            )]),
            "{id} off: only the version is left"
        );
    }
    let actions = fake.actions();
    let announced = named(&actions, "UserEvent");
    assert_eq!(
        announced.len(),
        8,
        "one announcement per mode on and per mode off"
    );
    assert!(
        announced
            .iter()
            .all(|a| a.get("UserEvent") == Some(ROUTING_USER_EVENT))
    );
}

#[tokio::test]
async fn a_reconnect_deletes_what_ended_while_the_link_was_down_and_otherwise_writes_nothing() {
    let fake = fake().await;
    let mut connector = connector(&fake);
    connector.connect().await.expect("connects");
    let mut plan = RoutingPlan::new(&two_sites(), ApprovalPolicy::default());
    let closure = turn_on(
        &mut plan,
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(QueueId(1)),
        },
        None,
    );
    let priority = turn_on(
        &mut plan,
        RoutingMode::RegionalPriority {
            regions: vec!["0898".into()],
            waive_fees: false,
        },
        None,
    );
    connector.apply_routing(&plan).await.expect("written");

    // The link drops; meanwhile another console turns the priority off.
    fake.drop_link();
    until_link_lost(&mut connector).await;
    turn_off(&mut plan, priority);
    connector.connect().await.expect("reconnects");
    let before = fake.actions().len();
    connector
        .apply_routing(&plan)
        .await
        .expect("brought in line");
    let sent = fake.actions()[before..].to_vec();
    assert_eq!(
        writes(&sent),
        [
            "DBPut floorwalker/plan/version",
            "DBDel floorwalker/priority-area/0898",
            &*format!("DBDel floorwalker/mode/{}", priority.0),
            "DBPut floorwalker/plan/modes",
        ]
    );
    assert!(
        named(&sent, "DBGet")
            .iter()
            .any(|a| a.get("Key") == Some("0898")),
        "the record's keys were read back, not assumed"
    );
    assert!(named(&sent, "DBGetTree").is_empty(), "DBGet alone");
    assert_eq!(fake.astdb(), keys_of(&plan));
    assert_eq!(
        fake.astdb()["/floorwalker/plan/modes"],
        closure.0.to_string()
    );
    let off = named(&sent, "UserEvent");
    assert_eq!(off.len(), 1);
    assert_eq!(off[0].get("State"), Some("off"));
    assert_eq!(off[0].get("Mode"), Some(&*priority.0.to_string()));

    // Nothing changed while down: a reconnect reads and writes nothing.
    fake.drop_link();
    until_link_lost(&mut connector).await;
    connector.connect().await.expect("reconnects");
    let before = fake.actions().len();
    connector.apply_routing(&plan).await.expect("nothing to do");
    let sent = fake.actions()[before..].to_vec();
    assert_eq!(writes(&sent), Vec::<String>::new());
    assert!(named(&sent, "UserEvent").is_empty());
}

#[tokio::test]
async fn a_record_that_does_not_read_neither_stops_the_connect_nor_stays() {
    let fake = fake().await;
    fake.put_astdb("/floorwalker/plan/version", "3");
    fake.put_astdb("/floorwalker/plan/modes", "9");
    fake.put_astdb("/floorwalker/mode/9", "written by a future Floorwalker");
    let mut connector = connector(&fake);
    connector.connect().await.expect("connects");
    let mut plan = RoutingPlan::new(&two_sites(), ApprovalPolicy::default());
    let closure = turn_on(
        &mut plan,
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(QueueId(0)),
        },
        None,
    );
    connector.apply_routing(&plan).await.expect("written");
    assert_eq!(fake.astdb(), keys_of(&plan));
    assert_eq!(
        writes(&fake.actions()),
        [
            "DBPut floorwalker/plan/modes",
            &*format!("DBPut floorwalker/mode/{}", closure.0),
            "DBPut floorwalker/closed/support",
            "DBPut floorwalker/plan/version",
            "DBDel floorwalker/mode/9",
            "DBPut floorwalker/plan/modes",
        ],
        "listed with the stray record until it is gone"
    );
}

#[tokio::test]
async fn another_console_hears_each_change_as_a_routing_mode_change() {
    let fake = fake().await;
    let mut writer = connector(&fake);
    let mut wallboard = connector_as(&fake, "wallboard", "wallboard");
    let snapshot = writer.connect().await.expect("connects");
    let heard_topology = wallboard.connect().await.expect("connects").topology;
    let mut plan = RoutingPlan::new(&snapshot.topology, ApprovalPolicy::default());
    let billing = queue_of(&snapshot.topology, "billing");
    let id = turn_on(
        &mut plan,
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(billing),
        },
        None,
    );
    writer.apply_routing(&plan).await.expect("written");
    let closure = RoutingMode::EmergencyClosure {
        scope: RoutingScope::Queue(queue_of(&heard_topology, "billing")),
    };
    let mut heard = Vec::new();
    wallboard.sync(&mut heard).await.expect("the link holds");
    let changes: Vec<DomainEvent> = heard.into_iter().map(|e| e.event).collect();
    assert_eq!(
        changes,
        [DomainEvent::RoutingModeChanged {
            mode: closure.clone(),
            active: true,
        }]
    );

    turn_off(&mut plan, id);
    writer.apply_routing(&plan).await.expect("deleted");
    let mut heard = Vec::new();
    wallboard.sync(&mut heard).await.expect("the link holds");
    assert!(heard.iter().any(|e| e.event
        == DomainEvent::RoutingModeChanged {
            mode: closure.clone(),
            active: false,
        }));

    // The writer hears its own announcements too: its hub just reads the store again.
    let mut own = Vec::new();
    writer.sync(&mut own).await.expect("the link holds");
    let own: Vec<bool> = own
        .iter()
        .filter_map(|e| match &e.event {
            DomainEvent::RoutingModeChanged { active, .. } => Some(*active),
            _ => None,
        })
        .collect();
    assert_eq!(own, [true, false]);
}

#[tokio::test]
async fn a_refused_write_names_the_key_and_the_privilege_it_needs() {
    let fake = fake().await;
    let mut wallboard = connector_as(&fake, "wallboard", "wallboard");
    wallboard.connect().await.expect("connects");
    let mut plan = RoutingPlan::new(&two_sites(), ApprovalPolicy::default());
    turn_on(
        &mut plan,
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Centre,
        },
        None,
    );
    let refused = wallboard.apply_routing(&plan).await;
    let Err(CommandError::Rejected(message)) = &refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        message,
        "Asterisk refused DBPut of floorwalker/plan/modes for AMI user `wallboard`: \
         Permission denied (AstDB writes need `write = system` for the AMI user; see \
         docs/asterisk.md)"
    );
    assert!(fake.astdb().is_empty(), "nothing written after the refusal");
    assert_eq!(writes(&fake.actions()).len(), 1, "it stopped at the first");
}

#[tokio::test]
async fn a_mode_whose_names_cannot_be_keys_is_reported_and_the_rest_is_written() {
    let fake = fake().await;
    let mut connector = connector(&fake);
    let snapshot = connector.connect().await.expect("connects");
    // The PBX's one site is named after its address, which no AstDB key may hold.
    let mut plan = RoutingPlan::new(&snapshot.topology, ApprovalPolicy::default());
    let site = turn_on(
        &mut plan,
        RoutingMode::EmergencyClosure {
            scope: RoutingScope::Site(snapshot.topology.sites[0].id),
        },
        None,
    );
    turn_on(
        &mut plan,
        RoutingMode::RegionalPriority {
            regions: vec!["0898".into()],
            waive_fees: false,
        },
        None,
    );
    let refused = connector.apply_routing(&plan).await;
    let Err(CommandError::Rejected(message)) = &refused else {
        panic!("{refused:?}")
    };
    assert!(
        message.starts_with(&format!("{site} is not on Asterisk: the site name")),
        "{message}"
    );
    assert!(fake.astdb().contains_key("/floorwalker/priority-area/0898"));
    assert!(
        !fake
            .astdb()
            .keys()
            .any(|k| k.starts_with("/floorwalker/closed/"))
    );
}

/// A caller joining `queue`, as Asterisk reports it, at platform time `at_ms`.
fn caller_joins(queue: &str, channel: &str, uniqueid: &str, number: &str, at_ms: i64) -> Frame {
    Frame::new()
        .with("Event", "QueueCallerJoin")
        .with("Privilege", "agent,all")
        .with(
            "Timestamp",
            format!("{}.{:03}000", at_ms / 1000, at_ms % 1000),
        )
        .with("Channel", channel)
        .with("ChannelState", "6")
        .with("ChannelStateDesc", "Up")
        .with("CallerIDNum", number)
        .with("CallerIDName", format!("Customer {number}"))
        .with("Context", "inbound")
        .with("Exten", "s")
        .with("Priority", "10")
        .with("Uniqueid", uniqueid)
        .with("Linkedid", uniqueid)
        .with("ChanVariable", format!("CC_QUEUE={queue}"))
        .with("ChanVariable", "CC_REGION=none")
        .with("Queue", queue)
        .with("Position", "1")
        .with("Count", "1")
}

#[tokio::test]
async fn regional_priority_raises_the_callers_already_waiting_from_its_area_code() {
    let script = Script::load("04-disaster-mode-astdb.txt");
    let fake = FakeAmi::start(&script).await;
    let mut rig = Rig::connect(&fake).await;
    let hainan = "Local/billing@callers-00000070;2";
    let joined = script.t0_ms - 5_000;
    fake.emit(caller_joins(
        "billing",
        hainan,
        "1795343680.70",
        "+86 898 6611 2233",
        joined,
    ));
    fake.emit(caller_joins(
        "billing",
        "Local/billing@callers-00000071;2",
        "1795343680.71",
        "13800000000",
        joined,
    ));
    rig.sync().await;
    let topology = rig.engine.topology().clone();
    let mut plan = RoutingPlan::new(&topology, ApprovalPolicy::default());
    turn_on(
        &mut plan,
        RoutingMode::RegionalPriority {
            regions: vec!["0898".into()],
            waive_fees: false,
        },
        None,
    );
    rig.connector.apply_routing(&plan).await.expect("written");
    let actions = fake.actions();
    let raised = named(&actions, "QueueChangePriorityCaller");
    assert_eq!(raised.len(), 1, "the Hainan landline only, not the mobile");
    assert_eq!(raised[0].get("Queue"), Some("billing"));
    assert_eq!(raised[0].get("Caller"), Some(hainan));
    assert_eq!(raised[0].get("Priority"), Some("10"));
    assert_eq!(raised[0].get("Immediate"), Some("yes"));

    rig.sync().await;
    let billing = queue_of(&topology, "billing");
    let requeued: Vec<u8> = rig
        .applied
        .iter()
        .filter_map(|e| match e.event {
            DomainEvent::CallQueued {
                queue, priority, ..
            } if queue == billing => Some(priority),
            _ => None,
        })
        .collect();
    assert_eq!(
        requeued,
        [0, 0, 10],
        "two callers joined, then the Hainan caller moved up"
    );

    // A wider mode replaces it, now waiving fees: the caller already has the boost, so
    // Asterisk is not asked again; the call is only marked.
    turn_on(
        &mut plan,
        RoutingMode::RegionalPriority {
            regions: vec!["0898".into(), "0899".into()],
            waive_fees: true,
        },
        None,
    );
    rig.connector.apply_routing(&plan).await.expect("written");
    let actions = fake.actions();
    assert_eq!(
        named(&actions, "QueueChangePriorityCaller").len(),
        1,
        "raised once, not boosted again"
    );
    rig.sync().await;
    let marked: Vec<(u8, bool)> = rig
        .applied
        .iter()
        .filter_map(|e| match e.event {
            DomainEvent::CallQueued {
                queue,
                priority,
                fees_waived,
                ..
            } if queue == billing => Some((priority, fees_waived)),
            _ => None,
        })
        .collect();
    assert_eq!(marked.last(), Some(&(10, true)), "{marked:?}");
}
