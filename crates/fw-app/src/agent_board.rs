//! The agents grid, answered in the backend: filter, search and sort every agent, then hand
//! the screen only the rows it shows. A floor of 10,000 agents never crosses the IPC whole;
//! the grid asks for the window it scrolled to.

use std::cmp::Ordering;

use fw_domain::{AgentId, AgentState, QueueId, SiteId, Timestamp, Topology};
use fw_engine::AgentView;

/// Which agents by what they are doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateFilter {
    Available,
    Ringing,
    OnCall,
    WrapUp,
    Break,
    Offline,
    /// Anyone logged in (every state but offline).
    LoggedIn,
}

impl StateFilter {
    pub fn matches(self, state: &AgentState) -> bool {
        match self {
            StateFilter::Available => *state == AgentState::Available,
            StateFilter::Ringing => *state == AgentState::Ringing,
            StateFilter::OnCall => *state == AgentState::OnCall,
            StateFilter::WrapUp => *state == AgentState::WrapUp,
            StateFilter::Break => matches!(state, AgentState::Break(_)),
            StateFilter::Offline => *state == AgentState::Offline,
            StateFilter::LoggedIn => state.is_staffed(),
        }
    }
}

/// The column the grid is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AgentSort {
    #[default]
    Name,
    State,
    TimeInState,
    CallDuration,
    Site,
    Handled,
    Aht,
}

/// What the grid asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgentQuery {
    /// Words that must all appear in the agent's name, number, site or queues.
    pub search: String,
    pub site: Option<SiteId>,
    pub queue: Option<QueueId>,
    pub state: Option<StateFilter>,
    pub sort: AgentSort,
    pub descending: bool,
    /// The first matching row wanted, and how many.
    pub offset: usize,
    pub limit: usize,
}

/// The most rows one page carries (a tall screen shows about a hundred).
pub const MAX_AGENT_PAGE: usize = 500;

/// How many agents are in each state, over the whole (unfiltered) floor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub available: u32,
    pub ringing: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub on_break: u32,
    pub offline: u32,
}

/// One page of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentPage {
    /// Agents on the floor, matching or not.
    pub total: usize,
    /// Agents matching the query.
    pub matched: usize,
    /// The offset actually served (clamped to the matches).
    pub offset: usize,
    pub rows: Vec<AgentView>,
    pub counts: StateCounts,
}

/// A state's place when sorting by state: the ones a supervisor acts on first.
const fn state_rank(state: &AgentState) -> u8 {
    match state {
        AgentState::Ringing => 0,
        AgentState::OnCall => 1,
        AgentState::WrapUp => 2,
        AgentState::Available => 3,
        AgentState::Break(_) => 4,
        AgentState::Offline => 5,
    }
}

