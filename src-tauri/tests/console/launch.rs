//! What the monitoring tests share: a scratch folder with a team file, the console launched
//! as a team user on the simulator, and the calls, monitoring bar and audit trail as a user
//! reads them.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::webdriver::{Driver, Session};
use crate::{e2e_enabled, wait_for};

/// The team every test signs in from: a floor supervisor, one whose phone never answers (the
/// simulator's `noanswer` endpoints), a read-only wallboard user, a night-shift lead, and
/// three quality managers (the blind scoring's raters).
const TEAM: &str = r#"
[[user]]
name = "alice"
display_name = "Alice Wang"
role = "floor_supervisor"
endpoint = "PJSIP/9001"

[[user]]
name = "dave"
display_name = "Dave Zhou"
role = "floor_supervisor"
endpoint = "PJSIP/NoAnswer-9009"

[[user]]
name = "board"
role = "wallboard"

[[user]]
name = "nora"
display_name = "Nora Li"
role = "night_shift_lead"

[[user]]
name = "quinn"
display_name = "Quinn Zhang"
role = "quality_manager"

[[user]]
name = "rita"
display_name = "Rita Chen"
role = "quality_manager"

[[user]]
name = "sam"
display_name = "Sam Liu"
role = "quality_manager"
"#;

/// One console at a time: each one runs a simulated centre and a WebKit view, and a machine
/// with two cores cannot keep up with several at once (cargo runs tests in parallel).
pub fn one_console_at_a_time() -> MutexGuard<'static, ()> {
    static CONSOLE: Mutex<()> = Mutex::new(());
    CONSOLE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One end-to-end test's run: its turn (one console at a time) and a scratch folder of its
/// own (team file, store, home for exports). On drop it says how long it took and removes
/// the folder, unless the test failed (the folder is then left to look at).
pub struct Run {
    pub dir: PathBuf,
    name: &'static str,
    started: Instant,
    _turn: MutexGuard<'static, ()>,
}

