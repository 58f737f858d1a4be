//! Tauri commands, one module per job; each is a thin delegation to `fw-app`.

pub mod wallboard;
