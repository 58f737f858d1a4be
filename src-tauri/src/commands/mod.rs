//! Tauri commands, one module per job; each is a thin delegation to `fw-app`.

pub mod agents;
pub mod alerts;
pub mod audit;
pub mod calls;
pub mod monitoring;
pub mod profile;
pub mod routing;
pub mod settings;
pub mod survey_export;
pub mod survey_import;
pub mod survey_pull;
pub mod survey_qa;
pub mod survey_trends;
pub mod surveys;
pub mod training;
pub mod trends;
pub mod wallboard;

/// Every command the console's window may call, in one handler (the list grows by job, so it
/// lives here rather than in the start-up wiring).
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        wallboard::subscribe_frames,
        wallboard::set_window,
        profile::profile,
        profile::set_endpoint,
        calls::subscribe_calls,
        calls::want_every_call,
        agents::agents_page,
        monitoring::monitor_call,
        monitoring::monitor_agent,
        monitoring::monitor_mode,
        monitoring::monitor_stop,
        audit::audit_search,
        audit::audit_export,
        training::training_colleague_barge,
        alerts::subscribe_alerts,
        alerts::acknowledge_alert,
        alerts::set_locale,
        settings::team_settings,
        settings::set_alert_rules,
        settings::set_centre_hours,
        trends::trend_charts,
        routing::subscribe_routing,
        routing::routing_preview,
        routing::routing_change,
        routing::set_routing_policy,
        surveys::survey_page,
        surveys::survey_detail,
        surveys::survey_review,
        surveys::survey_note,
        surveys::survey_tags,
        surveys::survey_save_tag,
        surveys::survey_people,
        survey_import::survey_import_stage,
        survey_import::survey_import_preview,
        survey_import::survey_import,
        survey_import::survey_import_discard,
        survey_pull::survey_pull_status,
        survey_pull::survey_pull_now,
        survey_export::survey_export_path,
        survey_export::survey_export,
        survey_qa::survey_qa_forms,
        survey_qa::survey_qa_create_form,
        survey_qa::survey_qa_raters,
        survey_qa::survey_qa_open_round,
        survey_qa::survey_qa_sample,
        survey_qa::survey_qa_rounds,
        survey_qa::survey_qa_rounds_of_survey,
        survey_qa::survey_qa_round,
        survey_qa::survey_qa_submit,
        survey_qa::survey_qa_agreement,
        survey_trends::survey_trends,
    ]
}
