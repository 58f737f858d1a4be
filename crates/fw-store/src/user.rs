//! A configured supervisor account.

/// A user as configured: for a single site in a users file (loaded by fw-app), for a shared
/// team in the store itself (the same fields, synced with [`crate::Store::import_users`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UserRecord {
    /// Login name; the key. Never empty.
    pub name: String,
    pub display_name: String,
    /// Kept as text here: fw-app owns what roles exist and what they may do, so adding a role
    /// needs no store migration.
    pub role: String,
    /// The supervisor's phone, e.g. `PJSIP/9001`, where monitoring calls ring.
    pub endpoint: Option<String>,
    /// Reserved (for accounts a shared-store sync must not overwrite or remove).
    pub protected: bool,
}
