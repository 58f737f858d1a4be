//! Post-call survey review end to end, on one team store, as three quality managers at their
//! own consoles one after another: the first filters the review queue to detractors, opens
//! one, tags it, assigns its follow-up and starts blind scoring on it and on a second survey
//! with all three as raters, and scores both; the second cannot see the first's scores while
//! scoring; the third hands in the last sheets and sees every sheet side by side, the
//! agreement per form item and the trend chart; the audit trail holds it all. The surveys
//! are the simulator's own, stored live as its calls end.

use std::time::Duration;

use serde_json::json;

use crate::launch::{Run, choose, launch, read_the_trail, screenshot};
use crate::wait_for;
use crate::webdriver::Session;

/// The standard form's items (fw-survey's default form).
const ITEMS: [&str; 7] = [
    "greeting",
    "understanding",
    "accuracy",
    "resolution",
    "empathy",
    "compliance",
    "closing",
];
const RATERS: [&str; 3] = ["quinn", "rita", "sam"];

#[test]
fn three_quality_managers_review_a_detractor_and_score_it_blind() {
    let Some(run) = Run::begin("surveys") else {
        return;
    };
    // Ten simulated seconds a second over an hour of warm-up: a few hundred calls, their
    // surveys stored as they end.
    let settings = [("FLOORWALKER_SIM_SPEED", "10")];

    let (driver, quinn) = launch(&run.dir, "quinn", &settings);
    let rounds = review_a_detractor(&quinn);
    score_waiting_rounds(&quinn, "quinn", 4, "quinn-sheet-note");
    let progress = quinn
        .text("[data-testid=survey-round-progress]")
        .unwrap_or_default();
    assert!(
        progress.contains("1 of 3"),
        "after the first sheet: {progress}"
    );
    drop(quinn);
    drop(driver);

    let (driver, rita) = launch(&run.dir, "rita", &settings);
    open_scoring(&rita, rounds.len());
    assert!(rita.click(&format!("{YOUR_TURN} [data-testid=survey-round-open]")));
    wait_for(Duration::from_secs(15), "rita's score sheet", || {
        (rita.count("[data-testid=survey-score-greeting]") == 1).then_some(())
    });
    let page = rita
        .content("[data-testid=surveys-view]")
        .unwrap_or_default();
    assert!(
        !page.contains("quinn-sheet-note"),
        "a rater sees nobody else's sheet before the round is complete"
    );
    assert_eq!(rita.count("[data-testid=survey-round-sheets]"), 0);
    score_waiting_rounds(&rita, "rita", 4, "rita-sheet-note");
    drop(rita);
    drop(driver);

    let (_driver, sam) = launch(&run.dir, "sam", &settings);
    open_scoring(&sam, rounds.len());
    score_waiting_rounds(&sam, "sam", 5, "sam-sheet-note");
    every_sheet_is_shown_once_complete(&sam);
    agreement_is_shown(&sam, rounds.len());
    the_trend_chart_is_drawn(&sam);

    let rows = read_the_trail(&sam, |rows| {
        rows.iter().filter(|r| r.is("qa.score", "allowed")).count() == 3 * rounds.len()
    });
    for (action, at_least) in [
        ("survey.tag", 1),
        ("survey.follow_up", 1),
        ("qa.round", rounds.len()),
        ("qa.score", 3 * rounds.len()),
    ] {
        let found = rows.iter().filter(|r| r.is(action, "allowed")).count();
        assert!(
            found >= at_least,
            "{action}: {found} in the trail, {at_least} expected"
        );
    }
    let trail = rows
        .iter()
        .map(|r| r.detail.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !trail.contains("sheet-note"),
        "the trail names the round, never the scores"
    );
}

const YOUR_TURN: &str = "[data-testid=survey-round-row][data-state=yourTurn]";

