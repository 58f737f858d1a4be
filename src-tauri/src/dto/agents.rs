//! The agents grid over IPC: the grid sends its filters, sort and scroll window; the backend
//! answers with that window of rows only (see `fw_app::agent_page`).

use fw_app::{AgentQuery, AgentSort, LiveFrame, StateFilter, Team};
use fw_domain::{AgentState, QueueId, SiteId, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calls::{MonitorDto, monitors_on};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AgentStateDto {
    Available,
    Ringing,
    OnCall,
    WrapUp,
    Break,
    Offline,
}

#[derive(Debug, Clone, Copy, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum StateFilterDto {
    Available,
    Ringing,
    OnCall,
    WrapUp,
    Break,
    Offline,
    LoggedIn,
}

#[derive(Debug, Clone, Copy, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AgentSortDto {
    Name,
    State,
    TimeInState,
    CallDuration,
    Site,
    Handled,
    Aht,
}

/// What the grid shows: filters, sort and the rows in view.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgentQueryDto {
    pub search: String,
    pub site: Option<u16>,
    pub queue: Option<u16>,
    pub state: Option<StateFilterDto>,
    pub sort: AgentSortDto,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl From<&AgentQueryDto> for AgentQuery {
    fn from(dto: &AgentQueryDto) -> Self {
        AgentQuery {
            search: dto.search.clone(),
            site: dto.site.map(SiteId),
            queue: dto.queue.map(QueueId),
            state: dto.state.map(|s| match s {
                StateFilterDto::Available => StateFilter::Available,
                StateFilterDto::Ringing => StateFilter::Ringing,
                StateFilterDto::OnCall => StateFilter::OnCall,
                StateFilterDto::WrapUp => StateFilter::WrapUp,
                StateFilterDto::Break => StateFilter::Break,
                StateFilterDto::Offline => StateFilter::Offline,
                StateFilterDto::LoggedIn => StateFilter::LoggedIn,
            }),
            sort: match dto.sort {
                AgentSortDto::Name => AgentSort::Name,
                AgentSortDto::State => AgentSort::State,
                AgentSortDto::TimeInState => AgentSort::TimeInState,
                AgentSortDto::CallDuration => AgentSort::CallDuration,
                AgentSortDto::Site => AgentSort::Site,
                AgentSortDto::Handled => AgentSort::Handled,
                AgentSortDto::Aht => AgentSort::Aht,
            },
            descending: dto.descending,
            offset: dto.offset as usize,
            limit: dto.limit as usize,
        }
    }
}

/// One agent row.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgentRowDto {
    pub id: u32,
    pub name: String,
    pub site: Option<String>,
    /// Queue names, primary skill first.
    pub queues: Vec<String>,
    pub state: AgentStateDto,
    /// On a break: the reason's code (`lunch`, `training`, …) or the platform's own words.
    pub break_reason: Option<String>,
    /// `None` for an agent the platform has not reported yet.
    pub in_state_ms: Option<f64>,
    pub call: Option<f64>,
    /// How long the current call has been connected.
    pub call_ms: Option<f64>,
    pub handled_today: u32,
    pub aht_ms_today: Option<f64>,
    /// Supervisors on the agent's current call.
    pub monitors: Vec<MonitorDto>,
}

#[derive(Debug, Clone, Copy, Serialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StateCountsDto {
    pub available: u32,
    pub ringing: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub on_break: u32,
    pub offline: u32,
}

/// A site or queue the grid can filter by.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FilterOptionDto {
    pub id: u16,
    pub name: String,
}

/// One window of the grid.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgentPageDto {
    /// Platform time of these rows; 0 before the first snapshot.
    pub at_ms: f64,
    pub total: u32,
    pub matched: u32,
    pub offset: u32,
    pub rows: Vec<AgentRowDto>,
    pub counts: StateCountsDto,
    pub sites: Vec<FilterOptionDto>,
    pub queues: Vec<FilterOptionDto>,
}

impl AgentPageDto {
    pub fn from_live(live: &LiveFrame, query: &AgentQueryDto, team: &Team, viewer: &str) -> Self {
        let topology = &live.topology;
        let at = live.frame.as_ref().map_or(Timestamp(0), |f| f.at);
        let page = fw_app::agent_page(&live.agents, topology, &AgentQuery::from(query), at);
        let rows = page
            .rows
            .iter()
            .map(|agent| {
                let profile = topology.agent(agent.agent);
                let (state, break_reason) = match &agent.state {
                    AgentState::Available => (AgentStateDto::Available, None),
                    AgentState::Ringing => (AgentStateDto::Ringing, None),
                    AgentState::OnCall => (AgentStateDto::OnCall, None),
                    AgentState::WrapUp => (AgentStateDto::WrapUp, None),
                    AgentState::Break(reason) => {
                        (AgentStateDto::Break, Some(reason.code().to_string()))
                    }
                    AgentState::Offline => (AgentStateDto::Offline, None),
                };
                AgentRowDto {
                    id: agent.agent.0,
                    name: profile.map_or_else(|| format!("#{}", agent.agent.0), |p| p.name.clone()),
                    site: profile
                        .and_then(|p| topology.site(p.site))
                        .map(|s| s.name.clone()),
                    queues: profile
                        .map(|p| {
                            p.queues
                                .iter()
                                .filter_map(|q| topology.queue(*q))
                                .map(|q| q.name.clone())
                                .collect()
                        })
                        .unwrap_or_default(),
                    state,
                    break_reason,
                    in_state_ms: agent.since.map(|since| at.millis_since(since) as f64),
                    call: agent.call.map(|c| c.0 as f64),
                    call_ms: agent.call_answered_at.map(|t| at.millis_since(t) as f64),
                    handled_today: agent.handled_today,
                    aht_ms_today: agent.aht_ms_today().map(|ms| ms as f64),
                    monitors: agent
                        .call
                        .map(|call| monitors_on(live, call, team, viewer))
                        .unwrap_or_default(),
                }
            })
            .collect();
        let c = page.counts;
        AgentPageDto {
            at_ms: at.0 as f64,
            total: page.total as u32,
            matched: page.matched as u32,
            offset: page.offset as u32,
            rows,
            counts: StateCountsDto {
                available: c.available,
                ringing: c.ringing,
                on_call: c.on_call,
                wrap_up: c.wrap_up,
                on_break: c.on_break,
                offline: c.offline,
            },
            sites: options(topology.sites.iter().map(|s| (s.id.0, &s.name))),
            queues: options(topology.queues.iter().map(|q| (q.id.0, &q.name))),
        }
    }
}

fn options<'a>(list: impl Iterator<Item = (u16, &'a String)>) -> Vec<FilterOptionDto> {
    list.map(|(id, name)| FilterOptionDto {
        id,
        name: name.clone(),
    })
    .collect()
}
