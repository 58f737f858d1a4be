//! fw-app's integration tests.

mod alerts;
mod audit_trail;
mod display;
mod hub;
mod monitor_desk;
mod monitoring;
mod profile;
mod routing;
mod routing_approval;
mod survey_pull;
mod surveys;
