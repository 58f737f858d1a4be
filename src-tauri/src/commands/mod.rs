//! Tauri commands, one module per job; each is a thin delegation to `fw-app`.

pub mod agents;
pub mod alerts;
pub mod audit;
pub mod calls;
pub mod monitoring;
pub mod profile;
pub mod routing;
pub mod settings;
pub mod surveys;
pub mod training;
pub mod trends;
pub mod wallboard;
