//! The rules over a real simulated morning: a surge at one site raises that site's queue
//! alerts once each, and they clear after it passes.

use std::collections::BTreeMap;

use fw_alerts::{AlertChange, AlertKind, AlertRules, AlertWatch, Inputs, Subject, observe};
use fw_domain::{SiteId, Timestamp};
use fw_engine::{Engine, EngineConfig};
use fw_sim::{SimConfig, Simulator, Surge};

/// 2026-11-22 00:00 in Shanghai.
const MIDNIGHT: Timestamp = Timestamp(1_795_276_800_000);
const HOUR: i64 = 3_600_000;

#[derive(Default)]
struct Tally {
    raised: BTreeMap<(AlertKind, Subject), Vec<Timestamp>>,
    cleared: usize,
}

#[test]
fn a_surge_at_one_site_raises_its_queue_alerts_once_each_and_they_clear_afterwards() {
    let surge_at = MIDNIGHT.plus_ms(10 * HOUR);
    let mut config = SimConfig::new(7, 400, MIDNIGHT.plus_ms(8 * HOUR));
    config.surge = Some(Surge {
        at: surge_at,
        duration_ms: HOUR,
        factor: 4.0,
        site: Some(SiteId(0)),
    });
    let mut simulator = Simulator::new(config).unwrap();
    let topology = simulator.topology().clone();
    let mut engine = Engine::new(topology.clone(), EngineConfig::default()).unwrap();
    engine
        .resync(&simulator.snapshot(), simulator.now())
        .unwrap();
    let rules = AlertRules::default();
    let windows = rules.windows_used();
    let mut watch = AlertWatch::new();
    let mut tally = Tally::default();
    let mut events = Vec::new();
    let mut now = simulator.now();
    let end = surge_at.plus_ms(3 * HOUR);
    while now < end {
        now = now.plus_ms(10_000);
        simulator.advance_to(now, &mut events);
        for event in events.drain(..) {
            engine.apply(&event, event.at);
        }
        let frames: Vec<_> = windows.iter().map(|w| engine.frame_for(*w, now)).collect();
        let agents = engine.agent_views(now);
        let inputs = Inputs {
            now,
            topology: &topology,
            frames: &frames,
            agents: &agents,
            link_down_since: None,
        };
        for change in watch.update(&observe(&rules, &inputs), now, true) {
            match change {
                AlertChange::Raised(alert) => tally
                    .raised
                    .entry((alert.key.kind, alert.key.subject))
                    .or_default()
                    .push(alert.raised_at),
                AlertChange::Cleared(_) => tally.cleared += 1,
            }
        }
    }
    let site_of = |subject: Subject| match subject {
        Subject::Queue(q) => Some(topology.queues[q.index()].site),
        _ => None,
    };
    let in_surge = |t: &Timestamp| *t >= surge_at && *t < surge_at.plus_ms(HOUR + 15 * 60_000);
    let raised_in_surge = |on_surged_site: bool| -> Vec<&Vec<Timestamp>> {
        tally
            .raised
            .iter()
            .filter(|((kind, subject), times)| {
                *kind == AlertKind::ServiceLevelLow
                    && site_of(*subject).is_some_and(|s| (s == SiteId(0)) == on_surged_site)
                    && times.iter().any(in_surge)
            })
            .map(|(_, times)| times)
            .collect()
    };
    let surged = raised_in_surge(true);
    assert!(
        surged.len() >= 3,
        "most of the surged site's queues should fall below their SL: {:?}",
        tally.raised.keys().collect::<Vec<_>>()
    );
    for times in &surged {
        // One alert per queue and rule through the surge, however long it lasts: no storm.
        assert_eq!(times.iter().filter(|t| in_surge(t)).count(), 1, "{times:?}");
    }
    let elsewhere = raised_in_surge(false).len();
    assert!(
        elsewhere < surged.len(),
        "the surged site stands out: {elsewhere} queues elsewhere, {} there",
        surged.len()
    );
    assert!(tally.cleared > 0);
    // The front-line alerts raised by the surge cleared once it passed (tier 2 works off
    // the surge's escalations for longer).
    let surge_alerts_still_active: Vec<_> = watch
        .board()
        .active
        .iter()
        .filter(|a| {
            a.key.kind == AlertKind::ServiceLevelLow
                && a.site == Some(SiteId(0))
                && in_surge(&a.raised_at)
                && matches!(a.key.subject, Subject::Queue(q) if !topology.queues[q.index()].tier2)
        })
        .map(|a| (a.subject_name.clone(), a.raised_at, a.value))
        .collect();
    assert!(
        surge_alerts_still_active.is_empty(),
        "{surge_alerts_still_active:?}"
    );
}
