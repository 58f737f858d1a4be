//! Alerts through the hub: rules changed by an admin (audited, saved, applied at once and
//! after a restart), alerts raised from the live centre and acknowledged, the link-lost alert,
//! and the centre's hours.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use fw_alerts::{AlertKind, AlertRules, LongestWaitRule, QueueRules};
use fw_app::{
    ALERT_RULES_SETTING, CENTRE_HOURS_SETTING, Hub, Role, SettingsError, load_alert_rules,
    load_calendar,
};
use fw_connect::{CommandError, Connector, ConnectorError, SimConnector, SimConnectorConfig};
use fw_domain::{EventEnvelope, PlatformCommand, Snapshot, Timestamp};
use fw_engine::{EngineConfig, ShiftCalendar};
use fw_sim::SimConfig;
use fw_store::{AuditOutcome, Store, TEAM_OWNER};

use crate::monitoring::{PRESENT, frame_where, hub_with_team};

const TEAM: &str = r#"
    [[user]]
    name = "root"
    role = "admin"
    endpoint = "PJSIP/9000"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    endpoint = "PJSIP/9001"
    [[user]]
    name = "board"
    role = "wallboard"
"#;

/// Rules that fire at once on any caller waiting over a second, and nothing else.
fn hair_trigger() -> AlertRules {
    AlertRules {
        queues_default: QueueRules {
            service_level: None,
            longest_wait: Some(LongestWaitRule {
                above_secs: 1,
                clear_below_secs: 1,
                for_secs: 0,
            }),
            abandon_rate: None,
            no_agent: None,
        },
        queues: std::collections::BTreeMap::new(),
        agent_state: None,
        link_lost: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_the_rules_an_alert_is_raised_and_a_supervisor_acknowledges_it() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);
    let mut frames = hub.frames();
    assert_eq!(*frames.borrow().alert_rules, AlertRules::default());

    // A supervisor may not change the team's rules; the refusal is audited.
    let refused = hub.set_alert_rules("li", hair_trigger()).await;
    assert_eq!(
        refused,
        Err(SettingsError::NotPermitted {
            role: Role::FloorSupervisor,
            what: "edit settings"
        })
    );
    // Rules that would flap are refused before anything is written.
    let mut flapping = hair_trigger();
    flapping
        .queues_default
        .longest_wait
        .as_mut()
        .unwrap()
        .clear_below_secs = 5;
    assert!(matches!(
        hub.set_alert_rules("root", flapping).await,
        Err(SettingsError::Invalid(why)) if why.contains("clear at or below")
    ));

    hub.set_alert_rules("root", hair_trigger()).await.unwrap();
    let live = frame_where(&mut frames, |l| {
        l.alerts
            .active
            .iter()
            .any(|a| a.key.kind == AlertKind::LongestWaitHigh)
    })
    .await;
    assert_eq!(*live.alert_rules, hair_trigger());
    let alert = live.alerts.active[0].clone();
    assert!(
        alert.value > 1.0 && (alert.threshold - 1.0).abs() < 1e-9,
        "{alert:?}"
    );
    assert!(!alert.subject_name.is_empty());
    let saved = store
        .setting(TEAM_OWNER, ALERT_RULES_SETTING)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(AlertRules::from_json(&saved.value).unwrap(), hair_trigger());
    assert_eq!(saved.updated_by, "root");

    // The wallboard role may not acknowledge; a supervisor may, once.
    assert!(matches!(
        hub.acknowledge_alert("board", alert.id).await,
        Err(SettingsError::NotPermitted { .. })
    ));
    hub.acknowledge_alert("li", alert.id).await.unwrap();
    let live = frame_where(&mut frames, |l| {
        l.alerts
            .active
            .iter()
            .chain(&l.alerts.recent)
            .any(|a| a.id == alert.id && a.acknowledged.is_some())
    })
    .await;
    let acknowledged = live
        .alerts
        .active
        .iter()
        .chain(&live.alerts.recent)
        .find(|a| a.id == alert.id)
        .unwrap();
    assert_eq!(acknowledged.acknowledged.as_ref().unwrap().by, "li");
    assert!(matches!(
        hub.acknowledge_alert("li", fw_alerts::AlertId(999_999))
            .await,
        Err(SettingsError::UnknownAlert(999_999))
    ));

    the_trail_has_the_settings_and_acknowledgements(&store, alert.id.0).await;

    // Another console of the team (or this one after a restart) starts with the saved rules.
    drop(hub);
    assert_eq!(load_alert_rules(&store).await, hair_trigger());
    let again = hub_with_team(store.clone(), TEAM);
    let mut frames = again.frames();
    frame_where(&mut frames, |l| *l.alert_rules == hair_trigger()).await;
}

