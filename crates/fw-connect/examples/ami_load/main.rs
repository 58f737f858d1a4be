//! Load test of the AMI connector at 10,000 agents: the simulator's event stream rendered
//! as the AMI frames Asterisk would send, written by a fake Asterisk on 127.0.0.1 (a
//! thread of its own) through the real codec and `AmiConnector` into the metrics engine,
//! as the console's hub does. Prints the rates, the latency from the server writing a
//! frame to the connector handing out its domain event, CPU and memory, and whether the
//! engine's figures equal those of an engine fed the simulator's own events.
//!
//! ```text
//! cargo run --release -p fw-connect --example ami_load -- [--speed 2.15 | --flat-out]
//!     [--seconds 60] [--events 100000] [--agents 10000] [--seed 7]
//! ```
//!
//! `--speed`: the simulator's clock against the wall's (2.15 gives about 200 domain events a
//! second from the 10,000-agent, 21-queue centre at its morning peak) for `--seconds`;
//! `--flat-out`: `--events` domain events as fast as the connector takes them. Wrapped by
//! `scripts/bench-ami-load.sh`.

mod measure;
mod render;
mod server;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use fw_connect::{AmiConfig, AmiConnector, AmiSecret, Connector};
use fw_domain::{CallId, DomainEvent, EventEnvelope, Timestamp};
use fw_engine::{Engine, EngineConfig, Frame, Window};
use fw_sim::{SimConfig, Simulator};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::measure::{
    CountingAllocator, TICKS_PER_SECOND, cpu_ticks, percentile, reset_peak, status_kib, thread_heap,
};
use crate::render::{Group, Renderer, push_groups, queue_status};
use crate::server::{Plan, Shared};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// 2026-11-23 08:00 in Shanghai, as the engine's bench.
const START: Timestamp = Timestamp(1_795_392_000_000);
/// The stream starts at 10:30, the morning peak.
const WARM_UP_MS: i64 = 150 * 60_000;

struct Args {
    speed: Option<f64>,
    seconds: f64,
    events: usize,
    agents: u32,
    seed: u64,
}

fn args() -> Args {
    let mut args = Args {
        speed: Some(2.15),
        seconds: 60.0,
        events: 100_000,
        agents: 10_000,
        seed: 7,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        if flag == "--flat-out" {
            args.speed = None;
            continue;
        }
        let value = given
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        let number = |value: &str| -> f64 {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{flag} {value}: not a number"))
        };
        match flag.as_str() {
            "--speed" => args.speed = Some(number(&value)),
            "--seconds" => args.seconds = number(&value),
            "--events" => args.events = number(&value) as usize,
            "--agents" => args.agents = number(&value) as u32,
            "--seed" => args.seed = number(&value) as u64,
            _ => panic!("unknown option {flag}"),
        }
    }
    args
}

/// The stream: the simulator from 10:30, without the calls already live then (the fake's
/// lists show the agents, not those calls), as domain events and as AMI frame groups.
struct Stream {
    topology: fw_domain::Topology,
    snapshot: fw_domain::Snapshot,
    events: Vec<EventEnvelope>,
    groups: Vec<Group>,
}

fn stream(args: &Args) -> Stream {
    let mut sim = Simulator::new(SimConfig::new(args.seed, args.agents, START)).expect("config");
    let t0 = START.plus_ms(WARM_UP_MS);
    sim.advance_to(t0, &mut Vec::new());
    let snapshot = sim.snapshot();
    let topology = sim.topology().clone();
    let live_at_start: FxHashSet<CallId> = snapshot.calls.iter().map(|c| c.call).collect();
    let length_ms = args
        .speed
        .map(|speed| (args.seconds * speed * 1_000.0) as i64);
    let mut events = Vec::new();
    let mut until = t0;
    loop {
        until = until.plus_ms(10_000);
        let mut step = Vec::new();
        sim.advance_to(until, &mut step);
        events.extend(step.into_iter().filter(|e| {
            e.event
                .call()
                .is_none_or(|call| !live_at_start.contains(&call))
        }));
        let enough = match length_ms {
            Some(length) => until.0 - t0.0 >= length,
            None => events.len() >= args.events,
        };
        if enough {
            break;
        }
    }
    if let Some(length) = length_ms {
        events.retain(|e| e.at.0 - t0.0 < length);
    } else {
        events.truncate(args.events);
        // Whole milliseconds only: a group is every event of one.
        let last = events.last().map(|e| e.at);
        events.retain(|e| Some(e.at) != last);
    }
    let mut groups = Vec::new();
    push_groups(&mut Renderer::new(&topology), &events, &mut groups);
    Stream {
        topology,
        snapshot,
        events,
        groups,
    }
}

