//! A small model of Asterisk's queue and channel state, kept current from the events the
//! fake replays, so QueueStatus, QueueSummary and Status can be answered at any moment
//! (a reconnect mid-transcript gets the state as it is then). Seeded from the fixture's
//! queues.conf. Field names and layouts follow the recorded answers.

use fw_ami::Frame;

#[derive(Clone, Debug)]
pub struct Member {
    pub name: String,
    pub interface: String,
    pub status: u32,
    pub paused: bool,
    pub reason: String,
    pub dynamic: bool,
    /// Finished calls and the Unix second the last one ended, kept as Asterisk keeps them
    /// with the fixture's `shared_lastcall = yes`: in every queue the member is in.
    pub calls_taken: u32,
    pub last_call: i64,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub uniqueid: String,
    pub channel: String,
    pub cid_num: String,
    pub cid_name: String,
    pub joined_ms: i64,
    /// The queue priority (`QueueEntry`'s `Priority`).
    pub priority: i32,
}

#[derive(Clone, Debug)]
pub struct Queue {
    pub name: String,
    pub service_level: u32,
    pub completed: u32,
    pub abandoned: u32,
    pub members: Vec<Member>,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
pub struct Channel {
    pub name: String,
    pub uniqueid: String,
    pub cid_num: String,
    pub cid_name: String,
    pub application: String,
    pub data: String,
    pub bridge: String,
    pub variables: Vec<String>,
    pub created_ms: i64,
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub queues: Vec<Queue>,
    pub channels: Vec<Channel>,
    /// Platform time, ms.
    pub now_ms: i64,
}

fn flag(value: bool) -> &'static str {
    if value { "1" } else { "0" }
}