/// Quinn: the queue filtered to detractors, the first opened, tagged, its follow-up given
/// to Rita, and blind scoring started on it and on the next detractor. Returns the surveys.
fn review_a_detractor(session: &Session) -> Vec<String> {
    session.press("9", true, false);
    wait_for(
        Duration::from_mins(2),
        "surveys in the review queue",
        || (session.count("[data-testid=survey-row]") >= 2).then_some(()),
    );
    choose(session, "survey-filter-npsGroup", "detractor");
    wait_for(Duration::from_secs(20), "the detractor filter", || {
        (session.count("[data-testid=survey-chip-npsGroup]") == 1
            && session.count("[data-testid=survey-row]") >= 2
            && session.count("[data-testid=survey-row]:not([data-need=unhappy])") == 0)
            .then_some(())
    });
    let ids = session.run(
        "return [...document.querySelectorAll('[data-testid=survey-row]')].slice(0, 2).map(r => r.dataset.id);",
        &[],
    );
    let ids: Vec<String> = serde_json::from_value(ids).unwrap_or_default();
    assert_eq!(ids.len(), 2, "two detractors to score");

    open_survey(session, &ids[0]);
    let answers = session
        .text("[data-testid=survey-answers]")
        .unwrap_or_default();
    eprintln!("the detractor's answers: {answers}");
    choose(session, "survey-tag-pick", "agent_coaching");
    assert!(session.click("[data-testid=survey-tag-add]"));
    wait_for(Duration::from_secs(15), "the tag on the survey", || {
        (session.count("[data-testid=survey-tag-remove-agent_coaching]") == 1).then_some(())
    });
    choose(session, "survey-owner", "rita");
    choose(session, "survey-due", "2026-12-01");
    assert!(session.click("[data-testid=survey-follow-up-save]"));
    wait_for(Duration::from_secs(15), "the follow-up owner", || {
        session
            .text("[data-testid=survey-follow-up-current]")
            .filter(|t| t.contains("Rita"))
    });
    screenshot(session, "surveys-detractor.png");

    for id in &ids {
        open_survey(session, id);
        start_blind_scoring(session);
    }
    ids
}

fn open_survey(session: &Session, id: &str) {
    assert!(session.click(&format!("[data-testid=survey-row][data-id=\"{id}\"]")));
    wait_for(Duration::from_secs(15), "the survey's detail", || {
        session
            .attribute(
                &format!("[data-testid=survey-row][data-id=\"{id}\"]"),
                "aria-selected",
            )
            .filter(|s| s == "true")
            .and_then(|_| session.text("[data-testid=survey-detail-title]"))
    });
}

/// A round on the open survey with the standard form and the three raters.
fn start_blind_scoring(session: &Session) {
    assert!(session.click("[data-testid=survey-qa-start]"));
    wait_for(Duration::from_secs(15), "the raters to choose from", || {
        (session.count("[data-testid=survey-qa-rater-sam]") == 1).then_some(())
    });
    for rater in RATERS {
        let checked = session.run(
            "const box = document.querySelector(`[data-testid=survey-qa-rater-${arguments[0]}]`); \
             if (!box.checked) box.click(); return box.checked;",
            &[json!(rater)],
        );
        assert_eq!(checked, json!(true), "{rater} is a rater");
    }
    assert!(session.click("[data-testid=survey-qa-open]"));
    wait_for(Duration::from_secs(15), "the round on the survey", || {
        (session.count("[data-testid=survey-qa-round]") == 1).then_some(())
    });
}

/// The Scoring tab with `rounds` rounds waiting for this rater.
fn open_scoring(session: &Session, rounds: usize) {
    session.press("9", true, false);
    assert!(session.click("[data-testid=survey-tab-scoring]"));
    wait_for(Duration::from_secs(30), "the rounds waiting for me", || {
        if session.count(YOUR_TURN) == rounds {
            return Some(());
        }
        session.click("[data-testid=survey-rounds-refresh]");
        None
    });
}

/// Scores every round waiting for `rater`: `high` on every item of the first, 2 on the
/// second (so the rounds differ and agreement can be measured), with a comment.
fn score_waiting_rounds(session: &Session, rater: &str, high: u8, note: &str) {
    if session.count("[data-testid=survey-tab-scoring][aria-selected=true]") == 0 {
        assert!(session.click("[data-testid=survey-tab-scoring]"));
    }
    let mut scored = 0;
    loop {
        let waiting = wait_for(Duration::from_secs(20), "the rounds list", || {
            (session.count("[data-testid=survey-round-row]") > 0).then(|| session.count(YOUR_TURN))
        });
        if waiting == 0 {
            break;
        }
        let round = session
            .attribute(YOUR_TURN, "data-id")
            .expect("a round waiting for me");
        let row = format!("[data-testid=survey-round-row][data-id=\"{round}\"]");
        // A sheet already open on this round is used as it is: opening it again redraws it,
        // and a choice made while it is redrawn would land on the old form.
        let open = session.attribute(&row, "aria-selected").as_deref() == Some("true")
            && session.count("[data-testid=survey-score-greeting]") == 1;
        if !open {
            assert!(session.click(&format!("{row} [data-testid=survey-round-open]")));
        }
        wait_for(Duration::from_secs(15), "the score sheet", || {
            (session.count("[data-testid=survey-score-greeting]") == 1).then_some(())
        });
        let value = if scored == 0 { high } else { 2 };
        for item in ITEMS {
            choose(session, &format!("survey-score-{item}"), &value.to_string());
        }
        session.run(
            "const c = document.querySelector('[data-testid=survey-score-comment]'); \
             c.value = arguments[0]; c.dispatchEvent(new Event('input', { bubbles: true })); return true;",
            &[json!(note)],
        );
        assert!(session.click("[data-testid=survey-score-submit]"));
        // That round's row, listed again, no longer waits for me (a list being redrawn, with
        // no rows for a moment, does not count).
        wait_for(Duration::from_secs(30), "the sheet to be handed in", || {
            (session.count(&row) == 1
                && session.attribute(&row, "data-state").as_deref() != Some("yourTurn")
                && session.count("[data-testid=survey-score-submit]") == 0)
                .then_some(())
        });
        scored += 1;
        eprintln!("{rater} scored round {scored}");
    }
    assert!(scored > 0, "{rater} had rounds to score");
}

