//! Settings changed in the console, per user or team-wide, on the store.

use crate::{MAX_SETTING_BYTES, SettingRecord, Store, StoreError};

const UPSERT: &str = "INSERT INTO settings (owner, key, value, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value, \
     updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by";
const COLUMNS: &str = "SELECT owner, key, value, updated_at_ms, updated_by FROM settings";
const REMOVE: &str = "DELETE FROM settings WHERE owner = $1 AND key = $2";

type SettingRow = (String, String, String, i64, String);

impl Store {
    /// Sets (adds or replaces) one setting.
    pub async fn put_setting(&self, setting: &SettingRecord) -> Result<(), StoreError> {
        validate(setting)?;
        with_pool!(self, |pool| {
            sqlx::query(UPSERT)
                .bind(setting.owner.as_str())
                .bind(setting.key.as_str())
                .bind(setting.value.as_str())
                .bind(setting.updated_at_ms)
                .bind(setting.updated_by.as_str())
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// One setting, if it was ever set.
    pub async fn setting(
        &self,
        owner: &str,
        key: &str,
    ) -> Result<Option<SettingRecord>, StoreError> {
        let sql = format!("{COLUMNS} WHERE owner = $1 AND key = $2");
        let row: Option<SettingRow> = with_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(owner)
            .bind(key)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(from_row))
    }

    /// Every setting of one owner, sorted by key.
    pub async fn settings_of(&self, owner: &str) -> Result<Vec<SettingRecord>, StoreError> {
        let sql = format!("{COLUMNS} WHERE owner = $1");
        let rows: Vec<SettingRow> = with_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(owner)
            .fetch_all(pool)
            .await?);
        Ok(sorted(rows, |a, b| a.key.cmp(&b.key)))
    }

    /// One setting for every owner who has it (e.g. every user's monitoring phone), sorted
    /// by owner.
    pub async fn settings_named(&self, key: &str) -> Result<Vec<SettingRecord>, StoreError> {
        let sql = format!("{COLUMNS} WHERE key = $1");
        let rows: Vec<SettingRow> = with_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(key)
            .fetch_all(pool)
            .await?);
        Ok(sorted(rows, |a, b| a.owner.cmp(&b.owner)))
    }

    /// Removes a setting (back to the default); `false` if it was not set.
    pub async fn remove_setting(&self, owner: &str, key: &str) -> Result<bool, StoreError> {
        let removed = with_pool!(self, |pool| sqlx::query(REMOVE)
            .bind(owner)
            .bind(key)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(removed > 0)
    }
}

/// Sorted here, by bytes, so both backends agree whatever the server's collation.
fn sorted(
    rows: Vec<SettingRow>,
    order: impl Fn(&SettingRecord, &SettingRecord) -> std::cmp::Ordering,
) -> Vec<SettingRecord> {
    let mut settings: Vec<SettingRecord> = rows.into_iter().map(from_row).collect();
    settings.sort_by(order);
    settings
}

fn validate(setting: &SettingRecord) -> Result<(), StoreError> {
    if setting.key.trim().is_empty() {
        return Err(StoreError::InvalidInput(
            "a setting needs a name".to_owned(),
        ));
    }
    if setting.value.len() > MAX_SETTING_BYTES {
        return Err(StoreError::InvalidInput(format!(
            "setting {} is {} bytes, more than the {MAX_SETTING_BYTES} allowed",
            setting.key,
            setting.value.len()
        )));
    }
    Ok(())
}

fn from_row((owner, key, value, updated_at_ms, updated_by): SettingRow) -> SettingRecord {
    SettingRecord {
        owner,
        key,
        value,
        updated_at_ms,
        updated_by,
    }
}
