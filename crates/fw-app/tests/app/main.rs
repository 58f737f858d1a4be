//! fw-app's integration tests.

mod hub;
mod monitor_desk;
mod monitoring;
