//! Builds the centre for a head count: sites, queues, agents with their skills and shifts.

use fw_domain::{
    AgentId, AgentProfile, MINUTE_MS, QueueConfig, QueueId, Site, SiteId, SlVariant, Topology,
};

use crate::agent_names::AgentNamer;
use crate::rng::SimRng;
use crate::shifts::ShiftKind;
use crate::skills::{QUEUES_PER_LINE, SITE_NAMES, SITE_SHARES, Skill};

/// The facts about an agent that shape behaviour but are not in the topology.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgentTraits {
    pub shift: ShiftKind,
    /// When this agent's shift starts, after local midnight (stagger and jitter included).
    pub shift_start_offset_ms: i64,
    /// Multiplies talk time: below 1 is quicker than average.
    pub talk_factor: f64,
    /// 0–1; better agents get better surveys.
    pub quality: f64,
    /// A tier-2 expert (member of tier2 and complaints).
    pub expert: bool,
}

/// The built centre.
#[derive(Clone, Debug)]
pub(crate) struct Centre {
    pub topology: Topology,
    pub traits: Vec<AgentTraits>,
}

/// Share of an agent's time a secondary skill gets, relative to the primary (used to size
/// demand; routing itself is longest-idle across all of an agent's queues).
pub(crate) const SECONDARY_WEIGHT: f64 = 0.35;

/// Team sizes as ninths of a site: early 4, late 4, night 1 (night ≈ a quarter of a day team).
const TEAM_NINTHS: [(ShiftKind, u32); 3] = [
    (ShiftKind::Early, 4),
    (ShiftKind::Late, 4),
    (ShiftKind::Night, 1),
];

/// Builds the whole centre. Uses its own random stream so staffing depends on the seed, head
/// count and line count only. With several product lines every site's shift team is split
/// evenly across the lines, each part staffing that line's queues; one line draws exactly
/// what the single-line centre always drew.
pub(crate) fn build_centre(seed: u64, agents: u32, lines: u16) -> Centre {
    let mut rng = SimRng::stream(seed, 1);
    let mut namer = AgentNamer::default();
    let topology_queues = build_queues(lines);
    let line_shares = vec![1.0 / f64::from(lines); usize::from(lines)];
    let mut profiles = Vec::with_capacity(agents as usize);
    let mut traits = Vec::with_capacity(agents as usize);
    for (site_index, site_agents) in split_by_share(agents, &SITE_SHARES).into_iter().enumerate() {
        let site = SiteId(site_index as u16);
        for (shift, team_size) in team_sizes(site_agents) {
            for (line, line_team) in split_by_share(team_size, &line_shares)
                .into_iter()
                .enumerate()
            {
                for (queues, expert) in staff_team(site, line as u16, line_team, &mut rng) {
                    let id = AgentId(profiles.len() as u32);
                    profiles.push(AgentProfile {
                        id,
                        name: namer.next_name(&mut rng),
                        site,
                        queues,
                    });
                    traits.push(draw_traits(shift, expert, &mut rng));
                }
            }
        }
    }
    let sites = SITE_NAMES
        .iter()
        .enumerate()
        .map(|(index, name)| Site {
            id: SiteId(index as u16),
            name: (*name).to_owned(),
        })
        .collect();
    Centre {
        topology: Topology {
            sites,
            queues: topology_queues,
            agents: profiles,
        },
        traits,
    }
}

/// Every line's queues, line by line (ids are line-major, see [`Skill::queue_on_line`]).
/// Names are `site.skill`, with the line number appended when there are several lines.
fn build_queues(lines: u16) -> Vec<QueueConfig> {
    let mut queues = Vec::with_capacity(QUEUES_PER_LINE * usize::from(lines));
    for line in 0..lines {
        build_line(line, lines > 1, &mut queues);
    }
    queues
}

fn build_line(line: u16, numbered: bool, queues: &mut Vec<QueueConfig>) {
    for (site_index, site_name) in SITE_NAMES.iter().enumerate() {
        let site = SiteId(site_index as u16);
        for skill in Skill::ALL {
            let id = skill.queue_on_line(site, line);
            let name = if numbered {
                format!("{site_name}.{}.{:02}", skill.code(), line + 1)
            } else {
                format!("{site_name}.{}", skill.code())
            };
            let mut queue = QueueConfig::with_defaults(id, &name, skill.code(), site);
            match skill {
                Skill::Complaints => queue.sl_threshold_secs = 30,
                Skill::Tier2 => {
                    queue.sl_threshold_secs = 60;
                    queue.tier2 = true;
                }
                _ => {}
            }
            // Two queues use the other SL definitions so every variant is exercised.
            queue.sl_variant = match (site_index, skill) {
                (1, Skill::Claims) => SlVariant::AbandonsWithinThresholdMet,
                (2, Skill::Orders) => SlVariant::AbandonsIgnored,
                _ => SlVariant::AbandonsCountAgainst,
            };
            queues.push(queue);
        }
    }
}

