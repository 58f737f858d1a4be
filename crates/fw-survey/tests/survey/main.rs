//! fw-survey's integration tests: one binary, one module per subject.

mod agreement;
mod export;
mod import_csv;
mod import_json;
mod ledger;
mod scoring;
mod support;
mod tally;