/// Once the last rater hands in, the round shows every sheet and each item's spread.
fn every_sheet_is_shown_once_complete(session: &Session) {
    wait_for(Duration::from_secs(20), "every sheet side by side", || {
        (session.count("[data-testid=survey-round-sheets]") == 1).then_some(())
    });
    let raters = session.run(
        "return [...new Set([...document.querySelectorAll('[data-testid=survey-round-sheets] [data-rater]')].map(c => c.dataset.rater))];",
        &[],
    );
    let mut raters: Vec<String> = serde_json::from_value(raters).unwrap_or_default();
    raters.sort();
    assert_eq!(raters, RATERS, "all three sheets");
    for item in ITEMS {
        assert!(
            session
                .text(&format!("[data-testid=survey-round-spread-{item}]"))
                .is_some_and(|t| !t.is_empty()),
            "the spread of {item}"
        );
    }
    let page = session
        .content("[data-testid=survey-round]")
        .unwrap_or_default();
    assert!(page.contains("quinn-sheet-note") && page.contains("rita-sheet-note"));
    screenshot(session, "surveys-round-complete.png");
}

/// The Agreement tab: alpha for every item of the standard form over the complete rounds.
fn agreement_is_shown(session: &Session, rounds: usize) {
    assert!(session.click("[data-testid=survey-tab-agreement]"));
    wait_for(Duration::from_secs(20), "the agreement table", || {
        (session.count("[data-testid=survey-agreement-row]") == ITEMS.len()).then_some(())
    });
    let counted = session
        .text("[data-testid=survey-agreement-rounds]")
        .unwrap_or_default();
    assert!(
        counted.starts_with(&format!("{rounds} complete rounds")),
        "{counted}"
    );
    let alphas = session.run(
        "return [...document.querySelectorAll('[data-testid=survey-agreement-row] [data-col=alpha]')].map(c => c.textContent);",
        &[],
    );
    let alphas: Vec<String> = serde_json::from_value(alphas).unwrap_or_default();
    eprintln!("alpha per item: {alphas:?}");
    assert_eq!(alphas.len(), ITEMS.len());
    for alpha in &alphas {
        let value: f64 = alpha
            .trim()
            .replace('−', "-")
            .parse()
            .unwrap_or_else(|_| panic!("alpha {alpha:?} is a number"));
        assert!((-1.0..=1.0).contains(&value), "alpha {value}");
    }
    screenshot(session, "surveys-agreement.png");
}

/// The Trends tab: a chart drawn by the backend and a table with sample sizes.
fn the_trend_chart_is_drawn(session: &Session) {
    choose(session, "survey-filter-npsGroup", "");
    assert!(session.click("[data-testid=survey-tab-trends]"));
    wait_for(Duration::from_secs(30), "the trend chart", || {
        session
            .attribute("[data-testid=survey-trend-chart]", "src")
            .filter(|src| src.starts_with("data:image/svg+xml"))
    });
    wait_for(Duration::from_secs(15), "the trend table", || {
        (session.count("[data-testid=survey-trend-row]") > 0).then_some(())
    });
    let total = session
        .text("[data-testid=survey-trend-total]")
        .unwrap_or_default();
    eprintln!("the trend's whole period: {total}");
    assert!(total.chars().any(|c| c.is_ascii_digit()), "{total}");
    screenshot(session, "surveys-trends.png");
}
