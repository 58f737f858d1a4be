//! Wiring: configuration from the environment, the hub (started by fw-app), the Tauri app.

use anyhow::Context;
use fw_app::AppConfig;

use crate::commands;
use crate::console::Console;
use crate::heap_trim;
use crate::notifier;
use crate::webview_painting::{self, GpuChoice};
use crate::window_state;
use tauri::Manager;

/// Runs the console until its window closes.
pub fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FLOORWALKER_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    heap_trim::start();
    let vars: Vec<(String, String)> = std::env::vars()
        .filter(|(key, _)| key.starts_with("FLOORWALKER_"))
        .collect();
    let config = AppConfig::from_vars(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .context("the console's configuration (FLOORWALKER_* environment variables) is invalid")?;
    let gpu = vars
        .iter()
        .find(|(key, _)| key == "FLOORWALKER_WEBVIEW_GPU")
        .map(|(_, value)| value.as_str());
    let accelerate = GpuChoice::parse(gpu)
        .map_err(anyhow::Error::msg)
        .context("the console's configuration (FLOORWALKER_* environment variables) is invalid")?
        .accelerate(webview_painting::has_render_node(std::path::Path::new(
            "/dev/dri",
        )));
    // The hub's task runs on the runtime Tauri runs its async commands on. A supervisor's hub
    // checks and audits monitoring; if the store cannot be opened the console still shows the
    // floor, with monitoring refused (never unaudited).
    let hub = tauri::async_runtime::block_on(async {
        match fw_app::start_supervisor_hub(&config, fw_app::wall_clock()).await {
            Ok(hub) => Ok(hub),
            Err(fw_app::StartError::Store(error)) => {
                tracing::error!(%error, "no audit trail: monitoring is off for this session");
                fw_app::start_hub(&config, fw_app::wall_clock()).map_err(anyhow::Error::from)
            }
            Err(error) => Err(anyhow::Error::from(error)),
        }
    })
    .context("cannot start the console (platform, team file or store)")?;

    let console = Console::new(
        Console::user_from_env(),
        matches!(config.platform, fw_app::PlatformChoice::Simulator(_)),
    );
    if let Some(user) = hub.team().user(&console.user).cloned() {
        tracing::info!(user = %console.user, role = %user.role, "signed in");
    } else {
        tracing::warn!(user = %console.user, "not in the team: view only");
    }

    let lang = notifier::NotifyLang::default();
    let notifier_hub = hub.clone();
    let notifier_lang = lang.clone();
    tauri::Builder::default()
        .manage(hub)
        .manage(console)
        .manage(lang)
        .manage(crate::import_staging::ImportStaging::default())
        .setup(move |app| {
            notifier::routing::spawn(app.handle().clone(), &notifier_hub, notifier_lang.clone());
            notifier::spawn(app.handle().clone(), &notifier_hub, notifier_lang);
            if let Some(window) = app.get_webview_window("main") {
                if !accelerate {
                    webview_painting::paint_in_software(&window);
                }
                window_state::restore(app.handle(), &window);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::CloseRequested { .. }) {
                window_state::save(window);
            }
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("../tauri.conf.json"))
        .context("the console window failed")
}
