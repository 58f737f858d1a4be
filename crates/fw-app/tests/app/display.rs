//! A display's hub (the wallboard): it reads the team's routing plan from the store and
//! shows it, and writes nothing there, whatever the plan holds.

use std::fmt::Write as _;
use std::time::Duration;

use fw_app::{MonitorError, MonitorRequest, RoutingError, RoutingRequest};
use fw_domain::{RoutingMode, RoutingScope, SupervisorId, Timestamp, Topology};
use fw_routing::astdb::encode_record;
use fw_routing::{ActiveMode, Actor, ModeId, Reason};
use fw_sim::{SimConfig, Simulator};
use fw_store::{RoutingPlanRecord, Store};
use fw_survey::{SurveyFilter, SurveySort};

use crate::monitoring::{PRESENT, frame_where, small_centre_vars};

const TEAM: &str = r#"
    [[user]]
    name = "zhao"
    role = "night_shift_lead"
"#;

fn mode(id: u64, mode: RoutingMode, reason: &str, revert_at: Option<Timestamp>) -> ActiveMode {
    ActiveMode {
        id: ModeId(id),
        mode,
        reason: Reason::new(reason).unwrap(),
        activated_by: Actor::new(SupervisorId(1), "赵敏"),
        activated_at: PRESENT.plus_ms(-600_000),
        revert_at,
        approved_by: None,
    }
}

/// Saves a plan as a supervisor's console would have: one mode in force and one whose
/// revert time has passed but that nobody has recorded as reverted yet.
async fn save_plan(store: &Store, topology: &Topology) -> ActiveMode {
    let east = topology.sites.iter().find(|s| s.name == "east").unwrap().id;
    let failover = mode(
        1,
        RoutingMode::SiteFailover { site: east },
        "typhoon: east site flooded",
        Some(PRESENT.plus_ms(7_200_000)),
    );
    let expired = mode(
        2,
        RoutingMode::NightMode {
            scope: RoutingScope::Centre,
        },
        "early night plan",
        Some(PRESENT.plus_ms(-60_000)),
    );
    // The store's text: one `<id>\t<record>` line per mode, as fw-app writes it.
    let mut modes = String::new();
    for mode in [&failover, &expired] {
        let record = encode_record(mode, topology).unwrap();
        writeln!(modes, "{}\t{record}", mode.id.0).unwrap();
    }
    let record = RoutingPlanRecord {
        version: 1,
        next_mode_id: 3,
        modes,
        updated_at_ms: PRESENT.0,
        updated_by: "zhao".into(),
    };
    assert!(store.replace_routing_plan(0, &record).await.unwrap());
    failover
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_display_shows_the_plan_in_force_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("fw-app-display-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team_file = dir.join("team.toml");
    std::fs::write(&team_file, TEAM).unwrap();
    let db_url = format!("sqlite://{}", dir.join("floorwalker.db").display());
    let store = Store::open(&db_url).await.unwrap();
    let topology = Simulator::new(SimConfig::new(1, 50, PRESENT))
        .unwrap()
        .topology()
        .clone();
    let failover = save_plan(&store, &topology).await;

    let mut vars = small_centre_vars(&team_file, &db_url);
    // Calls end (and surveys come in) within the test's few seconds.
    vars.push(("FLOORWALKER_SIM_SPEED", "20".to_string()));
    let config = fw_app::AppConfig::from_vars(vars.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
    let display = fw_app::start_display_hub(&config, PRESENT).await.unwrap();
    let mut frames = display.frames();
    let live = frame_where(&mut frames, |l| l.routing.known && l.frame.is_some()).await;
    assert_eq!(live.routing.version, 1);
    // The expired mode is not shown, though nobody has recorded its revert.
    assert_eq!(live.routing.active, [failover]);

    // It acts for nobody, not even a user the team file names.
    let call = fw_domain::CallId(1);
    assert_eq!(
        display
            .monitor("zhao", MonitorRequest::Start { call })
            .await,
        Err(MonitorError::NotAvailable)
    );
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    let change = RoutingRequest::Activate {
        mode: night,
        reason: "storm over the city".into(),
        revert_at: None,
    };
    assert_eq!(
        display.change_routing("zhao", change, 1).await,
        Err(RoutingError::NotAvailable)
    );
    assert!(display.team().users.is_empty());

    // Several polls and many simulated minutes later the store is as it was.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let live = frame_where(&mut frames, |l| l.frame.is_some()).await;
    assert_eq!(live.routing.version, 1, "no revert recorded");
    assert_eq!(store.routing_plan_version().await.unwrap(), 1);
    assert!(store.users().await.unwrap().is_empty(), "no users imported");
    assert!(
        store.audit_page(None, 10).await.unwrap().is_empty(),
        "no audit records"
    );
    let surveys = store
        .survey_page(&SurveyFilter::default(), SurveySort::Newest, 0, 10)
        .await
        .unwrap();
    assert_eq!(surveys.total, 0, "no surveys stored");

    drop(display);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_display_without_its_store_says_so() {
    let dir = std::env::temp_dir().join(format!("fw-app-display-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team_file = dir.join("team.toml");
    std::fs::write(&team_file, TEAM).unwrap();
    // A file where the store's folder should be: the store cannot be opened.
    let db_url = format!("sqlite://{}", team_file.join("floorwalker.db").display());
    let vars = small_centre_vars(&team_file, &db_url);
    let config = fw_app::AppConfig::from_vars(vars.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
    let error = fw_app::start_display_hub(&config, PRESENT)
        .await
        .unwrap_err();
    assert!(matches!(error, fw_app::StartError::Store(_)), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}
