//! Test support: the transcript reader, the replay harness and snapshot files.

pub mod replay;
pub mod snapshot;
pub mod transcript;
