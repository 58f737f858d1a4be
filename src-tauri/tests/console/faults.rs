//! End-to-end monitoring faults through the real console: the monitored call ends under the
//! supervisor, the supervisor's phone never answers, and the store (the audit trail) is gone
//! when a supervisor asks to listen.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::launch::{
    AuditRow, Pick, Run, a_talking_call, call_row, launch, mode_shown, open_the_calls,
    read_the_trail, screenshot,
};
use crate::wait_for;
use crate::webdriver::{Session, free_port};

/// Selects any monitor chip of the user's own, on any call.
const MY_CHIP: &str = "[data-testid=monitor-chip][data-mine=true]";

/// The notice the console shows when a session the user asked for is over without their
/// stop: the platform's reason in words (the call ended, the phone did not answer), or,
/// without a report, that it ended and the trail says why.
fn ended_notice(session: &Session, call: u64) -> Option<String> {
    session.content(".notice").filter(|t| {
        t.contains(&format!("Call {call} ended, and your monitoring with it"))
            || t.contains("did not answer, so you are not listening")
            || t.contains(&format!("Your monitoring of call {call} ended"))
    })
}

/// The bar back at idle, with the notice that the session on `call` ended.
fn idle_with_ended_notice(session: &Session, call: u64) -> Option<String> {
    let notice = ended_notice(session, call)?;
    (mode_shown(session).as_deref() == Some("idle")).then_some(notice)
}

fn on_call(rows: &[AuditRow], call: u64, action: &str, outcome: &str) -> Option<usize> {
    let call = call.to_string();
    rows.iter()
        .position(|r| r.is(action, outcome) && r.call == call)
}

#[test]
fn the_call_ends_while_a_supervisor_listens() {
    let Some(run) = Run::begin("faults-call-ends") else {
        return;
    };
    // Fifteen simulated seconds a second: the longest-running call ends within a minute or
    // so, and the console still keeps up.
    let (driver, session) = launch(&run.dir, "alice", &[("FLOORWALKER_SIM_SPEED", "15")]);
    open_the_calls(&session);

    // The call talking longest is the likeliest to end soon; it may even end before the
    // phone has answered, and then the next one is tried.
    let mut tried = Vec::new();
    let call = loop {
        assert!(
            tried.len() < 5,
            "no call stayed up until listening started: {tried:?}"
        );
        let call = a_talking_call(&session, Pick::Oldest, &tried);
        tried.push(call);
        let row = call_row(call);
        if !session.click(&format!("{row} [data-testid=listen]")) {
            continue;
        }
        let listening = wait_for(
            Duration::from_mins(1),
            "listening to start (or the call to end first)",
            || {
                if mode_shown(&session).as_deref() == Some("listen") {
                    return Some(true);
                }
                let gone = session.count(&row) == 0 || ended_notice(&session, call).is_some();
                (gone && mode_shown(&session).as_deref() == Some("idle")).then_some(false)
            },
        );
        if listening {
            break call;
        }
        eprintln!("call {call} ended before listening started; trying another");
    };
    let row = call_row(call);
    wait_for(Duration::from_secs(10), "our chip on the call", || {
        session.content(&format!("{row} {MY_CHIP}"))
    });
    let listening_since = Instant::now();

    let notice = wait_for(
        Duration::from_mins(5),
        "the call to end and the bar to go idle",
        || idle_with_ended_notice(&session, call),
    );
    eprintln!(
        "call {call} ended {:?} after listening started: {notice}",
        listening_since.elapsed()
    );
    assert!(
        notice.contains(&format!("Call {call} ended, and your monitoring with it")),
        "the notice gives the platform's reason: {notice:?}"
    );
    assert_eq!(
        session.content("[data-testid=monitor-mode]").as_deref(),
        Some("Not monitoring")
    );
    assert_eq!(session.count(MY_CHIP), 0, "no chip of ours on any call");
    screenshot(&session, "console-fault-call-ended.png");

    let rows = read_the_trail(&session, |rows| {
        on_call(rows, call, "monitor.end", "allowed").is_some()
    });
    let end = on_call(&rows, call, "monitor.end", "allowed")
        .unwrap_or_else(|| panic!("monitor.end allowed on call {call} in {rows:?}"));
    assert!(
        rows[end].detail.contains("the call ended"),
        "the end says why: {:?}",
        rows[end]
    );
    assert!(
        on_call(&rows, call, "monitor.start", "allowed").is_some_and(|start| start > end),
        "monitor.start allowed on call {call}, before the end (newest first): {rows:?}"
    );
    assert!(
        !rows.iter().any(|r| r.action == "monitor.stop"),
        "nobody pressed Stop: {rows:?}"
    );
    drop(session);
    drop(driver);
}

