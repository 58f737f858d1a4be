//! The fake AMI server: listens on 127.0.0.1 only, speaks the wire protocol (greeting,
//! Login, CRLF frames, ActionIDs, lists), replays a transcript's events when the test
//! releases them, and answers actions the way the recordings show Asterisk 22 answering.
//!
//! Monitoring follows the recorded ChanSpy behaviour: an Originate is answered with
//! `Originate successfully queued`, then an OriginateResponse; the leg's ChanSpyStart
//! follows when the spied channel exists, otherwise the leg just hangs up. Endpoints
//! whose name contains `noanswer` never answer (OriginateResponse Failure, reason 3);
//! `silent` ones answer and then nothing happens (no ChanSpyStart, no hangup).
//!
//! Several clients may be connected at once (two consoles on one Asterisk): each gets the
//! events released after it connected, and every `UserEvent` any of them raises
//! (`astdb.rs`, with the AstDB they share). What actions do to calls is in `calls.rs`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use fw_ami::{Action, Decoded, Decoder, Frame};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_rustls::TlsAcceptor;

use super::astdb;
use super::calls::{self, SpyLeg};
use super::model::Model;
use super::script::{Script, ScriptEvent};

/// An AMI account of the fake: the fixture's manager.conf has `supervisor` (write = all)
/// and `wallboard` (write = reporting: may read, may not act).
#[derive(Clone, Debug)]
pub struct Account {
    pub name: &'static str,
    pub secret: &'static str,
    pub read_only: bool,
}

pub const ACCOUNTS: [Account; 2] = [
    Account {
        name: "supervisor",
        secret: "secret",
        read_only: false,
    },
    Account {
        name: "wallboard",
        secret: "wallboard",
        read_only: true,
    },
];

#[derive(Debug)]
pub(super) struct Shared {
    events: Vec<ScriptEvent>,
    released: usize,
    pub(super) model: Model,
    actions: Vec<Action>,
    drop_link: bool,
    garbage: Option<Vec<u8>>,
    pub(super) spy_legs: Vec<SpyLeg>,
    pub(super) legs_made: u32,
    connections: u32,
    /// AstDB: `/family/key` → value.
    pub(super) astdb: BTreeMap<String, String>,
    /// Events for every connected client (UserEvents), in order.
    pub(super) broadcasts: Vec<Frame>,
    /// Each connection's wake-up.
    wakers: Vec<Weak<Notify>>,
}

/// A running fake server.
#[derive(Debug)]
pub struct FakeAmi {
    pub port: u16,
    pub(super) shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeAmi {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(super) fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Wakes every connection: something is due to be written.
pub(super) fn wake_all(shared: &mut Shared) {
    shared.wakers.retain(|waker| match waker.upgrade() {
        Some(notify) => {
            notify.notify_one();
            true
        }
        None => false,
    });
}

pub(super) fn stamp(ms: i64) -> String {
    format!("{}.{:03}000", ms / 1000, ms % 1000)
}

fn queues_conf() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/asterisk/etc/queues.conf"
    );
    std::fs::read_to_string(path).expect("the fixture queues.conf")
}

impl FakeAmi {
    /// Starts the fake on 127.0.0.1 (an ephemeral port) with `script`'s events held back.
    pub async fn start(script: &Script) -> FakeAmi {
        FakeAmi::start_with(script, None).await
    }

    /// The same fake behind TLS (manager.conf `tlsenable = yes`): every connection is
    /// accepted with `acceptor` before the greeting.
    pub async fn start_tls(script: &Script, acceptor: TlsAcceptor) -> FakeAmi {
        FakeAmi::start_with(script, Some(acceptor)).await
    }

