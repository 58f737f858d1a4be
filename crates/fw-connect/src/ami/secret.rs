//! [`AmiSecret`]: the AMI password, kept out of logs, read from the OS keyring or the
//! environment and never from a configuration file.

use std::fmt;

/// The environment variable that may carry the secret (for containers and CI, where no
/// keyring runs). The keyring is preferred on a desktop.
pub const SECRET_ENV: &str = "FLOORWALKER_AMI_SECRET";

/// The keyring service name under which `floorwalker-credentials` stores secrets.
pub const KEYRING_SERVICE: &str = "floorwalker-ami";

/// An AMI secret. `Debug` and `Display` print `***`; only [`AmiSecret::expose`] gives
/// the text, at the one place that writes the Login action.
#[derive(Clone, PartialEq, Eq)]
pub struct AmiSecret(String);

impl AmiSecret {
    pub fn new(secret: impl Into<String>) -> AmiSecret {
        AmiSecret(secret.into())
    }

    /// The secret itself. Call it only to put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for AmiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for AmiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The keyring account a secret is stored under: the AMI user at the PBX.
pub fn keyring_account(username: &str, host: &str, port: u16) -> String {
    format!("{username}@{host}:{port}")
}

/// Why the secret could not be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "no AMI secret for {account}: store one with `floorwalker-credentials set` \
         (OS keyring) or set {SECRET_ENV}"
    )]
    Missing { account: String },
    #[error("the OS keyring is not usable: {0}")]
    Keyring(String),
}

/// The OS keyring entry for one AMI account (Secret Service over D-Bus on Linux, the
/// Keychain on macOS, the Credential Manager on Windows).
#[derive(Debug)]
pub struct KeyringEntry {
    entry: keyring::Entry,
    account: String,
}

impl KeyringEntry {
    pub fn new(account: &str) -> Result<KeyringEntry, SecretError> {
        KeyringEntry::in_service(KEYRING_SERVICE, account)
    }

    /// An entry under another keyring service: the console keeps its other credentials
    /// (the survey service's token) the same way, under a service name of their own.
    pub fn in_service(service: &str, account: &str) -> Result<KeyringEntry, SecretError> {
        let entry = keyring::Entry::new(service, account)
            .map_err(|e| SecretError::Keyring(e.to_string()))?;
        Ok(KeyringEntry {
            entry,
            account: account.to_owned(),
        })
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The stored secret; `Ok(None)` when there is none.
    pub fn get(&self) -> Result<Option<AmiSecret>, SecretError> {
        match self.entry.get_password() {
            Ok(secret) => Ok(Some(AmiSecret(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SecretError::Keyring(e.to_string())),
        }
    }

    pub fn set(&self, secret: &AmiSecret) -> Result<(), SecretError> {
        self.entry
            .set_password(secret.expose())
            .map_err(|e| SecretError::Keyring(e.to_string()))
    }

    /// Removes the secret; `Ok(false)` when there was none.
    pub fn delete(&self) -> Result<bool, SecretError> {
        match self.entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(SecretError::Keyring(e.to_string())),
        }
    }
}

/// The secret for `account`: `FLOORWALKER_AMI_SECRET` when set (given here as `env_secret`
/// so callers decide how the environment is read), else the OS keyring.
///
/// Blocks on D-Bus: call it off the async runtime's threads.
pub fn resolve_secret(env_secret: Option<&str>, account: &str) -> Result<AmiSecret, SecretError> {
    resolve_secret_in(KEYRING_SERVICE, env_secret, account)
}

/// [`resolve_secret`] for another keyring service (e.g. a survey service's token): the
/// environment's value when set, else the keyring entry `service`/`account`.
pub fn resolve_secret_in(
    service: &str,
    env_secret: Option<&str>,
    account: &str,
) -> Result<AmiSecret, SecretError> {
    if let Some(secret) = env_secret.filter(|s| !s.is_empty()) {
        return Ok(AmiSecret::new(secret));
    }
    KeyringEntry::in_service(service, account)?
        .get()?
        .ok_or_else(|| SecretError::Missing {
            account: account.to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_never_shows_in_debug_or_display() {
        let secret = AmiSecret::new("s3cr3t-pass");
        assert_eq!(format!("{secret:?} {secret} {secret:#?}"), "*** *** ***");
        assert_eq!(secret.expose(), "s3cr3t-pass");
    }

    #[test]
    fn the_environment_wins_over_the_keyring() {
        let secret = resolve_secret(Some("from-env"), "nobody@127.0.0.1:5038").unwrap();
        assert_eq!(secret.expose(), "from-env");
    }
}
