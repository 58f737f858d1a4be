//! One alert evaluation at 10,000 agents (the hub runs one a second): the extra 15-minute
//! frame the rules read, `observe` over every queue and agent, and the watch's update.
//! Run: `cargo bench -p fw-alerts --bench evaluate`.

use criterion::{Criterion, criterion_group, criterion_main};
use fw_alerts::{AlertRules, AlertWatch, Inputs, observe};
use fw_domain::Timestamp;
use fw_engine::{Engine, EngineConfig, Window};
use fw_sim::{SimConfig, Simulator};

const AGENTS: u32 = 10_000;
/// 2026-11-23 08:00 in Shanghai: two simulated hours into the morning peak.
const START: Timestamp = Timestamp(1_795_392_000_000);
const SIMULATED_MS: i64 = 2 * 3_600_000;

fn bench(c: &mut Criterion) {
    let mut simulator =
        Simulator::new(SimConfig::new(7, AGENTS, START)).expect("valid simulator config");
    let mut events = Vec::new();
    let now = START.plus_ms(SIMULATED_MS);
    simulator.advance_to(now, &mut events);
    let topology = simulator.topology().clone();
    let mut engine = Engine::new(topology.clone(), EngineConfig::default()).expect("topology");
    for event in &events {
        engine.apply(event, event.at);
    }
    let agents = engine.agent_views(now);
    let rules = AlertRules::default();
    let frames = vec![engine.frame_for(Window::Rolling15, now)];
    let inputs = Inputs {
        now,
        topology: &topology,
        frames: &frames,
        agents: &agents,
        link_down_since: None,
    };
    let observations = observe(&rules, &inputs);
    eprintln!(
        "{} observations from {} queues and {} agents",
        observations.len(),
        topology.queues.len(),
        agents.len()
    );

    let mut group = c.benchmark_group("alerts (10k agents)");
    group.sample_size(20);
    group.bench_function("the rules' 15-minute frame", |b| {
        b.iter(|| engine.frame_for(Window::Rolling15, now));
    });
    group.bench_function("observe every queue and agent", |b| {
        b.iter(|| observe(&rules, &inputs));
    });
    group.bench_function("watch update (steady state)", |b| {
        let mut watch = AlertWatch::new();
        watch.update(&observations, now, true);
        let mut t = now;
        b.iter(|| {
            t = t.plus_ms(1_000);
            watch.update(&observations, t, true)
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