/// Answers `query` over `agents` as of `now`.
pub fn agent_page(
    agents: &[AgentView],
    topology: &Topology,
    query: &AgentQuery,
    now: Timestamp,
) -> AgentPage {
    let mut counts = StateCounts::default();
    for agent in agents {
        match agent.state {
            AgentState::Available => counts.available += 1,
            AgentState::Ringing => counts.ringing += 1,
            AgentState::OnCall => counts.on_call += 1,
            AgentState::WrapUp => counts.wrap_up += 1,
            AgentState::Break(_) => counts.on_break += 1,
            AgentState::Offline => counts.offline += 1,
        }
    }
    let words: Vec<String> = query
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let name_of = |id: AgentId| topology.agent(id).map_or("", |a| a.name.as_str());
    let mut matched: Vec<&AgentView> = agents
        .iter()
        .filter(|agent| {
            let Some(profile) = topology.agent(agent.agent) else {
                return false;
            };
            query.state.is_none_or(|f| f.matches(&agent.state))
                && query.site.is_none_or(|s| profile.site == s)
                && query.queue.is_none_or(|q| profile.queues.contains(&q))
                && (words.is_empty() || {
                    let mut hay = format!("{} {}", profile.name, agent.agent.0);
                    if let Some(site) = topology.site(profile.site) {
                        hay.push(' ');
                        hay.push_str(&site.name);
                    }
                    for queue in profile.queues.iter().filter_map(|q| topology.queue(*q)) {
                        hay.push(' ');
                        hay.push_str(&queue.name);
                    }
                    let hay = hay.to_lowercase();
                    words.iter().all(|w| hay.contains(w.as_str()))
                })
        })
        .collect();
    let call_ms = |a: &AgentView| a.call_answered_at.map(|t| now.millis_since(t));
    let site_name = |a: &AgentView| {
        topology
            .agent(a.agent)
            .and_then(|p| topology.site(p.site))
            .map_or("", |s| s.name.as_str())
    };
    let order = |a: &&AgentView, b: &&AgentView| -> Ordering {
        let primary = match query.sort {
            AgentSort::Name => name_of(a.agent).cmp(name_of(b.agent)),
            AgentSort::State => state_rank(&a.state).cmp(&state_rank(&b.state)),
            // Time in state grows as `since` gets older.
            AgentSort::TimeInState => b.since.cmp(&a.since),
            AgentSort::CallDuration => call_ms(a).cmp(&call_ms(b)),
            AgentSort::Site => site_name(a).cmp(site_name(b)),
            AgentSort::Handled => a.handled_today.cmp(&b.handled_today),
            AgentSort::Aht => a.aht_ms_today().cmp(&b.aht_ms_today()),
        };
        let primary = if query.descending {
            primary.reverse()
        } else {
            primary
        };
        // Ties by name, then id: a stable order as figures change.
        primary
            .then_with(|| name_of(a.agent).cmp(name_of(b.agent)))
            .then_with(|| a.agent.cmp(&b.agent))
    };
    matched.sort_unstable_by(order);
    let offset = query.offset.min(matched.len());
    let limit = query.limit.min(MAX_AGENT_PAGE);
    let rows = matched
        .iter()
        .skip(offset)
        .take(limit)
        .map(|a| (*a).clone())
        .collect();
    AgentPage {
        total: agents.len(),
        matched: matched.len(),
        offset,
        rows,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fw_domain::{AgentProfile, BreakReason, CallId, QueueConfig, Site};
    use proptest::prelude::*;

    fn topology(agents: usize) -> Topology {
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
        let queues = (0..4u16)
            .map(|i| {
                let site = if i < 2 { "north" } else { "east" };
                QueueConfig::with_defaults(
                    QueueId(i),
                    &format!("{site}.q{i}"),
                    "repairs",
                    SiteId(u16::from(i >= 2)),
                )
            })
            .collect();
        let agents = (0..agents)
            .map(|i| AgentProfile {
                id: AgentId(i as u32),
                name: format!("agent {:03}", (i * 7) % 1000),
                site: SiteId((i % 2) as u16),
                queues: vec![QueueId(((i % 2) * 2 + (i / 2) % 2) as u16)],
            })
            .collect();
        Topology {
            sites,
            queues,
            agents,
        }
    }

    fn state_of(n: usize) -> AgentState {
        match n % 6 {
            0 => AgentState::Available,
            1 => AgentState::Ringing,
            2 => AgentState::OnCall,
            3 => AgentState::WrapUp,
            4 => AgentState::Break(BreakReason::Lunch),
            _ => AgentState::Offline,
        }
    }

    fn views(states: &[usize]) -> Vec<AgentView> {
        states
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let state = state_of(*n);
                let on_call = state == AgentState::OnCall;
                AgentView {
                    agent: AgentId(i as u32),
                    since: Some(Timestamp(1_000 * i64::from((*n % 17) as u8))),
                    call: on_call.then_some(CallId(i as u64)),
                    call_answered_at: on_call.then_some(Timestamp(500 * i64::from((i % 13) as u8))),
                    handled_today: (*n % 9) as u32,
                    handle_ms_today: (*n as u64 % 9) * 200_000,
                    state,
                }
            })
            .collect()
    }

    #[test]
    fn filters_search_and_counts() {
        let topology = topology(12);
        let agents = views(&(0..12).collect::<Vec<_>>());
        let all = agent_page(
            &agents,
            &topology,
            &AgentQuery {
                limit: 100,
                ..AgentQuery::default()
            },
            Timestamp(60_000),
        );
        assert_eq!((all.total, all.matched, all.rows.len()), (12, 12, 12));
        assert_eq!(all.counts.on_call, 2);
        assert_eq!(all.counts.offline, 2);
        let query = AgentQuery {
            state: Some(StateFilter::LoggedIn),
            site: Some(SiteId(1)),
            search: "EAST q3".into(),
            limit: 100,
            ..AgentQuery::default()
        };
        let page = agent_page(&agents, &topology, &query, Timestamp(60_000));
        for row in &page.rows {
            let profile = topology.agent(row.agent).unwrap();
            assert_eq!(profile.site, SiteId(1));
            assert_eq!(profile.queues, [QueueId(3)]);
            assert!(row.state.is_staffed());
        }
        assert_eq!(page.matched, page.rows.len());
        assert!(page.matched > 0);
    }

    #[test]
    fn sorting_by_state_puts_ringing_and_talking_first() {
        let topology = topology(12);
        let agents = views(&(0..12).collect::<Vec<_>>());
        let query = AgentQuery {
            sort: AgentSort::State,
            limit: 3,
            ..AgentQuery::default()
        };
        let page = agent_page(&agents, &topology, &query, Timestamp(0));
        assert_eq!(page.rows[0].state, AgentState::Ringing);
        assert_eq!(page.rows[2].state, AgentState::OnCall);
    }

    proptest! {
        /// Pages read one after another give every match exactly once, in the order of the
        /// sort, whatever the filters and the page size.
        #[test]
        fn pages_tile_the_sorted_matches(
            states in proptest::collection::vec(0usize..60, 0..150),
            sort in 0usize..7,
            descending in any::<bool>(),
            state in proptest::option::of(0usize..7),
            page_size in 1usize..40,
        ) {
            let topology = topology(states.len());
            let agents = views(&states);
            let filters = [StateFilter::Available, StateFilter::Ringing, StateFilter::OnCall, StateFilter::WrapUp, StateFilter::Break, StateFilter::Offline, StateFilter::LoggedIn];
            let sorts = [AgentSort::Name, AgentSort::State, AgentSort::TimeInState, AgentSort::CallDuration, AgentSort::Site, AgentSort::Handled, AgentSort::Aht];
            let base = AgentQuery { sort: sorts[sort], descending, state: state.map(|i| filters[i]), ..AgentQuery::default() };
            let whole = agent_page(&agents, &topology, &AgentQuery { limit: MAX_AGENT_PAGE, ..base.clone() }, Timestamp(10_000));
            let mut tiled = Vec::new();
            let mut offset = 0;
            loop {
                let page = agent_page(&agents, &topology, &AgentQuery { offset, limit: page_size, ..base.clone() }, Timestamp(10_000));
                prop_assert_eq!(page.matched, whole.matched);
                if page.rows.is_empty() { break; }
                offset += page.rows.len();
                tiled.extend(page.rows);
            }
            prop_assert_eq!(&tiled, &whole.rows);
            let expected = agents.iter().filter(|a| base.state.is_none_or(|f| f.matches(&a.state))).count();
            prop_assert_eq!(whole.matched, expected);
        }
    }
}
