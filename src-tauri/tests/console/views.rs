//! End-to-end: the agents grid (filter, sort, scroll, Listen from an agent) and the settings
//! view (the supervisor's own phone, checked, saved and audited; the language switch).

use std::time::Duration;

use serde_json::{Value, json};

use crate::launch::{Run, launch, mode_shown, read_the_trail, screenshot};
use crate::wait_for;
use crate::webdriver::Session;

/// Sets a `<select>` or `<input>` as a user would, firing the event the view listens to.
fn set_field(session: &Session, test_id: &str, value: &str, event: &str) {
    session.run(
        "const el = document.querySelector(`[data-testid=${arguments[0]}]`);
         el.value = arguments[1];
         el.dispatchEvent(new Event(arguments[2], { bubbles: true }));
         return true;",
        &[json!(test_id), json!(value), json!(event)],
    );
}

/// The rows the grid shows now: (agent, state, handled today), in screen order.
fn grid_rows(session: &Session) -> Vec<(u64, String, u64)> {
    let rows = session.run(
        "return [...document.querySelectorAll('[data-testid=agent-row]:not([hidden])')]
           .map(r => ({ top: new DOMMatrix(getComputedStyle(r).transform).m42, r }))
           .sort((a, b) => a.top - b.top)
           .map(({ r }) => [Number(r.dataset.agent), r.dataset.state,
                            Number(r.querySelector('[data-col=handled]').textContent)]);",
        &[],
    );
    rows.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|row| {
                    Some((
                        row.get(0)?.as_u64()?,
                        row.get(1)?.as_str()?.to_owned(),
                        row.get(2)?.as_u64()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn shown(session: &Session, test_id: &str) -> bool {
    session
        .run(
            "const el = document.querySelector(`[data-testid=${arguments[0]}]`); return !!el && !el.hidden;",
            &[json!(test_id)],
        )
        .as_bool()
        .unwrap_or(false)
}

#[test]
fn the_agents_grid_filters_sorts_scrolls_and_listens_and_settings_keep_the_phone() {
    let Some(run) = Run::begin("views") else {
        return;
    };
    let (_driver, session) = launch(&run.dir, "alice", &[]);
    the_agents_grid(&session);
    the_settings(&session);
}

/// Filter, sort, Listen from an agent, scroll to the end.
fn the_agents_grid(session: &Session) {
    // Ctrl+2: the agents grid, every agent of the simulated floor.
    session.press("2", true, false);
    let count = wait_for(Duration::from_secs(20), "the agents grid", || {
        session
            .text("[data-testid=agents-count]")
            .filter(|t| t.ends_with("of 300 agents"))
    });
    eprintln!("agents: {count}");
    assert!(shown(session, "agents-view"));
    // Virtualised: far fewer row elements than agents.
    let elements = session.count("[data-testid=agent-row]");
    assert!(
        elements > 0 && elements < 150,
        "{elements} row elements for 300 agents"
    );

    // Only agents on a call.
    set_field(session, "agents-state", "onCall", "change");
    let on_call = wait_for(Duration::from_secs(10), "agents on a call", || {
        let rows = grid_rows(session);
        (!rows.is_empty() && rows.iter().all(|r| r.1 == "onCall")).then_some(rows)
    });
    eprintln!("{} agents on a call in view", on_call.len());

    // Sorted by calls handled today, most first.
    assert!(session.click("[data-testid=agents-sort-handled]"));
    wait_for(
        Duration::from_secs(10),
        "the grid sorted by calls handled",
        || {
            let rows = grid_rows(session);
            let handled: Vec<u64> = rows.iter().map(|r| r.2).collect();
            (handled.len() > 1 && handled.windows(2).all(|w| w[0] >= w[1])).then_some(())
        },
    );

    listen_from_an_agent(session);

    // Scrolling to the end brings the last rows, without rendering them all. The scroll is
    // repeated while waiting: the unfiltered list may arrive after the first scroll (on a
    // loaded machine), making the grid taller than the end that was scrolled to.
    set_field(session, "agents-state", "", "change");
    // Generous: a loaded machine (the whole suite runs beside this) renders slowly; this is a
    // wait, not a timing.
    wait_for(
        Duration::from_secs(30),
        "the last rows after scrolling",
        || {
            session.run(
                "const g = document.querySelector('[data-testid=agents-grid]'); g.scrollTop = g.scrollHeight; return true;",
                &[],
            );
            let tops: Value = session.run(
                "return [...document.querySelectorAll('[data-testid=agent-row]:not([hidden])')]
               .map(r => new DOMMatrix(getComputedStyle(r).transform).m42);",
                &[],
            );
            let max = tops
                .as_array()?
                .iter()
                .filter_map(Value::as_f64)
                .fold(0.0, f64::max);
            // Row 299 of 300 sits at 299 × 32 px.
            (max >= 299.0 * 32.0).then_some(())
        },
    );
}

/// The phone, refused in the form, saved, audited; the language switch.
fn the_settings(session: &Session) {
    // Ctrl+7: settings. A phone that would ring two handsets is refused in the form.
    session.press("7", true, false);
    wait_for(Duration::from_secs(10), "the settings view", || {
        session
            .attribute("[data-testid=settings-endpoint]", "value")
            .filter(|_| shown(session, "settings-view"))
    });
    let current = session.run(
        "return document.querySelector('[data-testid=settings-endpoint]').value;",
        &[],
    );
    assert_eq!(current, json!("PJSIP/9001"));
    set_field(
        session,
        "settings-endpoint",
        "PJSIP/9001&PJSIP/6666",
        "input",
    );
    assert!(session.click("[data-testid=settings-endpoint-save]"));
    wait_for(Duration::from_secs(5), "the form's refusal", || {
        session
            .content("[data-testid=settings-endpoint-status]")
            .filter(|t| t.contains("technology/number"))
    });
    set_field(session, "settings-endpoint", "PJSIP/9101", "input");
    assert!(session.click("[data-testid=settings-endpoint-save]"));
    wait_for(Duration::from_secs(15), "the phone saved", || {
        session
            .content("[data-testid=settings-endpoint-status]")
            .filter(|t| t.contains("Saved") && t.contains("PJSIP/9101"))
    });
    screenshot(session, "console-settings.png");

    // The change is in the audit trail, with the old and new phone.
    let rows = read_the_trail(session, |rows| {
        rows.iter().any(|r| r.is("profile.endpoint", "allowed"))
    });
    let change = rows
        .iter()
        .find(|r| r.is("profile.endpoint", "allowed"))
        .unwrap_or_else(|| panic!("no phone change in the trail: {rows:?}"));
    assert!(
        change.detail.contains("PJSIP/9001 → PJSIP/9101"),
        "{change:?}"
    );

    // The language switch in settings changes every view at once.
    session.press("7", true, false);
    set_field(session, "settings-language", "zh-CN", "change");
    wait_for(Duration::from_secs(5), "Chinese labels", || {
        session
            .text("[data-testid=nav-agents]")
            .filter(|t| t == "坐席")
    });
    set_field(session, "settings-language", "en", "change");
    wait_for(Duration::from_secs(5), "English labels", || {
        session
            .text("[data-testid=nav-agents]")
            .filter(|t| t == "Agents")
    });
}

/// Listen on an agent's row (whatever call they are on), escalate to barge, stop.
fn listen_from_an_agent(session: &Session) {
    // Listen from an agent: whatever call they are on.
    let agent = wait_for(
        Duration::from_secs(30),
        "an agent with a Listen button",
        || {
            session
            .run(
                "const b = [...document.querySelectorAll('[data-testid=agent-row]:not([hidden]) [data-testid=agent-listen]')]
                   .find(b => !b.hidden && !b.disabled);
                 return b ? Number(b.closest('[data-testid=agent-row]').dataset.agent) : null;",
                &[],
            )
            .as_u64()
        },
    );
    let row = format!("[data-testid=agent-row][data-agent=\"{agent}\"]");
    assert!(session.click(&format!("{row} [data-testid=agent-listen]")));
    wait_for(
        Duration::from_secs(15),
        "the supervisor's phone to ring",
        || mode_shown(session).filter(|m| m == "ringing" || m == "listen"),
    );
    let mode = wait_for(
        Duration::from_secs(30),
        "listening, or the call ended first",
        || mode_shown(session).filter(|m| m == "listen" || m == "idle"),
    );
    if mode == "listen" {
        wait_for(
            Duration::from_secs(10),
            "our chip on the agent's row",
            || session.content(&format!("{row} [data-testid=monitor-chip][data-mine=true]")),
        );
        screenshot(session, "console-agents.png");
        // Straight to barge (an explicit escalation; nobody else is on this call), unless
        // the call ends first.
        session.press("B", false, true);
        let barged = wait_for(
            Duration::from_secs(30),
            "barged in, or the call ended",
            || mode_shown(session).filter(|m| m == "barge" || m == "idle"),
        );
        if barged == "barge" {
            let bar = session
                .content("[data-testid=monitor-mode]")
                .unwrap_or_default();
            assert!(bar.contains("BARGED IN"), "the mode is in words: {bar:?}");
            eprintln!("barged in from the agents grid: {bar}");
            wait_for(Duration::from_secs(10), "our barge chip on the row", || {
                session.content(&format!(
                    "{row} [data-testid=monitor-chip][data-mine=true][data-mode=barge]"
                ))
            });
        }
        session.press("S", false, true);
        wait_for(Duration::from_secs(30), "the bar to go idle", || {
            mode_shown(session).filter(|m| m == "idle")
        });
    } else {
        eprintln!(
            "the agent's call ended before listening started; the trail still shows the start"
        );
    }
}
