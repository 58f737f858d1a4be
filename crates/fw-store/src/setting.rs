//! A setting changed in the console.

/// One setting: whose it is, which, its value, and who changed it when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingRecord {
    /// The user it belongs to, or [`TEAM_OWNER`] for a team-wide setting.
    pub owner: String,
    /// Dotted name, e.g. `monitoring.endpoint`.
    pub key: String,
    /// Text; JSON where the setting is structured. fw-app owns the meaning.
    pub value: String,
    pub updated_at_ms: i64,
    /// Who changed it (an admin may change another user's setting).
    pub updated_by: String,
}

/// The owner of team-wide settings (no user name is empty).
pub const TEAM_OWNER: &str = "";

/// Longest value kept: settings are small; anything bigger is a mistake, not a setting.
pub const MAX_SETTING_BYTES: usize = 64 * 1024;
