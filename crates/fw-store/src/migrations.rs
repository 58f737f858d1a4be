//! The schema, embedded in the binary and applied by sqlx's migrator.
//!
//! `migrations/*.sql` hold the schema and run unchanged on both backends. What SQLite and
//! PostgreSQL cannot share lives in `migrations/sqlite/` and `migrations/postgres/`, numbered
//! from 1001 so the shared files keep 0001..1000: the audit trail's append-only triggers
//! (`RAISE(ABORT, ...)` versus a PL/pgSQL function) and the survey tables (identity columns,
//! and FTS5 versus a GIN index for comment search). A backend's
//! migrator is the shared list plus its own folder.
//!
//! The files are listed by hand (sqlx's `migrate!` needs its `macros` feature); a test checks
//! that the list and the folders agree, so a new file cannot be forgotten.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use crate::Backend;

/// (version, description, SQL)
type EmbeddedFile = (i64, &'static str, &'static str);

/// Runs unchanged on both backends.
const SHARED: &[EmbeddedFile] = &[
    (
        1,
        "audit log",
        include_str!("../migrations/0001_audit_log.sql"),
    ),
    (2, "users", include_str!("../migrations/0002_users.sql")),
    (
        3,
        "settings",
        include_str!("../migrations/0003_settings.sql"),
    ),
    (
        4,
        "routing plan",
        include_str!("../migrations/0004_routing_plan.sql"),
    ),
];

const SQLITE_ONLY: &[EmbeddedFile] = &[
    (
        1001,
        "audit append-only triggers (sqlite)",
        include_str!("../migrations/sqlite/1001_audit_append_only.sql"),
    ),
    (
        1002,
        "surveys and their review (sqlite)",
        include_str!("../migrations/sqlite/1002_surveys.sql"),
    ),
    (
        1003,
        "survey indexes for newest first (sqlite)",
        include_str!("../migrations/sqlite/1003_survey_newest_indexes.sql"),
    ),
];

const POSTGRES_ONLY: &[EmbeddedFile] = &[
    (
        1001,
        "audit append-only triggers (postgres)",
        include_str!("../migrations/postgres/1001_audit_append_only.sql"),
    ),
    (
        1002,
        "surveys and their review (postgres)",
        include_str!("../migrations/postgres/1002_surveys.sql"),
    ),
    (
        1003,
        "survey indexes for newest first (postgres)",
        include_str!("../migrations/postgres/1003_survey_newest_indexes.sql"),
    ),
];

/// The embedded migrations of one backend, as a sqlx migration source.
#[derive(Clone, Copy, Debug)]
struct EmbeddedMigrations(Backend);

impl EmbeddedMigrations {
    fn migrations(self) -> Vec<Migration> {
        let own = match self.0 {
            Backend::Sqlite => SQLITE_ONLY,
            Backend::Postgres => POSTGRES_ONLY,
        };
        let mut all: Vec<Migration> = SHARED
            .iter()
            .chain(own)
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    Cow::Borrowed(sql),
                    false,
                )
            })
            .collect();
        all.sort_by_key(|m| m.version);
        all
    }
}

impl<'s> MigrationSource<'s> for EmbeddedMigrations {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>> {
        Box::pin(async move { Ok(self.migrations()) })
    }
}

/// The migrator for `backend`. Locking stays on: on PostgreSQL sqlx takes an advisory lock, so
/// consoles starting together against a fresh shared store do not race.
pub(crate) async fn migrator(backend: Backend) -> Result<Migrator, sqlx::migrate::MigrateError> {
    Migrator::new(EmbeddedMigrations(backend)).await
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn files_in(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    fn versions(list: &[EmbeddedFile]) -> BTreeSet<String> {
        list.iter().map(|(v, ..)| format!("{v:04}")).collect()
    }

    fn prefixes(files: &BTreeSet<String>) -> BTreeSet<String> {
        files.iter().map(|f| f[..4].to_owned()).collect()
    }

    #[test]
    fn every_migration_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        assert_eq!(prefixes(&files_in(&root)), versions(SHARED));
        assert_eq!(
            prefixes(&files_in(&root.join("sqlite"))),
            versions(SQLITE_ONLY)
        );
        assert_eq!(
            prefixes(&files_in(&root.join("postgres"))),
            versions(POSTGRES_ONLY)
        );
        assert!(
            SHARED.iter().all(|(v, ..)| *v < 1001),
            "shared versions stay below 1001"
        );
    }

    #[test]
    fn each_backend_gets_the_shared_list_plus_its_own_in_order() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let list = EmbeddedMigrations(backend).migrations();
            let got: Vec<i64> = list.iter().map(|m| m.version).collect();
            assert_eq!(got, vec![1, 2, 3, 4, 1001, 1002, 1003]);
        }
    }
}
