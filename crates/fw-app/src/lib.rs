//! Floorwalker's use cases and composition root. The [`Hub`] owns the connector and the
//! metrics engine, applies events in order, and publishes a [`LiveFrame`] on a watch
//! channel at most ten times a second. Screens (the Tauri console, the egui wallboard)
//! only read frames and send commands.

mod agent_board;
mod alerting;
mod audit_view;
mod caller_mask;
mod config;
mod endpoint;
mod hub;
mod live_frame;
mod monitor_desk;
mod monitoring;
mod platform_vars;
pub use platform_vars::asterisk_settings_from_vars;
mod profile_settings;
mod publisher;
mod roles;
mod routing_audit;
mod routing_codec;
mod routing_desk;
mod routing_error;
mod routing_request;
mod routing_state;
mod startup;
mod surveys;
mod team;
mod team_settings;
mod training;

pub use agent_board::{
    AgentPage, AgentQuery, AgentSort, MAX_AGENT_PAGE, StateCounts, StateFilter, agent_page,
};
pub use audit_view::{
    AuditExport, AuditView, AuditViewError, MAX_AUDIT_PAGE, agent_and_queue_names, export_file_name,
};
pub use caller_mask::{caller_number_for, mask_number};
pub use config::{
    AppConfig, AsteriskSettings, ConfigError, DEFAULT_SURVEY_PULL_MINUTES, PlatformChoice,
    SimSettings, SurveyServiceSettings,
};
pub use endpoint::{EndpointError, MAX_ENDPOINT_CHARS, parse_endpoint};
pub use fw_connect::wall_clock;
pub use fw_store::{AuditQuery, AuditRecord};
pub use hub::{Hub, HubError};
pub use live_frame::{ENDED_MONITORS_KEPT, EndedMonitor, LinkState, LinkStatus, LiveFrame};
pub use monitor_desk::{MonitorDenial, MonitorDesk, MonitorFacts, MonitorPlan, MonitorRequest};
pub use monitoring::{MonitorError, Monitoring};
pub use profile_settings::{ENDPOINT_SETTING, ProfileError, apply_stored_endpoints};
pub use roles::{Permission, Role};
pub use routing_audit::SYSTEM_USER;
pub use routing_desk::{ROUTING_POLICY_SETTING, RoutingDesk, load_policy};
pub use routing_error::RoutingError;
pub use routing_request::{RoutingChanged, RoutingRequest};
pub use routing_state::RoutingState;
pub use startup::{StartError, start_display_hub, start_hub, start_supervisor_hub};
pub use surveys::{
    DuplicateRow, FormAgreement, ImportReport, ImportRequest, ItemAgreement, MAX_IMPORT_BYTES,
    MAX_TREND_LINES, PULL_MAX_PAGES, PullReport, PullState, PullTrigger, ReviewAction, RoundView,
    SURVEY_KEYRING_SERVICE, SURVEY_PULL_CURSOR_SETTING, SURVEY_TOKEN_ENV, SurveyDesk, SurveyDetail,
    SurveyError, SurveyPullStatus, TrendInterval, TrendSeries,
};
pub use team::{MonitoringRules, Team, TeamError, User};
pub use team_settings::{
    ALERT_RULES_SETTING, CENTRE_HOURS_SETTING, SettingsError, load_alert_rules, load_calendar,
    parse_calendar,
};
pub use training::{TRAINING_COLLEAGUE, TrainingError, colleague_barges_in};
