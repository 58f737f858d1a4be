//! [`AmiConnector`]: Asterisk behind the [`Connector`] trait, over the Asterisk Manager
//! Interface on plain TCP or TLS.
//!
//! `connect` logs in with an `Events:` mask (agent, call, user and dtmf classes: VarSet
//! and Newexten are the `dialplan` class, so they never come) and, where the AMI user
//! may (`write = system`), `Filter` actions that narrow the stream to the events mapped;
//! then it reads QueueStatus, QueueSummary and Status and rebuilds the whole state, so a
//! reconnect never loses or double-counts anything. `next_events` maps events as they
//! come, pings on a heartbeat and reports the link lost on EOF, a framing error or a
//! missed pong; the hub then calls `connect` again (with its own backoff). Routing modes go
//! to AstDB through `apply_routing` (`routing.rs`).

use std::time::Duration;

use fw_ami::typed::{ChannelStatus, QueueSummary};
use fw_ami::{Action, AmiEvent};
use fw_domain::{EventEnvelope, PlatformCommand, Snapshot, SourceId, Timestamp};
use fw_routing::RoutingPlan;
use fw_routing::astdb::AstDbEntry;
use tokio::time::Instant;

use crate::ami::config::AmiConfig;
use crate::ami::link::Link;
use crate::ami::mapper::AmiMapper;
use crate::ami::resync::SnapshotLists;
use crate::ami::transport::{self, TlsClient};
use crate::connector::Connector;
use crate::error::{CommandError, ConnectorError};

/// The event classes asked for at login.
pub const EVENT_MASK: &str = "agent,call,user,dtmf";

/// The events the connector maps; with `Filter` allowed, only these are sent.
pub const MAPPED_EVENTS: [&str; 22] = [
    "QueueCallerJoin",
    "QueueCallerLeave",
    "QueueCallerAbandon",
    "AgentCalled",
    "AgentConnect",
    "AgentComplete",
    "AgentRingNoAnswer",
    "QueueMemberStatus",
    "QueueMemberPause",
    "QueueMemberAdded",
    "QueueMemberRemoved",
    "QueueMemberPenalty",
    "UserEvent",
    "OriginateResponse",
    "Hangup",
    "ChanSpyStart",
    "ChanSpyStop",
    "DTMFEnd",
    "MusicOnHoldStart",
    "MusicOnHoldStop",
    "Hold",
    "Unhold",
];

/// At most this many events are handed out per `next_events` call.
const BATCH: usize = 1_024;

/// How often time-driven transitions are checked while the link is quiet.
const TICK: Duration = Duration::from_millis(250);

/// A heartbeat in flight.
#[derive(Debug)]
struct PendingPing {
    action_id: String,
    sent: Instant,
}

/// The Asterisk connector.
#[derive(Debug)]
pub struct AmiConnector {
    pub(crate) config: AmiConfig,
    pub(crate) link: Option<Link>,
    pub(crate) mapper: AmiMapper,
    next_source: u32,
    /// Platform clock minus wall clock, in ms (from Ping's `Timestamp`, then events').
    clock_offset_ms: i64,
    ping: Option<PendingPing>,
    last_ping: Instant,
    /// Whether the AMI user may add event filters.
    pub(crate) filters_allowed: bool,
    /// The routing keys Asterisk holds, as read back and written since; `None` until read
    /// after the last connect (see `routing.rs`).
    pub(crate) astdb_known: Option<Vec<AstDbEntry>>,
    /// Trusted roots for a TLS endpoint, built once.
    tls: Option<TlsClient>,
    /// How many inbox events arrived before QueueStatus answered at the last connect.
    events_in_lists: usize,
}

fn wall_clock_ms() -> i64 {
    crate::wall_clock().0
}