/// Per queue name: offered, answered, answered within the threshold, handled, abandoned,
/// left otherwise (timeouts and callbacks: AMI shows both as a plain leave), talk time.
type Figures = Vec<(String, [u64; 7])>;

fn figures(engine: &Engine, frame: &Frame) -> Figures {
    let mut out: Figures = frame
        .queues
        .iter()
        .map(|q| {
            let c = &q.figures.counters;
            let name = engine.topology().queues[q.queue.index()].name.clone();
            (
                name,
                [
                    u64::from(c.offered),
                    u64::from(c.answered),
                    u64::from(c.answered_within_threshold),
                    u64::from(c.handled),
                    u64::from(c.abandoned),
                    u64::from(c.left_other + c.callbacks),
                    c.talk_ms,
                ],
            )
        })
        .collect();
    out.sort();
    out
}

fn engine_config() -> EngineConfig {
    EngineConfig {
        window: Window::Day,
        ..EngineConfig::default()
    }
}

/// What the client saw.
struct Run {
    /// The client thread's heap (connector and engine): live once connected, the most it
    /// held while connecting, live after streaming, the most while streaming.
    heap: [isize; 4],
    rss_connected: u64,
    rss_streamed: u64,
    latencies_us: Vec<u64>,
    domain_events: usize,
    streaming: Duration,
    drain_lag: Duration,
    client_cpu_ticks: u64,
    process_cpu_ticks: u64,
    engine: Engine,
    now: Timestamp,
}

