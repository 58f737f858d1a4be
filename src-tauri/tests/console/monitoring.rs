//! End-to-end monitoring through the real console: listen on a live simulated call, escalate
//! to whisper, see a colleague's barge and ours refused, stop, read the audit trail and export
//! it; then the console again as a read-only user, whose attempt is refused and audited.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::webdriver::{Driver, Session};
use crate::{e2e_enabled, wait_for};

const TEAM: &str = r#"
[[user]]
name = "alice"
display_name = "Alice Wang"
role = "floor_supervisor"
endpoint = "PJSIP/9001"

[[user]]
name = "board"
role = "wallboard"
"#;

/// A folder of this test's own (team file, store, home for the export).
fn scratch() -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("floorwalker-e2e-monitoring-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("home")).expect("a scratch folder");
    std::fs::write(dir.join("team.toml"), TEAM).expect("the team file");
    dir
}

fn launch(dir: &Path, user: &str) -> (Driver, Session) {
    let team = dir.join("team.toml").display().to_string();
    let db = format!("sqlite://{}", dir.join("store.db").display());
    let home = dir.join("home").display().to_string();
    let driver = Driver::start(&[
        ("FLOORWALKER_SIM_SPEED", "3"),
        ("FLOORWALKER_SIM_AGENTS", "300"),
        ("FLOORWALKER_SIM_WARMUP_HOURS", "1"),
        ("FLOORWALKER_TEAM_FILE", team.as_str()),
        ("FLOORWALKER_DB_URL", db.as_str()),
        ("FLOORWALKER_USER", user),
        ("HOME", home.as_str()),
        ("XDG_DOWNLOAD_DIR", home.as_str()),
    ]);
    let session = Session::create(&driver, env!("CARGO_BIN_EXE_floorwalker"));
    wait_for(Duration::from_mins(1), "the link to show connected", || {
        session
            .text("[data-testid=link-state]")
            .filter(|t| t.to_lowercase().contains("connected") || t.contains("已连接"))
    });
    // English, so the assertions read the words a user would.
    session.run(
        "localStorage.setItem('floorwalker.locale', 'en'); location.reload(); return true;",
        &[],
    );
    wait_for(Duration::from_secs(30), "the page to reload", || {
        session
            .text("[data-testid=nav-calls]")
            .filter(|t| t == "Live calls")
    });
    (driver, session)
}

/// The newest connected call that nobody monitors yet (the most talk time left).
fn a_fresh_talking_call(session: &Session) -> u64 {
    wait_for(
        Duration::from_mins(1),
        "a talking call with a Listen button",
        || {
            session
            .run(
                "const rows = [...document.querySelectorAll('[data-testid=call-row][data-phase=talking]')]
                   .filter(r => r.querySelectorAll('[data-testid=monitor-chip]').length === 0);
                 const last = rows[rows.length - 1];
                 return last ? Number(last.dataset.call) : null;",
                &[],
            )
            .as_u64()
        },
    )
}

fn mode_shown(session: &Session) -> Option<String> {
    session.attribute("[data-testid=monitor-bar]", "data-mode")
}

