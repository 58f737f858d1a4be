//! Random but plausible event streams: scripted call and agent lifecycles, interleaved,
//! with noise (events for unknown ids, out-of-phase events), replays and skipped sequence
//! numbers mixed in.

use fw_domain::{
    AgentId, AgentProfile, AgentState, BreakReason, CallId, CallerInfo, CompletionReason,
    DomainEvent, EventEnvelope, LeaveReason, QueueConfig, QueueId, Site, SiteId, SlVariant,
    SourceId, Timestamp, Topology,
};
use proptest::prelude::*;

/// 2026-11-22 05:50 in Shanghai: streams cross the 06:00 shift start.
pub const START: Timestamp = Timestamp(1_795_297_800_000);

pub fn topology() -> Topology {
    let sites = vec![
        Site {
            id: SiteId(0),
            name: "north".into(),
        },
        Site {
            id: SiteId(1),
            name: "east".into(),
        },
    ];
    let mut queues = vec![
        QueueConfig::with_defaults(QueueId(0), "north.phones", "phones", SiteId(0)),
        QueueConfig::with_defaults(QueueId(1), "north.repairs", "repairs", SiteId(0)),
        QueueConfig::with_defaults(QueueId(2), "east.phones", "phones", SiteId(1)),
        QueueConfig::with_defaults(QueueId(3), "east.tier2", "tier2", SiteId(1)),
    ];
    queues[1].sl_variant = SlVariant::AbandonsWithinThresholdMet;
    queues[2].sl_variant = SlVariant::AbandonsIgnored;
    queues[2].count_short_abandons = true;
    queues[3].tier2 = true;
    let agents = (0..6u32)
        .map(|i| AgentProfile {
            id: AgentId(i),
            name: format!("agent{i}"),
            site: SiteId((i % 2) as u16),
            queues: if i % 2 == 0 {
                vec![QueueId(0), QueueId(1)]
            } else {
                vec![QueueId(2), QueueId(3)]
            },
        })
        .collect();
    Topology {
        sites,
        queues,
        agents,
    }
}

/// One step of a generated stream, before interleaving.
#[derive(Clone, Debug)]
enum Step {
    Event(DomainEvent),
    /// Replay an earlier envelope (by fraction of the stream so far).
    Replay(f64),
    /// Skip this many sequence numbers.
    Gap(u64),
}

fn call_script(call: u64) -> impl Strategy<Value = Vec<DomainEvent>> {
    (0u16..4, 0u32..6, 0u8..8, any::<bool>(), 0u16..4).prop_map(
        move |(queue, agent, outcome, hold, second)| {
            let call = CallId(call);
            let (queue, agent) = (QueueId(queue), AgentId(agent));
            let caller = CallerInfo {
                number: format!("1380000{call:04}", call = call.0),
                region: "Sichuan".into(),
            };
            let mut events = vec![DomainEvent::CallOffered {
                call,
                caller: caller.clone(),
            }];
            if outcome == 0 {
                events.push(DomainEvent::CallEndedInIvr { call });
                return events;
            }
            events.push(DomainEvent::CallQueued {
                call,
                queue,
                priority: 0,
                fees_waived: false,
            });
            match outcome {
                1 => events.push(DomainEvent::CallAbandoned { call }),
                // A routing move (a failover), then the caller gives up in the new queue.
                3 if hold => events.extend([
                    DomainEvent::CallLeftQueue {
                        call,
                        reason: LeaveReason::Withdrawn,
                    },
                    DomainEvent::CallOffered { call, caller },
                    DomainEvent::CallQueued {
                        call,
                        queue: QueueId(second),
                        priority: 0,
                        fees_waived: true,
                    },
                    DomainEvent::CallAbandoned { call },
                ]),
                2 => events.push(DomainEvent::CallbackRequested { call }),
                3 => events.push(DomainEvent::CallLeftQueue {
                    call,
                    reason: LeaveReason::Timeout,
                }),
                _ => {
                    events.push(DomainEvent::AgentRinging { call, agent });
                    if outcome == 4 {
                        events.push(DomainEvent::RingNoAnswer { call, agent });
                        events.push(DomainEvent::CallAbandoned { call });
                        return events;
                    }
                    events.push(DomainEvent::CallAnswered { call, agent });
                    if hold {
                        events.push(DomainEvent::CallHeld { call });
                        events.push(DomainEvent::CallResumed { call });
                    }
                    if outcome == 5 {
                        events.push(DomainEvent::CallCompleted {
                            call,
                            reason: CompletionReason::Transferred,
                        });
                        events.push(DomainEvent::CallEscalated {
                            call,
                            to_queue: QueueId(second),
                        });
                        events.push(DomainEvent::CallQueued {
                            call,
                            queue: QueueId(second),
                            priority: 5,
                            fees_waived: false,
                        });
                        events.push(DomainEvent::CallAnswered {
                            call,
                            agent: AgentId(u32::from(second)),
                        });
                    }
                    events.push(DomainEvent::CallCompleted {
                        call,
                        reason: CompletionReason::AgentHangup,
                    });
                }
            }
            events
        },
    )
}

