//! The TLS configuration handed to reqwest.
//!
//! reqwest 0.13's `rustls` feature brings the aws-lc-rs provider, whose C build needs
//! cmake and adds minutes to a clean build. With `rustls-no-provider`, reqwest expects
//! the application to supply the crypto, so this module builds a rustls `ClientConfig`
//! on the `ring` provider and the platform's certificate store and hands it over
//! preconfigured. That keeps the choice local: no process-wide default provider is
//! installed behind anyone's back.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls_platform_verifier::BuilderVerifierExt;

use crate::error::PullError;

/// TLS 1.2 and 1.3 on `ring`, server certificates checked against the OS trust store,
/// ALPN offering HTTP/1.1 only (reqwest is built without HTTP/2 here, so it must not be
/// negotiated).
pub(crate) fn client_config() -> Result<ClientConfig, PullError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| PullError::Client(format!("TLS protocol versions: {e}")))?
        .with_platform_verifier()
        .map_err(|e| PullError::Client(format!("TLS certificate verifier: {e}")))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_on_ring_without_a_process_default() {
        let config = client_config().unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    }
}
