//! The one error type of the store.
//!
//! Messages put the sensitive part (a path, a URL) last, and a URL is always the redacted form
//! from [`crate::location::redact_url`]: a password never reaches a log or a dialog.

use std::path::PathBuf;

use crate::Backend;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The URL names no backend this store speaks, or sqlx could not parse it.
    #[error("unusable database URL: {reason}: {url}")]
    InvalidUrl {
        reason: String,
        /// Redacted: no password.
        url: String,
    },
    /// The OS reports no per-user data directory, so there is no default store location.
    #[error("the OS reports no data directory for this user; give a database URL instead")]
    NoDataDir,
    /// The directory for the default SQLite file could not be created.
    #[error("cannot create the store's directory: {source}: {}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The first connection failed (server down, wrong credentials, unreadable file, ...).
    #[error("cannot open the {backend} store: {source}: {location}")]
    Connect {
        backend: Backend,
        /// Redacted URL or file path.
        location: String,
        source: sqlx::Error,
    },
    /// A schema migration failed or an applied one no longer matches its file.
    #[error("store migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("store query failed: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored row cannot be turned back into its type (only possible after tampering or a
    /// write outside this crate).
    #[error("stored {what} cannot be read: {reason}")]
    Corrupt { what: String, reason: String },
    /// The caller passed something the store refuses to keep (e.g. an empty user name).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl StoreError {
    /// A stable machine-readable code, so a shell can classify failures without matching text.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUrl { .. } => "store.invalid_url",
            Self::NoDataDir => "store.no_data_dir",
            Self::CreateDir { .. } => "store.create_dir",
            Self::Connect { .. } => "store.connect",
            Self::Migrate(_) => "store.migrate",
            Self::Database(_) => "store.database",
            Self::Corrupt { .. } => "store.corrupt",
            Self::InvalidInput(_) => "store.invalid_input",
        }
    }
}
