//! The simulated centre, seen only through its public API.

mod monitoring;
mod routing;
mod support;

use fw_domain::{
    AgentId, AgentState, BreakReason, CallId, DomainEvent, EventEnvelope, PlatformCommand, QueueId,
    RoutingMode, RoutingScope, SiteId, SourceId, TargetAgentState, Timestamp,
};
use fw_sim::{Outage, SimCommandError, SimConfig, SimConfigError, Simulator, Surge};
use proptest::prelude::*;
use support::{Checker, HOUR_MS, MINUTE_MS, Seen, advance_until, china, set_state, state_changes};

fn simulator(seed: u64, agents: u32, start: Timestamp) -> Simulator {
    Simulator::new(SimConfig::new(seed, agents, start)).expect("valid config")
}

fn run(config: SimConfig, until: Timestamp) -> (Simulator, Vec<EventEnvelope>) {
    let mut sim = Simulator::new(config).expect("valid config");
    let mut events = Vec::new();
    sim.advance_to(until, &mut events);
    (sim, events)
}

/// Runs and checks every invariant from the initial snapshot.
fn run_checked(
    config: SimConfig,
    until: Timestamp,
) -> (Simulator, Vec<EventEnvelope>, support::Tally) {
    let mut sim = Simulator::new(config).expect("valid config");
    let initial = sim.snapshot();
    let mut events = Vec::new();
    sim.advance_to(until, &mut events);
    let mut checker = Checker::from_snapshot(&initial, &initial.topology);
    checker.check_all(&events);
    let tally = checker.tally.clone();
    (sim, events, tally)
}

#[test]
fn the_same_seed_gives_the_same_stream_and_another_seed_does_not() {
    let config = SimConfig::new(42, 300, china(9, 0));
    let (_, first) = run(config.clone(), china(11, 0));
    let (_, second) = run(config.clone(), china(11, 0));
    assert!(first.len() > 5_000, "{} events", first.len());
    assert_eq!(first, second);
    let (_, other) = run(SimConfig { seed: 43, ..config }, china(11, 0));
    assert_ne!(first, other);
}

#[test]
fn small_steps_give_exactly_the_stream_of_one_big_step() {
    let start = china(13, 30);
    let end = china(15, 0);
    let (_, whole) = run(SimConfig::new(5, 200, start), end);
    let mut sim = simulator(5, 200, start);
    let mut pieces = Vec::new();
    let mut at = start;
    let mut step = 1_i64;
    while at < end {
        // Uneven steps, some landing exactly on event times and minute boundaries.
        at = at.plus_ms(step * 997).min(end);
        sim.advance_to(at, &mut pieces);
        assert_eq!(sim.now(), at);
        step = step % 90 + 7;
    }
    assert_eq!(whole, pieces);
}

#[test]
fn envelopes_are_sequenced_stamped_and_in_time_order() {
    let mut config = SimConfig::new(8, 100, china(10, 0));
    config.source = SourceId(77);
    let (sim, events) = run(config, china(10, 30));
    assert_eq!(events.first().map(|e| e.seq), Some(1));
    assert!(
        events
            .windows(2)
            .all(|pair| pair[1].seq == pair[0].seq + 1 && pair[1].at >= pair[0].at)
    );
    assert!(
        events
            .iter()
            .all(|e| e.source == SourceId(77) && e.at >= china(10, 0) && e.at <= china(10, 30))
    );
    assert_eq!(sim.snapshot().last_seq, events.last().unwrap().seq);
}

#[test]
fn invariants_hold_over_six_hours_at_500_agents() {
    // 10:00–16:00 crosses the lunch breaks, the peaks and the shift change at 14:00.
    let (_, events, tally) = run_checked(SimConfig::new(11, 500, china(10, 0)), china(16, 0));
    assert!(events.len() > 100_000, "{} events", events.len());
    assert!(tally.final_completions > 5_000);
}

