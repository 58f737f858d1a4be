//! The Floorwalker supervisor console: a thin Tauri shell over `fw-app`.
//!
//! Commands (`commands/`) are one-line delegations to the hub; `dto/` holds the typed IPC
//! shapes whose TypeScript twins ts-rs generates into `ui/src/ipc/bindings/`.

mod commands;
mod console;
pub mod dto;
mod export_file;
mod heap_trim;
mod import_staging;
mod notifier;
mod startup;
mod webview_painting;
mod window_state;

pub use startup::run;
