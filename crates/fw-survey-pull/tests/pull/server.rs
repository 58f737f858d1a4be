//! A scripted HTTP/1.1 server on 127.0.0.1: each request gets the next reply of the
//! script (or 410 once it runs out, which the client does not retry), and every request
//! is recorded. One request per connection (`Connection: close`), which reqwest
//! honours, so the script order is the request order.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Where the tests' service lives on the server.
pub const PATH: &str = "/api/v1/surveys";

/// A limit on how long a connection may take to send its request, so that no server
/// task outlives its test by much.
const READ_LIMIT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// How long to sit on the request before answering.
    pub stall: Duration,
}

impl Reply {
    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
            stall: Duration::ZERO,
        }
    }

    pub fn json(body: impl Into<String>) -> Reply {
        Reply::status(200, body).header("Content-Type", "application/json")
    }

    /// `{"data": items, "next_cursor": cursor}`.
    pub fn page(items: &[Value], cursor: Option<&str>) -> Reply {
        Reply::json(json!({"data": items, "next_cursor": cursor}).to_string())
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn stalled(mut self, stall: Duration) -> Reply {
        self.stall = stall;
        self
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, exactly as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    accept: JoinHandle<()>,
}

impl TestServer {
    pub async fn start(script: Vec<Reply>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let recorded = Arc::clone(&requests);
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorded = Arc::clone(&recorded);
                let script = Arc::clone(&script);
                tokio::spawn(serve(stream, recorded, script));
            }
        });
        TestServer {
            addr,
            requests,
            accept,
        }
    }

    /// The collection URL on this server.
    pub fn url(&self) -> String {
        format!("http://{}{PATH}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
) {
    let Ok(Some(request)) = tokio::time::timeout(READ_LIMIT, read_head(&mut stream)).await else {
        return;
    };
    recorded.lock().unwrap().push(request);
    let reply = script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| Reply::status(410, "unscripted request"));
    tokio::time::sleep(reply.stall).await;
    let mut head = format!(
        "HTTP/1.1 {} Scripted\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    // A client that gave up (timed out) has closed the socket; that is fine.
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(reply.body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// The request line and headers (a GET has no body).
async fn read_head(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0_u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers = lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Some(Recorded {
        method,
        target,
        headers,
    })
}

/// A port on 127.0.0.1 that accepts connections and closes them at once: a TLS client
/// sees its handshake cut off.
pub async fn hang_up_server() -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    (addr, task)
}

/// `count` survey items numbered from `first`.
pub fn items(first: u32, count: u32) -> Vec<Value> {
    (first..first + count)
        .map(|id| json!({"survey_id": id, "call_id": format!("call-{id}"), "score": id % 5 + 1}))
        .collect()
}
