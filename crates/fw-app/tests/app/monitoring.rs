//! Monitoring end to end through the hub: the desk's rules, the simulated platform's
//! answers, and the audit trail in a real SQLite store. Real time (sped-up simulator): the
//! store works on threads that a paused test clock would starve.

use std::sync::Arc;
use std::time::Duration;

use fw_app::{
    Hub, LiveFrame, MonitorDenial, MonitorDesk, MonitorError, MonitorRequest, Monitoring,
    Permission, Role, Team,
};
use fw_connect::{SimConnector, SimConnectorConfig};
use fw_domain::{CallPhase, MonitorMode, Timestamp};
use fw_engine::EngineConfig;
use fw_sim::SimConfig;
use fw_store::{AuditOutcome, Store};
use tokio::sync::watch;

/// 2026-11-22 10:00 in Shanghai.
pub const PRESENT: Timestamp = Timestamp(1_795_312_800_000);

const TEAM: &str = r#"
    [[user]]
    name = "li"
    role = "floor_supervisor"
    endpoint = "PJSIP/9001"
    [[user]]
    name = "qm"
    role = "quality_manager"
    endpoint = "PJSIP/9003"
    [[user]]
    name = "board"
    role = "wallboard"
"#;

fn hub_with_audit(store: Store) -> Hub {
    hub_with_team(store, TEAM)
}

/// A hub on a sped-up simulator whose monitoring desk knows the team in `team` (TOML).
pub fn hub_with_team(store: Store, team: &str) -> Hub {
    let mut sim = SimConfig::new(9, 200, PRESENT.plus_ms(-1_800_000));
    // Twenty simulated seconds per real second: a phone answers in a fraction of a second.
    sim.speed = 20.0;
    let connector = SimConnector::new(SimConnectorConfig {
        sim,
        present: PRESENT,
        tick: Duration::from_millis(50),
    })
    .unwrap();
    let monitoring = Monitoring {
        desk: MonitorDesk::new(Team::parse(team, "team.toml").unwrap()),
        audit: store,
    };
    Hub::start_with(connector, EngineConfig::default(), Some(monitoring))
}

pub async fn frame_where(
    frames: &mut watch::Receiver<Arc<LiveFrame>>,
    what: impl Fn(&LiveFrame) -> bool,
) -> Arc<LiveFrame> {
    let wait = async {
        loop {
            {
                let live = frames.borrow_and_update().clone();
                if what(&live) {
                    return live;
                }
            }
            frames.changed().await.expect("the hub is running");
        }
    };
    tokio::time::timeout(Duration::from_secs(30), wait)
        .await
        .expect("the frame came within 30 s")
}

