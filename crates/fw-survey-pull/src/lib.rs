//! Floorwalker's survey pull adapter: pages post-call survey results out of a
//! third-party survey service's JSON API over HTTP(S) with reqwest, and hands back the
//! raw items in order with the cursor to resume from. Mapping the items to
//! `fw-survey` records and storing them is the caller's job; this crate only fetches.
//!
//! # The protocol it expects
//!
//! One collection URL, paged by an opaque cursor:
//!
//! ```text
//! GET {base_url}?limit={page_size}[&cursor={cursor}]
//! Authorization: Bearer <token>
//! Accept: application/json
//!
//! 200 OK
//! {"data": [{...}, {...}], "next_cursor": "abc"}
//! ```
//!
//! - The items may also be under `items` or `surveys`; each must be a JSON object
//!   (`null` for the array reads as an empty page).
//! - The cursor may also be under `next`, `cursor` or `nextCursor`; the first of these
//!   keys present decides, even when it is `null`. A number is taken as its text, and a
//!   `next` holding a whole URL gives that URL's `cursor` parameter (the request still
//!   goes to `base_url`, so the token never follows a link to another host).
//! - The cursor is sent back form-urlencoded. Paging stops at a page whose cursor is
//!   `null`, absent or blank, or at an empty page (`204 No Content` counts as one).
//! - A cursor this pull already followed stops it with [`PullError::RepeatedCursor`]
//!   instead of looping, and [`PullSettings::max_pages`] caps the pages per pull
//!   ([`PullError::PageLimit`]).
//!
//! Failures: connect errors, timeouts, 5xx and 429 are retried up to
//! [`PullSettings::max_attempts`] times per page, waiting a random time in an
//! exponentially growing window (full jitter) or the server's `Retry-After` seconds,
//! never longer than [`PullSettings::max_backoff`]. 401 and 403 are
//! [`PullError::Unauthorized`], 404 is [`PullError::NotFound`], other statuses are
//! [`PullError::Http`] with a short cleaned excerpt of the body, and a body that is not
//! a page is [`PullError::Malformed`]; none of these are retried. A failure after the
//! first page arrived is [`PullError::Interrupted`], which carries every page before it:
//! store `partial.items` and resume from `partial.next_cursor`.
//!
//! # Pointing it at a real service
//!
//! ```no_run
//! # async fn run() -> Result<(), fw_survey_pull::PullError> {
//! use fw_survey_pull::{BearerToken, PullSettings, SurveyPull};
//!
//! let settings = PullSettings {
//!     base_url: "https://surveys.example.com/api/v1/surveys?program=post-call".to_owned(),
//!     ..PullSettings::default()
//! };
//! // From the OS keyring or the environment, never from a configuration file.
//! let token = BearerToken::new(std::env::var("SURVEY_API_TOKEN").unwrap_or_default())?;
//! let pull = SurveyPull::new(settings, token)?;
//!
//! let stored_cursor: Option<String> = None; // the cursor saved after the last pull
//! match pull.pull(stored_cursor.as_deref()).await {
//!     Ok(batch) => { /* store batch.items, then save batch.next_cursor */ }
//!     Err(err) => {
//!         if let Some(partial) = err.partial() {
//!             /* store partial.items, then save partial.next_cursor */
//!         }
//!         return Err(err);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - `base_url` is the collection URL. Query parameters it carries (a program, a
//!   site) are kept; `limit` and `cursor` must be left to the pull. No user name or
//!   password in it: the bearer token is the credential.
//! - `https` works out of the box: rustls on the `ring` provider, server certificates
//!   checked against the operating system's trust store (so a corporate root CA
//!   installed in the OS is trusted). Plain `http` is for a service on this machine or
//!   a test double.
//! - A proxy from `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` is used, except for loopback
//!   hosts, which are always reached directly.
//! - If the service uses other key names, or pages by offset rather than by cursor,
//!   this crate does not fit as it is: extend the key lists in `src/page.rs` rather than
//!   translating in the caller.
//! - Pull on a timer (a few minutes apart is plenty for surveys), keep the returned
//!   cursor durably, and store items idempotently: a page without a next cursor is
//!   read again by the next pull.

mod backoff;
mod batch;
mod endpoint;
mod error;
mod excerpt;
mod jitter;
mod page;
mod pull;
mod request;
mod settings;
mod tls;
mod token;

pub use batch::PullBatch;
pub use endpoint::check_base_url;
pub use error::PullError;
pub use pull::SurveyPull;
pub use settings::PullSettings;
pub use token::BearerToken;
