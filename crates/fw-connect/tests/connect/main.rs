//! fw-connect's integration tests: the SimConnector on tokio's paused clock, and the
//! AmiConnector against a fake AMI server on 127.0.0.1 that replays real transcripts.

mod ami_mapping;
mod ami_monitoring;
mod ami_outage;
mod ami_queue_flow;
mod ami_resilience;
mod ami_routing;
mod ami_support;
mod ami_tls;
mod docs;
mod fake_ami;
mod keyring;
mod sim;
