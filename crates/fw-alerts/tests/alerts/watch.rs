//! The watch: raise after the minimum duration, once; clear after the clear time; stale
//! figures change nothing; acknowledgements stick.
#![allow(clippy::float_cmp)] // the values compared are copied, never computed

use fw_alerts::{
    AlertChange, AlertId, AlertKey, AlertKind, AlertWatch, Level, Observation, Subject,
};
use fw_domain::{QueueId, Timestamp};
use proptest::prelude::*;

const QUEUE: AlertKey = AlertKey {
    kind: AlertKind::LongestWaitHigh,
    subject: Subject::Queue(QueueId(3)),
};

fn reading(level: Level, value: f64) -> Observation {
    Observation {
        key: QUEUE,
        level,
        value,
        threshold: 120.0,
        raise_after_ms: 30_000,
        clear_after_ms: 30_000,
        subject_name: "sh-phones".into(),
        site: None,
    }
}

fn at(secs: i64) -> Timestamp {
    Timestamp(1_795_276_800_000 + secs * 1000)
}

fn raised(changes: &[AlertChange]) -> usize {
    changes
        .iter()
        .filter(|c| matches!(c, AlertChange::Raised(_)))
        .count()
}

fn cleared(changes: &[AlertChange]) -> usize {
    changes
        .iter()
        .filter(|c| matches!(c, AlertChange::Cleared(_)))
        .count()
}

#[test]
fn a_breach_is_raised_once_after_its_minimum_duration_and_cleared_after_recovering_long_enough() {
    let mut watch = AlertWatch::new();
    // In breach for 29 s: nothing yet.
    for s in 0..30 {
        assert!(
            watch
                .update(&[reading(Level::Breach, 130.0)], at(s), true)
                .is_empty()
        );
    }
    let changes = watch.update(&[reading(Level::Breach, 131.0)], at(30), true);
    let [AlertChange::Raised(alert)] = changes.as_slice() else {
        panic!("expected one raise, got {changes:?}");
    };
    assert_eq!(
        (alert.raised_at, alert.raised_value, alert.threshold),
        (at(30), 131.0, 120.0)
    );
    // Still in breach for ten minutes: no second alert.
    for s in 31..630 {
        assert!(
            watch
                .update(&[reading(Level::Breach, 140.0)], at(s), true)
                .is_empty()
        );
    }
    // In the band (between clear and raise thresholds): stays active.
    for s in 630..700 {
        assert!(
            watch
                .update(&[reading(Level::Band, 100.0)], at(s), true)
                .is_empty()
        );
    }
    assert_eq!(watch.board().active[0].value, 100.0);
    // Recovered for 29 s, then back in the band: the clear timer restarts.
    for s in 700..729 {
        assert!(
            watch
                .update(&[reading(Level::Recovered, 60.0)], at(s), true)
                .is_empty()
        );
    }
    assert!(
        watch
            .update(&[reading(Level::Band, 95.0)], at(729), true)
            .is_empty()
    );
    for s in 730..760 {
        assert!(
            watch
                .update(&[reading(Level::Recovered, 60.0)], at(s), true)
                .is_empty()
        );
    }
    let changes = watch.update(&[reading(Level::Recovered, 50.0)], at(760), true);
    assert_eq!(cleared(&changes), 1);
    let board = watch.board();
    assert!(board.active.is_empty());
    assert_eq!(board.recent[0].cleared_at, Some(at(760)));
}

