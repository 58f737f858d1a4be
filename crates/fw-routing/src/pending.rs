//! A mode waiting for a second supervisor: filed by one lead, turned on when another
//! approves it, gone when refused, withdrawn or not approved in time.

use fw_domain::Timestamp;

use crate::mode::ActiveMode;

/// A request awaiting approval. `request` is the mode as it will go on: its
/// `activated_by` and `activated_at` are the requester and the time of the request (the
/// approval sets the time it goes on), and it has no approver yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingApproval {
    pub request: ActiveMode,
    /// Lapses at this instant (the platform's clock) unless approved before.
    pub expires_at: Timestamp,
}

impl PendingApproval {
    /// Whether it may still be approved at `now`.
    pub fn is_open(&self, now: Timestamp) -> bool {
        now < self.expires_at
    }
}
