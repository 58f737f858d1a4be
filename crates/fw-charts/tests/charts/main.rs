//! fw-charts' integration tests: real trends from a simulated day rendered to SVG.

use fw_charts::{ChartTheme, TrendChart, TrendMetric, clock_label, render_svg};
use fw_domain::Timestamp;
use fw_engine::{Engine, EngineConfig, TREND_INTERVAL_MINUTES, TrendPoint, Trends};
use fw_sim::{SimConfig, Simulator};
use proptest::prelude::*;

/// 2026-11-22 00:00 in Shanghai.
const MIDNIGHT: Timestamp = Timestamp(1_795_276_800_000);

fn simulated_trends(hours: i64) -> Trends {
    let mut simulator = Simulator::new(SimConfig::new(11, 120, MIDNIGHT)).unwrap();
    let mut engine = Engine::new(simulator.topology().clone(), EngineConfig::default()).unwrap();
    engine.resync(&simulator.snapshot(), MIDNIGHT).unwrap();
    let now = MIDNIGHT.plus_ms(hours * 3_600_000);
    let mut events = Vec::new();
    simulator.advance_to(now, &mut events);
    for event in &events {
        engine.apply(event, event.at);
    }
    engine.trends(now, TREND_INTERVAL_MINUTES)
}

/// The text content of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|element| {
            let content = element.split_once('>')?.1;
            Some(content.split_once("</text>")?.0.trim().to_string())
        })
        .filter(|text| !text.is_empty())
        .collect()
}

fn labels(points: &[TrendPoint]) -> Vec<String> {
    points
        .iter()
        .map(|p| clock_label(p.start, chrono_tz::Asia::Shanghai))
        .collect()
}

fn chart<'a>(
    metric: TrendMetric,
    points: &'a [TrendPoint],
    labels: &'a [String],
) -> TrendChart<'a> {
    TrendChart {
        metric,
        points,
        labels,
        target_pct: Some(80.0),
        theme: ChartTheme::LIGHT,
        label_px: 12,
    }
}

#[test]
fn a_mornings_offered_chart_has_one_bar_pair_per_interval_and_local_time_labels() {
    let trends = simulated_trends(12);
    let points = &trends.total.points;
    assert_eq!(
        points.len(),
        49,
        "00:00 to 12:00 in quarter hours, the last one begun"
    );
    let labels = labels(points);
    let svg = render_svg(&chart(TrendMetric::Offered, points, &labels), 800, 300).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    assert!(svg.trim_end().ends_with("</svg>"));
    // The background plus an offered and an answered bar per interval.
    let rects = svg.matches("<rect").count();
    assert!(
        rects > 2 * points.len(),
        "{rects} rects for {} intervals",
        points.len()
    );
    let texts = texts(&svg);
    assert_eq!(
        texts.first().map(String::as_str),
        Some("0"),
        "the y axis starts at zero"
    );
    assert!(
        texts.contains(&"00:00".to_string()),
        "the first label is local midnight: {texts:?}"
    );
    assert!(
        texts.contains(&"02:00".to_string()),
        "then every two hours: {texts:?}"
    );
    assert!(
        !texts.contains(&"00:15".to_string()),
        "not every interval: {texts:?}"
    );
    assert!(!svg.contains("NaN"));
}

#[test]
fn the_service_level_chart_draws_its_line_and_a_dashed_target() {
    let trends = simulated_trends(10);
    let points = &trends.total.points;
    let labels = labels(points);
    let svg = render_svg(&chart(TrendMetric::ServiceLevel, points, &labels), 800, 300).unwrap();
    assert!(svg.contains("<polyline"), "the SL line");
    assert!(
        svg.contains("<circle"),
        "a marker per interval, so the line is readable without colour"
    );
    // The dashed target is drawn as many short segments at y(80 %).
    let segments = svg.matches("<polyline").count();
    assert!(segments > 10, "{segments} polylines: the target is dashed");
    let texts = texts(&svg);
    assert!(
        texts.contains(&"100%".to_string()) && texts.contains(&"0%".to_string()),
        "{texts:?}"
    );
}

#[test]
fn an_empty_day_still_draws_axes_and_nothing_else() {
    let points: Vec<TrendPoint> = Vec::new();
    let labels: Vec<String> = Vec::new();
    for metric in [
        TrendMetric::Offered,
        TrendMetric::ServiceLevel,
        TrendMetric::Asa,
        TrendMetric::Abandoned,
    ] {
        let svg = render_svg(&chart(metric, &points, &labels), 400, 200).unwrap();
        assert!(!svg.contains("<circle"));
        assert!(!svg.contains("NaN"));
    }
}

fn any_point() -> impl Strategy<Value = TrendPoint> {
    (
        0u32..10_000,
        0u32..10_000,
        0u32..1_000,
        proptest::option::of(0.0f64..=100.0),
        proptest::option::of(0.0f64..3_600_000.0),
    )
        .prop_map(|(offered, answered, abandoned, sl, asa)| TrendPoint {
            start: MIDNIGHT,
            offered,
            answered,
            abandoned,
            service_level_pct: sl,
            asa_ms: asa,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn any_trend_renders_at_any_size_without_error(
        points in proptest::collection::vec(any_point(), 0..120),
        metric in prop::sample::select(vec![TrendMetric::Offered, TrendMetric::ServiceLevel, TrendMetric::Asa, TrendMetric::Abandoned]),
        width in 40u32..2000,
        height in 40u32..1200,
        label_px in 6u32..64,
    ) {
        let labels = vec!["00:00".to_string(); points.len()];
        let mut spec = chart(metric, &points, &labels);
        spec.label_px = label_px;
        let svg = render_svg(&spec, width, height).unwrap();
        prop_assert!(svg.starts_with("<svg"));
        prop_assert!(!svg.contains("NaN"));
    }
}
