//! The computer's clock, read in one place. The pure crates never read it; adapters and
//! shells ask here.

use std::time::{SystemTime, UNIX_EPOCH};

use fw_domain::Timestamp;

/// Now, in milliseconds since the Unix epoch (0 for a clock set before 1970).
pub fn wall_clock() -> Timestamp {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
}