/// A call an agent is talking on, once the hub has one.
pub async fn a_talking_call(frames: &mut watch::Receiver<Arc<LiveFrame>>) -> fw_domain::LiveCall {
    let talking = |c: &&fw_domain::LiveCall| c.phase == CallPhase::Talking;
    let live = frame_where(frames, |l| l.calls.iter().any(|c| talking(&c))).await;
    live.calls.iter().find(talking).unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listen_whisper_stop_and_refusals_are_carried_out_and_audited() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_audit(store.clone());
    let mut frames = hub.frames();
    let call = a_talking_call(&mut frames).await;

    // The wallboard role may not listen; the refusal is typed and plain.
    let refused = hub
        .monitor("board", MonitorRequest::Start { call: call.call })
        .await;
    assert_eq!(
        refused,
        Err(MonitorError::Denied(MonitorDenial::NotPermitted {
            role: Role::Wallboard,
            permission: Permission::Listen
        }))
    );

    let session = hub
        .monitor("li", MonitorRequest::Start { call: call.call })
        .await
        .expect("a floor supervisor may listen");
    // The console shows what the platform did: the session appears once the phone answered.
    frame_where(&mut frames, |l| {
        l.monitors
            .iter()
            .any(|m| m.session == session && m.mode == MonitorMode::Listen)
    })
    .await;
    hub.monitor(
        "li",
        MonitorRequest::ChangeMode {
            session,
            mode: MonitorMode::Whisper,
        },
    )
    .await
    .unwrap();
    frame_where(&mut frames, |l| {
        l.monitors
            .iter()
            .any(|m| m.session == session && m.mode == MonitorMode::Whisper)
    })
    .await;
    // The quality manager may not touch Li's session.
    let theirs = hub.monitor("qm", MonitorRequest::Stop { session }).await;
    assert_eq!(
        theirs,
        Err(MonitorError::Denied(MonitorDenial::NotYourSession(session)))
    );
    hub.monitor("li", MonitorRequest::Stop { session })
        .await
        .unwrap();
    frame_where(&mut frames, |l| {
        l.monitors.iter().all(|m| m.session != session)
    })
    .await;

    // Every attempt is in the chained trail, newest first, with who, role, call and mode.
    let trail = store.audit_page(None, 100).await.unwrap();
    let summary: Vec<(String, String, String, Option<String>)> = trail
        .iter()
        .rev()
        .map(|r| {
            (
                r.entry.user.clone(),
                r.entry.action.clone(),
                r.entry.outcome.as_str().to_string(),
                r.entry.mode.clone(),
            )
        })
        .collect();
    let row = |user: &str, action: &str, outcome: &str, mode: Option<&str>| {
        (
            user.to_string(),
            action.to_string(),
            outcome.to_string(),
            mode.map(str::to_string),
        )
    };
    assert_eq!(
        summary,
        vec![
            row("board", "monitor.start", "denied", Some("listen")),
            row("li", "monitor.start", "allowed", Some("listen")),
            row("li", "monitor.mode", "allowed", Some("whisper")),
            row("qm", "monitor.stop", "denied", None),
            row("li", "monitor.stop", "allowed", None),
        ]
    );
    let start = &trail[trail.len() - 2].entry;
    assert_eq!(start.role, "floor_supervisor");
    assert_eq!(start.call, Some(call.call.0));
    assert_eq!(start.agent, call.agent.map(|a| a.0));
    assert_eq!(start.queue, call.queue.map(|q| q.0));
    assert!(
        matches!(&trail[trail.len() - 1].entry.outcome, AuditOutcome::Denied { reason } if reason.contains("wallboard"))
    );
    assert!(store.verify_audit().await.unwrap().is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_working_audit_trail_nobody_listens() {
    let store = Store::open("sqlite::memory:").await.unwrap();
    let hub = hub_with_audit(store.clone());
    let mut frames = hub.frames();
    let call = a_talking_call(&mut frames).await.call;
    store.close().await;
    let result = hub.monitor("li", MonitorRequest::Start { call }).await;
    assert!(
        matches!(result, Err(MonitorError::AuditUnavailable(_))),
        "{result:?}"
    );
    // And nothing reached the platform: no session appears.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(frames.borrow().monitors.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_hub_reads_the_team_file_and_copies_the_team_into_the_store() {
    let dir = std::env::temp_dir().join(format!("fw-app-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team_file = dir.join("team.toml");
    std::fs::write(&team_file, TEAM).unwrap();
    let db_url = format!("sqlite://{}", dir.join("floorwalker.db").display());
    let hub = supervisor_hub_from_files(&team_file, &db_url).await;
    let store = Store::open(&db_url).await.unwrap();
    let users: Vec<(String, String)> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.role))
        .collect();
    assert!(
        users.contains(&("li".to_string(), "floor_supervisor".to_string())),
        "{users:?}"
    );
    assert_eq!(users.len(), 3);
    // A display-only hub refuses monitoring outright.
    let vars = small_centre_vars(&team_file, &db_url);
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let config = fw_app::AppConfig::from_vars(vars.iter().copied()).unwrap();
    let display = fw_app::start_hub(&config, PRESENT).unwrap();
    let refused = display
        .monitor(
            "li",
            MonitorRequest::Start {
                call: fw_domain::CallId(1),
            },
        )
        .await;
    assert_eq!(refused, Err(MonitorError::NotAvailable));
    // A broken team file is a clear error, not a silent empty team.
    std::fs::write(&team_file, "[[user]]\nname = \"x\"\nrole = \"boss\"\n").unwrap();
    let config = fw_app::AppConfig::from_vars(vars.iter().copied()).unwrap();
    let error = fw_app::start_supervisor_hub(&config, PRESENT)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("team.toml") && error.contains("boss"),
        "{error}"
    );
    drop(hub);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The settings of a small simulated centre with a team file and a SQLite store.
pub fn small_centre_vars(team_file: &std::path::Path, db_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("FLOORWALKER_SIM_AGENTS", "50".to_string()),
        ("FLOORWALKER_SIM_WARMUP_HOURS", "0".to_string()),
        ("FLOORWALKER_TEAM_FILE", team_file.display().to_string()),
        ("FLOORWALKER_DB_URL", db_url.to_string()),
    ]
}

/// A supervisor's hub started the way the console starts one: from a team file and a store.
pub async fn supervisor_hub_from_files(team_file: &std::path::Path, db_url: &str) -> Hub {
    let vars = small_centre_vars(team_file, db_url);
    let config = fw_app::AppConfig::from_vars(vars.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
    fw_app::start_supervisor_hub(&config, PRESENT)
        .await
        .unwrap()
}
