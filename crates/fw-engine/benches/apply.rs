//! Events applied per second on one core, on a realistic simulator stream at 10,000 agents,
//! and the engine's memory per agent. Run: `cargo bench -p fw-engine --bench apply`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fw_domain::{EventEnvelope, Timestamp};
use fw_engine::{Engine, EngineConfig, Window};
use fw_sim::{SimConfig, Simulator};

/// Counts live heap bytes so the engine's footprint is measured, not estimated.
struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const AGENTS: u32 = 10_000;
/// 2026-11-23 08:00 in Shanghai: the simulated hour runs into the morning peak.
const START: Timestamp = Timestamp(1_795_392_000_000);
const SIMULATED_MS: i64 = 2 * 3_600_000;

fn stream() -> (Simulator, Vec<EventEnvelope>) {
    let mut simulator =
        Simulator::new(SimConfig::new(7, AGENTS, START)).expect("valid simulator config");
    let mut events = Vec::new();
    simulator.advance_to(START.plus_ms(SIMULATED_MS), &mut events);
    (simulator, events)
}

fn apply_all(engine: &mut Engine, events: &[EventEnvelope]) {
    for envelope in events {
        engine.apply(envelope, envelope.at);
    }
}

fn bench(c: &mut Criterion) {
    let (simulator, events) = stream();
    let topology = simulator.topology().clone();
    let end = START.plus_ms(SIMULATED_MS);

    // Memory: the engine's heap after the whole stream, per agent.
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let mut engine =
        Engine::new(topology.clone(), EngineConfig::default()).expect("valid topology");
    apply_all(&mut engine, &events);
    let engine_bytes = LIVE_BYTES.load(Ordering::Relaxed) - before;
    println!(
        "stream: {} events over {} simulated minutes at {AGENTS} agents ({} live calls at the end)",
        events.len(),
        SIMULATED_MS / 60_000,
        engine.live_call_count()
    );
    println!(
        "memory: engine heap {:.1} MiB = {:.0} bytes per agent (topology included)",
        engine_bytes as f64 / 1_048_576.0,
        engine_bytes as f64 / f64::from(AGENTS)
    );

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.sample_size(10);
    group.bench_function("apply 10k-agent stream", |b| {
        b.iter_batched_ref(
            || Engine::new(topology.clone(), EngineConfig::default()).expect("valid topology"),
            |engine| apply_all(engine, &events),
            BatchSize::LargeInput,
        );
    });
    group.throughput(Throughput::Elements(1));
    for window in [Window::Rolling15, Window::Day] {
        group.bench_function(format!("frame {window:?} at 10k agents"), |b| {
            b.iter(|| engine.frame_for(window, end));
        });
    }
    // The hub recomputes the day's 15-minute trends every ten seconds.
    group.bench_function("trends per 15 min at 10k agents", |b| {
        b.iter(|| engine.trends(end, fw_engine::TREND_INTERVAL_MINUTES));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