impl Model {
    /// Queues and static members from a queues.conf (`[name](template)`, `member =>`).
    pub fn from_queues_conf(text: &str, now_ms: i64) -> Model {
        let mut model = Model {
            now_ms,
            ..Model::default()
        };
        for line in text.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix('[') {
                let name = rest.split(']').next().unwrap_or_default();
                let template = rest.contains("](!)");
                if name != "general" && !template {
                    model.queues.push(Queue {
                        name: name.to_owned(),
                        service_level: 20,
                        completed: 0,
                        abandoned: 0,
                        members: Vec::new(),
                        entries: Vec::new(),
                    });
                }
            } else if let Some(member) = line.strip_prefix("member =>")
                && let Some(queue) = model.queues.last_mut()
            {
                let parts: Vec<&str> = member.split(',').map(str::trim).collect();
                queue.members.push(Member {
                    name: parts.get(2).copied().unwrap_or(parts[0]).to_owned(),
                    interface: parts[0].to_owned(),
                    status: 1,
                    paused: false,
                    reason: String::new(),
                    dynamic: false,
                    calls_taken: 0,
                    last_call: 0,
                });
            }
        }
        model
    }

    fn queue_mut(&mut self, name: &str) -> Option<&mut Queue> {
        self.queues.iter_mut().find(|q| q.name == name)
    }

    fn channel_from(frame: &Frame, prefix: &str, now_ms: i64) -> Option<Channel> {
        let get = |k: &str| {
            frame
                .get(&format!("{prefix}{k}"))
                .unwrap_or_default()
                .to_owned()
        };
        let name = frame.get(&format!("{prefix}Channel"))?.to_owned();
        Some(Channel {
            name,
            uniqueid: get("Uniqueid"),
            cid_num: get("CallerIDNum"),
            cid_name: get("CallerIDName"),
            application: String::new(),
            data: String::new(),
            bridge: String::new(),
            variables: frame
                .get_all(if prefix.is_empty() {
                    "ChanVariable"
                } else {
                    "DestChanVariable"
                })
                .map(str::to_owned)
                .collect(),
            created_ms: now_ms,
        })
    }

    fn upsert_channel(&mut self, channel: Channel) -> &mut Channel {
        let found = self
            .channels
            .iter()
            .position(|c| c.uniqueid == channel.uniqueid);
        let index = found.unwrap_or_else(|| {
            self.channels.push(channel);
            self.channels.len() - 1
        });
        &mut self.channels[index]
    }

    fn remove_channel(&mut self, uniqueid: &str) {
        self.channels.retain(|c| c.uniqueid != uniqueid);
    }

    /// Applies one event Asterisk sent.
    pub fn apply(&mut self, frame: &Frame) {
        if let Some(ts) = super::script::stamp_ms(frame) {
            self.now_ms = self.now_ms.max(ts);
        }
        let now = self.now_ms;
        let text = |k: &str| frame.get(k).unwrap_or_default().to_owned();
        let queue_name = text("Queue");
        match frame.get("Event").unwrap_or_default() {
            "QueueCallerJoin" => {
                let entry = Entry {
                    uniqueid: text("Uniqueid"),
                    channel: text("Channel"),
                    cid_num: text("CallerIDNum"),
                    cid_name: text("CallerIDName"),
                    joined_ms: now,
                    priority: 0,
                };
                if let Some(mut channel) = Self::channel_from(frame, "", now) {
                    channel.application = "Queue".into();
                    channel.data = format!("{queue_name},c,,,300");
                    self.upsert_channel(channel);
                }
                if let Some(queue) = self.queue_mut(&queue_name) {
                    queue.entries.push(entry);
                }
            }
            "QueueCallerLeave" => {
                let uniqueid = text("Uniqueid");
                if let Some(queue) = self.queue_mut(&queue_name) {
                    queue.entries.retain(|e| e.uniqueid != uniqueid);
                }
            }
            "QueueCallerAbandon" => {
                let uniqueid = text("Uniqueid");
                if let Some(queue) = self.queue_mut(&queue_name) {
                    queue.abandoned += 1;
                    queue.entries.retain(|e| e.uniqueid != uniqueid);
                }
                self.remove_channel(&uniqueid);
            }
            "AgentConnect" => {
                let bridge = format!("bridge-{}", text("Uniqueid"));
                if let Some(mut caller) = Self::channel_from(frame, "", now) {
                    caller.application = "Queue".into();
                    caller.data = format!("{queue_name},c,,,300");
                    let caller = self.upsert_channel(caller);
                    caller.bridge.clone_from(&bridge);
                }
                if let Some(mut agent) = Self::channel_from(frame, "Dest", now) {
                    agent.application = "AppQueue".into();
                    agent.data = "(Outgoing Line)".into();
                    agent.bridge = bridge;
                    self.upsert_channel(agent);
                }
            }
            "AgentComplete" => {
                if let Some(queue) = self.queue_mut(&queue_name) {
                    queue.completed += 1;
                }
                let interface = text("Interface");
                for member in self
                    .queues
                    .iter_mut()
                    .flat_map(|q| q.members.iter_mut())
                    .filter(|m| m.interface == interface)
                {
                    member.calls_taken += 1;
                    member.last_call = now / 1000;
                }
                self.remove_channel(&text("Uniqueid"));
                self.remove_channel(&text("DestUniqueid"));
            }
            "QueueMemberStatus" | "QueueMemberPause" => {
                let interface = text("Interface");
                let status = frame.get("Status").and_then(|s| s.parse().ok());
                let paused = frame.get("Paused").map(|p| p == "1");
                let reason = text("PausedReason");
                if let Some(queue) = self.queue_mut(&queue_name)
                    && let Some(member) =
                        queue.members.iter_mut().find(|m| m.interface == interface)
                {
                    if let Some(status) = status {
                        member.status = status;
                    }
                    if let Some(paused) = paused {
                        member.paused = paused;
                        member.reason = reason;
                    }
                }
            }
            "Hangup" => self.remove_channel(&text("Uniqueid")),
            _ => {}
        }
    }

    fn item(event: &str, action_id: &str, fields: Vec<(&str, String)>) -> Frame {
        let mut frame = Frame::new().with("Event", event);
        for (k, v) in fields {
            frame.push(k, v);
        }
        frame.with("ActionID", action_id)
    }

    /// The QueueStatus list items, as Asterisk 22 writes them.
    pub fn queue_status(&self, action_id: &str) -> Vec<Frame> {
        let mut items = Vec::new();
        for queue in &self.queues {
            let perf = 0.0_f64;
            items.push(Self::item(
                "QueueParams",
                action_id,
                vec![
                    ("Queue", queue.name.clone()),
                    ("Max", "0".into()),
                    ("Strategy", "rrmemory".into()),
                    ("Calls", queue.entries.len().to_string()),
                    ("Holdtime", "0".into()),
                    ("TalkTime", "0".into()),
                    ("Completed", queue.completed.to_string()),
                    ("Abandoned", queue.abandoned.to_string()),
                    ("ServiceLevel", queue.service_level.to_string()),
                    ("ServicelevelPerf", format!("{perf:.1}")),
                    ("ServicelevelPerf2", format!("{perf:.1}")),
                    ("Weight", "0".into()),
                ],
            ));
            for member in &queue.members {
                items.push(Self::item(
                    "QueueMember",
                    action_id,
                    vec![
                        ("Queue", queue.name.clone()),
                        ("Name", member.name.clone()),
                        ("Location", member.interface.clone()),
                        ("StateInterface", member.interface.clone()),
                        (
                            "Membership",
                            if member.dynamic { "dynamic" } else { "static" }.into(),
                        ),
                        ("Penalty", "0".into()),
                        ("CallsTaken", member.calls_taken.to_string()),
                        ("LastCall", member.last_call.to_string()),
                        ("LastPause", "0".into()),
                        ("LoginTime", "1795343679".into()),
                        ("InCall", "0".into()),
                        ("Status", member.status.to_string()),
                        ("Paused", flag(member.paused).into()),
                        ("PausedReason", member.reason.clone()),
                        ("Wrapuptime", "0".into()),
                    ],
                ));
            }
            for (position, entry) in queue.entries.iter().enumerate() {
                items.push(Self::item(
                    "QueueEntry",
                    action_id,
                    vec![
                        ("Queue", queue.name.clone()),
                        ("Position", (position + 1).to_string()),
                        ("Channel", entry.channel.clone()),
                        ("Uniqueid", entry.uniqueid.clone()),
                        ("CallerIDNum", entry.cid_num.clone()),
                        ("CallerIDName", entry.cid_name.clone()),
                        ("ConnectedLineNum", entry.cid_num.clone()),
                        ("ConnectedLineName", entry.cid_name.clone()),
                        (
                            "Wait",
                            (self.now_ms / 1000 - entry.joined_ms / 1000).to_string(),
                        ),
                        ("Priority", entry.priority.to_string()),
                    ],
                ));
            }
        }
        items
    }

    /// The caller on `channel` waiting in `queue`, to change.
    pub fn entry_mut(&mut self, queue: &str, channel: &str) -> Option<&mut Entry> {
        self.queue_mut(queue)?
            .entries
            .iter_mut()
            .find(|e| e.channel == channel)
    }

    /// The QueueSummary list items.
    pub fn queue_summary(&self, action_id: &str) -> Vec<Frame> {
        self.queues
            .iter()
            .map(|queue| {
                let logged_in = queue
                    .members
                    .iter()
                    .filter(|m| m.status != 4 && m.status != 5)
                    .count();
                let available = queue
                    .members
                    .iter()
                    .filter(|m| (m.status == 1 || m.status == 0) && !m.paused)
                    .count();
                let longest = queue
                    .entries
                    .iter()
                    .map(|e| self.now_ms / 1000 - e.joined_ms / 1000)
                    .max()
                    .unwrap_or(0);
                Self::item(
                    "QueueSummary",
                    action_id,
                    vec![
                        ("Queue", queue.name.clone()),
                        ("LoggedIn", logged_in.to_string()),
                        ("Available", available.to_string()),
                        ("Callers", queue.entries.len().to_string()),
                        ("HoldTime", "0".into()),
                        ("TalkTime", "0".into()),
                        ("LongestHoldTime", longest.to_string()),
                    ],
                )
            })
            .collect()
    }

    /// The Status list items: one per live channel.
    pub fn status(&self, action_id: &str) -> Vec<Frame> {
        self.channels
            .iter()
            .map(|c| {
                let mut fields = vec![
                    ("Privilege", "Call".to_owned()),
                    ("Channel", c.name.clone()),
                    ("ChannelState", "6".into()),
                    ("ChannelStateDesc", "Up".into()),
                    ("CallerIDNum", c.cid_num.clone()),
                    ("CallerIDName", c.cid_name.clone()),
                    ("Uniqueid", c.uniqueid.clone()),
                ];
                for variable in &c.variables {
                    fields.push(("ChanVariable", variable.clone()));
                }
                fields.extend([
                    ("Type", "Local".to_owned()),
                    ("BridgeID", c.bridge.clone()),
                    ("Application", c.application.clone()),
                    ("Data", c.data.clone()),
                    ("Seconds", ((self.now_ms - c.created_ms) / 1000).to_string()),
                ]);
                Self::item("Status", action_id, fields)
            })
            .collect()
    }
}
