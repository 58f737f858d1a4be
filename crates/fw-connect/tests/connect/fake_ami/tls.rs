//! Test certificates made at test time with rcgen (nothing committed, nothing expires): a
//! CA, a server certificate it signs for `127.0.0.1` and `localhost`, and the fake's TLS
//! acceptor over them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// A CA and the fake's certificate from it.
pub struct TestPki {
    /// The CA's certificate, PEM: what `FLOORWALKER_AMI_CA` points at.
    pub ca_pem: String,
    pub acceptor: TlsAcceptor,
}

/// A CA named `ca_name`, and a server certificate it issues for `names`.
pub fn pki(ca_name: &str, names: &[&str]) -> TestPki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, ca_name);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key"))
        .expect("CA certificate");
    let server_key = KeyPair::generate().expect("server key");
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let mut server_params = CertificateParams::new(names).expect("server parameters");
    server_params
        .distinguished_name
        .push(DnType::CommonName, "fake asterisk");
    let server = server_params
        .signed_by(&server_key, &ca)
        .expect("server certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let chain: Vec<CertificateDer<'static>> = vec![server.der().clone(), ca.der().clone()];
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server certificate and key");
    TestPki {
        ca_pem: ca.pem(),
        acceptor: TlsAcceptor::from(Arc::new(config)),
    }
}

/// A PEM file in the temporary directory, removed when dropped.
pub struct PemFile(PathBuf);

impl PemFile {
    pub fn new(pem: &str) -> PemFile {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "fw-connect-test-ca-{}-{}.pem",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, pem).expect("write the CA file");
        PemFile(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for PemFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