#[test]
fn the_supervisors_phone_does_not_answer() {
    let Some(run) = Run::begin("faults-no-answer") else {
        return;
    };
    // Dave's phone (PJSIP/NoAnswer-9009) never answers; the simulated platform gives up
    // after 30 simulated seconds, ten real ones at the default speed.
    let (driver, session) = launch(&run.dir, "dave", &[]);
    // The newest call has the most talk time left, but now and then one ends within the
    // half-minute the phone rings: then its session ends with the call, and another is tried.
    let mut tried = Vec::new();
    let (call, rows) = loop {
        assert!(
            tried.len() < 3,
            "every call ended while the phone rang: {tried:?}"
        );
        open_the_calls(&session);
        let call = a_talking_call(&session, Pick::Newest, &tried);
        tried.push(call);
        let rows = ring_until_the_console_gives_up(&session, call);
        if on_call(&rows, call, "monitor.end", "failed").is_none()
            && on_call(&rows, call, "monitor.end", "allowed").is_some()
        {
            eprintln!("call {call} ended while the phone rang; trying another");
            continue;
        }
        break (call, rows);
    };
    let end = on_call(&rows, call, "monitor.end", "failed")
        .unwrap_or_else(|| panic!("monitor.end failed on call {call} in {rows:?}"));
    assert!(
        rows[end]
            .detail
            .contains("the supervisor's phone did not answer"),
        "the end says why: {:?}",
        rows[end]
    );
    assert!(
        on_call(&rows, call, "monitor.start", "allowed").is_some_and(|start| start > end),
        "monitor.start allowed on call {call}, before the end (newest first): {rows:?}"
    );
    drop(session);
    drop(driver);
}

/// Clicks Listen on `call` with a phone that never answers: the bar rings, then gives up with
/// the notice. Returns the audit trail once it holds the session's end.
fn ring_until_the_console_gives_up(session: &Session, call: u64) -> Vec<AuditRow> {
    let row = call_row(call);
    assert!(session.click(&format!("{row} [data-testid=listen]")));
    let ringing = wait_for(Duration::from_secs(30), "the bar to say ringing", || {
        (mode_shown(session).as_deref() == Some("ringing"))
            .then(|| session.content("[data-testid=monitor-mode]"))
            .flatten()
    });
    let ringing_since = Instant::now();
    assert!(
        ringing.contains("Ringing your phone PJSIP/NoAnswer-9009"),
        "the bar names the phone it rings: {ringing:?}"
    );
    assert_eq!(
        session.count(MY_CHIP),
        0,
        "a phone still ringing monitors nothing"
    );
    screenshot(session, "console-fault-ringing.png");

    // The platform gives up on the phone (30 simulated seconds) unless the call ends first;
    // either way the bar goes back to idle with the platform's reason in words.
    let notice = wait_for(
        Duration::from_mins(2),
        "the bar to give up on the phone",
        || idle_with_ended_notice(session, call),
    );
    eprintln!("the bar rang for {:?}: {notice}", ringing_since.elapsed());
    assert!(
        notice.contains("Your phone PJSIP/NoAnswer-9009 did not answer")
            || notice.contains(&format!("Call {call} ended")),
        "the notice gives the platform's reason: {notice:?}"
    );
    assert_eq!(session.count(MY_CHIP), 0, "no chip of ours on any call");
    read_the_trail(session, |rows| {
        on_call(rows, call, "monitor.end", "failed").is_some()
            || on_call(rows, call, "monitor.end", "allowed").is_some()
    })
}

