//! The alert rules a team sets: sensible defaults, per-queue replacements, and a check that
//! every rule has its hysteresis the right way round.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Longest hold (raise or clear) a rule may ask for: an hour.
const MAX_HOLD_SECS: u32 = 3_600;
/// Longest state limit: a day.
const MAX_STATE_SECS: u32 = 86_400;

/// Service level below `below_pct` for `for_secs`; clears at `clear_at_pct` or above.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServiceLevelRule {
    pub below_pct: f64,
    pub clear_at_pct: f64,
    pub for_secs: u32,
    /// The rolling window the service level is measured over: 15, 30 or 60 minutes.
    pub window_minutes: u8,
    /// Fewer calls than this in the window say nothing (no alert from three calls).
    pub min_calls: u32,
}

/// The longest wait above `above_secs` for `for_secs`; clears below `clear_below_secs`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LongestWaitRule {
    pub above_secs: u32,
    pub clear_below_secs: u32,
    pub for_secs: u32,
}

/// Abandon rate above `above_pct` for `for_secs`; clears below `clear_below_pct`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AbandonRateRule {
    pub above_pct: f64,
    pub clear_below_pct: f64,
    pub for_secs: u32,
    pub window_minutes: u8,
    /// Fewer offered calls than this in the window say nothing.
    pub min_offered: u32,
}

/// Calls waiting and no agent of the queue available, for `for_secs`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NoAgentRule {
    pub for_secs: u32,
}

/// Limits on time in one state (`None`: no limit for that state).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AgentStateRule {
    pub break_secs: Option<u32>,
    pub wrap_up_secs: Option<u32>,
    pub on_call_secs: Option<u32>,
}

/// The platform link down for `for_secs`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LinkLostRule {
    pub for_secs: u32,
}

/// The rules that apply to one queue (`None`: that rule is off for it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct QueueRules {
    pub service_level: Option<ServiceLevelRule>,
    pub longest_wait: Option<LongestWaitRule>,
    pub abandon_rate: Option<AbandonRateRule>,
    pub no_agent: Option<NoAgentRule>,
}

impl Default for QueueRules {
    /// SL under 80 % for five minutes over the last 15 (clears at 85 %, needs 10 calls); a
    /// caller waiting over two minutes for 30 s (clears under 90 s); abandons over 10 % for
    /// five minutes (clears under 7 %, needs 10 calls); callers waiting with nobody
    /// available for 30 s.
    fn default() -> Self {
        QueueRules {
            service_level: Some(ServiceLevelRule {
                below_pct: 80.0,
                clear_at_pct: 85.0,
                for_secs: 300,
                window_minutes: 15,
                min_calls: 10,
            }),
            longest_wait: Some(LongestWaitRule {
                above_secs: 120,
                clear_below_secs: 90,
                for_secs: 30,
            }),
            abandon_rate: Some(AbandonRateRule {
                above_pct: 10.0,
                clear_below_pct: 7.0,
                for_secs: 300,
                window_minutes: 15,
                min_offered: 10,
            }),
            no_agent: Some(NoAgentRule { for_secs: 30 }),
        }
    }
}

/// Every rule of a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AlertRules {
    /// For every queue not named in `queues`.
    pub queues_default: QueueRules,
    /// Replacements by queue name (the platform's name, which survives restarts).
    #[serde(default)]
    pub queues: BTreeMap<String, QueueRules>,
    pub agent_state: Option<AgentStateRule>,
    pub link_lost: Option<LinkLostRule>,
}

impl Default for AlertRules {
    /// Queue defaults as above; a break over 20 minutes, wrap-up over 3, a call over 30; the
    /// link down for 15 s.
    fn default() -> Self {
        AlertRules {
            queues_default: QueueRules::default(),
            queues: BTreeMap::new(),
            agent_state: Some(AgentStateRule {
                break_secs: Some(1_200),
                wrap_up_secs: Some(180),
                on_call_secs: Some(1_800),
            }),
            link_lost: Some(LinkLostRule { for_secs: 15 }),
        }
    }
}