/// The largest centre over a whole day with a surge and an outage: too slow for a debug
/// build, so run it with `cargo test --release -p fw-sim -- --ignored`.
#[test]
#[ignore = "heavy: about 5 million events"]
fn a_full_day_at_10000_agents_with_surge_and_outage_keeps_every_invariant() {
    let surge = Surge {
        at: china(15, 0),
        duration_ms: HOUR_MS,
        factor: 2.0,
        site: None,
    };
    let outage = Outage {
        site: SiteId(2),
        at: china(10, 0),
        duration_ms: 45 * MINUTE_MS,
    };
    let config = SimConfig {
        surge: Some(surge),
        outage: Some(outage),
        ..SimConfig::new(99, 10_000, support::MIDNIGHT_CHINA)
    };
    let (_, events, tally) = run_checked(config, china(24, 0));
    assert!(events.len() > 4_000_000, "{} events", events.len());
    assert!(tally.left_queue + tally.callbacks > 0);
}

#[test]
fn a_day_at_300_agents_looks_like_a_real_hotline() {
    let (_, _, tally) = run_checked(
        SimConfig::new(3, 300, support::MIDNIGHT_CHINA),
        china(24, 0),
    );
    let offered = tally.offered;
    assert!((10_000..30_000).contains(&offered), "{offered} calls a day");
    let arrivals_in = |hour: i64| {
        tally
            .arrivals
            .iter()
            .filter(|(at, _)| *at >= china(hour, 0) && *at < china(hour + 1, 0))
            .count()
    };
    assert!(
        arrivals_in(3) * 4 < arrivals_in(10),
        "night {} vs 10:00 {}",
        arrivals_in(3),
        arrivals_in(10)
    );
    assert!(
        tally.abandoned > 100 && tally.short_abandoned > 20,
        "{tally:?}"
    );
    assert!(tally.short_abandoned < tally.abandoned);
    assert!(tally.callbacks > 0 && tally.escalations > 20 && tally.ended_in_ivr > 50);
    assert!(tally.holds > 500 && tally.ring_no_answers > 50 && tally.vip_queued > 200);
    let answered = tally.answered.len() as f64;
    assert!(
        answered / f64::from(offered) > 0.8,
        "{answered} answered of {offered}"
    );
    let survey_share = f64::from(tally.surveys) / f64::from(tally.final_completions);
    assert!(
        (0.25..0.35).contains(&survey_share),
        "survey share {survey_share}"
    );
    assert!(
        tally.comments_chinese > 100 && tally.comments_english > 30,
        "{tally:?}"
    );
    assert!(
        tally.breaks.get("lunch").is_some_and(|n| *n > 150)
            && tally.breaks.get("rest").is_some_and(|n| *n > 200)
    );
    assert!(tally.logouts >= 280, "every shift ends: {}", tally.logouts);
}

#[test]
fn a_surge_raises_arrivals_at_its_site_inside_its_window() {
    let start = china(9, 0);
    let surge = Surge {
        at: china(10, 0),
        duration_ms: 30 * MINUTE_MS,
        factor: 3.0,
        site: Some(SiteId(1)),
    };
    let plain = SimConfig::new(21, 400, start);
    let surged = SimConfig {
        surge: Some(surge),
        ..plain.clone()
    };
    let count = |config: SimConfig, site: u16, from: Timestamp, to: Timestamp| {
        let (sim, _, tally) = run_checked(config, china(11, 0));
        let topology = sim.topology().clone();
        tally
            .arrivals
            .iter()
            .filter(|(at, queue)| {
                *at >= from && *at < to && topology.queues[queue.index()].site == SiteId(site)
            })
            .count() as f64
    };
    // Calls reach the queues after the IVR, so the window is shifted by up to 40 s.
    let (from, to) = (china(10, 1), china(10, 30));
    let ratio = count(surged.clone(), 1, from, to) / count(plain.clone(), 1, from, to);
    assert!(ratio > 2.3 && ratio < 3.7, "surge ratio {ratio}");
    let other_site = count(surged, 0, from, to) / count(plain, 0, from, to);
    assert!(
        other_site > 0.75 && other_site < 1.3,
        "untouched site ratio {other_site}"
    );
}

