//! Disaster-mode routing end to end, with two real consoles on one team store: the
//! night-shift lead previews a failover of the east site, confirms it with a typed reason,
//! sees the banner and the east queues emptied on the wallboard; the second console (a floor
//! supervisor) shows the banner within seconds and is notified on the desktop, and its own
//! attempt is refused and audited; the mode reverts by itself at the set time (the simulated
//! clock runs twenty times real time) on both; the history and the audit trail show it all.

use std::sync::PoisonError;
use std::time::Duration;

use serde_json::json;
use zbus::blocking::connection::Builder;

use crate::alerts::{Notifications, PrivateBus};
use crate::launch::{Run, choose, launch, read_the_trail, screenshot, type_into};
use crate::wait_for;
use crate::webdriver::Session;

/// The simulator's sites in id order: north 0, east 1, south 2.
const EAST: u32 = 1;

/// The waiting figure of every queue tile of site `site`.
fn waiting_at(session: &Session, site: u32) -> Vec<String> {
    let found = session.run(
        "return [...document.querySelectorAll(`[data-testid=site-${arguments[0]}] [data-testid=queue-waiting]`)].map(e => e.textContent);",
        &[json!(site)],
    );
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_lead_fails_a_site_over_every_console_sees_it_and_it_reverts_on_time() {
    let Some(run) = Run::begin("routing") else {
        return;
    };
    let bus = PrivateBus::start();
    let server = Notifications::default();
    let received = server.received.clone();
    let _connection = Builder::address(bus.address.as_str())
        .and_then(|b| b.name("org.freedesktop.Notifications"))
        .and_then(|b| b.serve_at("/org/freedesktop/Notifications", server))
        .and_then(Builder::build)
        .expect("the stand-in notification server is on the private bus");
    let settings = [
        ("FLOORWALKER_SIM_SPEED", "20"),
        ("FLOORWALKER_SIM_AGENTS", "150"),
        ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
    ];
    let (_lead_driver, lead) = launch(&run.dir, "nora", &settings);
    let (_other_driver, other) = launch(&run.dir, "alice", &settings);
    preview_and_confirm(&lead);
    east_stays_empty(&lead);
    the_other_console_sees_it(&other, &received);
    it_reverts_and_the_history_shows_it(&lead, &other, &received);
}

type Received = std::sync::Arc<std::sync::Mutex<Vec<crate::alerts::Received>>>;

/// The night-shift lead fails east over: the impact first, then a typed reason.
fn preview_and_confirm(lead: &Session) {
    lead.press("8", true, false);
    wait_for(Duration::from_secs(15), "the routing view", || {
        lead.text("[data-testid=routing-none]")
            .filter(|t| t.contains("Normal routing"))
    });
    choose(lead, "routing-kind", "siteFailover");
    choose(lead, "routing-site", &EAST.to_string());
    choose(lead, "routing-revert", "15");
    assert!(lead.click("[data-testid=routing-preview]"));
    let agents = wait_for(Duration::from_secs(20), "the impact preview", || {
        lead.text("[data-testid=routing-impact-agents]")
    });
    assert!(
        agents.starts_with("Agents affected: ") && !agents.ends_with(": 0"),
        "east has staff on shift: {agents}"
    );
    let destinations = lead
        .content("[data-testid=routing-destinations]")
        .unwrap_or_default();
    assert!(
        destinations.contains("east.") && destinations.contains("north."),
        "east's calls go north and south: {destinations}"
    );
    screenshot(lead, "routing-preview.png");

    // Step 2: a typed reason, then the confirmation.
    assert!(
        lead.attribute("[data-testid=routing-confirm]", "disabled")
            .is_some(),
        "no confirmation without a reason"
    );
    type_into(lead, "routing-reason", "Typhoon: east site without power");
    wait_for(Duration::from_secs(5), "the confirmation to enable", || {
        lead.attribute("[data-testid=routing-confirm]", "disabled")
            .is_none()
            .then_some(())
    });
    assert!(lead.click("[data-testid=routing-confirm]"));
    let banner = wait_for(
        Duration::from_secs(10),
        "the banner on the lead's console",
        || {
            lead.content("[data-testid=routing-banner]")
                .filter(|b| b.contains("Typhoon: east site without power"))
        },
    );
    assert!(banner.contains("Site failover · site East"), "{banner}");
    assert!(banner.contains("by Nora Li"), "{banner}");
}

/// The wallboard: east's queues are emptied (its callers moved) and stay empty.
fn east_stays_empty(lead: &Session) {
    lead.press("1", true, false);
    // The banner can reach the screen a frame before the figures that follow the platform's
    // rerouting: wait for east to empty once, then it must stay empty.
    wait_for(Duration::from_secs(10), "east's callers moved", || {
        let figures = waiting_at(lead, EAST);
        (!figures.is_empty() && figures.iter().all(|w| w == "0")).then_some(())
    });
    for second in 0..8 {
        let east = wait_for(Duration::from_secs(10), "east's tiles", || {
            let figures = waiting_at(lead, EAST);
            (!figures.is_empty()).then_some(figures)
        });
        assert!(
            east.iter().all(|w| w == "0"),
            "after {second} s east still has callers waiting: {east:?}"
        );
        std::thread::sleep(Duration::from_secs(1));
    }
    screenshot(lead, "routing-wallboard.png");
}

/// The second console: the banner within seconds, and a desktop notification.
fn the_other_console_sees_it(other: &Session, received: &Received) {
    wait_for(
        Duration::from_secs(5),
        "the banner on the other console",
        || {
            other
                .content("[data-testid=routing-banner]")
                .filter(|b| b.contains("Typhoon: east site without power"))
        },
    );
    let note = wait_for(Duration::from_secs(15), "the routing notification", || {
        received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|n| n.summary.starts_with("Disaster mode ON"))
            .cloned()
    });
    assert!(note.summary.contains("Site failover"), "{note:?}");
    screenshot(other, "routing-other-console.png");

    // A floor supervisor sees the mode but may not toggle; asked anyway, the backend refuses.
    other.press("8", true, false);
    wait_for(Duration::from_secs(10), "the not-permitted note", || {
        other
            .text("[data-testid=routing-not-permitted]")
            .filter(|t| !t.is_empty())
    });
    let refusal = other.run(
        "return window.__TAURI_INTERNALS__.invoke('routing_change', { request: { kind: 'deactivate', id: 1, reason: 'I want it off' }, expectedVersion: 1 }).then(() => 'done', e => e.code);",
        &[],
    );
    assert_eq!(refusal, json!("routing.not_permitted"));
}

