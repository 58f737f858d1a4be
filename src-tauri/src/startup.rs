//! Wiring: configuration, the platform connector, the hub, and the Tauri app.

use anyhow::Context;
use fw_app::{AppConfig, Hub, PlatformChoice};
use fw_connect::{SimConnector, SimConnectorConfig};
use fw_domain::Timestamp;
use fw_engine::EngineConfig;
use fw_sim::SimConfig;

use crate::commands;

/// Runs the console until its window closes.
pub fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FLOORWALKER_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let vars: Vec<(String, String)> = std::env::vars()
        .filter(|(key, _)| key.starts_with("FLOORWALKER_"))
        .collect();
    let config = AppConfig::from_vars(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .context("the console's configuration (FLOORWALKER_* environment variables) is invalid")?;
    let engine_config = EngineConfig {
        calendar: config.calendar.clone(),
        ..EngineConfig::default()
    };

    let hub = match config.platform {
        PlatformChoice::Simulator(settings) => {
            let present = wall_clock();
            let mut sim = SimConfig::new(
                settings.seed,
                settings.agents,
                AppConfig::sim_start(&settings, present),
            );
            sim.speed = settings.speed;
            let connector = SimConnector::new(SimConnectorConfig {
                sim,
                present,
                tick: std::time::Duration::from_millis(100),
            })
            .context("cannot start the embedded simulator")?;
            tracing::info!(
                agents = settings.agents,
                seed = settings.seed,
                speed = settings.speed,
                "starting on the embedded simulator"
            );
            // The hub's task needs the runtime Tauri runs its async commands on.
            tauri::async_runtime::block_on(async move { Hub::start(connector, engine_config) })
        }
    };

    tauri::Builder::default()
        .manage(hub)
        .invoke_handler(tauri::generate_handler![
            commands::wallboard::subscribe_frames,
            commands::wallboard::set_window
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .context("the console window failed")
}

fn wall_clock() -> Timestamp {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
}
