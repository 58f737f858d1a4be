//! Floorwalker's store: sqlx over SQLite (a file in the OS data directory, the default) or
//! PostgreSQL (given a URL, for a team sharing one store), with the same migrations for both.
//!
//! It keeps:
//! - the **audit trail**: every monitoring start, mode change and stop, and every denied
//!   attempt, with user, role, time, call, agent, queue and mode. Append-only (no update or
//!   delete API; database triggers reject UPDATE and DELETE) and tamper-evident: each record
//!   carries the SHA-256 of its canonical bytes (see [`chain`]) over the previous record's
//!   hash, and [`Store::verify_audit`] walks the chain and names the first bad record.
//! - the **users** of a shared team: the same fields a single site keeps in its users file
//!   (that loader lives in fw-app; [`Store::import_users`] syncs a file into the store).
//! - **settings** changed in the console, per user (e.g. the phone rung for monitoring) or
//!   team-wide, as text keyed by owner and name; fw-app owns what they mean.
//!
//! - the team's **routing plan**: the disaster modes in force, replaced only by compare and
//!   swap on its version, so two leads acting at once cannot both win.
//!
//! - **surveys** with the call's facts and their review: status, follow-up, tags from a managed
//!   list, notes; comment search (FTS5 on SQLite, GIN on PostgreSQL); trend counts; blind
//!   QA scoring forms, rounds and sheets.
//!
//! Time is always passed in (`at_ms`); nothing here reads a clock.

pub mod audit;
mod audit_query;
pub mod chain;
mod error;
mod location;
mod migrations;
mod qa_record;
mod routing_plan_record;
mod setting;
mod store;
mod stored_survey;
mod survey_trend;
mod user;
mod verify;

pub use audit::{AuditEntry, AuditOutcome, AuditRecord, AuditVerification};
pub use audit_query::AuditQuery;
pub use chain::{GENESIS_HASH, canonical_bytes, chain_hash};
pub use error::StoreError;
pub use location::{Backend, DEFAULT_FILE_NAME, default_db_path, redact_url};
pub use qa_record::{QaFormRecord, QaRoundRecord, QaScoreRecord};
pub use routing_plan_record::{MAX_ROUTING_PLAN_BYTES, RoutingPlanRecord};
pub use setting::{MAX_SETTING_BYTES, SettingRecord, TEAM_OWNER};
pub use store::{MAX_BULK_SURVEYS, MAX_QA_JSON_BYTES, MAX_TREND_CELLS, Store};
pub use stored_survey::{
    DuplicateCall, MAX_NOTE_BYTES, MAX_SURVEY_PAGE, SURVEY_COUNT_CAP, StoredSurvey,
    SurveyImportOutcome, SurveyNote, SurveyPage, SurveyTagRecord,
};
pub use survey_trend::{TrendCell, TrendGrouping};
pub use user::UserRecord;