async fn the_trail_has_the_settings_and_acknowledgements(store: &Store, alert: u64) {
    let trail = store.audit_page(None, 50).await.unwrap();
    let find = |action: &str, outcome: fn(&AuditOutcome) -> bool| {
        trail
            .iter()
            .filter(|r| r.entry.action == action && outcome(&r.entry.outcome))
            .count()
    };
    assert_eq!(
        find("settings.alerts", |o| matches!(
            o,
            AuditOutcome::Denied { .. }
        )),
        1
    );
    assert_eq!(
        find("settings.alerts", |o| *o == AuditOutcome::Allowed),
        1,
        "the invalid set is not recorded"
    );
    assert_eq!(
        find("alert.acknowledge", |o| *o == AuditOutcome::Allowed),
        1
    );
    assert_eq!(
        find("alert.acknowledge", |o| matches!(
            o,
            AuditOutcome::Denied { .. }
        )),
        1
    );
    let change = trail
        .iter()
        .find(|r| r.entry.action == "settings.alerts" && r.entry.outcome == AuditOutcome::Allowed)
        .unwrap();
    assert_eq!(change.entry.detail, "wait > 1 s for 0 s");
    let ack = trail
        .iter()
        .find(|r| r.entry.action == "alert.acknowledge" && r.entry.outcome == AuditOutcome::Allowed)
        .unwrap();
    assert!(
        ack.entry
            .detail
            .starts_with(&format!("#{alert} longest wait high: ")),
        "{}",
        ack.entry.detail
    );
    assert!(ack.entry.queue.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_changes_the_centre_hours_and_every_figure_follows() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_team(store.clone(), TEAM);
    let mut frames = hub.frames();
    assert!(matches!(
        hub.set_calendar("root", "Mars/Olympus", "08:00").await,
        Err(SettingsError::Invalid(why)) if why.contains("unknown time zone")
    ));
    // History older than an hour is kept by the quarter hour, so shifts start on one.
    assert!(matches!(
        hub.set_calendar("root", "Asia/Tokyo", "08:00, 20:10").await,
        Err(SettingsError::Invalid(why)) if why.contains("quarter hour") && why.contains("20:10")
    ));
    assert!(matches!(
        hub.set_calendar("li", "Asia/Tokyo", "08:00").await,
        Err(SettingsError::NotPermitted { .. })
    ));
    hub.set_calendar("root", "Asia/Tokyo", "20:00, 08:00")
        .await
        .unwrap();
    let live = frame_where(&mut frames, |l| l.calendar.time_zone() == "Asia/Tokyo").await;
    assert_eq!(live.calendar.shift_starts(), ["08:00", "20:00"]);
    let saved = store
        .setting(TEAM_OWNER, CENTRE_HOURS_SETTING)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.value, "Asia/Tokyo 08:00,20:00");
    let trail = store.audit_page(None, 10).await.unwrap();
    let change = trail
        .iter()
        .find(|r| {
            r.entry.action == "settings.centre_hours" && r.entry.outcome == AuditOutcome::Allowed
        })
        .unwrap();
    assert_eq!(
        change.entry.detail,
        "Asia/Shanghai 06:00,14:00,22:00 → Asia/Tokyo 08:00,20:00"
    );
    let fallback = ShiftCalendar::china_three_shifts();
    assert_eq!(
        load_calendar(&store, &fallback).await.time_zone(),
        "Asia/Tokyo"
    );
}

