//! One fresh database per test, on either backend, plus a raw connection that plays the
//! tamperer (it goes around the store, as someone with database access would).

use std::sync::atomic::{AtomicU32, Ordering};

use fw_store::{AuditEntry, AuditOutcome, Backend, Store};
use sqlx::{Connection, Executor, PgConnection, SqliteConnection};
use tempfile::TempDir;

pub const PG_VAR: &str = "FLOORWALKER_TEST_PG_URL";

/// Runs each named scenario `async fn name(db: &TestDb)` twice: `name::sqlite` on a temporary
/// file and `name::postgres` on a database of its own in the server `FLOORWALKER_TEST_PG_URL`
/// names (skipped, saying so, when it is unset).
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = crate::support::TestDb::sqlite();
                super::$name(&db).await;
                db.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(db) = crate::support::TestDb::postgres().await else { return };
                super::$name(&db).await;
                db.finish().await;
            }
        }
    )+};
}
pub(crate) use on_both_backends;

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    /// Keeps the SQLite file's folder alive until the test ends.
    _dir: Option<TempDir>,
    /// PostgreSQL: the server's own database URL and this test's database, dropped at the end.
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("store.db").display());
        TestDb {
            backend: Backend::Sqlite,
            url,
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A new, empty database on the test server, or `None` (after saying why) without one.
    pub async fn postgres() -> Option<TestDb> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let Ok(admin) = std::env::var(PG_VAR) else {
            println!("SKIPPED: {PG_VAR} not set (scripts/test.sh starts a local PostgreSQL)");
            return None;
        };
        // Unique per process and test, so test binaries and threads never share a database.
        let name = format!(
            "fw_t_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = PgConnection::connect(&admin)
            .await
            .expect("the test PostgreSQL is reachable");
        conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
            .await
            .unwrap();
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        conn.close().await.unwrap();
        let url = with_database(&admin, &name);
        Some(TestDb {
            backend: Backend::Postgres,
            url,
            _dir: None,
            pg: Some((admin, name)),
        })
    }

    pub async fn open(&self) -> Store {
        let store = Store::open(&self.url).await.expect("the store opens");
        assert_eq!(store.backend(), self.backend);
        store
    }

    /// Runs SQL around the store; returns the rows affected.
    pub async fn raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::connect(&self.url).await?;
                let done = conn.execute(sql).await?.rows_affected();
                conn.close().await?;
                Ok(done)
            }
            Backend::Postgres => {
                let mut conn = PgConnection::connect(&self.url).await?;
                let done = conn.execute(sql).await?.rows_affected();
                conn.close().await?;
                Ok(done)
            }
        }
    }

    /// One integer from a query run around the store.
    pub async fn scalar(&self, sql: &str) -> i64 {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            Backend::Postgres => {
                let mut conn = PgConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }

    /// What an attacker with database access does first: removes the append-only guard.
    pub async fn drop_append_only_triggers(&self) {
        let sql = match self.backend {
            Backend::Sqlite => "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete",
            Backend::Postgres => "DROP TRIGGER audit_log_append_only ON audit_log",
        };
        self.raw(sql).await.expect("the triggers drop");
    }

    /// Drops a PostgreSQL test database (its temporary folder removes a SQLite one).
    pub async fn finish(self) {
        if let Some((admin, name)) = &self.pg {
            let mut conn = PgConnection::connect(admin).await.unwrap();
            // FORCE: a store the test left open must not keep the database alive.
            conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await
                .unwrap();
            conn.close().await.unwrap();
        }
    }
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let path_start = url[authority_start..]
        .find('/')
        .map_or(url.len(), |i| authority_start + i);
    let query = url[path_start..]
        .find('?')
        .map_or("", |i| &url[path_start + i..]);
    format!("{}/{name}{query}", &url[..path_start])
}

/// The n-th entry of a varied trail: every field and outcome shows up.
pub fn entry(n: u32) -> AuditEntry {
    let outcome = match n % 3 {
        0 => AuditOutcome::Allowed,
        1 => AuditOutcome::Denied {
            reason: format!("role agent may not barge ({n})"),
        },
        _ => AuditOutcome::Failed {
            reason: String::new(),
        },
    };
    AuditEntry {
        at_ms: 1_767_225_600_000 + i64::from(n) * 1_000,
        user: if n.is_multiple_of(2) {
            "lin.wei".into()
        } else {
            "王芳".into()
        },
        role: "supervisor".into(),
        action: [
            "monitor.start",
            "monitor.mode",
            "monitor.stop",
            "routing.activate",
        ][n as usize % 4]
            .into(),
        outcome,
        call: match n % 4 {
            0 => None,
            1 => Some(u64::MAX - u64::from(n)),
            _ => Some(u64::from(n)),
        },
        agent: (!n.is_multiple_of(5)).then_some(u32::MAX - n),
        queue: (n.is_multiple_of(2)).then_some(n as u16),
        mode: (n % 3 != 2).then(|| ["listen", "whisper", "barge"][n as usize % 3].into()),
        detail: if n % 4 == 3 {
            format!("第{n}条 \"quoted\"\nnew line")
        } else {
            String::new()
        },
    }
}

/// Appends `n` varied entries and returns their records.
pub async fn fill(store: &Store, n: u32) -> Vec<fw_store::AuditRecord> {
    let mut out = Vec::new();
    for i in 1..=n {
        out.push(store.append_audit(&entry(i)).await.expect("append"));
    }
    out
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://p@127.0.0.1:54329/floorwalker_test", "x"),
        "postgres://p@127.0.0.1:54329/x"
    );
    assert_eq!(
        with_database("postgres://p@h/db?sslmode=disable", "x"),
        "postgres://p@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://p@h", "x"), "postgres://p@h/x");
}
