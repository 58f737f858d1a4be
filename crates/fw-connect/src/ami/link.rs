//! [`Link`]: one TCP connection to the manager port, with the sans-IO codec on top.
//!
//! Every await point is cancel-safe: reads go through `readable()` + `try_read` and
//! writes through `writable()` + `try_write`, and all progress (bytes read but not yet
//! decoded, bytes not yet written, answers collected) lives in the struct, never in a
//! future. The hub may drop `next_events` at any await and lose nothing.

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use fw_ami::{Action, ActionResult, Correlator, Decoded, Decoder, Event, Message, Routed};
use rustc_hash::FxHashMap;
use tokio::net::TcpStream;

use crate::error::ConnectorError;

/// How many bytes one read takes at most.
const READ_CHUNK: usize = 16 * 1024;

/// What woke a wait on the link.
pub(crate) enum Wake {
    Readable(io::Result<()>),
    Writable(io::Result<()>),
    Timer,
}

/// A connection to Asterisk's manager port.
#[derive(Debug)]
pub(crate) struct Link {
    stream: TcpStream,
    decoder: Decoder,
    correlator: Correlator,
    read_buf: Box<[u8]>,
    /// Encoded actions not yet written.
    outgoing: Vec<u8>,
    /// Answered actions not yet collected, by ActionID.
    answers: FxHashMap<String, ActionResult>,
    /// Asynchronous events, in arrival order, not yet mapped.
    pub(crate) inbox: VecDeque<Event>,
    /// The greeting line, once seen.
    pub(crate) greeting: Option<String>,
    /// Actions whose answers nobody waits for; dropped on arrival.
    unwanted: rustc_hash::FxHashSet<String>,
    next_action: u64,
}

impl Link {
    /// Opens the TCP connection (within `timeout`).
    pub(crate) async fn open(
        host: &str,
        port: u16,
        timeout: Duration,
    ) -> Result<Link, ConnectorError> {
        let address = format!("{host}:{port}");
        let stream = tokio::time::timeout(timeout, TcpStream::connect(&address))
            .await
            .map_err(|_| {
                ConnectorError::Disconnected(format!(
                    "Asterisk did not accept a connection within {timeout:?} at {address}"
                ))
            })?
            .map_err(|e| {
                ConnectorError::Disconnected(format!("cannot reach Asterisk at {address}: {e}"))
            })?;
        // Actions are small and latency matters more than packet count.
        stream.set_nodelay(true).ok();
        Ok(Link {
            stream,
            decoder: Decoder::new(),
            correlator: Correlator::new(),
            read_buf: vec![0; READ_CHUNK].into_boxed_slice(),
            outgoing: Vec::new(),
            answers: FxHashMap::default(),
            inbox: VecDeque::new(),
            greeting: None,
            unwanted: rustc_hash::FxHashSet::default(),
            next_action: 0,
        })
    }

    /// Encodes `action` with a fresh ActionID into the outgoing buffer; returns the id.
    pub(crate) fn queue(&mut self, action: Action) -> Result<String, ConnectorError> {
        self.next_action += 1;
        let id = format!("fw-{}", self.next_action);
        let action = action.with_action_id(id.clone());
        let bytes = self.correlator.send(&action).map_err(|e| {
            ConnectorError::Protocol(format!("cannot encode {}: {e}", action.name()))
        })?;
        self.outgoing.extend_from_slice(&bytes);
        Ok(id)
    }

    /// Takes the answer to `action_id` if it has arrived.
    pub(crate) fn take_answer(&mut self, action_id: &str) -> Option<ActionResult> {
        self.answers.remove(action_id)
    }

    /// Stops waiting for an answer (it timed out or nobody needs it).
    pub(crate) fn forget(&mut self, action_id: &str) {
        self.correlator.cancel(action_id);
        self.answers.remove(action_id);
    }

    /// Drops the answer to `action_id` when it comes (fire-and-forget actions).
    pub(crate) fn forget_later(&mut self, action_id: String) {
        self.unwanted.insert(action_id);
    }

    /// Waits until the socket can be read or written (when output is pending) or `until`
    /// passes. Cancel-safe: it holds no state.
    pub(crate) async fn wait(&self, until: tokio::time::Instant) -> Wake {
        let writing = !self.outgoing.is_empty();
        tokio::select! {
            r = self.stream.readable() => Wake::Readable(r),
            w = self.stream.writable(), if writing => Wake::Writable(w),
            () = tokio::time::sleep_until(until) => Wake::Timer,
        }
    }

