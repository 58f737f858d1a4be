//! [`RoutingSync`]: what a platform that takes routing modes one at a time (the simulator)
//! has been told of the plan, and the commands that bring it to the plan in force.

use fw_domain::{PlatformCommand, RoutingMode, Timestamp};
use fw_routing::RoutingPlan;

/// The modes (with their revert times) handed to the platform since it last connected.
#[derive(Clone, Debug, Default)]
pub struct RoutingSync {
    sent: Vec<(RoutingMode, Option<Timestamp>)>,
}

impl RoutingSync {
    /// After a (re)connect: the platform may have lost what it was told, so the whole plan
    /// goes over again (the simulator takes a mode it already holds as a no-op).
    pub fn reset(&mut self) {
        self.sent.clear();
    }

    /// The commands that bring the platform to the modes of `plan` in force at `now`,
    /// noting them as sent whatever the platform makes of them: a refused mode is not
    /// offered again until the plan changes or the link comes back, so a refusal is
    /// reported once rather than on every tick. Modes past their revert time are not turned
    /// off by command: the platform drops them by itself at that time.
    pub fn commands(&mut self, plan: &RoutingPlan, now: Timestamp) -> Vec<PlatformCommand> {
        let desired: Vec<(RoutingMode, Option<Timestamp>)> = plan
            .in_force(now)
            .map(|m| (m.mode.clone(), m.revert_at))
            .collect();
        let mut commands = Vec::new();
        self.sent.retain(|(mode, revert_at)| {
            let keep = desired.iter().any(|(m, _)| m == mode);
            let expired = revert_at.is_some_and(|at| at <= now);
            if !keep && !expired {
                commands.push(PlatformCommand::DeactivateRoutingMode { mode: mode.clone() });
            }
            keep
        });
        for (mode, revert_at) in desired {
            if !self.sent.iter().any(|(m, _)| *m == mode) {
                commands.push(PlatformCommand::ActivateRoutingMode {
                    mode: mode.clone(),
                    revert_at,
                });
                self.sent.push((mode, revert_at));
            }
        }
        commands
    }
}

#[cfg(test)]
mod tests {
    use fw_domain::{QueueConfig, QueueId, RoutingScope, Site, SiteId, SupervisorId, Topology};
    use fw_routing::{Activation, Actor, ApprovalPolicy, Deactivation, ModeId, PlanChange};

    use super::*;

    fn topology() -> Topology {
        Topology {
            sites: vec![Site {
                id: SiteId(0),
                name: "east".into(),
            }],
            queues: vec![QueueConfig::with_defaults(
                QueueId(0),
                "billing",
                "billing",
                SiteId(0),
            )],
            agents: Vec::new(),
        }
    }

    fn lead() -> Actor {
        Actor::new(SupervisorId(1), "Lee")
    }

    fn turn_on(plan: &mut RoutingPlan, mode: RoutingMode, revert_at: Option<Timestamp>) -> ModeId {
        let change = PlanChange::Activate(Activation {
            mode,
            reason: "storm over the east site".into(),
            by: lead(),
            revert_at,
        });
        let version = plan.version();
        plan.apply(change, version, Timestamp(0)).unwrap().id
    }

    #[test]
    fn only_what_changed_is_sent_and_a_reconnect_sends_the_whole_plan_again() {
        let mut plan = RoutingPlan::new(&topology(), ApprovalPolicy::default());
        let closure = RoutingMode::EmergencyClosure {
            scope: RoutingScope::Queue(QueueId(0)),
        };
        let id = turn_on(&mut plan, closure.clone(), None);
        let mut sync = RoutingSync::default();
        let on = PlatformCommand::ActivateRoutingMode {
            mode: closure.clone(),
            revert_at: None,
        };
        assert_eq!(
            sync.commands(&plan, Timestamp(1)),
            std::slice::from_ref(&on)
        );
        assert!(sync.commands(&plan, Timestamp(2)).is_empty());
        sync.reset();
        assert_eq!(sync.commands(&plan, Timestamp(3)), [on]);
        let version = plan.version();
        let off = PlanChange::Deactivate(Deactivation {
            id,
            by: lead(),
            reason: "the storm has passed".into(),
        });
        plan.apply(off, version, Timestamp(4)).unwrap();
        assert_eq!(
            sync.commands(&plan, Timestamp(5)),
            [PlatformCommand::DeactivateRoutingMode { mode: closure }]
        );
    }

    #[test]
    fn a_mode_past_its_revert_time_is_left_to_the_platform_to_drop() {
        let mut plan = RoutingPlan::new(&topology(), ApprovalPolicy::default());
        let revert_at = Some(Timestamp(60_000));
        turn_on(
            &mut plan,
            RoutingMode::EmergencyClosure {
                scope: RoutingScope::Centre,
            },
            revert_at,
        );
        let mut sync = RoutingSync::default();
        assert_eq!(sync.commands(&plan, Timestamp(1)).len(), 1);
        assert!(
            sync.commands(&plan, Timestamp(60_000)).is_empty(),
            "no DeactivateRoutingMode: the simulator reverts it on time"
        );
    }
}
