//! Runs the simulated centre for a day and prints an hourly report: arrivals, service level,
//! abandons, occupancy, event counts and generation speed.
//!
//! `cargo run --release -p fw-sim --example day_report -- [agents] [hours] [seed] [start hour]
//! [product lines]` (21 queues per line).

use std::collections::HashMap;
use std::time::Instant;

use fw_domain::{AgentState, DomainEvent, EventEnvelope, Timestamp};
use fw_sim::{SimConfig, Simulator};

const HOUR_MS: i64 = 3_600_000;

/// Per-hour tallies.
#[derive(Default, Clone, Debug)]
struct Hour {
    offered: u32,
    answered: u32,
    answered_in_threshold: u32,
    abandoned: u32,
    short_abandoned: u32,
    callbacks: u32,
    escalations: u32,
    surveys: u32,
    busy_ms: i64,
    idle_ms: i64,
    events: u64,
    /// Per queue: (answered within threshold, SL denominator).
    per_queue: Vec<(u32, u32)>,
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|arg| arg.parse::<u64>().expect("numeric arguments"));
    let agents = args.next().unwrap_or(1_000) as u32;
    let hours = i64::try_from(args.next().unwrap_or(24)).expect("a sensible number of hours");
    let seed = args.next().unwrap_or(7);
    let start_hour = i64::try_from(args.next().unwrap_or(0)).expect("an hour of the day");
    // 2025-03-03 00:00 China time.
    let start = Timestamp(1_740_931_200_000 + start_hour * HOUR_MS);
    let lines = u16::try_from(args.next().unwrap_or(1)).expect("a sensible number of lines");
    let config = SimConfig {
        lines,
        ..SimConfig::new(seed, agents, start)
    };
    let mut simulator = Simulator::new(config).expect("valid config");
    let snapshot = simulator.snapshot();
    let thresholds: Vec<i64> = snapshot
        .topology
        .queues
        .iter()
        .map(|q| i64::from(q.sl_threshold_secs) * 1_000)
        .collect();

    let mut events = Vec::new();
    let mut elapsed = std::time::Duration::ZERO;
    let mut report = vec![
        Hour {
            per_queue: vec![(0, 0); thresholds.len()],
            ..Hour::default()
        };
        hours as usize
    ];
    let mut states: Vec<(AgentState, Timestamp)> = snapshot
        .agents
        .iter()
        .map(|a| (a.state.clone(), a.since))
        .collect();
    let mut queued: HashMap<u64, (usize, Timestamp)> = HashMap::new();
    let mut total_events = 0_u64;
    for hour in 0..hours {
        events.clear();
        let began = Instant::now();
        simulator.advance_to(start.plus_ms((hour + 1) * HOUR_MS - 1), &mut events);
        elapsed += began.elapsed();
        total_events += events.len() as u64;
        let row = &mut report[hour as usize];
        row.events = events.len() as u64;
        for envelope in &events {
            tally(envelope, row, &thresholds, &mut queued, &mut states);
        }
        let hour_end = start.plus_ms((hour + 1) * HOUR_MS);
        for (state, since) in &mut states {
            account(state, *since, hour_end, row);
            *since = hour_end;
        }
    }
    println!(
        "agents {agents}, seed {seed}: {total_events} events in {elapsed:?} ({:.0} events/s)",
        total_events as f64 / elapsed.as_secs_f64()
    );
    println!("hour offered  SL% worst aband short cb  esc surveys occ%  events");
    for (hour, row) in (start_hour..).map(|hour| hour % 24).zip(&report) {
        let sl_base = row.answered + row.abandoned - row.short_abandoned;
        let sl = 100.0 * f64::from(row.answered_in_threshold) / f64::from(sl_base.max(1));
        let occupancy = 100.0 * row.busy_ms as f64 / (row.busy_ms + row.idle_ms).max(1) as f64;
        let worst = row
            .per_queue
            .iter()
            .filter(|(_, base)| *base >= 10)
            .map(|(met, base)| 100.0 * f64::from(*met) / f64::from(*base))
            .fold(100.0, f64::min);
        println!(
            "{hour:>4} {:>7} {sl:>4.0} {worst:>5.0} {:>5} {:>5} {:>3} {:>4} {:>7} {occupancy:>4.0} {:>7}",
            row.offered,
            row.abandoned,
            row.short_abandoned,
            row.callbacks,
            row.escalations,
            row.surveys,
            row.events
        );
    }
    print_queue_totals(&report, &snapshot.topology);
}

fn tally(
    envelope: &EventEnvelope,
    row: &mut Hour,
    thresholds: &[i64],
    queued: &mut HashMap<u64, (usize, Timestamp)>,
    states: &mut [(AgentState, Timestamp)],
) {
    match &envelope.event {
        DomainEvent::CallQueued { call, queue, .. } => {
            row.offered += 1;
            queued.insert(call.0, (queue.index(), envelope.at));
        }
        DomainEvent::CallAnswered { call, .. } => {
            if let Some((queue, at)) = queued.remove(&call.0) {
                row.answered += 1;
                row.per_queue[queue].1 += 1;
                if envelope.at.0 - at.0 <= thresholds[queue] {
                    row.answered_in_threshold += 1;
                    row.per_queue[queue].0 += 1;
                }
            }
        }
        DomainEvent::CallAbandoned { call } => {
            if let Some((queue, at)) = queued.remove(&call.0) {
                row.abandoned += 1;
                if envelope.at.0 - at.0 < 5_000 {
                    row.short_abandoned += 1;
                } else {
                    row.per_queue[queue].1 += 1;
                }
            }
        }
        DomainEvent::CallbackRequested { call } | DomainEvent::CallLeftQueue { call, .. } => {
            queued.remove(&call.0);
            row.callbacks += 1;
        }
        DomainEvent::CallEscalated { .. } => row.escalations += 1,
        DomainEvent::SurveyReceived { .. } => row.surveys += 1,
        DomainEvent::AgentStateChanged { agent, state } => {
            let (old, since) = &mut states[agent.index()];
            account(old, *since, envelope.at, row);
            *old = state.clone();
            *since = envelope.at;
        }
        _ => {}
    }
}

fn account(state: &AgentState, since: Timestamp, until: Timestamp, row: &mut Hour) {
    let span = until.0 - since.0;
    match state {
        AgentState::Ringing | AgentState::OnCall | AgentState::WrapUp => row.busy_ms += span,
        AgentState::Available => row.idle_ms += span,
        AgentState::Offline | AgentState::Break(_) => {}
    }
}

/// Whole-run service level per queue (answered within T ÷ answered + long abandons).
fn print_queue_totals(report: &[Hour], topology: &fw_domain::Topology) {
    for (index, queue) in topology.queues.iter().enumerate() {
        let (met, base) = report.iter().fold((0, 0), |(met, base), row| {
            (met + row.per_queue[index].0, base + row.per_queue[index].1)
        });
        let sl = 100.0 * f64::from(met) / f64::from(base.max(1));
        println!("{:<18} SL {sl:>5.1}% over {base:>6} calls", queue.name);
    }
}
