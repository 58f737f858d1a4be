//! Shared builders: a small centre's topology, events, records.

use fw_domain::{
    AgentId, AgentProfile, CallId, DomainEvent, EventEnvelope, QueueConfig, QueueId, Site, SiteId,
    SourceId, Survey, Timestamp, Topology,
};
use fw_survey::{CallFacts, SurveyAnswers, SurveyRecord};

/// Two sites; north has phones (queue 0) and tier 2 (queue 2), south has phones (queue 1).
/// Agents: 0 王芳 (north phones), 1 Li Lei (south phones), 2 张伟 (north tier 2).
pub fn centre() -> Topology {
    let mut tier2 = QueueConfig::with_defaults(QueueId(2), "north-tier2", "tier2", SiteId(0));
    tier2.tier2 = true;
    let topology = Topology {
        sites: vec![
            Site {
                id: SiteId(0),
                name: "north".to_owned(),
            },
            Site {
                id: SiteId(1),
                name: "south".to_owned(),
            },
        ],
        queues: vec![
            QueueConfig::with_defaults(QueueId(0), "north-phones", "phones", SiteId(0)),
            QueueConfig::with_defaults(QueueId(1), "south-phones", "phones", SiteId(1)),
            tier2,
        ],
        agents: vec![
            agent(0, "王芳", 0, &[0]),
            agent(1, "Li Lei", 1, &[1]),
            agent(2, "张伟", 0, &[2]),
        ],
    };
    topology.validate().expect("a valid topology");
    topology
}

fn agent(id: u32, name: &str, site: u16, queues: &[u16]) -> AgentProfile {
    AgentProfile {
        id: AgentId(id),
        name: name.to_owned(),
        site: SiteId(site),
        queues: queues.iter().map(|q| QueueId(*q)).collect(),
    }
}

/// Builds envelopes in sequence, at seconds since zero.
#[derive(Debug, Default)]
pub struct Stream {
    seq: u64,
}

impl Stream {
    pub fn at(&mut self, secs: f64, event: DomainEvent) -> EventEnvelope {
        self.seq += 1;
        EventEnvelope {
            source: SourceId(1),
            seq: self.seq,
            at: Timestamp((secs * 1_000.0) as i64),
            event,
        }
    }
}

pub fn survey(call: u64, csat: u8) -> DomainEvent {
    DomainEvent::SurveyReceived {
        call: CallId(call),
        survey: Survey {
            reference: format!("ref-{call}"),
            csat,
            nps: Some(8),
            first_contact_resolution: Some(true),
            comment: Some("谢谢".to_owned()),
        },
    }
}

pub fn record(call_ref: &str) -> SurveyRecord {
    SurveyRecord {
        call_ref: call_ref.to_owned(),
        answered_at_ms: 1_709_256_600_000,
        facts: CallFacts {
            site: "north".to_owned(),
            queue: "north-phones".to_owned(),
            agent: "王芳".to_owned(),
            wait_secs: Some(12),
            talk_secs: Some(300),
            escalated: false,
            callback: false,
        },
        answers: SurveyAnswers {
            csat: 5,
            nps: Some(10),
            first_contact_resolution: Some(true),
            comment: Some("很好".to_owned()),
        },
        origin: "import:test".to_owned(),
    }
}
