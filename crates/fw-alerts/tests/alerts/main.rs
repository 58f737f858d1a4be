//! fw-alerts' integration tests: the state machine's promises, and rules over a real
//! simulated surge.

mod surge;
mod watch;