/// The real simulator behind a link that can be cut and kept down.
struct CuttableLink {
    inner: SimConnector,
    down: Arc<AtomicBool>,
    connects: Arc<AtomicU32>,
}

impl Connector for CuttableLink {
    fn platform(&self) -> String {
        "cuttable simulator".into()
    }
    fn now(&self) -> Timestamp {
        self.inner.now()
    }
    async fn connect(&mut self) -> Result<Snapshot, ConnectorError> {
        self.connects.fetch_add(1, Ordering::SeqCst);
        if self.down.load(Ordering::SeqCst) {
            return Err(ConnectorError::Disconnected("connection refused".into()));
        }
        self.inner.connect().await
    }
    async fn next_events(&mut self, out: &mut Vec<EventEnvelope>) -> Result<(), ConnectorError> {
        if self.down.load(Ordering::SeqCst) {
            return Err(ConnectorError::Disconnected("link cut".into()));
        }
        self.inner.next_events(out).await
    }
    async fn execute(&mut self, command: PlatformCommand) -> Result<(), CommandError> {
        self.inner.execute(command).await
    }
    async fn apply_routing(&mut self, plan: &fw_routing::RoutingPlan) -> Result<(), CommandError> {
        self.inner.apply_routing(plan).await
    }
}

#[tokio::test(start_paused = true)]
async fn a_link_down_longer_than_the_rule_raises_one_alert_that_clears_when_it_returns() {
    let down = Arc::new(AtomicBool::new(false));
    let connects = Arc::new(AtomicU32::new(0));
    let link = CuttableLink {
        inner: SimConnector::new(SimConnectorConfig {
            sim: SimConfig::new(3, 200, PRESENT.plus_ms(-1_800_000)),
            present: PRESENT,
            tick: Duration::from_millis(100),
        })
        .unwrap(),
        down: down.clone(),
        connects: connects.clone(),
    };
    // Display-only: the default rules, and no store under the paused clock.
    let hub = Hub::start(link, EngineConfig::default());
    let mut frames = hub.frames();
    frame_where(&mut frames, |l| l.frame.is_some()).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let before: Vec<_> = frames.borrow().alerts.active.iter().map(|a| a.id).collect();

    down.store(true, Ordering::SeqCst);
    // Down for ten seconds: under the 15 s rule, nothing yet.
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert!(
        !frames
            .borrow()
            .alerts
            .active
            .iter()
            .any(|a| a.key.kind == AlertKind::LinkLost),
        "raised too early"
    );
    tokio::time::sleep(Duration::from_mins(1)).await;
    let live = frames.borrow().clone();
    let lost: Vec<_> = live
        .alerts
        .active
        .iter()
        .filter(|a| a.key.kind == AlertKind::LinkLost)
        .collect();
    assert_eq!(
        lost.len(),
        1,
        "one alert for the whole outage: {:?}",
        live.alerts
    );
    assert!(
        connects.load(Ordering::SeqCst) > 3,
        "the hub kept retrying meanwhile"
    );
    // Stale figures clear nothing: the queue alerts from before the cut are all still there.
    for id in &before {
        assert!(
            live.alerts.active.iter().any(|a| a.id == *id),
            "alert {id:?} cleared on stale data"
        );
    }

    down.store(false, Ordering::SeqCst);
    let live = frame_where(&mut frames, |l| {
        !l.alerts
            .active
            .iter()
            .any(|a| a.key.kind == AlertKind::LinkLost)
    })
    .await;
    let cleared = live
        .alerts
        .recent
        .iter()
        .find(|a| a.key.kind == AlertKind::LinkLost)
        .unwrap();
    assert!(cleared.raised_value >= 15.0, "{cleared:?}");
    assert!(
        cleared.cleared_at.unwrap().millis_since(cleared.raised_at) >= 60_000,
        "{cleared:?}"
    );
}
