//! fw-connect's integration tests: the SimConnector driven by tokio's (paused) clock.

use std::time::Duration;

use fw_connect::{CommandError, Connector, ConnectorError, SimConnector, SimConnectorConfig};
use fw_domain::{
    AgentId, AgentState, BreakReason, DomainEvent, EventEnvelope, PlatformCommand, RoutingMode,
    RoutingScope, SupervisorId, TargetAgentState, Timestamp,
};
use fw_routing::{
    Activation, Actor, ApprovalPolicy, Deactivation, ModeId, PlanChange, RoutingPlan,
};
use fw_sim::SimConfig;

/// 2026-11-22 10:00 in Shanghai: a busy morning.
const PRESENT: Timestamp = Timestamp(1_795_312_800_000);

fn connector(warm_up_ms: i64, speed: f64) -> SimConnector {
    let mut sim = SimConfig::new(11, 200, PRESENT.plus_ms(-warm_up_ms));
    sim.speed = speed;
    SimConnector::new(SimConnectorConfig {
        sim,
        present: PRESENT,
        tick: Duration::from_millis(100),
    })
    .unwrap()
}

/// Pulls batches until the simulation has run up to `until` (paused time auto-advances).
async fn drain_until(connector: &mut SimConnector, until: Timestamp, out: &mut Vec<EventEnvelope>) {
    while connector.now() < until {
        connector.next_events(out).await.unwrap();
    }
    connector.next_events(out).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn warm_up_catches_up_to_the_present_then_follows_the_clock() {
    let mut connector = connector(30 * 60_000, 1.0);
    let snapshot = connector.connect().await.unwrap();
    assert_eq!(snapshot.topology.queues.len(), 21);
    assert_eq!(snapshot.taken_at, PRESENT.plus_ms(-30 * 60_000));

    // Catching up needs no waiting: the paused clock does not move while it runs.
    assert!(connector.catching_up(), "half an hour behind the present");
    let mut events = Vec::new();
    let started = tokio::time::Instant::now();
    while events
        .last()
        .is_none_or(|e: &EventEnvelope| e.at < PRESENT.plus_ms(-5 * 60_000))
    {
        connector.next_events(&mut events).await.unwrap();
    }
    assert_eq!(
        started.elapsed(),
        Duration::ZERO,
        "warm-up slices are handed out without sleeping"
    );
    assert!(
        events.len() > 500,
        "half an hour of a 200-agent centre, got {}",
        events.len()
    );
    for pair in events.windows(2) {
        assert_eq!(pair[1].seq, pair[0].seq + 1, "contiguous sequence numbers");
        assert!(pair[1].at >= pair[0].at, "time never goes back");
    }

    // Then real time: ten seconds later the stream has reached the present plus ten seconds.
    drain_until(&mut connector, PRESENT.plus_ms(10_000), &mut events).await;
    assert!(!connector.catching_up(), "following the clock");
    let last = events.last().unwrap().at;
    assert!(
        last > PRESENT.plus_ms(-60_000) && last <= connector.now(),
        "events follow the clock, last at {last:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn at_the_highest_speed_a_tick_behind_is_not_catching_up() {
    let mut connector = connector(0, 1_000.0);
    connector.connect().await.unwrap();
    // A tick (100 ms) moves the virtual clock 100 s, more than a warm-up slice: up to two
    // ticks behind is following the clock...
    tokio::time::advance(Duration::from_millis(150)).await;
    assert!(!connector.catching_up());
    // ...more is catching up.
    tokio::time::advance(Duration::from_millis(100)).await;
    assert!(connector.catching_up());
}

#[tokio::test(start_paused = true)]
async fn the_speed_factor_runs_virtual_time_faster() {
    let mut connector = connector(0, 20.0);
    connector.connect().await.unwrap();
    tokio::time::advance(Duration::from_secs(3)).await;
    let now = connector.now();
    assert_eq!(
        now,
        PRESENT.plus_ms(60_000),
        "3 real seconds at 20x are one virtual minute"
    );
}

#[tokio::test(start_paused = true)]
async fn reconnecting_returns_a_snapshot_that_continues_the_stream() {
    let mut connector = connector(10 * 60_000, 1.0);
    connector.connect().await.unwrap();
    let mut events = Vec::new();
    for _ in 0..5 {
        connector.next_events(&mut events).await.unwrap();
    }
    let snapshot = connector.connect().await.unwrap();
    assert_eq!(
        snapshot.last_seq,
        events.last().unwrap().seq,
        "the snapshot covers every event sent"
    );
    let mut more = Vec::new();
    while more.is_empty() {
        connector.next_events(&mut more).await.unwrap();
    }
    assert_eq!(more[0].seq, snapshot.last_seq + 1);
}

#[tokio::test(start_paused = true)]
async fn commands_reach_the_simulator_and_refused_ones_say_why() {
    let mut connector = connector(2 * 3_600_000, 1.0);
    assert_eq!(
        connector
            .execute(PlatformCommand::SetAgentState {
                agent: AgentId(0),
                state: TargetAgentState::Available
            })
            .await,
        Err(CommandError::NotConnected)
    );
    connector.connect().await.unwrap();
    let mut events = Vec::new();
    while events
        .last()
        .is_none_or(|e: &EventEnvelope| e.at < PRESENT.plus_ms(-60_000))
    {
        connector.next_events(&mut events).await.unwrap();
    }
    // Pick an agent who is on shift now and send them on a break.
    let snapshot = connector.connect().await.unwrap();
    let agent = snapshot
        .agents
        .iter()
        .find(|a| a.state == AgentState::Available)
        .expect("someone is available")
        .agent;
    connector
        .execute(PlatformCommand::SetAgentState {
            agent,
            state: TargetAgentState::Break(BreakReason::Coaching),
        })
        .await
        .unwrap();
    let mut after = Vec::new();
    tokio::time::advance(Duration::from_secs(1)).await;
    connector.next_events(&mut after).await.unwrap();
    assert!(
        after.iter().any(|e| e.event
            == DomainEvent::AgentStateChanged {
                agent,
                state: AgentState::Break(BreakReason::Coaching)
            }),
        "the break arrives as an event"
    );

    // The simulator keeps routing modes in force: the change comes back as an event, and
    // switching off a mode that is not on is refused with the reason.
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    connector
        .execute(PlatformCommand::ActivateRoutingMode {
            mode: night.clone(),
            revert_at: None,
        })
        .await
        .unwrap();
    let mut routed = Vec::new();
    tokio::time::advance(Duration::from_secs(1)).await;
    connector.next_events(&mut routed).await.unwrap();
    let on = DomainEvent::RoutingModeChanged {
        mode: night,
        active: true,
    };
    assert!(
        routed.iter().any(|e| e.event == on),
        "the mode arrives as an event"
    );
    let not_on = connector
        .execute(PlatformCommand::DeactivateRoutingMode {
            mode: RoutingMode::SiteFailover {
                site: fw_domain::SiteId(1),
            },
        })
        .await;
    assert!(
        matches!(&not_on, Err(CommandError::Rejected(why)) if why.contains("is not active")),
        "{not_on:?}"
    );
    let unknown = connector
        .execute(PlatformCommand::SetAgentState {
            agent: AgentId(99_999),
            state: TargetAgentState::Available,
        })
        .await;
    assert!(
        matches!(unknown, Err(CommandError::Rejected(_))),
        "{unknown:?}"
    );
}

/// The routing changes among the events of the next second.
async fn routing_changes(connector: &mut SimConnector) -> Vec<DomainEvent> {
    let mut events = Vec::new();
    tokio::time::advance(Duration::from_secs(1)).await;
    connector.next_events(&mut events).await.unwrap();
    events
        .into_iter()
        .map(|e| e.event)
        .filter(|e| matches!(e, DomainEvent::RoutingModeChanged { .. }))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn the_plan_reaches_the_simulator_once_and_whole_again_after_a_reconnect() {
    let mut connector = connector(0, 1.0);
    let snapshot = connector.connect().await.unwrap();
    let mut plan = RoutingPlan::new(&snapshot.topology, ApprovalPolicy::default());
    let lead = Actor::new(SupervisorId(1), "Lee");
    let night = RoutingMode::NightMode {
        scope: RoutingScope::Centre,
    };
    let activation = Activation {
        mode: night.clone(),
        reason: "night shift starts early".into(),
        by: lead.clone(),
        revert_at: None,
    };
    let id: ModeId = plan
        .apply(PlanChange::Activate(activation), 0, connector.now())
        .unwrap()
        .id;
    connector.apply_routing(&plan).await.unwrap();
    let on = DomainEvent::RoutingModeChanged {
        mode: night.clone(),
        active: true,
    };
    assert_eq!(routing_changes(&mut connector).await, [on]);

    connector.apply_routing(&plan).await.unwrap();
    assert_eq!(
        routing_changes(&mut connector).await,
        [],
        "nothing changed, nothing sent"
    );
    connector.connect().await.unwrap();
    connector.apply_routing(&plan).await.unwrap();
    assert_eq!(
        routing_changes(&mut connector).await,
        [],
        "sent again after the reconnect; the simulator already had it"
    );

    let off = PlanChange::Deactivate(Deactivation {
        id,
        by: lead,
        reason: "the day shift is in".into(),
    });
    let version = plan.version();
    plan.apply(off, version, connector.now()).unwrap();
    connector.apply_routing(&plan).await.unwrap();
    let off = DomainEvent::RoutingModeChanged {
        mode: night,
        active: false,
    };
    assert_eq!(routing_changes(&mut connector).await, [off]);
}

#[test]
fn bad_settings_are_refused_with_a_clear_error() {
    let mut sim = SimConfig::new(1, 200, PRESENT);
    sim.speed = 0.0;
    let error = SimConnector::new(SimConnectorConfig {
        sim,
        present: PRESENT,
        tick: Duration::from_millis(100),
    })
    .unwrap_err();
    assert_eq!(
        error,
        ConnectorError::Config("speed factor must be positive, got 0".into())
    );
}