fn agent_event() -> impl Strategy<Value = DomainEvent> {
    let state = prop_oneof![
        Just(AgentState::Offline),
        Just(AgentState::Available),
        Just(AgentState::Ringing),
        Just(AgentState::OnCall),
        Just(AgentState::WrapUp),
        Just(AgentState::Break(BreakReason::Lunch)),
    ];
    (0u32..7, state).prop_map(|(agent, state)| DomainEvent::AgentStateChanged {
        agent: AgentId(agent),
        state,
    })
}

fn noise() -> impl Strategy<Value = DomainEvent> {
    prop_oneof![
        (90u64..95).prop_map(|c| DomainEvent::CallAbandoned { call: CallId(c) }),
        (0u64..12, 0u32..8).prop_map(|(c, a)| DomainEvent::CallAnswered {
            call: CallId(c),
            agent: AgentId(a)
        }),
        (0u64..12).prop_map(|c| DomainEvent::CallHeld { call: CallId(c) }),
        (0u64..12, 0u16..6).prop_map(|(c, q)| DomainEvent::CallQueued {
            call: CallId(c),
            queue: QueueId(q),
            priority: 1,
            fees_waived: false,
        }),
    ]
}

/// A stream of envelopes, each with the `now` it is applied at.
pub fn stream() -> impl Strategy<Value = Vec<(EventEnvelope, Timestamp)>> {
    let calls = proptest::collection::vec(any::<u8>(), 0..10).prop_flat_map(|ids| {
        ids.into_iter()
            .enumerate()
            .map(|(i, _)| call_script(i as u64))
            .collect::<Vec<_>>()
    });
    let extras = proptest::collection::vec(
        prop_oneof![
            6 => agent_event().prop_map(Step::Event),
            1 => noise().prop_map(Step::Event),
            1 => (0.0f64..1.0).prop_map(Step::Replay),
            1 => (1u64..3).prop_map(Step::Gap),
        ],
        0..40,
    );
    (
        calls,
        extras,
        proptest::collection::vec((0i64..120_000, 0i64..5_000, any::<u16>()), 200),
    )
        .prop_map(|(scripts, extras, randomness)| interleave(scripts, extras, &randomness))
}

/// Merges the scripts in random order (keeping each script's own order) and stamps times.
fn interleave(
    mut scripts: Vec<Vec<DomainEvent>>,
    extras: Vec<Step>,
    randomness: &[(i64, i64, u16)],
) -> Vec<(EventEnvelope, Timestamp)> {
    for script in &mut scripts {
        script.reverse();
    }
    let mut extras = extras.into_iter();
    let mut out: Vec<(EventEnvelope, Timestamp)> = Vec::new();
    let (mut seq, mut at) = (0u64, START);
    let mut draws = randomness.iter().cycle();
    loop {
        let (gap, skew, pick) = *draws.next().unwrap();
        // Half the steps are seconds apart, so waits near the 5 s and 20 s thresholds occur.
        at = at.plus_ms(if pick % 2 == 0 { gap / 16 } else { gap });
        let live: Vec<usize> = (0..scripts.len())
            .filter(|&i| !scripts[i].is_empty())
            .collect();
        let step = if pick % 3 == 0 || live.is_empty() {
            match extras.next() {
                Some(step) => step,
                None if live.is_empty() => break,
                None => continue,
            }
        } else {
            Step::Event(scripts[live[pick as usize % live.len()]].pop().unwrap())
        };
        match step {
            Step::Event(event) => {
                seq += 1;
                // Sometimes the event is stamped slightly in the future of the applying clock.
                let now = if skew > 4_000 {
                    at.plus_ms(-skew / 10)
                } else {
                    at
                };
                out.push((
                    EventEnvelope {
                        source: SourceId(1),
                        seq,
                        at,
                        event,
                    },
                    now,
                ));
            }
            Step::Replay(fraction) if !out.is_empty() => {
                let earlier = out[((out.len() - 1) as f64 * fraction) as usize].clone();
                out.push(earlier);
            }
            Step::Replay(_) => {}
            Step::Gap(skip) => seq += skip,
        }
    }
    out
}
