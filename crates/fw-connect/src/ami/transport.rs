//! [`Transport`]: the byte stream under the AMI link, plain TCP or TLS (manager.conf
//! `tlsenable = yes`), and [`TlsClient`]: which server certificates are trusted.
//!
//! TLS is rustls with its ring provider (no aws-lc, no OpenSSL). The server's certificate
//! must chain to the system's roots or to the site's own CA (`FLOORWALKER_AMI_CA`) and
//! name the host in the URL. There is deliberately no switch that skips the check: a PBX
//! with a self-signed certificate is trusted by giving its CA (or the certificate itself)
//! as the CA file, which keeps the AMI secret from going to whoever answers on the port.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConfig, RootCertStore};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::ami::config::AmiEndpoint;
use crate::error::ConnectorError;

/// The environment variable naming a PEM file of extra trusted CA certificates.
pub const CA_FILE_ENV: &str = "FLOORWALKER_AMI_CA";

/// A connection to the manager port, with or without TLS.
#[derive(Debug)]
pub(crate) enum Transport {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Transport {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_read(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Transport {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_write(cx, buf),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_flush(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Transport::Plain(stream) => Pin::new(stream).poll_shutdown(cx),
            Transport::Tls(stream) => Pin::new(stream.as_mut()).poll_shutdown(cx),
        }
    }
}

/// The TLS client side: trusted roots and the protocol settings, built once.
#[derive(Clone)]
pub struct TlsClient {
    config: Arc<ClientConfig>,
    ca_file: Option<PathBuf>,
    roots: usize,
}

impl fmt::Debug for TlsClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsClient")
            .field("ca_file", &self.ca_file)
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

impl TlsClient {
    /// Trusts the system's root certificates and, when given, every CA certificate in the
    /// PEM file `ca_file`. A missing or unreadable file, or one with no certificate in it,
    /// is an error now rather than a failed handshake later.
    pub fn new(ca_file: Option<&Path>) -> Result<TlsClient, ConnectorError> {
        let mut roots = RootCertStore::empty();
        let system = rustls_native_certs::load_native_certs();
        for error in &system.errors {
            tracing::debug!(%error, "a system root certificate could not be read");
        }
        let (added, _ignored) = roots.add_parsable_certificates(system.certs);
        tracing::debug!(system_roots = added, "system root certificates loaded");
        if let Some(path) = ca_file {
            add_ca_file(&mut roots, path)?;
        }
        if roots.is_empty() {
            return Err(ConnectorError::Config(format!(
                "no trusted certificates for TLS to Asterisk: the system has no root \
                 certificates (install ca-certificates) and {CA_FILE_ENV} is not set"
            )));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots_count = roots.len();
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ConnectorError::Config(format!("TLS set-up failed: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(TlsClient {
            config: Arc::new(config),
            ca_file: ca_file.map(Path::to_path_buf),
            roots: roots_count,
        })
    }

    /// Runs the handshake on `tcp`, checking the certificate against `endpoint.host`.
    async fn handshake(
        &self,
        tcp: TcpStream,
        endpoint: &AmiEndpoint,
    ) -> Result<TlsStream<TcpStream>, ConnectorError> {
        let name = ServerName::try_from(endpoint.host.clone()).map_err(|_| {
            ConnectorError::Config(format!(
                "`{}` is neither a host name nor an IP address a certificate can name",
                endpoint.host
            ))
        })?;
        TlsConnector::from(Arc::clone(&self.config))
            .connect(name, tcp)
            .await
            .map_err(|error| self.handshake_error(endpoint, &error))
    }

    /// A handshake failure in words a site administrator can act on.
    fn handshake_error(&self, endpoint: &AmiEndpoint, error: &io::Error) -> ConnectorError {
        let trusted = match &self.ca_file {
            Some(path) => format!("the system's roots or {}", path.display()),
            None => format!("the system's roots ({CA_FILE_ENV} is not set)"),
        };
        let tls_error = error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        let reason = match tls_error {
            Some(rustls::Error::InvalidCertificate(certificate)) => match certificate {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => format!(
                    "its certificate is not signed by a CA Floorwalker trusts ({trusted}); \
                     set {CA_FILE_ENV} to the PEM file of the CA that issued it"
                ),
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => format!(
                    "its certificate does not name `{}`; connect with the name (or IP \
                     address) the certificate was issued for",
                    endpoint.host
                ),
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    "its certificate has expired".to_owned()
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    "its certificate is not valid yet (check both clocks)".to_owned()
                }
                other => format!("its certificate was refused: {other:?}"),
            },
            Some(rustls::Error::InvalidMessage(_)) => {
                return ConnectorError::Config(format!(
                    "{endpoint} does not speak TLS: the server answered in plain text. Is \
                     this the plain manager port (manager.conf `port`, usually 5038)? Use \
                     tcp://{}:{} for it, or the TLS port (`tlsbindaddr`, usually 5039)",
                    bracketed(&endpoint.host),
                    endpoint.port
                ));
            }
            Some(other) => format!("the TLS handshake failed: {other}"),
            None if error.kind() == io::ErrorKind::UnexpectedEof => {
                "the server closed the connection during the TLS handshake (is \
                 `tlsenable = yes` set in manager.conf?)"
                    .to_owned()
            }
            None => {
                return ConnectorError::Disconnected(format!(
                    "the TLS handshake with {endpoint} failed: {error}"
                ));
            }
        };
        ConnectorError::Config(format!("TLS to Asterisk at {endpoint} failed: {reason}"))
    }
}

fn bracketed(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

/// Adds every certificate of a PEM file to `roots`.
fn add_ca_file(roots: &mut RootCertStore, path: &Path) -> Result<(), ConnectorError> {
    let bad = |reason: String| {
        ConnectorError::Config(format!("{CA_FILE_ENV} = {}: {reason}", path.display()))
    };
    let pem = std::fs::read(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("not a PEM certificate file: {e}")))?;
    if certificates.is_empty() {
        return Err(bad(
            "no `BEGIN CERTIFICATE` block in it; give the CA's certificate in PEM".into(),
        ));
    }
    for certificate in certificates {
        roots
            .add(certificate)
            .map_err(|e| bad(format!("a certificate in it cannot be used as a CA: {e}")))?;
    }
    Ok(())
}

/// Opens the TCP connection and, for a TLS endpoint, runs the handshake, all within
/// `timeout`.
pub(crate) async fn open(
    endpoint: &AmiEndpoint,
    tls: Option<&TlsClient>,
    timeout: Duration,
) -> Result<Transport, ConnectorError> {
    let address = format!("{}:{}", bracketed(&endpoint.host), endpoint.port);
    let connecting = async {
        let tcp = TcpStream::connect(&address).await.map_err(|e| {
            ConnectorError::Disconnected(format!("cannot reach Asterisk at {endpoint}: {e}"))
        })?;
        // Actions are small and latency matters more than packet count.
        tcp.set_nodelay(true).ok();
        match (endpoint.tls, tls) {
            (false, _) => Ok(Transport::Plain(tcp)),
            (true, Some(client)) => Ok(Transport::Tls(Box::new(
                client.handshake(tcp, endpoint).await?,
            ))),
            (true, None) => Err(ConnectorError::Config(
                "a TLS endpoint needs a TLS client".into(),
            )),
        }
    };
    tokio::time::timeout(timeout, connecting)
        .await
        .map_err(|_| {
            let what = if endpoint.tls {
                "a connection and a TLS handshake"
            } else {
                "a connection"
            };
            ConnectorError::Disconnected(format!(
                "Asterisk did not complete {what} within {timeout:?} at {endpoint}"
            ))
        })?
}
