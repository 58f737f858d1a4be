//! [`AmiConfig`]: where the PBX is, who logs in, and how monitoring is dialled; and
//! [`AmiEndpoint`]: the manager port as a URL (`tcp://host:5038`, `tls://host:5039`).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::ami::mapper::MapperSettings;
use crate::ami::secret::AmiSecret;

/// Asterisk's plain manager port (manager.conf `port`).
pub const PLAIN_PORT: u16 = 5038;
/// Asterisk's usual TLS manager port (manager.conf `tlsbindaddr = …:5039`).
pub const TLS_PORT: u16 = 5039;

/// How a supervisor's monitoring leg is placed: an Originate of their endpoint into a
/// dialplan extension that runs `ChanSpy(${SPYCHAN},qEud)` (see `docs/asterisk.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpySettings {
    /// The dialplan context the site added for Floorwalker.
    pub context: String,
    /// The extension in it that runs ChanSpy.
    pub exten: String,
    /// How long the supervisor's endpoint may ring, in milliseconds (Originate `Timeout`).
    pub ring_timeout_ms: u32,
    /// The caller id the supervisor's phone shows.
    pub caller_id: String,
}

impl Default for SpySettings {
    fn default() -> Self {
        SpySettings {
            context: "floorwalker-spy".into(),
            exten: "monitor".into(),
            ring_timeout_ms: 30_000,
            caller_id: "\"Floorwalker\" <0>".into(),
        }
    }
}

/// The manager port: host, port and whether it speaks TLS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmiEndpoint {
    /// A DNS name or an IP address (IPv6 without brackets). With TLS it is also the name
    /// the server's certificate must carry.
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

/// Why a manager-port URL was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{url}` is not an AMI address: {reason} (write tcp://host:5038, tls://host:5039 or host:port)"
)]
pub struct EndpointError {
    pub url: String,
    pub reason: String,
}

impl AmiEndpoint {
    /// Reads `tcp://host[:port]`, `tls://host[:port]` or a bare `host[:port]` (plain TCP).
    /// The port defaults to 5038 for tcp and 5039 for tls; IPv6 hosts go in brackets
    /// (`tls://[2001:db8::5]:5039`). One scheme for TLS only: `tls` names what the link
    /// speaks, the way manager.conf's `tlsenable` does.
    pub fn parse(url: &str) -> Result<AmiEndpoint, EndpointError> {
        let refuse = |reason: &str| EndpointError {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let text = url.trim();
        let (tls, rest) = match text.split_once("://") {
            Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
                "tcp" => (false, rest),
                "tls" => (true, rest),
                _ => return Err(refuse(&format!("the scheme `{scheme}` is not tcp or tls"))),
            },
            None => (false, text),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('/') || rest.contains('@') || rest.contains('?') {
            return Err(refuse("only a host and a port may follow the scheme"));
        }
        let (host, port) = if let Some(bracketed) = rest.strip_prefix('[') {
            let (host, after) = bracketed
                .split_once(']')
                .ok_or_else(|| refuse("an IPv6 host needs its closing `]`"))?;
            (host, after.strip_prefix(':'))
        } else if rest.matches(':').count() > 1 {
            return Err(refuse("an IPv6 host goes in brackets, e.g. [::1]:5038"));
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            }
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(refuse("the host is missing"));
        }
        let port = match port {
            None => {
                if tls {
                    TLS_PORT
                } else {
                    PLAIN_PORT
                }
            }
            Some(port) => port
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| refuse("the port must be a number from 1 to 65535"))?,
        };
        Ok(AmiEndpoint {
            host: host.to_owned(),
            port,
            tls,
        })
    }
}

impl fmt::Display for AmiEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "tls" } else { "tcp" };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// Everything the AMI connector needs.
#[derive(Clone, Debug)]
pub struct AmiConfig {
    pub host: String,
    pub port: u16,
    pub username: String,
    /// From the OS keyring or `FLOORWALKER_AMI_SECRET`; prints as `***`.
    pub secret: AmiSecret,
    /// Whether the manager port speaks TLS (manager.conf `tlsenable = yes`). The server's
    /// certificate must chain to the system's roots or to `ca_file`, and name `host`.
    pub tls: bool,
    /// A PEM file of extra trusted CA certificates (`FLOORWALKER_AMI_CA`): a site's own CA,
    /// which is how most PBXs' certificates are issued. Used with TLS only.
    pub ca_file: Option<PathBuf>,
    /// A Ping goes out after this long without one; no answer within it again means the
    /// link is lost.
    pub heartbeat: Duration,
    /// Connecting, the TLS handshake, the greeting, login and each action's answer must
    /// come within this.
    pub timeout: Duration,
    pub spy: SpySettings,
    pub mapping: MapperSettings,
}

impl AmiConfig {
    /// A plain-TCP configuration with the defaults: 10 s heartbeat and timeouts, the
    /// `floorwalker-spy` context.
    pub fn new(host: &str, port: u16, username: &str, secret: AmiSecret) -> AmiConfig {
        AmiConfig {
            host: host.to_owned(),
            port,
            username: username.to_owned(),
            secret,
            tls: false,
            ca_file: None,
            heartbeat: Duration::from_secs(10),
            timeout: Duration::from_secs(10),
            spy: SpySettings::default(),
            mapping: MapperSettings::default(),
        }
    }

    /// A configuration for `endpoint` (plain or TLS) with the same defaults.
    pub fn for_endpoint(endpoint: &AmiEndpoint, username: &str, secret: AmiSecret) -> AmiConfig {
        let mut config = AmiConfig::new(&endpoint.host, endpoint.port, username, secret);
        config.tls = endpoint.tls;
        config
    }

    /// Where the connector connects, as a URL.
    pub fn endpoint(&self) -> AmiEndpoint {
        AmiEndpoint {
            host: self.host.clone(),
            port: self.port,
            tls: self.tls,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> (String, u16, bool) {
        let endpoint = AmiEndpoint::parse(url).unwrap_or_else(|e| panic!("{e}"));
        (endpoint.host, endpoint.port, endpoint.tls)
    }

    #[test]
    fn manager_urls_read_with_their_default_ports() {
        assert_eq!(
            parsed("tls://pbx.example.cn"),
            ("pbx.example.cn".into(), 5039, true)
        );
        assert_eq!(
            parsed("tls://10.0.0.5:6039"),
            ("10.0.0.5".into(), 6039, true)
        );
        assert_eq!(parsed("TCP://10.0.0.5"), ("10.0.0.5".into(), 5038, false));
        assert_eq!(parsed("127.0.0.1:5038"), ("127.0.0.1".into(), 5038, false));
        assert_eq!(parsed("pbx"), ("pbx".into(), 5038, false));
        assert_eq!(parsed("tls://[::1]:5039/"), ("::1".into(), 5039, true));
        assert_eq!(
            AmiEndpoint::parse("tls://[::1]").unwrap().to_string(),
            "tls://[::1]:5039"
        );
    }

    #[test]
    fn malformed_manager_urls_say_what_is_wrong() {
        for (url, reason) in [
            ("https://pbx:5039", "the scheme `https` is not tcp or tls"),
            ("tls://", "the host is missing"),
            ("tls://pbx:0", "the port must be"),
            ("tls://pbx:http", "the port must be"),
            ("::1:5038", "in brackets"),
            ("tls://user@pbx", "only a host and a port"),
        ] {
            let error = AmiEndpoint::parse(url).unwrap_err().to_string();
            assert!(error.contains(reason), "{url}: {error}");
        }
    }
}