#[test]
fn an_outage_takes_the_site_offline_and_nothing_is_answered_there_until_it_ends() {
    let outage = Outage {
        site: SiteId(0),
        at: china(10, 30),
        duration_ms: 20 * MINUTE_MS,
    };
    let config = SimConfig {
        outage: Some(outage),
        ..SimConfig::new(9, 300, china(10, 0))
    };
    let mut sim = Simulator::new(config).unwrap();
    let initial = sim.snapshot();
    let topology = initial.topology.clone();
    let mut checker = Checker::from_snapshot(&initial, &topology);
    let mut events = Vec::new();
    sim.advance_to(china(10, 30), &mut events);
    checker.check_all(&events);
    let site_agents: Vec<AgentId> = topology
        .agents
        .iter()
        .filter(|a| a.site == SiteId(0))
        .map(|a| a.id)
        .collect();
    for agent in &site_agents {
        assert_eq!(
            sim.snapshot().agents[agent.index()].state,
            AgentState::Offline
        );
    }
    let during_from = events.len();
    sim.advance_to(china(10, 50).plus_ms(-1), &mut events);
    checker.check_all(&events[during_from..]);
    let answered_at_site = checker
        .tally
        .answered
        .iter()
        .filter(|(at, queue)| {
            *at >= china(10, 30) && topology.queues[queue.index()].site == SiteId(0)
        })
        .count();
    assert_eq!(answered_at_site, 0);
    assert!(events[during_from..].iter().all(|e| match &e.event {
        DomainEvent::AgentStateChanged { agent, state } =>
            !site_agents.contains(agent) || *state == AgentState::Offline,
        _ => true,
    }));
    let waiting_at_site = checker
        .live_calls()
        .values()
        .filter(
            |seen| matches!(seen, Seen::Queued(q) if topology.queues[q.index()].site == SiteId(0)),
        )
        .count();
    assert!(
        waiting_at_site > 0 || checker.tally.abandoned > 0,
        "calls kept arriving at the site"
    );
    let after_from = events.len();
    sim.advance_to(china(11, 0), &mut events);
    checker.check_all(&events[after_from..]);
    let back = sim
        .snapshot()
        .agents
        .iter()
        .filter(|a| site_agents.contains(&a.agent) && a.state.is_staffed())
        .count();
    assert!(back > site_agents.len() / 4, "{back} agents back");
    let answered_after = checker
        .tally
        .answered
        .iter()
        .filter(|(at, q)| *at >= china(10, 50) && topology.queues[q.index()].site == SiteId(0))
        .count();
    assert!(answered_after > 0);
}

#[test]
fn the_snapshot_matches_what_the_stream_implies() {
    let mut sim = simulator(17, 250, china(13, 0));
    let initial = sim.snapshot();
    assert_eq!(initial.last_seq, 0);
    assert!(
        initial
            .agents
            .iter()
            .any(|a| a.state == AgentState::Available)
    );
    let mut checker = Checker::from_snapshot(&initial, &initial.topology);
    let mut events = Vec::new();
    for minutes in [7, 45, 61, 90] {
        sim.advance_to(china(13, 0).plus_ms(minutes * MINUTE_MS), &mut events);
        checker.check_all(&events);
        events.clear();
        let snapshot = sim.snapshot();
        assert_eq!(snapshot.taken_at, sim.now());
        for (live, seen) in snapshot.agents.iter().zip(&checker.agents) {
            assert_eq!(
                (&live.state, live.since, live.call),
                (&seen.state, seen.since, seen.call),
                "{}",
                live.agent
            );
        }
        let implied = checker.live_calls();
        assert_eq!(
            snapshot
                .calls
                .iter()
                .map(|c| c.call)
                .collect::<Vec<CallId>>(),
            implied.keys().copied().collect::<Vec<_>>()
        );
        for call in &snapshot.calls {
            let phase_matches = match implied[&call.call] {
                Seen::Ivr => call.phase == fw_domain::CallPhase::Ivr && call.queue.is_none(),
                Seen::Queued(q) => {
                    call.phase == fw_domain::CallPhase::Queued && call.queue == Some(q)
                }
                Seen::Ringing(q, a) => {
                    call.phase == fw_domain::CallPhase::Ringing
                        && call.queue == Some(q)
                        && call.agent == Some(a)
                }
                Seen::Talking(q, a) => {
                    call.phase == fw_domain::CallPhase::Talking
                        && call.queue == Some(q)
                        && call.agent == Some(a)
                }
                Seen::Held(q, a) => {
                    call.phase == fw_domain::CallPhase::OnHold
                        && call.queue == Some(q)
                        && call.agent == Some(a)
                }
                other => panic!("live call in {other:?}"),
            };
            assert!(phase_matches, "{call:?} vs {:?}", implied[&call.call]);
        }
        // A fresh checker from this snapshot accepts the rest of the stream.
        checker = Checker::from_snapshot(&snapshot, &initial.topology);
    }
}

