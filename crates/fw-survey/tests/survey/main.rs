//! fw-survey's integration tests: one binary, one module per subject.