    /// Handles what [`Link::wait`] reported: reads and decodes, or writes.
    pub(crate) fn on_wake(&mut self, wake: Wake) -> Result<(), ConnectorError> {
        match wake {
            Wake::Readable(ready) => {
                ready.map_err(|e| {
                    ConnectorError::Disconnected(format!("reading from Asterisk: {e}"))
                })?;
                self.try_read()
            }
            Wake::Writable(ready) => {
                ready.map_err(|e| {
                    ConnectorError::Disconnected(format!("writing to Asterisk: {e}"))
                })?;
                self.try_flush()
            }
            Wake::Timer => Ok(()),
        }
    }

    /// Writes what it can without waiting.
    pub(crate) fn try_flush(&mut self) -> Result<(), ConnectorError> {
        while !self.outgoing.is_empty() {
            match self.stream.try_write(&self.outgoing) {
                Ok(0) => {
                    return Err(ConnectorError::Disconnected(
                        "Asterisk closed the connection".into(),
                    ));
                }
                Ok(written) => {
                    self.outgoing.drain(..written);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) => {
                    return Err(ConnectorError::Disconnected(format!(
                        "writing to Asterisk: {e}"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Reads what is there and decodes it. EOF and framing errors end the link: a frame
    /// that could not be read may have been an event, and only a new snapshot can say
    /// what it changed.
    fn try_read(&mut self) -> Result<(), ConnectorError> {
        let read = match self.stream.try_read(&mut self.read_buf) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
            Err(e) => {
                return Err(ConnectorError::Disconnected(format!(
                    "reading from Asterisk: {e}"
                )));
            }
        };
        if read == 0 {
            let cut = self.decoder.finish();
            return Err(ConnectorError::Disconnected(match cut {
                Some(error) => format!("Asterisk closed the connection mid-frame: {error}"),
                None => "Asterisk closed the connection".into(),
            }));
        }
        self.decoder.feed(&self.read_buf[..read]);
        while let Some(decoded) = self.decoder.next_frame() {
            let decoded = decoded.map_err(|e| {
                ConnectorError::Protocol(format!("unreadable data from Asterisk ({e}); resyncing"))
            })?;
            match decoded {
                Decoded::Greeting(greeting) => self.greeting = Some(greeting.line().to_owned()),
                Decoded::Frame(frame) => {
                    let message = Message::try_from(frame).map_err(|e| {
                        ConnectorError::Protocol(format!(
                            "unreadable frame from Asterisk ({e}); resyncing"
                        ))
                    })?;
                    match self.correlator.route(message) {
                        // An answer nobody waits for (fire and forget) is dropped here.
                        Some(Routed::Completed(result))
                            if !self.unwanted.remove(result.action_id()) =>
                        {
                            self.answers.insert(result.action_id().to_owned(), result);
                        }
                        Some(Routed::Completed(_)) | None => {}
                        Some(Routed::Unsolicited(Message::Event(event))) => {
                            self.inbox.push_back(event);
                        }
                        Some(Routed::Unsolicited(other)) => {
                            tracing::debug!(?other, "unsolicited AMI message ignored");
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Sends `action` and waits for its whole answer (within `timeout`), collecting events
    /// that arrive meanwhile into the inbox.
    pub(crate) async fn request(
        &mut self,
        action: Action,
        timeout: Duration,
    ) -> Result<ActionResult, ConnectorError> {
        let name = action.name().to_owned();
        let id = self.queue(action)?;
        self.await_answer(&id, &name, timeout).await
    }

    /// Waits for the answer to an action already queued.
    pub(crate) async fn await_answer(
        &mut self,
        id: &str,
        name: &str,
        timeout: Duration,
    ) -> Result<ActionResult, ConnectorError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(answer) = self.take_answer(id) {
                return Ok(answer);
            }
            self.try_flush()?;
            let wake = self.wait(deadline).await;
            if matches!(wake, Wake::Timer) {
                self.forget(id);
                return Err(ConnectorError::Disconnected(format!(
                    "Asterisk did not answer {name} within {timeout:?}"
                )));
            }
            self.on_wake(wake)?;
        }
    }

    /// Waits for the greeting line.
    pub(crate) async fn await_greeting(
        &mut self,
        timeout: Duration,
    ) -> Result<String, ConnectorError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(greeting) = self.greeting.clone() {
                return Ok(greeting);
            }
            let wake = self.wait(deadline).await;
            if matches!(wake, Wake::Timer) {
                return Err(ConnectorError::Protocol(format!(
                    "no AMI greeting within {timeout:?}: is this Asterisk's manager port?"
                )));
            }
            self.on_wake(wake)?;
        }
    }
}