#[test]
fn a_supervisor_can_break_release_and_log_out_an_idle_agent() {
    let mut sim = simulator(4, 40, china(3, 0));
    let agent = sim
        .snapshot()
        .agents
        .iter()
        .find(|a| a.state == AgentState::Available)
        .unwrap()
        .agent;
    sim.execute(&set_state(
        agent,
        TargetAgentState::Break(BreakReason::Coaching),
    ))
    .unwrap();
    let mut events = Vec::new();
    let at = sim.now();
    sim.advance_to(at, &mut events);
    let first = events.first().expect("the break is announced");
    assert_eq!(
        first.event,
        DomainEvent::AgentStateChanged {
            agent,
            state: AgentState::Break(BreakReason::Coaching)
        }
    );
    assert_eq!(first.at, at);
    // A supervisor's break lasts until lifted.
    sim.advance_to(at.plus_ms(HOUR_MS), &mut events);
    assert_eq!(
        sim.snapshot().agents[agent.index()].state,
        AgentState::Break(BreakReason::Coaching)
    );
    sim.execute(&set_state(agent, TargetAgentState::Available))
        .unwrap();
    events.clear();
    sim.advance_to(sim.now(), &mut events);
    assert_eq!(
        state_changes(&events, agent).first(),
        Some(&AgentState::Available)
    );
    let events = advance_until(&mut sim, agent, |s| *s == AgentState::Available);
    drop(events);
    sim.execute(&set_state(agent, TargetAgentState::LoggedOut))
        .unwrap();
    let mut events = Vec::new();
    sim.advance_to(sim.now(), &mut events);
    assert_eq!(state_changes(&events, agent), vec![AgentState::Offline]);
    assert_eq!(
        sim.execute(&set_state(
            agent,
            TargetAgentState::Break(BreakReason::Rest)
        )),
        Err(SimCommandError::AgentOffline(agent))
    );
    // Logged out, not off shift: the supervisor can bring the agent back.
    sim.execute(&set_state(agent, TargetAgentState::Available))
        .unwrap();
    assert!(sim.snapshot().agents[agent.index()].state.is_staffed());
}

#[test]
fn a_break_ordered_during_a_call_starts_after_the_wrap_up() {
    let mut sim = simulator(6, 60, china(10, 0));
    let agent = AgentId(0);
    let before = advance_until(&mut sim, agent, |s| *s == AgentState::OnCall);
    drop(before);
    sim.execute(&set_state(
        agent,
        TargetAgentState::Break(BreakReason::Meeting),
    ))
    .unwrap();
    let events = advance_until(&mut sim, agent, |s| matches!(s, AgentState::Break(_)));
    let changes = state_changes(&events, agent);
    assert_eq!(
        changes,
        vec![AgentState::WrapUp, AgentState::Break(BreakReason::Meeting)]
    );
    // Logging out mid-call waits for the call too.
    sim.execute(&set_state(agent, TargetAgentState::Available))
        .unwrap();
    let _ = advance_until(&mut sim, agent, |s| *s == AgentState::OnCall);
    sim.execute(&set_state(agent, TargetAgentState::LoggedOut))
        .unwrap();
    let events = advance_until(&mut sim, agent, |s| *s == AgentState::Offline);
    assert_eq!(
        state_changes(&events, agent),
        vec![AgentState::WrapUp, AgentState::Offline]
    );
}