impl Run {
    /// `None` (the test passes without running) unless end-to-end tests are enabled.
    pub fn begin(name: &'static str) -> Option<Run> {
        if !e2e_enabled() {
            return None;
        }
        let turn = one_console_at_a_time();
        let dir =
            std::env::temp_dir().join(format!("floorwalker-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("home")).expect("a scratch folder");
        std::fs::write(dir.join("team.toml"), TEAM).expect("the team file");
        Some(Run {
            dir,
            name,
            started: Instant::now(),
            _turn: turn,
        })
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "{}: failed; its files are in {}",
                self.name,
                self.dir.display()
            );
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        eprintln!("{}: {:?}", self.name, self.started.elapsed());
    }
}

/// The console as `user` of the team in `dir`, on a SQLite store there, switched to English
/// once connected. `settings` (environment variables) override the defaults: a simulated
/// clock three times real time, 300 agents, an hour of warm-up.
pub fn launch(dir: &Path, user: &str, settings: &[(&str, &str)]) -> (Driver, Session) {
    let team = dir.join("team.toml").display().to_string();
    let db = format!("sqlite://{}", dir.join("store.db").display());
    let home = dir.join("home").display().to_string();
    let mut env = vec![
        ("FLOORWALKER_SIM_SPEED", "3"),
        ("FLOORWALKER_SIM_AGENTS", "300"),
        ("FLOORWALKER_SIM_WARMUP_HOURS", "1"),
        ("FLOORWALKER_TEAM_FILE", team.as_str()),
        ("FLOORWALKER_DB_URL", db.as_str()),
        ("FLOORWALKER_USER", user),
        ("HOME", home.as_str()),
        ("XDG_DOWNLOAD_DIR", home.as_str()),
    ];
    // The last value of a variable is the one the console sees.
    env.extend_from_slice(settings);
    let driver = Driver::start(&env);
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

/// Switches to the live-calls view (Ctrl+3) and waits until it shows.
pub fn open_the_calls(session: &Session) {
    session.press("3", true, false);
    wait_for(Duration::from_secs(10), "the live-calls view", || {
        session
            .run(
                "return !document.querySelector('[data-testid=calls-view]').hidden;",
                &[],
            )
            .as_bool()
            .filter(|shown| *shown)
    });
}

/// Which talking call to pick. The view lists connected calls longest first.
#[derive(Clone, Copy, Debug)]
pub enum Pick {
    /// The newest: the most talk time left.
    Newest,
    /// The one talking longest: likely to end soon.
    Oldest,
}

/// A talking call that nobody monitors yet, leaving out `except`.
pub fn a_talking_call(session: &Session, pick: Pick, except: &[u64]) -> u64 {
    let newest = matches!(pick, Pick::Newest);
    wait_for(
        Duration::from_mins(1),
        "a talking call with a Listen button",
        || {
            session
            .run(
                "const rows = [...document.querySelectorAll('[data-testid=call-row][data-phase=talking]')]
                   .filter(r => r.querySelectorAll('[data-testid=monitor-chip]').length === 0)
                   .filter(r => !arguments[1].includes(Number(r.dataset.call)));
                 const row = arguments[0] ? rows[rows.length - 1] : rows[0];
                 return row ? Number(row.dataset.call) : null;",
                &[json!(newest), json!(except)],
            )
            .as_u64()
        },
    )
}

/// The selector of a call's row in the live-calls view.
pub fn call_row(call: u64) -> String {
    format!("[data-testid=call-row][data-call=\"{call}\"]")
}

/// What the monitoring bar says the user is doing: idle, ringing, listen, whisper or barge.
pub fn mode_shown(session: &Session) -> Option<String> {
    session.attribute("[data-testid=monitor-bar]", "data-mode")
}

/// One row of the audit view as a user reads it.
#[derive(Debug, serde::Deserialize)]
pub struct AuditRow {
    pub action: String,
    pub outcome: String,
    /// The call column: a number, or "—".
    pub call: String,
    /// The "reason / detail" column.
    pub detail: String,
}

impl AuditRow {
    pub fn is(&self, action: &str, outcome: &str) -> bool {
        self.action == action && self.outcome == outcome
    }
}

/// Chooses `value` in the drop-down `testid`, as a user does (the change event follows).
pub fn choose(session: &Session, testid: &str, value: &str) {
    let done = session.run(
        "const el = document.querySelector(`[data-testid=${arguments[0]}]`); if (!el) return false; \
         el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true })); return el.value === arguments[1];",
        &[json!(testid), json!(value)],
    );
    assert_eq!(done, Value::Bool(true), "{testid} = {value}");
}

/// Types `text` into the field `testid` (the input event follows).
pub fn type_into(session: &Session, testid: &str, text: &str) {
    session.run(
        "const el = document.querySelector(`[data-testid=${arguments[0]}]`); \
         el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); return true;",
        &[json!(testid), json!(text)],
    );
}

/// The rows the audit view shows now, newest first.
pub fn audit_rows(session: &Session) -> Vec<AuditRow> {
    let rows = session.run(
        "return [...document.querySelectorAll('[data-testid=audit-row]')].map(r => ({
           action: r.dataset.action, outcome: r.dataset.outcome,
           call: r.cells[5].textContent, detail: r.cells[r.cells.length - 1].textContent }));",
        &[],
    );
    serde_json::from_value(rows).unwrap_or_default()
}

/// Opens the audit view (Ctrl+6) and reads it until `done` holds for its rows, asking again
/// (the Filter button) while it does not, for half a minute at most: a record that the
/// platform's report causes may be written a moment after the screen has moved on. Returns
/// the rows last read, for the caller's assertions to name.
pub fn read_the_trail(session: &Session, done: impl Fn(&[AuditRow]) -> bool) -> Vec<AuditRow> {
    session.press("6", true, false);
    let started = Instant::now();
    loop {
        let rows = audit_rows(session);
        if done(&rows) || started.elapsed() > Duration::from_secs(30) {
            return rows;
        }
        session.click("[data-testid=audit-apply]");
        std::thread::sleep(Duration::from_millis(500));
    }
}

pub fn screenshot(session: &Session, name: &str) {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/artifacts");
    std::fs::create_dir_all(folder).ok();
    session.screenshot(&format!("{folder}/{name}"));
}