#[allow(clippy::too_many_lines)] // one straight run: connect, stream, settle, measure
async fn run_client(port: u16, groups: &[Group], shared: &Shared) -> Run {
    let heap_before = thread_heap().0;
    reset_peak();
    let index: FxHashMap<i64, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.at.0, i))
        .collect();
    let config = AmiConfig::new("127.0.0.1", port, "loadtest", AmiSecret::new("load"));
    let mut connector = AmiConnector::new(config).expect("a valid configuration");
    let snapshot = connector.connect().await.expect("connects to the fake");
    let mut engine = Engine::new(snapshot.topology.clone(), engine_config()).expect("engine");
    engine
        .resync(&snapshot, connector.now())
        .expect("a valid snapshot");
    let rss_connected = status_kib("VmRSS");
    let (connected, connecting_peak) = thread_heap();
    reset_peak();
    // Tells the fake the console is ready: the stream starts at this Ping.
    connector
        .sync(&mut Vec::new())
        .await
        .expect("the link holds");
    let started = Instant::now();
    let (client0, process0) = (
        cpu_ticks("/proc/thread-self/stat"),
        cpu_ticks("/proc/self/stat"),
    );
    let mut latencies_us = Vec::with_capacity(groups.len() * 4);
    let mut domain_events = 0;
    let mut last_frame = Instant::now();
    let mut apply = |batch: &[EventEnvelope], engine: &mut Engine, now: Timestamp| {
        let arrived = shared.base.elapsed().as_nanos() as u64;
        for envelope in batch {
            engine.apply(envelope, now);
            domain_events += 1;
            // A queue exit waits out the answer grace by design: not a delivery delay.
            if matches!(envelope.event, DomainEvent::CallLeftQueue { .. }) {
                continue;
            }
            if let Some(&group) = index.get(&envelope.at.0) {
                let written = shared.written_ns[group].load(Ordering::Acquire);
                latencies_us.push(arrived.saturating_sub(written) / 1_000);
            }
        }
    };
    let mut batch = Vec::new();
    loop {
        if shared.done.load(Ordering::Acquire) {
            break;
        }
        batch.clear();
        match tokio::time::timeout(
            Duration::from_millis(100),
            connector.next_events(&mut batch),
        )
        .await
        {
            Ok(Ok(())) => apply(&batch, &mut engine, connector.now()),
            Ok(Err(error)) => panic!("the link failed under load: {error}"),
            Err(_) => {}
        }
        // The hub's 10 Hz frame.
        if last_frame.elapsed() >= Duration::from_millis(100) {
            std::hint::black_box(engine.frame(connector.now()));
            last_frame = Instant::now();
        }
    }
    let all_written = shared.base.elapsed();
    batch.clear();
    connector.sync(&mut batch).await.expect("the link holds");
    apply(&batch, &mut engine, connector.now());
    let drain_lag = shared.base.elapsed().saturating_sub(all_written);
    let streaming = started.elapsed();
    let (client1, process1) = (
        cpu_ticks("/proc/thread-self/stat"),
        cpu_ticks("/proc/self/stat"),
    );
    let rss_streamed = status_kib("VmRSS");
    let (streamed, streaming_peak) = thread_heap();
    // Queue exits settle after the answer grace (2 s of platform time).
    let settle_until = Instant::now() + Duration::from_millis(2_500);
    while Instant::now() < settle_until {
        batch.clear();
        if let Ok(result) = tokio::time::timeout(
            Duration::from_millis(100),
            connector.next_events(&mut batch),
        )
        .await
        {
            result.expect("the link holds");
            apply(&batch, &mut engine, connector.now());
        }
    }
    Run {
        heap: [
            connected - heap_before,
            connecting_peak - heap_before,
            streamed - heap_before,
            streaming_peak - heap_before,
        ],
        rss_connected,
        rss_streamed,
        latencies_us,
        domain_events,
        streaming,
        drain_lag,
        client_cpu_ticks: client1 - client0,
        process_cpu_ticks: process1 - process0,
        now: connector.now(),
        engine,
    }
}

/// The groups' times and sizes, for the client (the bytes stay with the server).
fn without_bytes(groups: &[Group]) -> Vec<Group> {
    groups
        .iter()
        .map(|g| Group {
            at: g.at,
            bytes: Vec::new(),
            frames: g.frames,
        })
        .collect()
}