#[test]
fn unknown_agents_and_impossible_routing_modes_are_refused() {
    let mut sim = simulator(1, 20, china(10, 0));
    let ghost = AgentId(20);
    assert_eq!(
        sim.execute(&set_state(ghost, TargetAgentState::Available)),
        Err(SimCommandError::UnknownAgent(ghost))
    );
    let activate = |mode, revert_at| PlatformCommand::ActivateRoutingMode { mode, revert_at };
    let refused = [
        (
            activate(RoutingMode::SiteFailover { site: SiteId(3) }, None),
            SimCommandError::UnknownSite(SiteId(3)),
        ),
        (
            activate(
                RoutingMode::EmergencyClosure {
                    scope: RoutingScope::Queue(QueueId(21)),
                },
                None,
            ),
            SimCommandError::UnknownQueue(QueueId(21)),
        ),
        (
            activate(
                RoutingMode::NightMode {
                    scope: RoutingScope::Centre,
                },
                Some(china(10, 0)),
            ),
            SimCommandError::RevertNotInFuture {
                revert_at: china(10, 0),
                now: china(10, 0),
            },
        ),
    ];
    for (command, error) in refused {
        assert_eq!(sim.execute(&command), Err(error), "{command:?}");
    }
    let region = activate(
        RoutingMode::RegionalPriority {
            regions: vec!["Hainan".into(), "898".into()],
            waive_fees: false,
        },
        None,
    );
    let error = sim.execute(&region).unwrap_err();
    assert!(error.to_string().contains("starts with 0"), "{error}");
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    let error = sim
        .execute(&PlatformCommand::DeactivateRoutingMode { mode: night })
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "night mode on the whole centre is not active"
    );
    assert!(sim.routing_modes().is_empty());
    assert_eq!(
        sim.snapshot().last_seq,
        0,
        "a refused command emits nothing"
    );
    assert!(
        SimCommandError::UnknownAgent(ghost)
            .to_string()
            .contains("AgentId#20")
    );
}

#[test]
fn invalid_configs_are_refused_with_a_clear_error() {
    let start = china(0, 0);
    let error = Simulator::new(SimConfig::new(1, 19, start)).unwrap_err();
    assert_eq!(error, SimConfigError::AgentsOutOfRange { agents: 19 });
    assert!(error.to_string().contains("20 to 10000 agents"), "{error}");
    assert!(Simulator::new(SimConfig::new(1, 10_001, start)).is_err());
    let error = Simulator::new(SimConfig {
        speed: 0.0,
        ..SimConfig::new(1, 20, start)
    })
    .unwrap_err();
    assert!(
        matches!(error, SimConfigError::InvalidSpeed { .. }) && error.to_string().contains("speed")
    );
    let sim = simulator(1, 10_000, start);
    assert_eq!(sim.topology().agents.len(), 10_000);
    assert!((sim.config().speed - 1.0).abs() < f64::EPSILON);
    assert_eq!(sim.now(), start);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn invariants_hold_for_any_seed_size_hour_and_commands(
        seed in any::<u64>(),
        agents in 20_u32..=300,
        start_hour in 0_i64..24,
        minutes in 10_i64..=40,
        commands in proptest::collection::vec((0_i64..40, any::<u32>(), 0_u8..4), 0..8),
    ) {
        let mut sim = simulator(seed, agents, china(start_hour, 0));
        let initial = sim.snapshot();
        let mut checker = Checker::from_snapshot(&initial, &initial.topology);
        let mut events = Vec::new();
        let mut commands = commands;
        commands.sort_unstable();
        for (minute, agent, kind) in commands.into_iter().filter(|(minute, ..)| *minute < minutes) {
            sim.advance_to(china(start_hour, minute), &mut events);
            let agent = AgentId(agent % agents);
            let state = match kind {
                0 => TargetAgentState::Available,
                1 => TargetAgentState::Break(BreakReason::Training),
                2 => TargetAgentState::Break(BreakReason::Other("1:1".into())),
                _ => TargetAgentState::LoggedOut,
            };
            match sim.execute(&set_state(agent, state)) {
                Ok(()) | Err(SimCommandError::AgentOffline(_)) => {}
                Err(other) => prop_assert!(false, "unexpected refusal {other}"),
            }
        }
        sim.advance_to(china(start_hour, minutes), &mut events);
        checker.check_all(&events);
        prop_assert_eq!(sim.snapshot().last_seq, events.len() as u64);
    }
}