/// Why a set of rules cannot be used. Each names the rule (and queue) and what is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RulesError {
    #[error("{rule} ({scope}): {problem}")]
    Invalid {
        rule: &'static str,
        scope: String,
        problem: String,
    },
    #[error("the alert rules are not readable: {0}")]
    Unreadable(String),
}

impl AlertRules {
    /// The rules that apply to the queue named `name`.
    pub fn for_queue(&self, name: &str) -> &QueueRules {
        self.queues.get(name).unwrap_or(&self.queues_default)
    }

    /// Reads rules saved as JSON, and checks them.
    pub fn from_json(text: &str) -> Result<AlertRules, RulesError> {
        let rules: AlertRules =
            serde_json::from_str(text).map_err(|e| RulesError::Unreadable(e.to_string()))?;
        rules.validate()?;
        Ok(rules)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("alert rules always serialise")
    }

    /// Checks ranges, and that every clear threshold lies on the recovered side of its raise
    /// threshold (otherwise an alert would flap or never clear).
    pub fn validate(&self) -> Result<(), RulesError> {
        validate_queue_rules(&self.queues_default, "every queue")?;
        for (name, rules) in &self.queues {
            if name.trim().is_empty() {
                return Err(invalid("queue rules", "a queue", "the queue name is empty"));
            }
            validate_queue_rules(rules, &format!("queue {name}"))?;
        }
        if let Some(rule) = &self.agent_state {
            for (state, secs) in [
                ("break", rule.break_secs),
                ("wrap-up", rule.wrap_up_secs),
                ("on call", rule.on_call_secs),
            ] {
                if let Some(secs) = secs
                    && !(1..=MAX_STATE_SECS).contains(&secs)
                {
                    return Err(invalid(
                        "agent in one state too long",
                        "every agent",
                        &format!(
                            "the {state} limit must be 1 to {MAX_STATE_SECS} seconds, got {secs}"
                        ),
                    ));
                }
            }
        }
        if let Some(rule) = &self.link_lost {
            hold("link to the platform lost", "the platform", rule.for_secs)?;
        }
        Ok(())
    }
}

fn validate_queue_rules(rules: &QueueRules, scope: &str) -> Result<(), RulesError> {
    if let Some(rule) = &rules.service_level {
        let name = "service level below target";
        percent(name, scope, rule.below_pct)?;
        percent(name, scope, rule.clear_at_pct)?;
        if rule.clear_at_pct < rule.below_pct {
            return Err(invalid(
                name,
                scope,
                &format!(
                    "it must clear at or above where it is raised ({} % < {} %)",
                    rule.clear_at_pct, rule.below_pct
                ),
            ));
        }
        hold(name, scope, rule.for_secs)?;
        window(name, scope, rule.window_minutes)?;
    }
    if let Some(rule) = &rules.longest_wait {
        let name = "longest wait";
        if !(1..=MAX_STATE_SECS).contains(&rule.above_secs) {
            return Err(invalid(
                name,
                scope,
                &format!(
                    "the limit must be 1 to {MAX_STATE_SECS} seconds, got {}",
                    rule.above_secs
                ),
            ));
        }
        if rule.clear_below_secs > rule.above_secs {
            return Err(invalid(
                name,
                scope,
                &format!(
                    "it must clear at or below where it is raised ({} s > {} s)",
                    rule.clear_below_secs, rule.above_secs
                ),
            ));
        }
        hold(name, scope, rule.for_secs)?;
    }
    if let Some(rule) = &rules.abandon_rate {
        let name = "abandon rate";
        percent(name, scope, rule.above_pct)?;
        percent(name, scope, rule.clear_below_pct)?;
        if rule.clear_below_pct > rule.above_pct {
            return Err(invalid(
                name,
                scope,
                &format!(
                    "it must clear at or below where it is raised ({} % > {} %)",
                    rule.clear_below_pct, rule.above_pct
                ),
            ));
        }
        hold(name, scope, rule.for_secs)?;
        window(name, scope, rule.window_minutes)?;
    }
    if let Some(rule) = &rules.no_agent {
        hold(
            "calls waiting with no agent available",
            scope,
            rule.for_secs,
        )?;
    }
    Ok(())
}

