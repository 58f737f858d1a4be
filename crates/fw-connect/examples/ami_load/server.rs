//! The load's fake Asterisk: a thread of its own on 127.0.0.1 that answers the login and
//! the snapshot actions, then writes the pre-rendered frames when their time comes at the
//! set speed (or as fast as the socket takes them) and records when each group went out.
//! It serves one client.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fw_ami::{Action, Decoded, Decoder, Frame};
use fw_domain::Timestamp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::render::Group;

/// What the server and the client share.
pub struct Shared {
    /// The clock both sides read write and arrival times on.
    pub base: Instant,
    /// Per group: nanoseconds after `base` when its last byte was handed to the socket.
    pub written_ns: Vec<AtomicU64>,
    /// Set once every group is written.
    pub done: AtomicBool,
    /// The server thread's CPU time while streaming, in clock ticks.
    pub cpu_ticks: AtomicU64,
}

/// What to serve.
pub struct Plan {
    pub groups: Vec<Group>,
    /// The simulator's speed: platform milliseconds per wall millisecond (each group goes
    /// out when its time comes); `None`: as fast as the socket takes them.
    pub speed: Option<f64>,
    pub queue_status: Vec<Frame>,
}

impl Shared {
    pub fn new(groups: usize) -> Shared {
        Shared {
            base: Instant::now(),
            written_ns: (0..groups).map(|_| AtomicU64::new(u64::MAX)).collect(),
            done: AtomicBool::new(false),
            cpu_ticks: AtomicU64::new(0),
        }
    }

    fn mark(&self, group: usize) {
        let ns = u64::try_from(self.base.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.written_ns[group].store(ns, Ordering::Release);
    }
}

/// Starts the server thread; returns its port.
pub fn spawn(plan: Plan, shared: Arc<Shared>) -> u16 {
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("fake-asterisk".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1");
                port_tx
                    .send(listener.local_addr().expect("address").port())
                    .expect("the client waits for the port");
                let (stream, peer) = listener.accept().await.expect("one client");
                assert!(peer.ip().is_loopback(), "the load talks to 127.0.0.1 only");
                stream.set_nodelay(true).ok();
                if let Err(error) = serve(stream, &plan, &shared).await {
                    eprintln!("fake asterisk: {error}");
                }
            });
        })
        .expect("spawn the server thread");
    port_rx.recv().expect("the server's port")
}

fn stamp(at: Timestamp) -> String {
    format!(
        "{}.{:03}000",
        at.0.div_euclid(1_000),
        at.0.rem_euclid(1_000)
    )
}

/// What the client asked for.
#[derive(PartialEq, Eq)]
enum Asked {
    Other,
    /// The last of the snapshot lists.
    Status,
    Ping,
}

/// The answer to one action.
fn answer(action: &Action, plan: &Plan, clock: Timestamp, out: &mut Vec<u8>) -> Asked {
    let id = action.action_id().unwrap_or_default();
    let reply = |outcome: &str, message: &str| {
        Frame::new()
            .with("Response", outcome)
            .with("ActionID", id)
            .with("Message", message)
    };
    let list = |message: &str, items: &[Frame], complete: &str, out: &mut Vec<u8>| {
        let mut frames = vec![
            Frame::new()
                .with("Response", "Success")
                .with("ActionID", id)
                .with("EventList", "start")
                .with("Message", message),
        ];
        frames.extend(items.iter().cloned());
        frames.push(
            Frame::new()
                .with("Event", complete)
                .with("ActionID", id)
                .with("EventList", "Complete")
                .with("ListItems", items.len().to_string()),
        );
        for frame in frames {
            frame.encode_into(out).expect("frames encode");
        }
    };
    let frame = match action.name().to_ascii_lowercase().as_str() {
        "login" => reply("Success", "Authentication accepted"),
        "filter" => reply("Success", "Success"),
        "ping" => {
            Frame::new()
                .with("Response", "Success")
                .with("ActionID", id)
                .with("Ping", "Pong")
                .with("Timestamp", stamp(clock))
                .encode_into(out)
                .expect("frames encode");
            return Asked::Ping;
        }
        "queuestatus" => {
            let items: Vec<Frame> = plan
                .queue_status
                .iter()
                .map(|f| f.clone().with("ActionID", id))
                .collect();
            list(
                "Queue status will follow",
                &items,
                "QueueStatusComplete",
                out,
            );
            return Asked::Other;
        }
        "queuesummary" => {
            list(
                "Queue summary will follow",
                &[],
                "QueueSummaryComplete",
                out,
            );
            return Asked::Other;
        }
        "status" => {
            list("Channel status will follow", &[], "StatusComplete", out);
            return Asked::Status;
        }
        other => reply("Error", &format!("Invalid/unknown command: {other}")),
    };
    frame.encode_into(out).expect("frames encode");
    Asked::Other
}

