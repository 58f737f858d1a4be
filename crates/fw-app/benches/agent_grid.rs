//! The agents grid at 10,000 agents: building every agent's row from the engine (once per
//! frame with events) and answering one window of the grid (per request, about once a second
//! per open grid, and on every scroll). Run: `cargo bench -p fw-app --bench agent_grid`.

use criterion::{Criterion, criterion_group, criterion_main};
use fw_app::{AgentQuery, AgentSort, StateFilter, agent_page};
use fw_domain::Timestamp;
use fw_engine::{Engine, EngineConfig};
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
    // What a grid on a tall screen asks for: ~30 rows in view and 20 either side.
    let window = |offset: usize| AgentQuery {
        offset,
        limit: 70,
        ..AgentQuery::default()
    };

    let mut group = c.benchmark_group("agent grid (10k agents)");
    group.sample_size(20);
    group.bench_function("every agent's row from the engine", |b| {
        b.iter(|| engine.agent_views(now));
    });
    group.bench_function("first window, sorted by state", |b| {
        let query = AgentQuery {
            sort: AgentSort::State,
            ..window(0)
        };
        b.iter(|| agent_page(&agents, &topology, &query, now));
    });
    group.bench_function("window 9,000, sorted by AHT, descending", |b| {
        let query = AgentQuery {
            sort: AgentSort::Aht,
            descending: true,
            ..window(9_000)
        };
        b.iter(|| agent_page(&agents, &topology, &query, now));
    });
    group.bench_function("search 'east repairs', logged in, by time in state", |b| {
        let query = AgentQuery {
            search: "east repairs".into(),
            state: Some(StateFilter::LoggedIn),
            sort: AgentSort::TimeInState,
            ..window(0)
        };
        b.iter(|| agent_page(&agents, &topology, &query, now));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
