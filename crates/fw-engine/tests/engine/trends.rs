//! Trends are the same minute buckets cut into intervals: they must add up to the day.

use fw_domain::{MINUTE_MS, Timestamp};
use fw_engine::{Engine, EngineConfig, TREND_INTERVAL_MINUTES, Window};
use fw_sim::{SimConfig, Simulator};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn intervals_add_up_to_the_day_for_every_scope(
        seed in any::<u64>(),
        start_hour in 0i64..24,
        minutes in 30i64..300,
        interval in prop::sample::select(vec![15i64, 30, 45, 60]),
    ) {
        let start = crate::streams::START.plus_ms(start_hour * 3_600_000);
        let mut simulator = Simulator::new(SimConfig::new(seed, 60, start)).unwrap();
        let mut engine = Engine::new(simulator.topology().clone(), EngineConfig::default()).unwrap();
        engine.resync(&simulator.snapshot(), start).unwrap();
        let mut events = Vec::new();
        let now = start.plus_ms(minutes * MINUTE_MS + 17_000);
        simulator.advance_to(now, &mut events);
        for event in &events {
            engine.apply(event, event.at);
        }
        let day = engine.frame_for(Window::Day, now);
        let trends = engine.trends(now, interval);

        prop_assert_eq!(trends.day_start, day.window_start);
        let sum = |points: &[fw_engine::TrendPoint]| {
            points.iter().fold((0, 0, 0), |(o, a, b), p| (o + p.offered, a + p.answered, b + p.abandoned))
        };
        let expect = |c: &fw_engine::Counters| (c.offered, c.answered, c.counted_abandons);
        prop_assert_eq!(sum(&trends.total.points), expect(&day.total.counters));
        for ((site, series), frame) in trends.sites.iter().zip(&day.sites) {
            prop_assert_eq!(*site, frame.site);
            prop_assert_eq!(sum(&series.points), expect(&frame.figures.counters));
        }
        for ((queue, series), frame) in trends.queues.iter().zip(&day.queues) {
            prop_assert_eq!(*queue, frame.queue);
            prop_assert_eq!(sum(&series.points), expect(&frame.figures.counters));
        }
        // Intervals are contiguous from local midnight and the last one holds `now`.
        for (i, point) in trends.total.points.iter().enumerate() {
            prop_assert_eq!(point.start, trends.day_start.plus_ms(i64::try_from(i).unwrap() * interval * MINUTE_MS));
        }
        let last = trends.total.points.last().unwrap().start;
        prop_assert!(last <= now && now < last.plus_ms(interval * MINUTE_MS));
    }
}

#[test]
fn an_interval_reports_its_own_service_level_not_the_days() {
    let start = Timestamp(crate::streams::START.0 + 9 * 3_600_000);
    let mut simulator = Simulator::new(SimConfig::new(7, 200, start)).unwrap();
    let mut engine = Engine::new(simulator.topology().clone(), EngineConfig::default()).unwrap();
    engine.resync(&simulator.snapshot(), start).unwrap();
    let mut events = Vec::new();
    let now = start.plus_ms(2 * 3_600_000);
    simulator.advance_to(now, &mut events);
    for event in &events {
        engine.apply(event, event.at);
    }
    let trends = engine.trends(now, TREND_INTERVAL_MINUTES);
    let busy: Vec<_> = trends
        .total
        .points
        .iter()
        .filter(|p| p.offered > 0)
        .collect();
    assert!(
        busy.len() >= 8,
        "two busy hours give at least eight 15-minute intervals"
    );
    for point in busy {
        if let Some(sl) = point.service_level_pct {
            assert!((0.0..=100.0).contains(&sl));
        }
        if let Some(asa) = point.asa_ms {
            assert!(asa >= 0.0);
        }
    }
}