/// `1795343685.167940` (Unix seconds and microseconds, as `timestampevents` and Ping
/// write it) in milliseconds.
fn parse_ami_timestamp(value: &str) -> Option<Timestamp> {
    let (seconds, fraction) = value.trim().split_once('.').unwrap_or((value.trim(), "0"));
    let seconds: i64 = seconds.parse().ok()?;
    let millis: i64 = fraction
        .get(..3.min(fraction.len()))
        .filter(|f| !f.is_empty())
        .map_or(Some(0), |f| {
            f.parse::<i64>()
                .ok()
                .map(|m| m * 10_i64.pow(3 - f.len() as u32))
        })?;
    Some(Timestamp(seconds.checked_mul(1_000)?.checked_add(millis)?))
}

impl AmiConnector {
    /// A connector for `config`; nothing is opened until `connect`.
    pub fn new(config: AmiConfig) -> Result<AmiConnector, ConnectorError> {
        if config.username.is_empty() {
            return Err(ConnectorError::Config("the AMI user name is empty".into()));
        }
        if config.heartbeat.is_zero() || config.timeout.is_zero() {
            return Err(ConnectorError::Config(
                "heartbeat and timeout must be longer than zero".into(),
            ));
        }
        let tls = if config.tls {
            Some(TlsClient::new(config.ca_file.as_deref())?)
        } else {
            if config.ca_file.is_some() {
                tracing::warn!(
                    "an AMI CA file is set but the manager port is plain TCP: it is not used"
                );
            }
            None
        };
        let site = format!("Asterisk {}:{}", config.host, config.port);
        Ok(AmiConnector {
            mapper: AmiMapper::new(&site, config.mapping),
            config,
            link: None,
            next_source: 0,
            clock_offset_ms: 0,
            ping: None,
            last_ping: Instant::now(),
            filters_allowed: true,
            astdb_known: None,
            tls,
            events_in_lists: 0,
        })
    }

    /// The mapper (names, live calls, sessions), for tests and diagnostics.
    pub fn mapper(&self) -> &AmiMapper {
        &self.mapper
    }

    fn stamp(&mut self, event: &fw_ami::Event) -> Timestamp {
        let now = self.now();
        match event.get("Timestamp").and_then(parse_ami_timestamp) {
            Some(at) => {
                if at > now {
                    // The platform's clock is ahead of what we thought: follow it.
                    self.clock_offset_ms += at.0 - now.0;
                }
                at
            }
            None => now,
        }
    }

    fn link_mut(&mut self) -> Result<&mut Link, ConnectorError> {
        self.link.as_mut().ok_or(ConnectorError::NotConnected)
    }

    /// Closes the link, telling the mapper when Asterisk was last heard from: calls that
    /// end from then on, unseen, are settled at the next snapshot.
    fn drop_link(&mut self) {
        if let Some(link) = self.link.take() {
            let ago = link.heard_ago().unwrap_or_default();
            let heard_at = self
                .now()
                .plus_ms(-i64::try_from(ago.as_millis()).unwrap_or(0));
            self.mapper.link_lost(heard_at);
        }
    }

    /// Drops the link, so the next `connect` starts afresh.
    fn lose_link(&mut self, error: ConnectorError) -> ConnectorError {
        self.drop_link();
        self.ping = None;
        tracing::warn!(%error, "AMI link lost");
        error
    }

    async fn login(&mut self, link: &mut Link) -> Result<(), ConnectorError> {
        let greeting = link.await_greeting(self.config.timeout).await?;
        tracing::info!(%greeting, host = %self.config.host, "connected to the AMI port");
        let login = Action::login_with_events(
            &self.config.username,
            self.config.secret.expose(),
            EVENT_MASK,
        );
        let answer = link.request(login, self.config.timeout).await?;
        if !answer.is_success() {
            return Err(ConnectorError::Config(format!(
                "Asterisk refused the login of AMI user `{}`: {}",
                self.config.username,
                answer.response.message().unwrap_or("no reason given")
            )));
        }
        // Pipelined: one round trip for all filters.
        let ids: Vec<String> = MAPPED_EVENTS
            .iter()
            .map(|name| {
                link.queue(Action::filter_match(&format!(
                    "action(include),name({name})"
                )))
            })
            .collect::<Result<_, _>>()?;
        self.filters_allowed = true;
        for id in ids {
            let answer = link
                .await_answer(&id, "Filter", self.config.timeout)
                .await?;
            if !answer.is_success() && self.filters_allowed {
                self.filters_allowed = false;
                tracing::info!(
                    user = %self.config.username,
                    reason = answer.response.message().unwrap_or_default(),
                    "AMI user may not add event filters (needs write = system); the Events \
                     mask alone keeps VarSet and Newexten out"
                );
            }
        }
        Ok(())
    }

