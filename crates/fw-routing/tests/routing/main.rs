//! fw-routing's integration tests: the plan's versioning and history, each rule, routing
//! one call, the impact preview, the AstDB keys, the simulator's own centre, and property
//! tests of the invariants.

mod approval;
mod astdb;
mod impact;
mod plan;
mod props;
mod route;
mod rules;
mod sim;
mod support;