    async fn start_with(script: &Script, tls: Option<TlsAcceptor>) -> FakeAmi {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Mutex::new(Shared {
            events: script.events.clone(),
            released: 0,
            model: Model::from_queues_conf(&queues_conf(), script.t0_ms),
            actions: Vec::new(),
            drop_link: false,
            garbage: None,
            spy_legs: Vec::new(),
            legs_made: 0x40,
            connections: 0,
            astdb: BTreeMap::new(),
            broadcasts: Vec::new(),
            wakers: Vec::new(),
        }));
        let task = tokio::spawn(serve(listener, tls, Arc::clone(&shared)));
        FakeAmi { port, shared, task }
    }

    fn wake(&self) {
        wake_all(&mut lock(&self.shared));
    }

    /// Lets every event recorded up to `at_ms` go out (in order), and advances the
    /// platform clock to that moment.
    pub fn release_until(&self, at_ms: u64, t0_ms: i64) {
        let mut shared = lock(&self.shared);
        while shared.released < shared.events.len() && shared.events[shared.released].at_ms <= at_ms
        {
            let frame = shared.events[shared.released].frame.clone();
            shared.model.apply(&frame);
            shared.released += 1;
        }
        shared.model.now_ms = shared
            .model
            .now_ms
            .max(t0_ms.saturating_add(i64::try_from(at_ms).unwrap_or(i64::MAX)));
        drop(shared);
        self.wake();
    }

    /// How many script events have been released.
    pub fn released(&self) -> usize {
        lock(&self.shared).released
    }

    pub fn event_count(&self) -> usize {
        lock(&self.shared).events.len()
    }

    /// Releases the next `count` events.
    pub fn release_next(&self, count: usize) {
        let mut shared = lock(&self.shared);
        for _ in 0..count {
            let Some(event) = shared.events.get(shared.released).cloned() else {
                break;
            };
            shared.model.apply(&event.frame);
            shared.released += 1;
        }
        drop(shared);
        self.wake();
    }

    /// Closes the client's connection after what was released so far is written.
    pub fn drop_link(&self) {
        lock(&self.shared).drop_link = true;
        self.wake();
    }

    /// Writes `bytes` as they are, between two frames.
    pub fn inject(&self, bytes: &[u8]) {
        lock(&self.shared).garbage = Some(bytes.to_vec());
        self.wake();
    }

    /// Every action received so far, across connections.
    pub fn actions(&self) -> Vec<Action> {
        lock(&self.shared).actions.clone()
    }

    pub fn connections(&self) -> u32 {
        lock(&self.shared).connections
    }
}

async fn serve(listener: TcpListener, tls: Option<TlsAcceptor>, shared: Arc<Mutex<Shared>>) {
    while let Ok((stream, peer)) = listener.accept().await {
        assert!(peer.ip().is_loopback(), "the fake only talks to 127.0.0.1");
        lock(&shared).connections += 1;
        let shared = Arc::clone(&shared);
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => connection(stream, shared).await,
                Some(acceptor) => match acceptor.accept(stream).await {
                    Ok(stream) => connection(stream, shared).await,
                    // A client that refused the certificate: nothing to serve.
                    Err(_) => Ok(()),
                },
            }
        });
    }
}

/// Where a connection is in what the fake has to say.
struct Cursor {
    /// Script events released.
    released: usize,
    /// Broadcasts.
    heard: usize,
}

async fn connection<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    shared: Arc<Mutex<Shared>>,
) -> std::io::Result<()> {
    let shared = &*shared;
    let wake = Arc::new(Notify::new());
    // Events released before this connection are not sent: the lists cover them.
    let mut cursor = {
        let mut shared = lock(shared);
        shared.wakers.push(Arc::downgrade(&wake));
        Cursor {
            released: shared.released,
            heard: shared.broadcasts.len(),
        }
    };
    stream
        .write_all(b"Asterisk Call Manager/11.0.0\r\n")
        .await?;
    let mut decoder = Decoder::new();
    let mut account: Option<Account> = None;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let (due, close) = due_output(shared, &mut cursor);
        stream.write_all(&due).await?;
        if close {
            return Ok(());
        }
        tokio::select! {
            read = stream.read(&mut buf) => {
                let read = read?;
                if read == 0 {
                    return Ok(());
                }
                decoder.feed(&buf[..read]);
                while let Some(decoded) = decoder.next_frame() {
                    let Ok(Decoded::Frame(frame)) = decoded else { continue };
                    // Events already released go out before any answer, as on a real
                    // server whose event queue is older than the action.
                    let (due, close) = due_output(shared, &mut cursor);
                    stream.write_all(&due).await?;
                    if close {
                        return Ok(());
                    }
                    let action = Action::from_frame(frame);
                    let (reply, hang_up) = answer(shared, &action, &mut account);
                    stream.write_all(&reply).await?;
                    if hang_up {
                        return Ok(());
                    }
                }
            }
            () = wake.notified() => {}
        }
    }
}

/// Released events and broadcasts not yet written, injected bytes, and whether to close.
fn due_output(shared: &Mutex<Shared>, cursor: &mut Cursor) -> (Vec<u8>, bool) {
    let mut shared = lock(shared);
    let mut out = Vec::new();
    while cursor.released < shared.released {
        shared.events[cursor.released]
            .frame
            .encode_into(&mut out)
            .expect("recorded frames encode");
        cursor.released += 1;
    }
    while cursor.heard < shared.broadcasts.len() {
        shared.broadcasts[cursor.heard]
            .encode_into(&mut out)
            .expect("broadcast frames encode");
        cursor.heard += 1;
    }
    if let Some(garbage) = shared.garbage.take() {
        out.extend_from_slice(&garbage);
    }
    let close = std::mem::take(&mut shared.drop_link);
    (out, close)
}