    /// Reads the lists a snapshot is built from, pipelined.
    async fn read_lists(
        &mut self,
        link: &mut Link,
    ) -> Result<(SnapshotLists, Vec<QueueSummary>), ConnectorError> {
        let timeout = self.config.timeout;
        let ping = link.queue(Action::ping())?;
        let status = link.queue(Action::queue_status(None))?;
        let summary = link.queue(Action::queue_summary(None))?;
        let channels = link.queue(Action::status(None))?;
        let pong = link.await_answer(&ping, "Ping", timeout).await?;
        if let Some(at) = pong.response.get("Timestamp").and_then(parse_ami_timestamp) {
            self.clock_offset_ms = at.0 - wall_clock_ms();
        }
        let mut lists = SnapshotLists::default();
        let refused = |name: &str, answer: &fw_ami::ActionResult| {
            ConnectorError::Config(format!(
                "Asterisk refused {name} for AMI user `{}`: {} (see docs/asterisk.md for the \
                 privileges Floorwalker needs)",
                self.config.username,
                answer.response.message().unwrap_or("no reason given")
            ))
        };
        let (answer, events_before) = link
            .await_answer_marked(&status, "QueueStatus", timeout)
            .await?;
        self.events_in_lists = events_before;
        if !answer.is_success() {
            return Err(refused("QueueStatus", &answer));
        }
        lists.queue_status = typed_items(&answer.items);
        let answer = link.await_answer(&summary, "QueueSummary", timeout).await?;
        let summaries = if answer.is_success() {
            typed_items(&answer.items)
                .into_iter()
                .filter_map(|item| match item {
                    AmiEvent::QueueSummary(summary) => Some(*summary),
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let answer = link.await_answer(&channels, "Status", timeout).await?;
        if !answer.is_success() {
            return Err(refused("Status", &answer));
        }
        lists.channels = typed_items(&answer.items)
            .into_iter()
            .filter_map(|item| match item {
                AmiEvent::Status(status) => Some(*status),
                _ => None,
            })
            .collect::<Vec<ChannelStatus>>();
        Ok((lists, summaries))
    }

    /// Maps what is in the inbox, then time-driven transitions.
    fn drain(&mut self, out: &mut Vec<EventEnvelope>) {
        self.mapper.take_recovered(out);
        let mut mapped = 0;
        let mut last_at = None;
        while mapped < BATCH {
            let Some(event) = self.link.as_mut().and_then(|link| link.inbox.pop_front()) else {
                break;
            };
            mapped += 1;
            if is_pong_like(&event) {
                continue;
            }
            let at = self.stamp(&event);
            last_at = Some(at);
            match event.typed() {
                Ok(typed) => self.mapper.on_event(&typed, at, out),
                Err(error) => {
                    tracing::warn!(%error, "AMI event skipped: a field it needs is missing or unreadable");
                }
            }
        }
        // While a backlog waits in the inbox, time runs only as far as the stream has been
        // read: a QueueCallerLeave at the end of this batch must not time out before the
        // AgentConnect at the head of the next (a pong can set the clock ahead of both).
        let backlog = self
            .link
            .as_ref()
            .is_some_and(|link| !link.inbox.is_empty());
        let now = match last_at {
            Some(at) if backlog => at.min(self.now()),
            _ => self.now(),
        };
        let chores = self.mapper.tick(now, out);
        if let Some(link) = self.link.as_mut() {
            for leg in chores.hang_up {
                // Fire and forget: the Hangup event that follows is what counts.
                if let Ok(id) = link.queue(Action::hangup(&leg, None)) {
                    link.forget_later(id);
                }
            }
        }
    }

    /// Heartbeat: a Ping when due; an error when the last one went unanswered.
    fn heartbeat(&mut self) -> Result<(), ConnectorError> {
        let heartbeat = self.config.heartbeat;
        let link = self.link.as_mut().ok_or(ConnectorError::NotConnected)?;
        if let Some(ping) = &self.ping {
            if let Some(pong) = link.take_answer(&ping.action_id) {
                if let Some(at) = pong.response.get("Timestamp").and_then(parse_ami_timestamp) {
                    self.clock_offset_ms = at.0 - wall_clock_ms();
                }
                self.ping = None;
            } else if ping.sent.elapsed() >= heartbeat {
                return Err(ConnectorError::Disconnected(format!(
                    "Asterisk did not answer a Ping within {heartbeat:?}"
                )));
            }
        }
        if self.ping.is_none() && self.last_ping.elapsed() >= heartbeat {
            let action_id = link.queue(Action::ping())?;
            self.ping = Some(PendingPing {
                action_id,
                sent: Instant::now(),
            });
            self.last_ping = Instant::now();
        }
        Ok(())
    }

    /// Sends a Ping and, once Asterisk answered it, maps every event Asterisk sent before
    /// the answer into `out`: a consistent cut of the stream, for tests, relays and
    /// diagnostics that must know they have seen everything up to now.
    pub async fn sync(&mut self, out: &mut Vec<EventEnvelope>) -> Result<(), ConnectorError> {
        let timeout = self.config.timeout;
        let link = self.link_mut()?;
        let pong = match link.request(Action::ping(), timeout).await {
            Ok(pong) => pong,
            Err(error) => return Err(self.lose_link(error)),
        };
        if let Some(at) = pong.response.get("Timestamp").and_then(parse_ami_timestamp) {
            self.clock_offset_ms = at.0 - wall_clock_ms();
        }
        loop {
            self.drain(out);
            if self.link.as_ref().is_none_or(|link| link.inbox.is_empty()) {
                return Ok(());
            }
        }
    }

    /// When to wake up next if nothing arrives.
    fn next_wake(&self) -> Instant {
        let now = Instant::now();
        let heartbeat = match &self.ping {
            Some(ping) => ping.sent + self.config.heartbeat,
            None => self.last_ping + self.config.heartbeat,
        };
        let deadline = self.mapper.next_deadline().map_or(now + TICK, |at| {
            let wait = at.0.saturating_sub(self.now().0).max(0);
            now + Duration::from_millis(wait.unsigned_abs())
        });
        heartbeat.min(deadline).min(now + TICK).max(now)
    }
}

/// The typed view of list items; unreadable items are logged and left out.
fn typed_items(items: &[fw_ami::Event]) -> Vec<AmiEvent> {
    items
        .iter()
        .filter_map(|item| match item.typed() {
            Ok(typed) => Some(typed),
            Err(error) => {
                tracing::warn!(%error, "AMI list item skipped");
                None
            }
        })
        .collect()
}

/// Events that carry no state (a late Ping echo, FullyBooted): skipped before mapping.
fn is_pong_like(event: &fw_ami::Event) -> bool {
    event.name().eq_ignore_ascii_case("FullyBooted")
}

impl Connector for AmiConnector {
    fn platform(&self) -> String {
        let tls = if self.config.tls { " (TLS)" } else { "" };
        format!("Asterisk {}:{}{tls}", self.config.host, self.config.port)
    }

    fn now(&self) -> Timestamp {
        Timestamp(wall_clock_ms() + self.clock_offset_ms)
    }

    async fn connect(&mut self) -> Result<Snapshot, ConnectorError> {
        self.drop_link();
        self.ping = None;
        // Anything may have changed while the link was down: read it back before writing.
        self.astdb_known = None;
        let endpoint = self.config.endpoint();
        let stream = transport::open(&endpoint, self.tls.as_ref(), self.config.timeout).await?;
        let mut link = Link::new(stream);
        self.login(&mut link).await?;
        let (lists, summaries) = self.read_lists(&mut link).await?;
        self.next_source += 1;
        let source = SourceId(self.next_source);
        let taken_at = self.now();
        let snapshot = self.mapper.resync(&lists, source, taken_at);
        // Events that came before QueueStatus's answer are already in its counters.
        for event in link.inbox.iter().take(self.events_in_lists) {
            if let Ok(typed) = event.typed() {
                self.mapper.already_counted(&typed);
            }
        }
        check_summaries(&snapshot, &summaries);
        tracing::info!(
            queues = snapshot.topology.queues.len(),
            agents = snapshot.topology.agents.len(),
            calls = snapshot.calls.len(),
            filters = self.filters_allowed,
            "AMI snapshot rebuilt"
        );
        self.last_ping = Instant::now();
        self.link = Some(link);
        Ok(snapshot)
    }

    async fn next_events(&mut self, out: &mut Vec<EventEnvelope>) -> Result<(), ConnectorError> {
        loop {
            if self.link.is_none() {
                return Err(ConnectorError::NotConnected);
            }
            let before = out.len();
            self.drain(out);
            if self.mapper.topology_changed() && out.len() == before {
                return Err(self.lose_link(ConnectorError::Disconnected(
                    "Asterisk's queues or members changed; reconnecting to read them".into(),
                )));
            }
            if out.len() > before {
                return Ok(());
            }
            if let Err(error) = self.heartbeat() {
                return Err(self.lose_link(error));
            }
            let wake_at = self.next_wake();
            let link = self.link_mut()?;
            // The only await: it holds no state, so dropping it loses nothing.
            match link.pump(wake_at).await {
                Ok(_) => {}
                Err(error) => return Err(self.lose_link(error)),
            }
        }
    }

    async fn execute(&mut self, command: PlatformCommand) -> Result<(), CommandError> {
        self.run_command(command).await
    }

    async fn apply_routing(&mut self, plan: &RoutingPlan) -> Result<(), CommandError> {
        self.apply_plan(plan).await
    }
}

/// Logs where Asterisk's own QueueSummary disagrees with the snapshot's agent states.
fn check_summaries(snapshot: &Snapshot, summaries: &[QueueSummary]) {
    for summary in summaries {
        let Some(queue) = snapshot
            .topology
            .queues
            .iter()
            .find(|q| q.name == summary.queue)
        else {
            continue;
        };
        let logged_in = snapshot
            .agents
            .iter()
            .filter(|a| {
                a.state.is_staffed()
                    && snapshot
                        .topology
                        .agent(a.agent)
                        .is_some_and(|p| p.queues.contains(&queue.id))
            })
            .count();
        if logged_in != summary.logged_in as usize {
            tracing::debug!(
                queue = %summary.queue,
                asterisk = summary.logged_in,
                floorwalker = logged_in,
                "logged-in agents differ between QueueSummary and QueueStatus"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ami_timestamps_read_as_milliseconds() {
        assert_eq!(
            parse_ami_timestamp("1795343685.167940"),
            Some(Timestamp(1_795_343_685_167))
        );
        assert_eq!(
            parse_ami_timestamp("1795343685"),
            Some(Timestamp(1_795_343_685_000))
        );
        assert_eq!(parse_ami_timestamp("12.5"), Some(Timestamp(12_500)));
        assert_eq!(parse_ami_timestamp("soon"), None);
    }
}
