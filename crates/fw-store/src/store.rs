//! The store handle: a sqlx pool over SQLite or PostgreSQL, opened and migrated.
//!
//! An enum over the two typed pools rather than `sqlx::Any`: each backend gets its own
//! connection settings (WAL and full sync for SQLite, an application name for PostgreSQL),
//! an in-memory SQLite database keeps working (Any re-parses the URL per connection, giving
//! every connection its own empty database), and the query code is still written once
//! through [`with_pool!`], which compiles the same body against each pool type.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::location::{default_db_path, redact_url};
use crate::migrations::migrator;
use crate::{Backend, StoreError};

/// Runs the same body against whichever pool the store holds, binding it to `$pool`. The body
/// is compiled once per backend, so it may only use what both sqlx drivers offer.
macro_rules! with_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &*$store.pool {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}

mod audit_log;
mod qa;
mod routing_plan;
mod settings;
mod survey_import;
mod survey_review;
mod survey_sql;
mod survey_trends;
mod surveys;
mod users;

pub use qa::MAX_QA_JSON_BYTES;
pub use survey_review::MAX_BULK_SURVEYS;
pub use survey_trends::MAX_TREND_CELLS;

/// How long a SQLite writer waits for another writer's lock before failing. Appends take
/// milliseconds; this only runs out if something holds the database for seconds.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections per pool. SQLite allows one writer at a time anyway; PostgreSQL is shared by a
/// team, so each console keeps its footprint small.
const SQLITE_MAX_CONNECTIONS: u32 = 4;
const POSTGRES_MAX_CONNECTIONS: u32 = 8;
const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(15);

pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The store: cheap to clone (clones share one pool), safe to use from many tasks.
#[derive(Clone)]
pub struct Store {
    pool: Arc<Pool>,
    /// Redacted URL or file path, for logs and `Debug`.
    location: Arc<str>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .field("location", &&*self.location)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating a SQLite file if missing) and migrates the store at `url`:
    /// `sqlite:///abs/path.db`, `sqlite::memory:`, or
    /// `postgres://user:password@host:port/database`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let location = redact_url(url);
        let invalid = |reason: String| StoreError::InvalidUrl {
            reason,
            url: location.clone(),
        };
        match Backend::from_url(url) {
            Some(Backend::Sqlite) => {
                let options =
                    SqliteConnectOptions::from_str(url).map_err(|e| invalid(e.to_string()))?;
                // `:memory:` (or `mode=memory`) databases live only as long as a connection.
                let in_memory = url.contains(":memory:") || url.contains("mode=memory");
                Self::open_sqlite(options, in_memory, location).await
            }
            Some(Backend::Postgres) => {
                let options =
                    PgConnectOptions::from_str(url).map_err(|e| invalid(e.to_string()))?;
                Self::open_postgres(options, location).await
            }
            None => Err(invalid("expected a sqlite: or postgres: URL".to_owned())),
        }
    }

    /// Opens the default store: the SQLite file `floorwalker.db` in the OS data directory
    /// (`~/.local/share/floorwalker/` on Linux), creating the folder and file if missing.
    pub async fn open_default() -> Result<Store, StoreError> {
        let path = default_db_path()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        // By path, not by URL: a path with spaces or '?' would not survive URL parsing.
        let options = SqliteConnectOptions::new().filename(&path);
        Self::open_sqlite(options, false, path.display().to_string()).await
    }

    /// Which database engine this store uses.
    pub fn backend(&self) -> Backend {
        match *self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Where the store lives, with any password replaced by `***`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Closes every connection and waits for them to finish. Later calls on this store (or
    /// its clones) fail; dropping the last clone closes the pool too, only without waiting.
    pub async fn close(&self) {
        with_pool!(self, |pool| pool.close().await);
    }

    async fn open_sqlite(
        options: SqliteConnectOptions,
        in_memory: bool,
        location: String,
    ) -> Result<Store, StoreError> {
        let options = options
            .create_if_missing(true)
            .foreign_keys(true)
            // An audit record the caller was told is stored must survive a power cut.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(SQLITE_BUSY_TIMEOUT);
        let (options, pool_options) = if in_memory {
            // One connection, kept forever: the database is gone when its last connection
            // closes, and a second connection would see a different one.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
            (options, pool)
        } else {
            // WAL: readers (a console paging the audit trail) never block the appender.
            let pool = SqlitePoolOptions::new().max_connections(SQLITE_MAX_CONNECTIONS);
            (options.journal_mode(SqliteJournalMode::Wal), pool)
        };
        let pool = connect_sqlite(pool_options, options)
            .await
            .map_err(|source| StoreError::Connect {
                backend: Backend::Sqlite,
                location: location.clone(),
                source,
            })?;
        Self::migrated(Pool::Sqlite(pool), location).await
    }

    async fn open_postgres(
        options: PgConnectOptions,
        location: String,
    ) -> Result<Store, StoreError> {
        let options = options.application_name("floorwalker");
        let failed = |source| StoreError::Connect {
            backend: Backend::Postgres,
            location: location.clone(),
            source,
        };
        // One plain connection first: the pool would retry a refused or unreachable server
        // until its acquire timeout, where this fails at once with the server's own error.
        PgConnection::connect_with(&options)
            .await
            .map_err(failed)?
            .close()
            .await
            .map_err(failed)?;
        let pool = PgPoolOptions::new()
            .max_connections(POSTGRES_MAX_CONNECTIONS)
            .acquire_timeout(POSTGRES_ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(failed)?;
        Self::migrated(Pool::Postgres(pool), location).await
    }

    async fn migrated(pool: Pool, location: String) -> Result<Store, StoreError> {
        let store = Store {
            pool: Arc::new(pool),
            location: location.into(),
        };
        let migrator = migrator(store.backend()).await?;
        match &*store.pool {
            // sqlx takes an advisory lock, so concurrent first opens queue up.
            Pool::Postgres(pool) => migrator.run(pool).await?,
            // SQLite has no advisory lock and sqlx does not lock for it: two processes opening
            // a fresh file together would both try to create the tables. So all migrations run
            // in one transaction whose first statement writes (taking the write lock, as
            // `BEGIN IMMEDIATE` would); a second opener waits, then finds them applied.
            // `user_version` is written only for that lock; nothing reads it.
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("PRAGMA user_version = 1")
                    .execute(&mut *tx)
                    .await?;
                migrator.run_direct(&mut *tx).await?;
                tx.commit().await?;
            }
        }
        tracing::info!(backend = %store.backend(), location = %store.location, "store opened");
        Ok(store)
    }
}

/// Connects, retrying while another process holds the file busy. Switching a new file to WAL
/// needs an exclusive lock that SQLite's busy timeout does not wait for, so two processes
/// opening a fresh store at once can see "database is locked" here; it clears in
/// milliseconds.
async fn connect_sqlite(
    pool_options: SqlitePoolOptions,
    options: SqliteConnectOptions,
) -> Result<SqlitePool, sqlx::Error> {
    let deadline = tokio::time::Instant::now() + SQLITE_BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(10);
    loop {
        match pool_options.clone().connect_with(options.clone()).await {
            Err(e) if is_busy(&e) && tokio::time::Instant::now() + pause < deadline => {
                tracing::debug!(error = %e, "SQLite store busy while opening; retrying");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(250));
            }
            result => return result,
        }
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED, in any of their extended forms.
fn is_busy(e: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = e else {
        return false;
    };
    db.code()
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}
