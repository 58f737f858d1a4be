//! A minimal W3C WebDriver client over HTTP on 127.0.0.1, and the tauri-driver process.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A running tauri-driver, stopped with SIGTERM on drop (SIGKILL would orphan WebKitWebDriver).
pub struct Driver {
    child: Child,
    pub url: String,
}

/// A port nothing listens on now, on 127.0.0.1 (the system's pick).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

fn tauri_driver_path() -> String {
    std::env::var("FLOORWALKER_TAURI_DRIVER").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/tools/bin/tauri-driver"
        )
        .to_owned()
    })
}

impl Driver {
    pub fn start(app_env: &[(&str, &str)]) -> Driver {
        let (port, native_port) = (free_port(), free_port());
        let mut command = Command::new(tauri_driver_path());
        command.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ]);
        command
            .envs(app_env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let child = command
            .spawn()
            .expect("tauri-driver starts (scripts/install-deps.sh installs it)");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen on {url}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, url }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The key of a web element reference in W3C WebDriver responses.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One WebDriver session on the app; deleted (the app closes) on drop.
pub struct Session {
    base: String,
    agent: ureq::Agent,
}

impl Session {
    pub fn create(driver: &Driver, application: &str) -> Session {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_mins(2)))
            .http_status_as_error(false)
            .build()
            .into();
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "wry",
            "tauri:options": { "application": application }
        }}});
        // WebKitWebDriver now and then drops the very first connection while the app starts on
        // a loaded machine ("Peer disconnected"): the session is asked for again, twice at most.
        let url = format!("{}/session", driver.url);
        let mut attempt = 0;
        let response = loop {
            attempt += 1;
            match agent.post(&url).send_json(&capabilities) {
                Ok(mut response) => break response.body_mut().read_json().unwrap_or(Value::Null),
                Err(error) if attempt < 3 => {
                    eprintln!("POST {url}: {error}; asking again");
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(error) => panic!("POST {url}: {error}"),
            }
        };
        let id = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_owned();
        Session {
            base: format!("{}/session/{id}", driver.url),
            agent,
        }
    }

    fn find(&self, css: &str) -> Option<String> {
        let found = post(
            &self.agent,
            &format!("{}/element", self.base),
            &json!({ "using": "css selector", "value": css }),
        );
        // A W3C element reference; an error (e.g. "no such element" while the page reloads)
        // is an object too, without this key.
        let element = found["value"][ELEMENT_KEY].as_str()?.to_owned();
        Some(element)
    }

    /// The visible text of the first element matching `css`, if there is one.
    pub fn text(&self, css: &str) -> Option<String> {
        let element = self.find(css)?;
        let text = get(
            &self.agent,
            &format!("{}/element/{element}/text", self.base),
        );
        text["value"].as_str().map(str::to_owned)
    }

    /// An attribute of the first element matching `css`, if both exist.
    pub fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let element = self.find(css)?;
        let value = get(
            &self.agent,
            &format!("{}/element/{element}/attribute/{name}", self.base),
        );
        value["value"].as_str().map(str::to_owned)
    }

    pub fn count(&self, css: &str) -> usize {
        let found = post(
            &self.agent,
            &format!("{}/elements", self.base),
            &json!({ "using": "css selector", "value": css }),
        );
        found["value"].as_array().map_or(0, Vec::len)
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its
    /// result. Used to click and to press keys the way the page's own listeners see them.
    pub fn run(&self, script: &str, args: &[Value]) -> Value {
        let result = post(
            &self.agent,
            &format!("{}/execute/sync", self.base),
            &json!({ "script": script, "args": args }),
        );
        result["value"].clone()
    }

    /// Clicks the first element matching `css`; false if there is none.
    pub fn click(&self, css: &str) -> bool {
        self.run(
            "const el = document.querySelector(arguments[0]); if (!el) return false; el.click(); return true;",
            &[json!(css)],
        )
        .as_bool()
        .unwrap_or(false)
    }

    /// The text content of the first element matching `css` (rendered or not, e.g. a table
    /// cell scrolled out of view).
    pub fn content(&self, css: &str) -> Option<String> {
        self.run(
            "const el = document.querySelector(arguments[0]); return el ? el.textContent : null;",
            &[json!(css)],
        )
        .as_str()
        .map(str::to_owned)
    }

    /// Presses a key (with modifiers) as a keydown on the document.
    pub fn press(&self, key: &str, ctrl: bool, shift: bool) {
        self.run(
            "document.dispatchEvent(new KeyboardEvent('keydown', { key: arguments[0], ctrlKey: arguments[1], shiftKey: arguments[2], bubbles: true }));",
            &[json!(key), json!(ctrl), json!(shift)],
        );
    }

    pub fn screenshot(&self, path: &str) {
        let shot = get(&self.agent, &format!("{}/screenshot", self.base));
        if let Some(data) = shot["value"].as_str() {
            std::fs::write(path, decode_base64(data)).expect("write the screenshot");
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
    }
}

fn post(agent: &ureq::Agent, url: &str, body: &Value) -> Value {
    let mut response = agent
        .post(url)
        .send_json(body)
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    response.body_mut().read_json().unwrap_or(Value::Null)
}

fn get(agent: &ureq::Agent, url: &str) -> Value {
    let mut response = agent
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    response.body_mut().read_json().unwrap_or(Value::Null)
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk.iter().fold(0u32, |acc, &s| (acc << 6) | u32::from(s))
                << (6 * (4 - chunk.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(chunk.len().saturating_sub(1))
        })
        .collect()
}
