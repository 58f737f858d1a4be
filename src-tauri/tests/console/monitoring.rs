//! End-to-end monitoring through the real console: listen on a live simulated call, escalate
//! to whisper, see a colleague's barge and ours refused, stop, read the audit trail and export
//! it; then the console again as a read-only user, whose attempt is refused and audited.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::launch::{
    Pick, Run, a_talking_call, call_row, launch, mode_shown, open_the_calls, read_the_trail,
    screenshot,
};
use crate::wait_for;
use crate::webdriver::Session;

#[test]
fn a_supervisor_listens_whispers_is_refused_a_taken_barge_and_the_trail_shows_it() {
    let Some(run) = Run::begin("monitoring") else {
        return;
    };
    as_the_supervisor(&run.dir);
    as_a_read_only_user(&run.dir);
}

/// Listen, whisper, a colleague's barge and ours refused, stop; the audit view and export.
fn as_the_supervisor(dir: &Path) {
    let (driver, session) = launch(dir, "alice", &[]);
    wait_for(Duration::from_secs(15), "the signed-in role", || {
        session
            .text("[data-testid=user-role]")
            .filter(|r| r == "Floor supervisor")
    });
    assert_eq!(mode_shown(&session).as_deref(), Some("idle"));

    open_the_calls(&session);
    // Caller numbers are visible to a floor supervisor (not masked).
    let call = a_talking_call(&session, Pick::Newest, &[]);
    let row = call_row(call);
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
    let expected = [
        ("monitor.start", "allowed"),
        ("monitor.mode", "allowed"),
        ("monitor.mode", "denied"),
        ("monitor.stop", "allowed"),
    ];
    let rows = read_the_trail(session, |rows| {
        expected
            .iter()
            .all(|(action, outcome)| rows.iter().any(|r| r.is(action, outcome)))
    });
    for (action, outcome) in expected {
        assert!(
            rows.iter().any(|r| r.is(action, outcome)),
            "{action}:{outcome} in {rows:?}"
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
    let (driver, session) = launch(dir, "board", &[]);
    open_the_calls(&session);
    let call = a_talking_call(&session, Pick::Newest, &[]);
    assert_eq!(
        session.count("[data-testid=listen]:not([hidden])"),
        0,
        "no Listen buttons for a read-only role"
    );
    assert!(session.click(&call_row(call)));
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
    session.press("6", true, false);
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