/// Fifteen simulated minutes later (45 s here) the mode reverts by itself, on both.
fn it_reverts_and_the_history_shows_it(lead: &Session, other: &Session, received: &Received) {
    for console in [lead, other] {
        wait_for(Duration::from_mins(2), "the automatic revert", || {
            // The banner is gone (hidden, and emptied).
            (!console
                .text("[data-testid=routing-banner]")
                .is_some_and(|b| b.contains("Typhoon"))
                && !console
                    .content("[data-testid=routing-banner]")
                    .is_some_and(|b| b.contains("Typhoon")))
            .then_some(())
        });
    }
    wait_for(Duration::from_secs(15), "the OFF notification", || {
        received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|n| n.summary.starts_with("Disaster mode OFF"))
            .cloned()
    });

    // The history and the audit trail: on, the refused attempt, the revert.
    lead.press("8", true, false);
    assert!(lead.click("[data-testid=routing-history-refresh]"));
    let history = wait_for(Duration::from_secs(15), "the history", || {
        lead.content("[data-testid=routing-history]")
            .filter(|h| h.contains("reverted on time"))
    });
    assert!(history.contains("turned on"), "{history}");
    assert!(
        history.contains("refused"),
        "the floor supervisor's attempt: {history}"
    );
    screenshot(lead, "routing-history.png");
    let trail = read_the_trail(lead, |rows| {
        rows.iter().any(|r| r.is("routing.revert", "allowed"))
    });
    assert!(trail.iter().any(|r| r.is("routing.activate", "allowed")));
    assert!(trail.iter().any(|r| r.is("routing.deactivate", "denied")));
}
