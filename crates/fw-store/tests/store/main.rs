//! fw-store's integration tests: every scenario runs against SQLite (a temporary file) and,
//! when `FLOORWALKER_TEST_PG_URL` names a server (scripts/pg-test.sh starts one), against
//! PostgreSQL in a database of its own.

mod support;

mod audit;
mod cli;
mod open;
mod routing_plan;
mod settings;
mod survey_bulk;
mod survey_data;
mod survey_review;
mod surveys;
mod tamper;
mod users;