#[test]
fn a_supervisor_listens_whispers_is_refused_a_taken_barge_and_the_trail_shows_it() {
    if !e2e_enabled() {
        return;
    }
    let dir = scratch();
    as_the_supervisor(&dir);
    as_a_read_only_user(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Listen, whisper, a colleague's barge and ours refused, stop; the audit view and export.
fn as_the_supervisor(dir: &Path) {
    let (driver, session) = launch(dir, "alice");
    wait_for(Duration::from_secs(15), "the signed-in role", || {
        session
            .text("[data-testid=user-role]")
            .filter(|r| r == "Floor supervisor")
    });
    assert_eq!(mode_shown(&session).as_deref(), Some("idle"));

    session.press("2", true, false);
    wait_for(Duration::from_secs(10), "the live-calls view", || {
        session
            .run(
                "return !document.querySelector('[data-testid=calls-view]').hidden;",
                &[],
            )
            .as_bool()
            .filter(|shown| *shown)
    });
    // Caller numbers are visible to a floor supervisor (not masked).
    let call = a_fresh_talking_call(&session);
    let row = format!("[data-testid=call-row][data-call=\"{call}\"]");
    assert!(session.click(&format!("{row} [data-testid=listen]")));

    // What the platform did, not what was asked: listen shows once the phone has answered.
    wait_for(Duration::from_secs(30), "the bar to say listening", || {
        mode_shown(&session).filter(|m| m == "listen")
    });
    let bar = session
        .content("[data-testid=monitor-mode]")
        .unwrap_or_default();
    assert!(bar.contains("LISTENING"), "the mode is in words: {bar:?}");
    let chip = wait_for(Duration::from_secs(10), "the call's monitor chip", || {
        session.content(&format!("{row} [data-testid=monitor-chip][data-mine=true]"))
    });
    assert!(
        chip.contains("Alice Wang") && chip.contains("Listen"),
        "the call shows who monitors it and how: {chip:?}"
    );

    session.press("W", false, true);
    wait_for(Duration::from_secs(30), "whisper", || {
        mode_shown(&session).filter(|m| m == "whisper")
    });

    // A colleague at another console barges in (the simulator's training scenario).
    assert!(session.click(&format!("{row} [data-testid=train-barge]")));
    wait_for(
        Duration::from_secs(30),
        "the colleague's barge on the call",
        || {
            session
                .content(&format!(
                    "{row} [data-testid=monitor-chip][data-mode=barge]"
                ))
                .filter(|chip| chip.contains("Colleague"))
        },
    );
    assert!(session.click("[data-testid=monitor-barge]"));
    let refusal = wait_for(Duration::from_secs(15), "the refusal", || {
        session
            .content(".notice")
            .filter(|t| t.contains("already barged"))
    });
    eprintln!("refusal shown: {refusal}");
    assert_eq!(
        mode_shown(&session).as_deref(),
        Some("whisper"),
        "still whispering"
    );
    screenshot(&session, "console-calls.png");

    assert!(session.click("[data-testid=monitor-stop]"));
    wait_for(Duration::from_secs(30), "the bar to go idle", || {
        mode_shown(&session).filter(|m| m == "idle")
    });
    assert!(
        session.count(&row) == 1,
        "stopping ends the supervisor's leg only: the call goes on"
    );

    read_the_trail_and_export(&session, dir);
    screenshot(&session, "console-monitoring.png");
    drop(session);
    drop(driver);
}

/// The audit view lists every step, the refusal included, and exports it as CSV.
fn read_the_trail_and_export(session: &Session, dir: &Path) {
    session.press("3", true, false);
    let actions = wait_for(Duration::from_secs(15), "the audit rows", || {
        let actions = session.run(
            "return [...document.querySelectorAll('[data-testid=audit-row]')].map(r => r.dataset.action + ':' + r.dataset.outcome);",
            &[],
        );
        let list: Vec<String> = actions
            .as_array()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        (list.len() >= 4).then_some(list)
    });
    for expected in [
        "monitor.start:allowed",
        "monitor.mode:allowed",
        "monitor.mode:denied",
        "monitor.stop:allowed",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    assert!(session.click("[data-testid=audit-export]"));
    let saved = wait_for(Duration::from_secs(15), "the export notice", || {
        session.content(".notice").filter(|t| t.contains("Saved"))
    });
    let csv = find_csv(&dir.join("home")).unwrap_or_else(|| panic!("no CSV written ({saved})"));
    let text = std::fs::read_to_string(&csv).expect("the CSV reads");
    assert!(text.starts_with("id,time_utc,user,role,action"));
    assert!(
        text.contains("monitor.mode,denied,another supervisor is already barged into this call")
    );
}

fn as_a_read_only_user(dir: &Path) {
    // The wallboard role: the attempt (by keyboard, where no button is hidden) is refused
    // by fw-app and audited; their audit view shows only their own records.
    let (driver, session) = launch(dir, "board");
    session.press("2", true, false);
    let call = a_fresh_talking_call(&session);
    assert_eq!(
        session.count("[data-testid=listen]:not([hidden])"),
        0,
        "no Listen buttons for a read-only role"
    );
    assert!(session.click(&format!("[data-testid=call-row][data-call=\"{call}\"]")));
    session.press("Enter", false, false);
    let refusal = wait_for(Duration::from_secs(15), "the refusal", || {
        session
            .content(".notice")
            .filter(|t| t.contains("Your role may not do this"))
    });
    eprintln!("read-only refusal: {refusal}");
    let masked = session
        .run("return [...document.querySelectorAll('[data-testid=call-row] td:nth-child(2)')].map(c => c.textContent);", &[]);
    assert!(
        masked.as_array().is_some_and(|cells| cells.iter().all(|c| c
            .as_str()
            .is_some_and(|n| n.is_empty() || n == "—" || n.contains('*')))),
        "caller numbers are masked for this role: {masked}"
    );
    session.press("3", true, false);
    let own = wait_for(Duration::from_secs(15), "the audit rows", || {
        let users = session.run(
            "return [...document.querySelectorAll('[data-testid=audit-row] td:nth-child(2)')].map(c => c.textContent);",
            &[],
        );
        users.as_array().filter(|u| !u.is_empty()).cloned()
    });
    assert!(
        own.iter().all(|u| u == &json!("board")),
        "only their own records: {own:?}"
    );
    drop(session);
    drop(driver);
}

fn find_csv(dir: &Path) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_csv(&path) {
                return Some(found);
            }
        } else if path.extension().is_some_and(|e| e == "csv") {
            return Some(path);
        }
    }
    None
}

fn screenshot(session: &Session, name: &str) {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/artifacts");
    std::fs::create_dir_all(folder).ok();
    session.screenshot(&format!("{folder}/{name}"));
}
