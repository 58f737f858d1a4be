//! Where a store lives: which backend a URL names, the default file, and a printable form of
//! a URL that never shows a password.

use std::fmt;
use std::path::PathBuf;

use crate::StoreError;

/// The database engine behind a [`crate::Store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// A local file (the default) or an in-memory database.
    Sqlite,
    /// A shared server, for a team that keeps one audit trail and one user list.
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        })
    }
}

impl Backend {
    /// The backend a URL's scheme names, or `None` for any other scheme.
    pub fn from_url(url: &str) -> Option<Self> {
        let scheme = url.split_once(':')?.0.to_ascii_lowercase();
        match scheme.as_str() {
            "sqlite" => Some(Self::Sqlite),
            "postgres" | "postgresql" => Some(Self::Postgres),
            _ => None,
        }
    }
}

/// The file name of the default store inside the OS data directory.
pub const DEFAULT_FILE_NAME: &str = "floorwalker.db";

/// The default store's path: `floorwalker/floorwalker.db` in the OS data directory
/// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on
/// Windows). Nothing is created.
pub fn default_db_path() -> Result<PathBuf, StoreError> {
    let base = dirs::data_dir().ok_or(StoreError::NoDataDir)?;
    Ok(base.join("floorwalker").join(DEFAULT_FILE_NAME))
}

/// `url` with any password replaced by `***`, both in the user-info part
/// (`postgres://user:secret@host`) and in query parameters (`?password=secret`), so it can be
/// logged, shown and put in errors.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        // `sqlite::memory:`, `sqlite:relative.db`: no authority, so no user-info to hide.
        return redact_query(url);
    };
    // The authority ends at the first '/', '?' or '#'; user-info is everything before its
    // last '@' (a password may itself contain '@' only percent-encoded, but be generous).
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    format!("{scheme}://{authority}{}", redact_query(tail))
}

/// Replaces the value of any `password=` query parameter.
fn redact_query(s: &str) -> String {
    let Some((path, query)) = s.split_once('?') else {
        return s.to_owned();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|param| match param.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => param.to_owned(),
        })
        .collect();
    format!("{path}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_scheme() {
        assert_eq!(Backend::from_url("sqlite::memory:"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("sqlite:///tmp/a.db"),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("PostgreSQL://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://u@h/db"), None);
        assert_eq!(Backend::from_url("floorwalker.db"), None);
    }

    #[test]
    fn passwords_never_survive_redaction() {
        assert_eq!(
            redact_url("postgres://fw:s3cr:et@127.0.0.1:5432/fw"),
            "postgres://fw:***@127.0.0.1:5432/fw"
        );
        assert_eq!(
            redact_url("postgres://fw:p@ss@db.example/fw?sslmode=disable"),
            "postgres://fw:***@db.example/fw?sslmode=disable"
        );
        assert_eq!(
            redact_url("postgres://db/fw?user=fw&password=hunter2&application_name=x"),
            "postgres://db/fw?user=fw&password=***&application_name=x"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1:54329/t"),
            "postgres://postgres@127.0.0.1:54329/t"
        );
        assert_eq!(redact_url("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
    }

    #[test]
    fn default_path_is_in_a_floorwalker_folder() {
        if let Ok(path) = default_db_path() {
            assert!(
                path.ends_with("floorwalker/floorwalker.db"),
                "{}",
                path.display()
            );
        }
    }
}