/// The thread's own CPU time (utime + stime), in clock ticks.
pub fn thread_cpu_ticks() -> u64 {
    crate::measure::cpu_ticks("/proc/thread-self/stat")
}

async fn serve(mut stream: TcpStream, plan: &Plan, shared: &Shared) -> std::io::Result<()> {
    stream
        .write_all(b"Asterisk Call Manager/11.0.0\r\n")
        .await?;
    let mut decoder = Decoder::new();
    let mut buf = vec![0_u8; 64 * 1024];
    let mut clock = plan
        .groups
        .first()
        .map_or(Timestamp(0), |g| g.at.plus_ms(-1));
    let mut next = 0_usize;
    let first_at = plan.groups.first().map_or(Timestamp(0), |g| g.at);
    let due_at = |group: &Group, started: Instant, speed: f64| {
        let platform_ms = group.at.0.saturating_sub(first_at.0) as f64;
        started + Duration::from_secs_f64(platform_ms / speed / 1_000.0)
    };
    let mut started: Option<(Instant, u64)> = None;
    let mut snapshot_read = false;
    loop {
        let due = match (started, plan.speed) {
            (None, _) => None,
            (Some(_), _) if next == plan.groups.len() => None,
            (Some((at, _)), Some(speed)) => Some(due_at(&plan.groups[next], at, speed)),
            (Some(_), None) => Some(Instant::now()),
        };
        let wake = async {
            match due {
                Some(due) => tokio::time::sleep_until(due.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            read = stream.read(&mut buf) => {
                let read = read?;
                if read == 0 {
                    return Ok(());
                }
                decoder.feed(&buf[..read]);
                let mut out = Vec::new();
                while let Some(decoded) = decoder.next_frame() {
                    let Ok(Decoded::Frame(frame)) = decoded else { continue };
                    let action = Action::from_frame(frame);
                    // The stream starts at the first Ping after the snapshot: the client
                    // has rebuilt its state and is listening.
                    match answer(&action, plan, clock, &mut out) {
                        Asked::Status => snapshot_read = true,
                        Asked::Ping if snapshot_read && started.is_none() => {
                            started = Some((Instant::now(), thread_cpu_ticks()));
                        }
                        Asked::Ping | Asked::Other => {}
                    }
                }
                stream.write_all(&out).await?;
            }
            () = wake => {
                // Everything due by now, in one write (flat out: up to 256 KiB at a time).
                let first = next;
                let mut batch = Vec::new();
                while next < plan.groups.len() && batch.len() < 256 * 1024 {
                    let group = &plan.groups[next];
                    let on_time = plan.speed.is_none_or(|speed| {
                        due_at(group, started.expect("streaming").0, speed) <= Instant::now()
                    });
                    if !on_time {
                        break;
                    }
                    batch.extend_from_slice(&group.bytes);
                    clock = group.at;
                    next += 1;
                }
                stream.write_all(&batch).await?;
                for group in first..next {
                    shared.mark(group);
                }
                if next == plan.groups.len() && !shared.done.load(Ordering::Acquire) {
                    let cpu = thread_cpu_ticks() - started.map_or(0, |(_, cpu)| cpu);
                    shared.cpu_ticks.store(cpu, Ordering::Release);
                    shared.done.store(true, Ordering::Release);
                }
            }
        }
    }
}
