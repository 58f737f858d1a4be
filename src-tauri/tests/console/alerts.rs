//! Alerts end to end: a simulated surge makes the real console raise alerts; each arrives
//! once as a desktop notification on a real D-Bus session bus (a private dbus-daemon with a
//! stand-in notification server, which records what it is sent); clicking the notification's
//! action brings the console to the queue; acknowledging in the alert centre is audited.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use zbus::zvariant::Value;

use crate::launch::{Run, launch, read_the_trail, screenshot};
use crate::wait_for;
use crate::webdriver::Session;

/// One notification as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub id: u32,
    pub app: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
}

/// A stand-in for the desktop's notification server: records every notification.
#[derive(Clone, Default)]
pub struct Notifications {
    pub received: Arc<Mutex<Vec<Received>>>,
}

// The freedesktop signature decides the arguments, used or not.
#[allow(clippy::unused_self)]
#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: &str,
        replaces_id: u32,
        app_icon: &str,
        summary: &str,
        body: &str,
        actions: Vec<String>,
        hints: HashMap<String, Value<'_>>,
        expire_timeout: i32,
    ) -> u32 {
        let _ = (replaces_id, app_icon, hints, expire_timeout);
        let mut received = self.received.lock().unwrap_or_else(PoisonError::into_inner);
        let id = received.len() as u32 + 1;
        received.push(Received {
            id,
            app: app_name.to_string(),
            summary: summary.to_string(),
            body: body.to_string(),
            actions,
        });
        id
    }

    fn close_notification(&self, id: u32) {
        let _ = id;
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "floorwalker-test".into(),
            "floorwalker".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

/// A private session bus, ended (by its PID) on drop.
pub struct PrivateBus {
    daemon: Child,
    pub address: String,
}

impl PrivateBus {
    pub fn start() -> PrivateBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian package dbus) starts");
        let mut line = String::new();
        BufReader::new(daemon.stdout.take().expect("its stdout"))
            .read_line(&mut line)
            .expect("the bus address");
        PrivateBus {
            daemon,
            address: line.trim().to_string(),
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

#[test]
fn a_surge_raises_alerts_notified_once_on_the_desktop_opened_and_acknowledged() {
    let Some(run) = Run::begin("alerts") else {
        return;
    };
    let bus = PrivateBus::start();
    let server = Notifications::default();
    let received = server.received.clone();
    let connection = zbus::blocking::connection::Builder::address(bus.address.as_str())
        .and_then(|b| b.name("org.freedesktop.Notifications"))
        .and_then(|b| b.serve_at("/org/freedesktop/Notifications", server))
        .and_then(zbus::blocking::connection::Builder::build)
        .expect("the stand-in notification server is on the private bus");

    // Six times the calls from the present, at twenty simulated seconds per real second: the
    // default rules (a caller waiting over two minutes for 30 s; callers waiting with nobody
    // free for 30 s) fire within seconds.
    let (_driver, session) = launch(
        &run.dir,
        "alice",
        &[
            ("FLOORWALKER_SIM_SPEED", "20"),
            ("FLOORWALKER_SIM_SURGE", "6"),
            ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ],
    );

    // The bell appears on the wallboard, and the notifications arrive.
    wait_for(Duration::from_mins(2), "the alert bell", || {
        session
            .text("[data-testid=alert-bell]")
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
    });
    let first = wait_for(Duration::from_secs(30), "a desktop notification", || {
        let all = received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        all.into_iter().next()
    });
    eprintln!("first notification: {first:?}");
    assert_eq!(first.app, "Floorwalker");
    assert!(first.actions.iter().any(|a| a == "default"), "{first:?}");
    assert!(!first.body.is_empty());

    // The alert centre lists what is active, named as in the notification.
    session.press("4", true, false);
    let rows = wait_for(Duration::from_secs(15), "active alerts listed", || {
        let n = session.count("[data-testid=alerts-active] [data-testid^=alert-]");
        (n > 0).then_some(n)
    });
    screenshot(&session, "alerts.png");
    let listed = session
        .content("[data-testid=alerts-active]")
        .unwrap_or_default();
    eprintln!(
        "{rows} active alerts; first notification: {}",
        first.summary
    );

    // No storm: each alert was notified once (or folded into one summary), never repeated.
    std::thread::sleep(Duration::from_secs(5));
    let all = received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    // A notification is its summary and its body: two separate bursts are each folded into
    // "5 new alerts", naming different queues.
    let mut notes: Vec<(&str, &str)> = all
        .iter()
        .map(|r| (r.summary.as_str(), r.body.as_str()))
        .collect();
    notes.sort_unstable();
    let before = notes.len();
    notes.dedup();
    assert_eq!(before, notes.len(), "a notification repeated: {all:#?}");
    if !first.summary.ends_with("new alerts") {
        // A single alert's notification names its queue, as the centre does.
        let queue = first.summary.split(": ").nth(1).unwrap_or_default();
        let queue = queue.split(" (").next().unwrap_or_default();
        assert!(
            listed.contains(queue) || queue.is_empty(),
            "{queue} not in {listed}"
        );
    }

    open_from_the_desktop(&connection, &session, &all);
    acknowledge_the_first(&session);
    drop(connection);
}

/// Clicking a queue alert's notification brings the console to the queue on the wallboard;
/// clicking an agent's brings it to the alert centre, where that alert is listed.
fn open_from_the_desktop(
    connection: &zbus::blocking::Connection,
    session: &Session,
    all: &[Received],
) {
    let click = |notification: &Received| {
        connection
            .emit_signal(
                None::<()>,
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "ActionInvoked",
                &(notification.id, "default"),
            )
            .expect("the click is signalled");
    };
    let single =
        |r: &&Received| !r.summary.ends_with("new alerts") && !r.summary.starts_with("Link");
    let about_an_agent = |r: &&Received| r.summary.starts_with("Agent in one state too long");
    let queue_alert = all.iter().filter(single).find(|r| !about_an_agent(r));
    let agent_alert = all.iter().filter(single).find(about_an_agent);
    assert!(
        queue_alert.is_some() || agent_alert.is_some() || all.iter().any(|r| !single(&r)),
        "no notification to open: {all:#?}"
    );
    if let Some(queue_alert) = queue_alert {
        click(queue_alert);
        wait_for(
            Duration::from_secs(10),
            "the wallboard with the queue flashed",
            || (session.count("[data-flash=true]") == 1).then_some(()),
        );
    }
    if let Some(agent_alert) = agent_alert {
        session.press("1", true, false);
        wait_for(Duration::from_secs(10), "the wallboard", || {
            selected(session, "wallboard").then_some(())
        });
        click(agent_alert);
        wait_for(Duration::from_secs(10), "the alert centre", || {
            selected(session, "alerts").then_some(())
        });
    }
    if !selected(session, "alerts") {
        session.press("4", true, false);
    }
}

fn selected(session: &Session, view: &str) -> bool {
    session
        .attribute(&format!("[data-testid=nav-{view}]"), "aria-selected")
        .is_some_and(|a| a == "true")
}

/// Acknowledges the first active alert: the row says who, and the trail records it.
fn acknowledge_the_first(session: &Session) {
    let id = session
        .attribute(
            "[data-testid=alerts-active] [data-testid^=alert-ack-]:not([hidden])",
            "data-testid",
        )
        .expect("an alert to acknowledge");
    assert!(session.click(&format!("[data-testid={id}]")));
    let alert_id = id.trim_start_matches("alert-ack-").to_string();
    wait_for(Duration::from_secs(10), "the acknowledgement shown", || {
        session
            .attribute(
                &format!("[data-testid=alert-{alert_id}]"),
                "data-acknowledged",
            )
            .filter(|a| a == "true")
    });
    let acknowledged = session
        .content(&format!("[data-testid=alert-{alert_id}]"))
        .unwrap_or_default();
    assert!(acknowledged.contains("Seen by alice"), "{acknowledged}");
    let trail = read_the_trail(session, |rows| {
        rows.iter().any(|r| r.action == "alert.acknowledge")
    });
    let ack = trail
        .iter()
        .find(|r| r.action == "alert.acknowledge")
        .unwrap_or_else(|| panic!("no alert.acknowledge in {trail:?}"));
    assert_eq!(ack.outcome, "allowed", "{ack:?}");
    assert!(ack.detail.starts_with(&format!("#{alert_id} ")), "{ack:?}");
}
