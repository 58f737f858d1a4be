//! Users and roles on the store, for a team sharing one store.

use crate::{Store, StoreError, UserRecord};

/// Insert or replace by name; `excluded` names the row that was proposed (same spelling on
/// SQLite and PostgreSQL).
const UPSERT: &str = "INSERT INTO users (name, display_name, role, endpoint, protected) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, \
     endpoint = excluded.endpoint, protected = excluded.protected";

const ALL: &str = "SELECT name, display_name, role, endpoint, protected FROM users";
const ONE: &str = "SELECT name, display_name, role, endpoint, protected FROM users WHERE name = $1";
const REMOVE: &str = "DELETE FROM users WHERE name = $1";

type UserRow = (String, String, String, Option<String>, bool);

impl Store {
    /// Adds the user, or replaces every field of the user with that name.
    pub async fn upsert_user(&self, user: &UserRecord) -> Result<(), StoreError> {
        validate(user)?;
        with_pool!(self, |pool| {
            bind_user(sqlx::query(UPSERT), user).execute(pool).await?;
        });
        Ok(())
    }

    /// Upserts every user in one transaction: a users file synced into a shared store lands
    /// whole or not at all. Users not in `users` are left alone; a name listed twice keeps the
    /// last.
    pub async fn import_users(&self, users: &[UserRecord]) -> Result<(), StoreError> {
        users.iter().try_for_each(validate)?;
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for user in users {
                bind_user(sqlx::query(UPSERT), user)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        tracing::info!(count = users.len(), "users imported");
        Ok(())
    }

    /// Every user, sorted by name (byte order, the same on both backends, whatever the
    /// server's collation).
    pub async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        let rows: Vec<UserRow> =
            with_pool!(self, |pool| sqlx::query_as(ALL).fetch_all(pool).await?);
        let mut users: Vec<UserRecord> = rows.into_iter().map(from_row).collect();
        users.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(users)
    }

    /// The user with this login name, if any.
    pub async fn user(&self, name: &str) -> Result<Option<UserRecord>, StoreError> {
        let row: Option<UserRow> = with_pool!(self, |pool| sqlx::query_as(ONE)
            .bind(name)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(from_row))
    }

    /// Removes the user; `false` if there was none by that name.
    pub async fn remove_user(&self, name: &str) -> Result<bool, StoreError> {
        let removed = with_pool!(self, |pool| sqlx::query(REMOVE)
            .bind(name)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(removed > 0)
    }
}

fn validate(user: &UserRecord) -> Result<(), StoreError> {
    if user.name.trim().is_empty() {
        return Err(StoreError::InvalidInput(
            "a user needs a non-empty name".to_owned(),
        ));
    }
    Ok(())
}

fn bind_user<'q, DB: sqlx::Database>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    user: &'q UserRecord,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(user.name.as_str())
        .bind(user.display_name.as_str())
        .bind(user.role.as_str())
        .bind(user.endpoint.as_deref())
        .bind(user.protected)
}

fn from_row((name, display_name, role, endpoint, protected): UserRow) -> UserRecord {
    UserRecord {
        name,
        display_name,
        role,
        endpoint,
        protected,
    }
}