fn main() {
    let args = args();
    let generated = Instant::now();
    let stream = stream(&args);
    let frames: usize = stream.groups.iter().map(|g| g.frames).sum();
    let bytes: usize = stream.groups.iter().map(|g| g.bytes.len()).sum();
    let sim_ms =
        stream.events.last().map_or(0, |e| e.at.0) - stream.events.first().map_or(0, |e| e.at.0);
    println!(
        "stream: {} agents, {} queues; {} domain events -> {} AMI frames ({:.1} MiB) over {:.1} simulated s; rendered in {:.1} s",
        stream.topology.agents.len(),
        stream.topology.queues.len(),
        stream.events.len(),
        frames,
        bytes as f64 / 1_048_576.0,
        sim_ms as f64 / 1_000.0,
        generated.elapsed().as_secs_f64()
    );

    // The simulator's own figures for the same stream.
    let mut reference = Engine::new(stream.topology.clone(), engine_config()).expect("engine");
    for envelope in &stream.events {
        reference.apply(envelope, envelope.at);
    }

    let rss_before = status_kib("VmRSS");
    let shared = Arc::new(Shared::new(stream.groups.len()));
    let plan = Plan {
        groups: stream.groups,
        speed: args.speed,
        queue_status: queue_status(&stream.snapshot),
    };
    let groups_for_client = without_bytes(&plan.groups);
    let port = server::spawn(plan, Arc::clone(&shared));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let run = runtime.block_on(run_client(port, &groups_for_client, &shared));
    let rss_peak = status_kib("VmHWM");

    let seconds = run.streaming.as_secs_f64();
    let mut latencies = run.latencies_us;
    latencies.sort_unstable();
    let server_ticks = shared.cpu_ticks.load(Ordering::Acquire);
    let percent = |ticks: u64| ticks as f64 / TICKS_PER_SECOND / seconds * 100.0;
    println!(
        "mode: {}",
        args.speed.map_or("flat out".to_owned(), |s| format!(
            "paced at simulator speed {s}"
        ))
    );
    println!(
        "streamed for {seconds:.2} s: {:.0} domain events/s in, {:.0} AMI frames/s, {:.0} domain events/s out of the connector",
        stream.events.len() as f64 / seconds,
        frames as f64 / seconds,
        run.domain_events as f64 / seconds
    );
    println!(
        "backlog after the last write: {:.1} ms to map everything (a Ping round trip included)",
        run.drain_lag.as_secs_f64() * 1_000.0
    );
    println!(
        "latency write -> domain event (µs, {} events): p50 {} p90 {} p99 {} p99.9 {} max {}",
        latencies.len(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 90.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 99.9),
        latencies.last().copied().unwrap_or(0)
    );
    println!(
        "CPU: connector + engine thread {:.1} % of a core; fake Asterisk thread {:.1} %; whole process {:.1} %",
        percent(run.client_cpu_ticks),
        percent(server_ticks),
        percent(run.process_cpu_ticks)
    );
    let mib = |kib: u64| kib as f64 / 1_024.0;
    let heap_mib = |bytes: isize| bytes as f64 / 1_048_576.0;
    println!(
        "heap of the connector + engine thread: {:.1} MiB once connected (peak {:.1} MiB while reading the lists), {:.1} MiB after streaming (peak {:.1} MiB)",
        heap_mib(run.heap[0]),
        heap_mib(run.heap[1]),
        heap_mib(run.heap[2]),
        heap_mib(run.heap[3])
    );
    println!(
        "memory (RSS): {:.1} MiB before connecting (the simulator's stream and {:.1} MiB of rendered frames), {:.1} MiB once connected (10,000 members read and mapped), {:.1} MiB after streaming, peak {:.1} MiB",
        mib(rss_before),
        bytes as f64 / 1_048_576.0,
        mib(run.rss_connected),
        mib(run.rss_streamed),
        mib(rss_peak)
    );

    let now = run.now.max(stream.events.last().map_or(run.now, |e| e.at));
    if !figures_match(&reference, &run.engine, now) {
        std::process::exit(1);
    }
}

/// Compares, queue by queue, the engine fed over AMI with the simulator's own.
fn figures_match(reference: &Engine, over_ami: &Engine, now: Timestamp) -> bool {
    let expected = figures(reference, &reference.frame(now));
    let got = figures(over_ami, &over_ami.frame(now));
    let totals = |figures: &Figures| {
        figures.iter().fold([0_u64; 7], |mut sum, (_, f)| {
            for (s, v) in sum.iter_mut().zip(f) {
                *s += v;
            }
            sum
        })
    };
    println!(
        "figures (offered, answered, answered in SL, handled, abandoned, left, talk ms): simulator {:?}, over AMI {:?}",
        totals(&expected),
        totals(&got)
    );
    let differing: Vec<_> = expected.iter().zip(&got).filter(|(a, b)| a != b).collect();
    if differing.is_empty() && expected.len() == got.len() {
        println!(
            "correctness: every queue's figures equal the simulator's ({} queues)",
            got.len()
        );
        true
    } else {
        println!("correctness: {} queues differ:", differing.len());
        for (a, b) in differing.iter().take(10) {
            println!("  simulator {a:?}\n  over AMI  {b:?}");
        }
        false
    }
}
