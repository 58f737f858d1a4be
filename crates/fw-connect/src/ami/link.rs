//! [`Link`]: one connection to the manager port (plain TCP or TLS, see
//! [`Transport`](crate::ami::transport::Transport)), with the sans-IO codec on top. The
//! framing is written once, over any byte stream.
//!
//! Every await point is cancel-safe: [`Link::pump`] polls the stream directly and changes
//! the link's state only inside a poll that made progress (bytes written are drained from
//! the outgoing buffer in the same poll that wrote them; bytes read are decoded in the
//! same poll that read them), so all progress lives in the struct, never in a future. The
//! hub may drop `next_events` at any await and lose nothing. (A TLS stream keeps partly
//! read records inside itself, so the same holds over TLS.)

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use fw_ami::{Action, ActionResult, Correlator, Decoded, Decoder, Event, Message, Routed};
use rustc_hash::FxHashMap;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::ami::transport::Transport;
use crate::error::ConnectorError;

/// How many bytes one read takes at most.
const READ_CHUNK: usize = 16 * 1024;

/// What a [`Link::pump`] ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pumped {
    /// Bytes were read (and decoded).
    Read,
    /// Pending output was written out, nothing was read.
    Wrote,
    /// The deadline passed first.
    Timer,
}

/// A connection to Asterisk's manager port over the byte stream `S`.
#[derive(Debug)]
pub(crate) struct Link<S = Transport> {
    stream: S,
    decoder: Decoder,
    correlator: Correlator,
    read_buf: Box<[u8]>,
    /// Encoded actions not yet written.
    outgoing: Vec<u8>,
    /// Bytes handed to the stream but maybe still buffered in it (TLS records).
    unflushed: bool,
    /// Answered actions not yet collected, by ActionID, with how many events had
    /// arrived in the inbox by the time the answer was complete.
    answers: FxHashMap<String, (ActionResult, usize)>,
    /// Asynchronous events, in arrival order, not yet mapped.
    pub(crate) inbox: VecDeque<Event>,
    /// The greeting line, once seen.
    pub(crate) greeting: Option<String>,
    /// Actions whose answers nobody waits for; dropped on arrival.
    unwanted: rustc_hash::FxHashSet<String>,
    next_action: u64,
    /// When bytes last arrived: the last moment the server was known to be there.
    last_read: Option<std::time::Instant>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Link<S> {
    /// The link over an open stream.
    pub(crate) fn new(stream: S) -> Link<S> {
        Link {
            stream,
            decoder: Decoder::new(),
            correlator: Correlator::new(),
            read_buf: vec![0; READ_CHUNK].into_boxed_slice(),
            outgoing: Vec::new(),
            unflushed: false,
            answers: FxHashMap::default(),
            inbox: VecDeque::new(),
            greeting: None,
            unwanted: rustc_hash::FxHashSet::default(),
            next_action: 0,
            last_read: None,
        }
    }

    /// How long ago bytes last arrived (`None`: never).
    pub(crate) fn heard_ago(&self) -> Option<Duration> {
        self.last_read.map(|at| at.elapsed())
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
        self.answers.remove(action_id).map(|(answer, _)| answer)
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

    /// Writes what is pending and reads what has come, until something moved or `until`
    /// passes. Cancel-safe: see the module documentation.
    pub(crate) async fn pump(
        &mut self,
        until: tokio::time::Instant,
    ) -> Result<Pumped, ConnectorError> {
        let mut timer = std::pin::pin!(tokio::time::sleep_until(until));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = self.poll_io(cx) {
                return Poll::Ready(result);
            }
            timer.as_mut().poll(cx).map(|()| Ok(Pumped::Timer))
        })
        .await
    }

    /// One round of IO: writes (and flushes) pending output, then reads once. Ready when
    /// anything was read, or output was written and nothing is left to write.
    fn poll_io(&mut self, cx: &mut Context<'_>) -> Poll<Result<Pumped, ConnectorError>> {
        let wrote = match self.poll_write_out(cx) {
            Ok(wrote) => wrote,
            Err(error) => return Poll::Ready(Err(error)),
        };
        let mut buf = ReadBuf::new(&mut self.read_buf);
        match Pin::new(&mut self.stream).poll_read(cx, &mut buf) {
            Poll::Ready(Ok(())) => {
                let read = buf.filled().len();
                Poll::Ready(self.decode(read).map(|()| Pumped::Read))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(ConnectorError::Disconnected(format!(
                "reading from Asterisk: {e}"
            )))),
            Poll::Pending if wrote && self.outgoing.is_empty() && !self.unflushed => {
                Poll::Ready(Ok(Pumped::Wrote))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    /// Writes what the stream takes now, then flushes it; true when bytes went out.
    fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Result<bool, ConnectorError> {
        let broken =
            |e: io::Error| ConnectorError::Disconnected(format!("writing to Asterisk: {e}"));
        let mut wrote = false;
        while !self.outgoing.is_empty() {
            match Pin::new(&mut self.stream).poll_write(cx, &self.outgoing) {
                Poll::Ready(Ok(0)) => {
                    return Err(ConnectorError::Disconnected(
                        "Asterisk closed the connection".into(),
                    ));
                }
                Poll::Ready(Ok(written)) => {
                    self.outgoing.drain(..written);
                    self.unflushed = true;
                    wrote = true;
                }
                Poll::Ready(Err(e)) => return Err(broken(e)),
                Poll::Pending => break,
            }
        }
        if self.unflushed {
            match Pin::new(&mut self.stream).poll_flush(cx) {
                Poll::Ready(Ok(())) => self.unflushed = false,
                Poll::Ready(Err(e)) => return Err(broken(e)),
                Poll::Pending => {}
            }
        }
        Ok(wrote)
    }

    /// Decodes the `read` bytes just read into `read_buf`. EOF and framing errors end the
    /// link: a frame that could not be read may have been an event, and only a new
    /// snapshot can say what it changed.
    fn decode(&mut self, read: usize) -> Result<(), ConnectorError> {
        if read == 0 {
            let cut = self.decoder.finish();
            return Err(ConnectorError::Disconnected(match cut {
                Some(error) => format!("Asterisk closed the connection mid-frame: {error}"),
                None => "Asterisk closed the connection".into(),
            }));
        }
        self.last_read = Some(std::time::Instant::now());
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
                            let events_before = self.inbox.len();
                            self.answers
                                .insert(result.action_id().to_owned(), (result, events_before));
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
        self.await_answer_marked(id, name, timeout)
            .await
            .map(|(answer, _)| answer)
    }

    /// Waits for the answer to an action already queued; also says how many events of
    /// the inbox arrived before the answer was complete (what a list answer already
    /// reflects).
    pub(crate) async fn await_answer_marked(
        &mut self,
        id: &str,
        name: &str,
        timeout: Duration,
    ) -> Result<(ActionResult, usize), ConnectorError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(answer) = self.answers.remove(id) {
                return Ok(answer);
            }
            if self.pump(deadline).await? == Pumped::Timer {
                self.forget(id);
                return Err(ConnectorError::Disconnected(format!(
                    "Asterisk did not answer {name} within {timeout:?}"
                )));
            }
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
            if self.pump(deadline).await? == Pumped::Timer {
                return Err(ConnectorError::Protocol(format!(
                    "no AMI greeting within {timeout:?}: is this Asterisk's manager port? (A \
                     TLS port stays silent until the handshake: use a tls:// address for it)"
                )));
            }
        }
    }
}
