//! Survey counts per group and time bucket, the raw material of the trend charts.

use fw_survey::SurveyTally;

/// What a trend is cut by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrendGrouping {
    Centre,
    Site,
    Queue,
    Agent,
}

impl TrendGrouping {
    pub(crate) const fn column(self) -> &'static str {
        match self {
            TrendGrouping::Centre => "''",
            TrendGrouping::Site => "s.site",
            TrendGrouping::Queue => "s.queue",
            TrendGrouping::Agent => "s.agent",
        }
    }
}

/// The counts of one group in one bucket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrendCell {
    /// Site, queue or agent name; empty for the centre.
    pub group: String,
    /// Start of the bucket, ms since the epoch.
    pub bucket_start_ms: i64,
    pub tally: SurveyTally,
}