#[test]
fn a_breach_that_lapses_before_its_duration_never_raises() {
    let mut watch = AlertWatch::new();
    let mut changes = Vec::new();
    for round in 0..20 {
        let start = round * 40;
        for s in start..start + 25 {
            changes.extend(watch.update(&[reading(Level::Breach, 130.0)], at(s), true));
        }
        // A moment in the band resets the count: the condition must hold without a break.
        changes.extend(watch.update(&[reading(Level::Band, 110.0)], at(start + 25), true));
    }
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn unknown_readings_neither_raise_nor_clear() {
    let mut watch = AlertWatch::new();
    watch.update(&[reading(Level::Breach, 130.0)], at(0), true);
    assert_eq!(
        raised(&watch.update(&[reading(Level::Breach, 130.0)], at(30), true)),
        1
    );
    for s in 31..400 {
        assert!(
            watch
                .update(&[reading(Level::Unknown, 0.0)], at(s), true)
                .is_empty()
        );
    }
    assert_eq!(watch.active_count(), 1);
    assert_eq!(
        watch.board().active[0].value,
        130.0,
        "an unknown reading keeps the last value"
    );
}

#[test]
fn stale_figures_keep_alerts_and_stop_pending_ones_ripening() {
    let mut watch = AlertWatch::new();
    let other = AlertKey {
        kind: AlertKind::AbandonRateHigh,
        subject: Subject::Queue(QueueId(4)),
    };
    let abandon = Observation {
        key: other,
        ..reading(Level::Breach, 20.0)
    };
    watch.update(
        &[reading(Level::Breach, 130.0), abandon.clone()],
        at(0),
        true,
    );
    watch.update(&[reading(Level::Breach, 130.0)], at(10), true);
    assert_eq!(
        raised(&watch.update(&[reading(Level::Breach, 130.0)], at(30), true)),
        1
    );
    // The abandon alert was pending and went unseen on fresh figures: gone.
    // Now the link is down: nothing is observed about the queues.
    for s in 31..300 {
        assert!(watch.update(&[], at(s), false).is_empty());
    }
    assert_eq!(
        watch.active_count(),
        1,
        "a dropped link does not clear what was true"
    );
    // Fresh again and the queue no longer reported at all (it was removed): it clears.
    assert_eq!(cleared(&watch.update(&[], at(301), true)), 1);
}

#[test]
fn a_rule_without_a_minimum_duration_raises_at_once_and_clears_at_once() {
    let mut watch = AlertWatch::new();
    let instant = Observation {
        raise_after_ms: 0,
        clear_after_ms: 0,
        ..reading(Level::Breach, 1300.0)
    };
    assert_eq!(
        raised(&watch.update(std::slice::from_ref(&instant), at(0), true)),
        1
    );
    assert_eq!(
        cleared(&watch.update(&[], at(1), true)),
        1,
        "not observed: recovered"
    );
    assert_eq!(
        raised(&watch.update(&[instant], at(2), true)),
        1,
        "a new alert after it cleared"
    );
    assert_eq!(watch.board().recent.len(), 1);
    assert_eq!(watch.board().active[0].id, AlertId(2));
}

#[test]
fn acknowledging_marks_the_alert_once_and_survives_its_clearing() {
    let mut watch = AlertWatch::new();
    watch.update(&[reading(Level::Breach, 130.0)], at(0), true);
    watch.update(&[reading(Level::Breach, 130.0)], at(30), true);
    let id = watch.board().active[0].id;
    let first = watch.acknowledge(id, "li.na", at(40)).unwrap();
    assert_eq!(first.acknowledged.as_ref().unwrap().by, "li.na");
    let again = watch.acknowledge(id, "wang.wei", at(41)).unwrap();
    assert_eq!(
        again.acknowledged.unwrap().by,
        "li.na",
        "the first acknowledgement stands"
    );
    assert_eq!(watch.board().unacknowledged(), 0);
    watch.update(&[], at(50), true);
    assert!(watch.board().recent[0].acknowledged.is_some());
    assert!(watch.acknowledge(AlertId(99), "li.na", at(60)).is_err());
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![
        Just(Level::Breach),
        Just(Level::Band),
        Just(Level::Recovered),
        Just(Level::Unknown),
        Just(Level::Breach),
    ]
}

proptest! {
    /// Whatever the readings, raises and clears alternate (never two alerts for one key, no
    /// storm); every raise follows an unbroken breach of the minimum duration; every clear
    /// follows an unbroken recovery of the clear time (or the key going unseen).
    #[test]
    fn raises_and_clears_alternate_and_respect_their_durations(
        steps in proptest::collection::vec((level(), 1i64..20, any::<bool>()), 1..300),
        raise_after in 0u64..60,
        clear_after in 0u64..60,
    ) {
        let mut watch = AlertWatch::new();
        let mut t = 0;
        let mut active = false;
        let mut breach_since: Option<i64> = None;
        let mut recovered_since: Option<i64> = None;
        for (level, gap, seen) in steps {
            t += gap;
            let observation = Observation {
                raise_after_ms: raise_after * 1000,
                clear_after_ms: clear_after * 1000,
                ..reading(level, 0.0)
            };
            let observations: &[Observation] = if seen { std::slice::from_ref(&observation) } else { &[] };
            if seen {
                match level {
                    Level::Breach => { breach_since.get_or_insert(t); recovered_since = None; }
                    Level::Recovered => { recovered_since.get_or_insert(t); breach_since = None; }
                    Level::Band => { breach_since = None; recovered_since = None; }
                    Level::Unknown => { breach_since = None; }
                }
            } else {
                breach_since = None;
                recovered_since = None;
            }
            for change in watch.update(observations, at(t), true) {
                match change {
                    AlertChange::Raised(_) => {
                        prop_assert!(!active, "raised twice at {}", t);
                        let since = breach_since.expect("raised without a breach");
                        prop_assert!((t - since) as u64 * 1000 >= raise_after * 1000);
                        active = true;
                    }
                    AlertChange::Cleared(_) => {
                        prop_assert!(active, "cleared what was not raised at {}", t);
                        if seen {
                            let since = recovered_since.expect("cleared without recovering");
                            prop_assert!((t - since) as u64 * 1000 >= clear_after * 1000);
                        }
                        active = false;
                    }
                }
            }
            prop_assert_eq!(watch.active_count(), usize::from(active));
        }
    }
}

#[test]
fn the_live_figures_window_is_always_computed_even_without_windowed_rules() {
    let mut rules = fw_alerts::AlertRules::default();
    rules.queues_default.service_level = None;
    rules.queues_default.abandon_rate = None;
    assert_eq!(rules.windows_used(), [fw_engine::Window::Rolling15]);
    let mut rules = fw_alerts::AlertRules::default();
    rules
        .queues_default
        .service_level
        .as_mut()
        .unwrap()
        .window_minutes = 60;
    assert_eq!(
        rules.windows_used(),
        [fw_engine::Window::Rolling15, fw_engine::Window::Rolling60]
    );
}
