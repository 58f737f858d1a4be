//! fw-ami's integration tests: the recorded Asterisk transcripts (with snapshots of what
//! the codec makes of them) and properties over arbitrary input.

mod properties;
mod support;
mod transcripts;
