//! TLS to the manager port (manager.conf `tlsenable = yes`): the fake AMI server on
//! 127.0.0.1 behind a certificate made at test time. Over TLS the connector logs in and
//! replays the queue flow to the same figures as over plain TCP; a certificate from
//! another CA, one for another name, a plain server behind a `tls://` address and a
//! missing CA file each fail with an error that says what to fix.

use std::path::Path;
use std::time::Duration;

use fw_connect::ami::{AmiEndpoint, CA_FILE_ENV};
use fw_connect::{AmiConfig, AmiConnector, AmiSecret, Connector, ConnectorError};

use crate::ami_support::{Rig, config_as, counts, end_of, uninterrupted};
use crate::fake_ami::tls::{PemFile, TestPki, pki};
use crate::fake_ami::{FakeAmi, Script};

const SERVER_NAMES: [&str; 2] = ["127.0.0.1", "localhost"];

/// A TLS configuration for the fake at `host`, trusting the CA in `ca_file`.
fn tls_config(fake: &FakeAmi, host: &str, ca_file: &Path) -> AmiConfig {
    let mut config = config_as(fake, "supervisor", "secret");
    let endpoint = AmiEndpoint::parse(&format!("tls://{host}:{}", fake.port)).expect("a URL");
    config.host = endpoint.host;
    config.port = endpoint.port;
    config.tls = endpoint.tls;
    config.ca_file = Some(ca_file.to_path_buf());
    config
}

/// The connect error a configuration meets (or, for a bad CA file, its construction).
async fn connect_error(config: AmiConfig) -> ConnectorError {
    match AmiConnector::new(config) {
        Ok(mut connector) => connector
            .connect()
            .await
            .expect_err("the connection must fail"),
        Err(error) => error,
    }
}

async fn tls_fake(script: &Script, pki: &TestPki) -> FakeAmi {
    FakeAmi::start_tls(script, pki.acceptor.clone()).await
}

#[tokio::test]
async fn over_tls_the_queue_flow_gives_the_same_figures_as_over_plain_tcp() {
    let script = Script::load("01-queue-flow.txt");
    let expected = uninterrupted(&script).await;
    let pki = pki("Floorwalker test CA", &SERVER_NAMES);
    let ca = PemFile::new(&pki.ca_pem);
    for host in SERVER_NAMES {
        let fake = tls_fake(&script, &pki).await;
        let connector =
            AmiConnector::new(tls_config(&fake, host, ca.path())).expect("a valid configuration");
        assert!(
            connector.platform().ends_with("(TLS)"),
            "{}",
            connector.platform()
        );
        let mut rig = Rig::connect_with(connector).await;
        assert!(
            fake.actions().iter().any(|a| a.name() == "Login"),
            "logged in over TLS"
        );
        fake.release_until(end_of(&script), script.t0_ms);
        rig.sync().await;
        assert_eq!(counts(&rig.frame()), expected, "over TLS to {host}");
    }
}

#[tokio::test]
async fn a_certificate_from_another_ca_is_refused_with_what_to_set() {
    let script = Script::load("01-queue-flow.txt");
    let server = pki("The PBX's CA", &SERVER_NAMES);
    let other = pki("Someone else's CA", &SERVER_NAMES);
    let wrong_ca = PemFile::new(&other.ca_pem);
    let fake = tls_fake(&script, &server).await;
    let error = connect_error(tls_config(&fake, "127.0.0.1", wrong_ca.path())).await;
    let ConnectorError::Config(message) = &error else {
        panic!("expected a configuration error, got {error}");
    };
    assert!(
        message.contains("not signed by a CA Floorwalker trusts")
            && message.contains(CA_FILE_ENV)
            && message.contains(&wrong_ca.path().display().to_string()),
        "{message}"
    );
    assert!(
        fake.actions().is_empty(),
        "no Login (so no secret) went to an untrusted server"
    );
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused() {
    let script = Script::load("01-queue-flow.txt");
    let pki = pki("Floorwalker test CA", &["pbx.example.cn"]);
    let ca = PemFile::new(&pki.ca_pem);
    let fake = tls_fake(&script, &pki).await;
    let error = connect_error(tls_config(&fake, "127.0.0.1", ca.path())).await;
    assert!(
        matches!(&error, ConnectorError::Config(m) if m.contains("does not name `127.0.0.1`")),
        "{error}"
    );
}

#[tokio::test]
async fn a_plain_manager_port_behind_a_tls_address_is_named_as_such() {
    let script = Script::load("01-queue-flow.txt");
    let pki = pki("Floorwalker test CA", &SERVER_NAMES);
    let ca = PemFile::new(&pki.ca_pem);
    let plain = FakeAmi::start(&script).await;
    let error = connect_error(tls_config(&plain, "127.0.0.1", ca.path())).await;
    let ConnectorError::Config(message) = &error else {
        panic!("expected a configuration error, got {error}");
    };
    assert!(
        message.contains("does not speak TLS") && message.contains("tcp://127.0.0.1:"),
        "{message}"
    );
}

#[tokio::test]
async fn a_tls_port_behind_a_plain_address_points_at_tls() {
    let script = Script::load("01-queue-flow.txt");
    let pki = pki("Floorwalker test CA", &SERVER_NAMES);
    let fake = tls_fake(&script, &pki).await;
    let mut config = config_as(&fake, "supervisor", "secret");
    // The TLS server waits for a handshake that never comes; only the timeout ends it.
    config.timeout = Duration::from_millis(300);
    let error = connect_error(config).await;
    assert!(
        matches!(&error, ConnectorError::Protocol(m) if m.contains("no AMI greeting") && m.contains("tls://")),
        "{error}"
    );
}

#[tokio::test]
async fn a_missing_or_empty_ca_file_is_refused_before_connecting() {
    let script = Script::load("01-queue-flow.txt");
    let fake = FakeAmi::start(&script).await;
    let missing = std::env::temp_dir().join("fw-connect-test-no-such-ca.pem");
    let error = connect_error(tls_config(&fake, "127.0.0.1", &missing)).await;
    assert!(
        matches!(&error, ConnectorError::Config(m)
            if m.starts_with(&format!("{CA_FILE_ENV} = {}: cannot read it", missing.display()))),
        "{error}"
    );
    let empty = PemFile::new("not a certificate\n");
    let error = connect_error(tls_config(&fake, "127.0.0.1", empty.path())).await;
    assert!(
        matches!(&error, ConnectorError::Config(m) if m.contains("no `BEGIN CERTIFICATE` block")),
        "{error}"
    );
    assert_eq!(fake.connections(), 0, "refused before connecting");
    let plain = AmiConfig::new(
        "127.0.0.1",
        fake.port,
        "supervisor",
        AmiSecret::new("secret"),
    );
    assert!(!plain.tls && plain.ca_file.is_none());
}
