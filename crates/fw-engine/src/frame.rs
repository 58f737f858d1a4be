//! Everything a screen needs at one instant.

use fw_domain::{QueueId, SiteId, Timestamp};

use crate::anomalies::Anomalies;
use crate::figures::Figures;
use crate::window::Window;

/// One queue's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueFrame {
    pub queue: QueueId,
    pub site: SiteId,
    pub figures: Figures,
}

/// One site's roll-up.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteFrame {
    pub site: SiteId,
    pub figures: Figures,
}

/// The figures at `at` over `window`, per queue, per site and for the centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub at: Timestamp,
    pub window: Window,
    /// The first minute the window covers.
    pub window_start: Timestamp,
    pub total: Figures,
    /// In site id order.
    pub sites: Vec<SiteFrame>,
    /// In queue id order.
    pub queues: Vec<QueueFrame>,
    pub anomalies: Anomalies,
}
