//! One subscriber's frame stream: remembers what it last sent, so each later frame carries
//! only the queues whose figures changed.
//!
//! A 500-queue centre's full frame is about half a megabyte of JSON; sent ten times a second
//! the webview spent most of its time parsing and walking it. Between two frames only the
//! queues an event touched change, a few dozen at a peak, so that is all a frame carries.

use std::collections::HashMap;
use std::sync::Arc;

use fw_app::LiveFrame;
use fw_domain::Topology;

use super::figures::FiguresDto;
use super::frame::FrameDto;

/// What one subscriber was last sent.
#[derive(Debug, Default)]
pub struct FrameStream {
    /// The topology the last complete frame was built from; a new one (every reconnect)
    /// sends every queue again.
    topology: Option<Arc<Topology>>,
    /// Each queue's figures as last sent, with its waits and ages turned into the instants
    /// they count from, so a queue nothing happened to compares equal from frame to frame.
    /// (A queue's names and settings change only with the topology.)
    sent: HashMap<u32, FiguresDto>,
}

impl FrameStream {
    /// The next frame for this subscriber; `None` until the hub has its first snapshot.
    pub fn next(&mut self, live: &LiveFrame) -> Option<FrameDto> {
        let complete = !self
            .topology
            .as_ref()
            .is_some_and(|sent| Arc::ptr_eq(sent, &live.topology));
        if complete {
            self.sent.clear();
        }
        let at_ms = live.frame.as_ref()?.at.0 as f64;
        let mut frame = FrameDto::from_live(live, |id, figures| {
            figures.occupancy_pct = None;
            let anchored = anchored(figures, at_ms);
            let changed = self.sent.get(&id) != Some(&anchored);
            if changed {
                self.sent.insert(id, anchored);
            }
            complete || changed
        })?;
        if complete {
            self.topology = Some(live.topology.clone());
        }
        frame.queues_complete = complete;
        Some(frame)
    }
}

/// The figures with the time-relative ones (longest wait, data age) replaced by the instants
/// they count from: those stay put while nothing happens to the queue.
fn anchored(figures: &FiguresDto, at_ms: f64) -> FiguresDto {
    let mut anchored = figures.clone();
    anchored.longest_wait_ms = figures.longest_wait_ms.map(|wait| at_ms - wait);
    anchored.age_ms = figures.age_ms.map(|age| at_ms - age);
    anchored
}

#[cfg(test)]
mod tests {
    use fw_app::{LinkState, LinkStatus};
    use fw_domain::{
        AgentId, AgentProfile, AgentState, CallId, CallerInfo, DomainEvent, EventEnvelope,
        LiveAgent, QueueConfig, QueueId, Site, SiteId, Snapshot, SourceId, Timestamp,
    };
    use fw_engine::{Engine, EngineConfig};

    use super::*;

    const START: Timestamp = Timestamp(1_795_320_000_000);

    fn topology() -> Topology {
        Topology {
            sites: vec![
                Site {
                    id: SiteId(0),
                    name: "north".into(),
                },
                Site {
                    id: SiteId(1),
                    name: "east".into(),
                },
            ],
            queues: vec![
                QueueConfig::with_defaults(QueueId(0), "north.phones", "phones", SiteId(0)),
                QueueConfig::with_defaults(QueueId(1), "east.phones", "phones", SiteId(1)),
            ],
            agents: (0..2u16)
                .map(|i| AgentProfile {
                    id: AgentId(u32::from(i)),
                    name: format!("agent{i}"),
                    site: SiteId(i),
                    queues: vec![QueueId(i)],
                })
                .collect(),
        }
    }

    struct Centre {
        engine: Engine,
        topology: Arc<Topology>,
        seq: u64,
    }

    impl Centre {
        fn new() -> Centre {
            let topology = topology();
            let mut engine = Engine::new(topology.clone(), EngineConfig::default()).unwrap();
            let snapshot = Snapshot {
                source: SourceId(1),
                last_seq: 0,
                taken_at: START,
                topology: topology.clone(),
                agents: (0..2)
                    .map(|i| LiveAgent {
                        agent: AgentId(i),
                        state: AgentState::Available,
                        since: START,
                        call: None,
                    })
                    .collect(),
                calls: Vec::new(),
                monitors: Vec::new(),
            };
            engine.resync(&snapshot, START).unwrap();
            Centre {
                engine,
                topology: Arc::new(topology),
                seq: 0,
            }
        }

        fn apply(&mut self, event: DomainEvent, at: Timestamp) {
            self.seq += 1;
            let envelope = EventEnvelope {
                source: SourceId(1),
                seq: self.seq,
                at,
                event,
            };
            self.engine.apply(&envelope, at);
        }

        fn live(&self, now: Timestamp) -> LiveFrame {
            let link = LinkStatus {
                platform: "test".into(),
                state: LinkState::Connected,
                last_event_at: Some(now),
                detail: None,
                events_received: self.seq,
            };
            let calendar = Arc::new(EngineConfig::default().calendar);
            let mut live = LiveFrame::empty(link, calendar);
            live.frame = Some(self.engine.frame(now));
            live.topology = self.topology.clone();
            live
        }
    }

    fn queue_ids(frame: &FrameDto) -> Vec<u32> {
        frame
            .sites
            .iter()
            .flat_map(|site| site.queues.iter().map(|q| q.id))
            .collect()
    }

    #[test]
    fn only_queues_that_changed_follow_the_first_frame() {
        let mut centre = Centre::new();
        let mut stream = FrameStream::default();

        let first = stream.next(&centre.live(START)).unwrap();
        assert!(first.queues_complete);
        assert_eq!(queue_ids(&first), vec![0, 1]);
        assert!(
            first.sites[0].queues[0].figures.occupancy_pct.is_none(),
            "queues' occupancy is not streamed"
        );

        // Time passes, nothing happens: no queue is sent, the sites' figures still are.
        let quiet = stream.next(&centre.live(START.plus_ms(1_000))).unwrap();
        assert!(!quiet.queues_complete);
        assert!(queue_ids(&quiet).is_empty());
        assert_eq!(quiet.sites.len(), 2);

        // A call queues at north: north alone is sent.
        let call = CallId(7);
        let caller = CallerInfo {
            number: "13800000007".into(),
            region: "Sichuan".into(),
        };
        centre.apply(
            DomainEvent::CallOffered { call, caller },
            START.plus_ms(1_500),
        );
        let queued = DomainEvent::CallQueued {
            call,
            queue: QueueId(0),
            priority: 0,
            fees_waived: false,
        };
        centre.apply(queued, START.plus_ms(2_000));
        let touched = stream.next(&centre.live(START.plus_ms(2_100))).unwrap();
        assert_eq!(queue_ids(&touched), vec![0]);
        let north = &touched.sites[0].queues[0].figures;
        assert_eq!((north.waiting, north.longest_wait_ms), (1, Some(100.0)));

        // The caller waits on: the wait grows by the clock alone, so north is not sent again.
        let waiting = stream.next(&centre.live(START.plus_ms(5_000))).unwrap();
        assert!(queue_ids(&waiting).is_empty());

        // A reconnect brings a new topology: every queue again.
        centre.topology = Arc::new(topology());
        let again = stream.next(&centre.live(START.plus_ms(6_000))).unwrap();
        assert!(again.queues_complete);
        assert_eq!(queue_ids(&again), vec![0, 1]);
    }
}