/// Splits `total` by `shares` with largest remainders, so the parts always add up.
fn split_by_share(total: u32, shares: &[f64]) -> Vec<u32> {
    let exact: Vec<f64> = shares
        .iter()
        .map(|share| f64::from(total) * share)
        .collect();
    let mut parts: Vec<u32> = exact.iter().map(|value| value.floor() as u32).collect();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Stable sort on the remainder, ties by position: deterministic.
    order.sort_by(|a, b| {
        (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor()))
    });
    let missing = total - parts.iter().sum::<u32>();
    for index in order.into_iter().take(missing as usize) {
        parts[index] += 1;
    }
    parts
}

/// Early, late and night team sizes for a site; every team has someone once the site has
/// three agents, so no queue is left unstaffed at night.
fn team_sizes(site_agents: u32) -> Vec<(ShiftKind, u32)> {
    let ninths: Vec<f64> = TEAM_NINTHS
        .iter()
        .map(|(_, ninths)| f64::from(*ninths) / 9.0)
        .collect();
    let mut sizes = split_by_share(site_agents, &ninths);
    if site_agents >= 3 && sizes[2] == 0 {
        sizes[2] = 1;
        sizes[0] -= 1;
    }
    TEAM_NINTHS
        .iter()
        .zip(sizes)
        .map(|((shift, _), size)| (*shift, size))
        .collect()
}

/// Skills for one team: ~8 % tier-2 experts, the rest a primary skill in the usual mix plus
/// 0–2 secondaries, then any queue no one in the team covers is handed to the member with the
/// fewest queues (only small teams need that).
fn staff_team(
    site: SiteId,
    line: u16,
    team_size: u32,
    rng: &mut SimRng,
) -> Vec<(Vec<QueueId>, bool)> {
    if team_size == 0 {
        return Vec::new();
    }
    let experts = if team_size >= 2 {
        ((f64::from(team_size) * 0.08).round() as u32).max(1)
    } else {
        0
    };
    let tier1 = team_size - experts;
    let shares: Vec<f64> = Skill::TIER1
        .iter()
        .map(|skill| skill.primary_share())
        .collect();
    let mut members: Vec<(Vec<Skill>, bool)> = Vec::with_capacity(team_size as usize);
    for _ in 0..experts {
        members.push((vec![Skill::Tier2, Skill::Complaints], true));
    }
    for (skill, count) in Skill::TIER1.iter().zip(split_by_share(tier1, &shares)) {
        for _ in 0..count {
            members.push((vec![*skill], false));
        }
    }
    for (skills, expert) in &mut members {
        if *expert {
            continue;
        }
        let secondaries = rng.weighted_index(&[0.30, 0.45, 0.25]);
        for _ in 0..secondaries {
            let candidates: Vec<f64> = Skill::TIER1
                .iter()
                .map(|skill| {
                    if skills.contains(skill) {
                        0.0
                    } else {
                        skill.primary_share()
                    }
                })
                .collect();
            skills.push(Skill::TIER1[rng.weighted_index(&candidates)]);
        }
    }
    for skill in Skill::ALL {
        if !members.iter().any(|(skills, _)| skills.contains(&skill)) {
            let least_skilled = members
                .iter_mut()
                .min_by_key(|(skills, _)| skills.len())
                .expect("a team has at least one member here");
            least_skilled.0.push(skill);
        }
    }
    members
        .into_iter()
        .map(|(skills, expert)| {
            (
                skills
                    .into_iter()
                    .map(|skill| skill.queue_on_line(site, line))
                    .collect(),
                expert,
            )
        })
        .collect()
}

