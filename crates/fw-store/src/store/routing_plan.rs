//! The team's routing plan on the store: read, poll the version, replace by compare and swap.

use crate::{MAX_ROUTING_PLAN_BYTES, RoutingPlanRecord, Store, StoreError};

const SELECT: &str = "SELECT version, next_mode_id, modes, updated_at_ms, updated_by FROM routing_plan WHERE slot = 1";
const VERSION: &str = "SELECT version FROM routing_plan WHERE slot = 1";
const SWAP: &str = "UPDATE routing_plan SET version = $1, next_mode_id = $2, modes = $3, \
     updated_at_ms = $4, updated_by = $5 WHERE slot = 1 AND version = $6";

type PlanRow = (i64, i64, String, i64, String);

impl Store {
    /// The plan as last written (version 0 and no modes on a new store).
    pub async fn routing_plan(&self) -> Result<RoutingPlanRecord, StoreError> {
        let row: Option<PlanRow> = with_pool!(self, |pool| sqlx::query_as(SELECT)
            .fetch_optional(pool)
            .await?);
        let Some((version, next_mode_id, modes, updated_at_ms, updated_by)) = row else {
            return Err(missing());
        };
        Ok(RoutingPlanRecord {
            version: unsigned(version, "version")?,
            next_mode_id: unsigned(next_mode_id, "next mode id")?,
            modes,
            updated_at_ms,
            updated_by,
        })
    }

    /// Only the version: what every console polls to notice another console's change.
    pub async fn routing_plan_version(&self) -> Result<u64, StoreError> {
        let row: Option<(i64,)> = with_pool!(self, |pool| sqlx::query_as(VERSION)
            .fetch_optional(pool)
            .await?);
        let (version,) = row.ok_or_else(missing)?;
        unsigned(version, "version")
    }

    /// Replaces the plan if it is still at `expected_version`. `Ok(false)`: another writer
    /// got there first and nothing was written; read the plan again and decide again.
    pub async fn replace_routing_plan(
        &self,
        expected_version: u64,
        plan: &RoutingPlanRecord,
    ) -> Result<bool, StoreError> {
        if plan.modes.len() > MAX_ROUTING_PLAN_BYTES {
            return Err(StoreError::InvalidInput(format!(
                "the routing plan is {} bytes, more than the {MAX_ROUTING_PLAN_BYTES} allowed",
                plan.modes.len()
            )));
        }
        if plan.version <= expected_version {
            return Err(StoreError::InvalidInput(format!(
                "a new routing plan needs a version above {expected_version}, not {}",
                plan.version
            )));
        }
        let signed = |value: u64, what: &str| {
            i64::try_from(value)
                .map_err(|_| StoreError::InvalidInput(format!("the plan's {what} is too large")))
        };
        let version = signed(plan.version, "version")?;
        let next_mode_id = signed(plan.next_mode_id, "next mode id")?;
        let expected = signed(expected_version, "expected version")?;
        let swapped = with_pool!(self, |pool| sqlx::query(SWAP)
            .bind(version)
            .bind(next_mode_id)
            .bind(plan.modes.as_str())
            .bind(plan.updated_at_ms)
            .bind(plan.updated_by.as_str())
            .bind(expected)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(swapped == 1)
    }
}

fn missing() -> StoreError {
    StoreError::Corrupt {
        what: "routing plan".to_owned(),
        reason: "its row is missing".to_owned(),
    }
}

fn unsigned(value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt {
        what: "routing plan".to_owned(),
        reason: format!("its {what} is negative ({value})"),
    })
}