fn invalid(rule: &'static str, scope: &str, problem: &str) -> RulesError {
    RulesError::Invalid {
        rule,
        scope: scope.to_owned(),
        problem: problem.to_owned(),
    }
}

fn percent(rule: &'static str, scope: &str, value: f64) -> Result<(), RulesError> {
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(())
    } else {
        Err(invalid(
            rule,
            scope,
            &format!("a percentage must be 0 to 100, got {value}"),
        ))
    }
}

fn hold(rule: &'static str, scope: &str, secs: u32) -> Result<(), RulesError> {
    if secs <= MAX_HOLD_SECS {
        Ok(())
    } else {
        Err(invalid(
            rule,
            scope,
            &format!("it may wait at most {MAX_HOLD_SECS} seconds before raising, got {secs}"),
        ))
    }
}

fn window(rule: &'static str, scope: &str, minutes: u8) -> Result<(), RulesError> {
    if matches!(minutes, 15 | 30 | 60) {
        Ok(())
    } else {
        Err(invalid(
            rule,
            scope,
            &format!("the window must be 15, 30 or 60 minutes, got {minutes}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_round_trip_through_json() {
        let rules = AlertRules::default();
        rules.validate().unwrap();
        assert_eq!(AlertRules::from_json(&rules.to_json()).unwrap(), rules);
    }

    #[test]
    fn a_clear_threshold_on_the_wrong_side_is_refused_with_the_rule_and_queue_named() {
        let mut rules = AlertRules::default();
        let mut own = QueueRules::default();
        own.service_level.as_mut().unwrap().clear_at_pct = 70.0;
        rules.queues.insert("sh-phones".into(), own);
        let error = rules.validate().unwrap_err().to_string();
        assert_eq!(
            error,
            "service level below target (queue sh-phones): it must clear at or above where it is raised (70 % < 80 %)"
        );
    }

    #[test]
    fn unknown_fields_and_bad_json_are_refused() {
        assert!(matches!(
            AlertRules::from_json("{\"queuesDefault\":{},\"surprise\":1}"),
            Err(RulesError::Unreadable(_))
        ));
        assert!(matches!(
            AlertRules::from_json("not json"),
            Err(RulesError::Unreadable(_))
        ));
    }

    #[test]
    fn a_queue_without_its_own_rules_uses_the_default() {
        let mut rules = AlertRules::default();
        let quiet = QueueRules {
            service_level: None,
            longest_wait: None,
            abandon_rate: None,
            no_agent: None,
        };
        rules.queues.insert("night".into(), quiet);
        assert_eq!(rules.for_queue("night"), &quiet);
        assert_eq!(rules.for_queue("day"), &QueueRules::default());
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let mut rules = AlertRules::default();
        rules
            .queues_default
            .service_level
            .as_mut()
            .unwrap()
            .window_minutes = 20;
        assert!(
            rules
                .validate()
                .unwrap_err()
                .to_string()
                .contains("15, 30 or 60")
        );
        let mut rules = AlertRules::default();
        rules
            .queues_default
            .abandon_rate
            .as_mut()
            .unwrap()
            .above_pct = f64::NAN;
        assert!(rules.validate().is_err());
        let mut rules = AlertRules::default();
        rules.agent_state.as_mut().unwrap().break_secs = Some(0);
        assert!(
            rules
                .validate()
                .unwrap_err()
                .to_string()
                .contains("break limit")
        );
        let rules = AlertRules {
            link_lost: Some(LinkLostRule { for_secs: 7_200 }),
            ..AlertRules::default()
        };
        assert!(rules.validate().is_err());
    }
}