fn draw_traits(shift: ShiftKind, expert: bool, rng: &mut SimRng) -> AgentTraits {
    // Most start on the hour; some are rostered ±15/30 min so the floor changes over gradually.
    let stagger_min = [-30, -15, 0, 0, 0, 0, 15, 30][rng.below(8) as usize];
    // Logins spread over the first minutes: nobody clicks "ready" on the same second.
    let jitter_ms = rng.between(0, 3 * MINUTE_MS);
    let talk_factor = (rng.standard_normal() * 0.12).exp().clamp(0.75, 1.35);
    let quality =
        (0.6 + 0.15 * rng.standard_normal() + if expert { 0.1 } else { 0.0 }).clamp(0.05, 0.98);
    AgentTraits {
        shift,
        shift_start_offset_ms: (shift.start_minute() + stagger_min) * MINUTE_MS + jitter_ms,
        talk_factor,
        quality,
        expert,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_has_the_documented_shape() {
        let centre = build_centre(1, 1_000, 1);
        let topology = &centre.topology;
        topology
            .validate()
            .expect("dense ids and resolvable references");
        assert_eq!(topology.queues.len(), 21);
        assert_eq!(topology.queues[0].name, "north.phones");
        assert_eq!(topology.queues[13].name, "east.tier2");
        assert!(topology.queues[13].tier2 && topology.queues[13].sl_threshold_secs == 60);
        assert_eq!(
            topology.queues[12].sl_variant,
            SlVariant::AbandonsWithinThresholdMet
        );
        assert_eq!(topology.queues[16].sl_variant, SlVariant::AbandonsIgnored);
        let per_site: Vec<usize> = (0..3)
            .map(|s| {
                topology
                    .agents
                    .iter()
                    .filter(|a| a.site == SiteId(s))
                    .count()
            })
            .collect();
        assert_eq!(per_site, vec![350, 400, 250]);
        let experts = centre.traits.iter().filter(|t| t.expert).count();
        assert!((60..=110).contains(&experts), "{experts} experts");
        let night = centre
            .traits
            .iter()
            .filter(|t| t.shift == ShiftKind::Night)
            .count();
        assert!((100..=125).contains(&night), "{night} on nights");
        for agent in &topology.agents {
            assert!((1..=4).contains(&agent.queues.len()));
            assert!(
                agent
                    .queues
                    .iter()
                    .all(|q| topology.queues[q.index()].site == agent.site)
            );
        }
    }

    #[test]
    fn even_the_smallest_centre_covers_every_queue_on_every_team() {
        let centre = build_centre(5, 20, 1);
        for site in 0..3_u16 {
            for shift in [ShiftKind::Early, ShiftKind::Late, ShiftKind::Night] {
                let team: Vec<&AgentProfile> = centre
                    .topology
                    .agents
                    .iter()
                    .zip(&centre.traits)
                    .filter(|(agent, traits)| agent.site == SiteId(site) && traits.shift == shift)
                    .map(|(agent, _)| agent)
                    .collect();
                assert!(!team.is_empty());
                for skill in Skill::ALL {
                    let queue = skill.queue_at(SiteId(site));
                    assert!(
                        team.iter().any(|agent| agent.queues.contains(&queue)),
                        "{queue} uncovered"
                    );
                }
            }
        }
    }

    #[test]
    fn product_lines_repeat_the_queues_each_with_its_own_staff() {
        let centre = build_centre(3, 10_000, 24);
        let topology = &centre.topology;
        topology
            .validate()
            .expect("dense ids and resolvable references");
        assert_eq!(topology.queues.len(), 504);
        assert_eq!(topology.queues[0].name, "north.phones.01");
        assert_eq!(topology.queues[503].name, "south.tier2.24");
        let names: std::collections::HashSet<&str> =
            topology.queues.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names.len(), 504, "queue names are unique");
        for agent in &topology.agents {
            let line = crate::skills::line_of_queue(agent.queues[0]);
            assert!(
                agent
                    .queues
                    .iter()
                    .all(|q| crate::skills::line_of_queue(*q) == line
                        && topology.queues[q.index()].site == agent.site),
                "an agent works one line at one site"
            );
        }
        // Every queue of every line has agents on each shift, night included.
        for shift in [ShiftKind::Early, ShiftKind::Late, ShiftKind::Night] {
            let mut covered = vec![false; topology.queues.len()];
            for (agent, traits) in topology.agents.iter().zip(&centre.traits) {
                if traits.shift == shift {
                    for queue in &agent.queues {
                        covered[queue.index()] = true;
                    }
                }
            }
            assert!(
                covered.iter().all(|c| *c),
                "{shift:?} leaves a queue uncovered"
            );
        }
    }

    #[test]
    fn one_line_is_the_usual_centre() {
        let one = build_centre(9, 400, 1);
        assert_eq!(one.topology.queues.len(), 21);
        assert_eq!(one.topology.queues[20].name, "south.tier2");
    }

    #[test]
    fn largest_remainder_split_adds_up() {
        assert_eq!(split_by_share(20, &SITE_SHARES), vec![7, 8, 5]);
        assert_eq!(
            split_by_share(10_000, &SITE_SHARES).iter().sum::<u32>(),
            10_000
        );
    }
}