#[test]
fn monitoring_is_refused_while_the_store_is_unavailable() {
    let Some(run) = Run::begin("faults-store") else {
        return;
    };
    let postgres = PrivatePostgres::start();
    let (driver, session) = launch(
        &run.dir,
        "alice",
        &[("FLOORWALKER_DB_URL", postgres.url.as_str())],
    );
    open_the_calls(&session);
    let call = a_talking_call(&session, Pick::Newest, &[]);
    let row = call_row(call);

    postgres.stop();
    let asked = Instant::now();
    assert!(session.click(&format!("{row} [data-testid=listen]")));
    let refusal = wait_for(Duration::from_mins(1), "the refusal", || {
        session
            .content(".notice")
            .filter(|t| t.contains("The audit trail cannot be written, so monitoring is refused."))
    });
    eprintln!("refused after {:?}: {refusal}", asked.elapsed());
    assert!(refusal.starts_with("Refused:"), "{refusal:?}");
    assert_eq!(mode_shown(&session).as_deref(), Some("idle"));
    screenshot(&session, "console-fault-store.png");

    // Nothing rings and nothing starts: a few calls-list updates later, still nothing.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(mode_shown(&session).as_deref(), Some("idle"));
    assert_eq!(
        session.count(&format!("{row} {MY_CHIP}")),
        0,
        "no chip of ours on the call"
    );
    assert_eq!(session.count(MY_CHIP), 0, "no chip of ours on any call");
    eprintln!(
        "link after the refusal: {:?}",
        session.text("[data-testid=link-state]")
    );
    drop(session);
    drop(driver);
}

/// A PostgreSQL cluster of this test's own (`scripts/pg-test.sh` with its own folder under
/// target/ and a free port, never the suite's), on 127.0.0.1; stopped and removed on drop,
/// a panic included.
struct PrivatePostgres {
    dir: PathBuf,
    port: u16,
    url: String,
}

impl PrivatePostgres {
    fn start() -> PrivatePostgres {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the repository");
        let mut cluster = PrivatePostgres {
            dir: repo
                .join("target")
                .join(format!("pg-e2e-faults-{}", std::process::id())),
            port: free_port(),
            url: String::new(),
        };
        // Left over by a run that could not clean up: not ours to reuse.
        if cluster.dir.exists() {
            let _ = cluster.script("stop");
            let _ = std::fs::remove_dir_all(&cluster.dir);
        }
        let started = cluster.script("start");
        assert!(started.status.success(), "scripts/pg-test.sh start failed");
        String::from_utf8_lossy(&started.stdout)
            .trim()
            .clone_into(&mut cluster.url);
        assert!(
            cluster
                .url
                .starts_with(&format!("postgres://postgres@127.0.0.1:{}/", cluster.port)),
            "a cluster on 127.0.0.1:{}, not {:?}",
            cluster.port,
            cluster.url
        );
        cluster
    }

    fn script(&self, verb: &str) -> Output {
        Command::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scripts/pg-test.sh"
        ))
        .arg(verb)
        .env("FLOORWALKER_TEST_PG_DIR", &self.dir)
        .env("FLOORWALKER_TEST_PG_PORT", self.port.to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("scripts/pg-test.sh runs")
    }

    /// Stops the server (a fast shutdown: open connections are cut).
    fn stop(&self) {
        let stopped = self.script("stop");
        assert!(stopped.status.success(), "scripts/pg-test.sh stop failed");
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self.script("stop");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