pub(super) fn response(action: &Action, outcome: &str, message: &str) -> Frame {
    let mut frame = Frame::new().with("Response", outcome);
    if let Some(id) = action.action_id() {
        frame.push("ActionID", id);
    }
    frame.with("Message", message)
}

fn list(action: &Action, message: &str, items: Vec<Frame>, complete: &str) -> Vec<Frame> {
    let id = action.action_id().unwrap_or_default();
    let count = items.len().to_string();
    let mut frames = vec![
        Frame::new()
            .with("Response", "Success")
            .with("ActionID", id)
            .with("EventList", "start")
            .with("Message", message),
    ];
    frames.extend(items);
    frames.push(
        Frame::new()
            .with("Event", complete)
            .with("ActionID", id)
            .with("EventList", "Complete")
            .with("ListItems", count),
    );
    frames
}

/// What the fake says to one action, and whether it then closes the connection.
fn answer(
    shared: &Mutex<Shared>,
    action: &Action,
    account: &mut Option<Account>,
) -> (Vec<u8>, bool) {
    let mut shared = lock(shared);
    shared.actions.push(action.clone());
    let now = shared.model.now_ms;
    let id = action.action_id().unwrap_or_default().to_owned();
    let name = action.name().to_ascii_lowercase();
    let read_only = account.as_ref().is_none_or(|a| a.read_only);
    let denied = || vec![response(action, "Error", "Permission denied")];
    let mut close = false;
    let frames: Vec<Frame> = match name.as_str() {
        "login" => {
            let found = ACCOUNTS.iter().find(|a| {
                Some(a.name) == action.get("Username") && Some(a.secret) == action.get("Secret")
            });
            if let Some(found) = found {
                *account = Some(found.clone());
                vec![response(action, "Success", "Authentication accepted")]
            } else {
                close = true;
                vec![response(action, "Error", "Authentication failed")]
            }
        }
        _ if account.is_none() => {
            vec![response(action, "Error", "Missing action in request")]
        }
        "logoff" => {
            close = true;
            vec![response(action, "Goodbye", "Thanks for all the fish.")]
        }
        "ping" => vec![
            Frame::new()
                .with("Response", "Success")
                .with("ActionID", id.as_str())
                .with("Ping", "Pong")
                .with("Timestamp", stamp(now)),
        ],
        "events" => vec![response(action, "Success", "Events On")],
        "filter" | "originate" | "playdtmf" | "hangup" | "queuepause" | "queueremove" | "dbput"
        | "dbdel" | "userevent"
            if read_only =>
        {
            denied()
        }
        "filter" => vec![response(action, "Success", "Success")],
        "queuestatus" => list(
            action,
            "Queue status will follow",
            shared.model.queue_status(&id),
            "QueueStatusComplete",
        ),
        "queuesummary" => list(
            action,
            "Queue summary will follow",
            shared.model.queue_summary(&id),
            "QueueSummaryComplete",
        ),
        "status" => list(
            action,
            "Channel status will follow",
            shared.model.status(&id),
            "StatusComplete",
        ),
        "originate" => calls::originate(&mut shared, action, now),
        "playdtmf" => calls::play_dtmf(&shared, action, now),
        "hangup" => calls::hang_up(&mut shared, action, now),
        "queuepause" => calls::queue_pause(&mut shared, action, now),
        "queueremove" => vec![response(action, "Error", "Member not dynamic")],
        "dbget" => astdb::db_get(&shared.astdb, action),
        "dbput" => astdb::db_put(&mut shared.astdb, action),
        "dbdel" => astdb::db_del(&mut shared.astdb, action),
        "userevent" => {
            let (reply, event) = astdb::user_event(action, now);
            shared.broadcasts.push(event);
            wake_all(&mut shared);
            reply
        }
        "queuechangeprioritycaller" => astdb::change_priority(&mut shared.model, action),
        other => vec![response(
            action,
            "Error",
            &format!(
                "Invalid/unknown command: {other}. Use Action: ListCommands to show available commands."
            ),
        )],
    };
    let mut bytes = Vec::new();
    for frame in frames {
        frame.encode_into(&mut bytes).expect("fake frames encode");
    }
    (bytes, close)
}
