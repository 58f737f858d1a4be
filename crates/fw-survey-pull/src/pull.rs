//! [`SurveyPull`]: pages through the survey service, retrying what is worth retrying.

use std::collections::HashSet;
use std::fmt;

use reqwest::header::HeaderValue;

use crate::backoff::Backoff;
use crate::batch::PullBatch;
use crate::endpoint::Endpoint;
use crate::error::PullError;
use crate::jitter::Jitter;
use crate::page::Page;
use crate::request::{Outcome, RequestContext, describe, fetch_once};
use crate::settings::PullSettings;
use crate::tls;
use crate::token::BearerToken;

const USER_AGENT: &str = concat!("floorwalker-survey-pull/", env!("CARGO_PKG_VERSION"));

/// A survey service client: one connection pool, the settings and the token. Cheap to
/// share behind an `Arc`; pulls from several tasks at once are fine.
pub struct SurveyPull {
    client: reqwest::Client,
    settings: PullSettings,
    endpoint: Endpoint,
    token: BearerToken,
    authorization: HeaderValue,
    backoff: Backoff,
}

impl SurveyPull {
    /// Checks the settings and builds the HTTP client (TLS included, so a broken
    /// certificate store shows up here rather than at the first pull). Does no IO.
    pub fn new(settings: PullSettings, token: BearerToken) -> Result<SurveyPull, PullError> {
        settings.validate()?;
        let endpoint = Endpoint::parse(&settings.base_url)?;
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
            .map_err(|_| PullError::InvalidToken("the token is not a valid HTTP header value"))?;
        authorization.set_sensitive(true);
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(settings.request_timeout)
            .connect_timeout(settings.request_timeout)
            .tls_backend_preconfigured(tls::client_config()?);
        if endpoint.is_loopback() {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .map_err(|e| PullError::Client(describe(e)))?;
        let backoff = Backoff::new(
            settings.initial_backoff,
            settings.max_backoff,
            Jitter::seed_from_process(),
        );
        Ok(SurveyPull {
            client,
            settings,
            endpoint,
            token,
            authorization,
            backoff,
        })
    }

    pub fn settings(&self) -> &PullSettings {
        &self.settings
    }

    /// Pulls every page after `cursor` (`None` or blank: from the start) and returns the
    /// items in order with the cursor to resume from next time.
    ///
    /// Stops at a page without a next cursor or at an empty page. A failure on a later
    /// page comes back as [`PullError::Interrupted`] carrying every earlier page, so
    /// nothing that arrived is lost.
    pub async fn pull(&self, cursor: Option<&str>) -> Result<PullBatch, PullError> {
        let start = cursor.filter(|c| !c.trim().is_empty()).map(str::to_owned);
        let mut batch = PullBatch {
            items: Vec::new(),
            next_cursor: start.clone(),
            pages: 0,
            retries: 0,
        };
        // Every cursor this pull has followed: one handed out again means the service
        // is going round in a circle.
        let mut followed: HashSet<String> = start.iter().cloned().collect();
        let mut asking_with = start;
        loop {
            if batch.pages >= self.settings.max_pages {
                let cause = PullError::PageLimit {
                    max_pages: self.settings.max_pages,
                };
                return Err(interrupted(batch, cause));
            }
            let page_number = batch.pages + 1;
            let page = match self
                .fetch_page(page_number, asking_with.as_deref(), &mut batch.retries)
                .await
            {
                Ok(page) => page,
                Err(cause) => return Err(interrupted(batch, cause)),
            };
            let Page { items, next_cursor } = page;
            if items.is_empty() {
                // Caught up. A cursor on the empty page is where the service wants the
                // next pull to start.
                batch.pages += 1;
                if next_cursor.is_some() {
                    batch.next_cursor = next_cursor;
                }
                tracing::debug!(
                    pages = batch.pages,
                    items = batch.items.len(),
                    "survey pull caught up"
                );
                return Ok(batch);
            }
            let Some(next) = next_cursor else {
                batch.pages += 1;
                batch.items.extend(items);
                tracing::debug!(
                    pages = batch.pages,
                    items = batch.items.len(),
                    "survey pull reached the last page"
                );
                return Ok(batch);
            };
            if followed.contains(&next) {
                // The page itself is dropped: it may repeat items already taken, and
                // `next_cursor` stays at the cursor it was asked with.
                let cause = PullError::RepeatedCursor {
                    page: page_number,
                    cursor: next,
                };
                return Err(interrupted(batch, cause));
            }
            batch.pages += 1;
            batch.items.extend(items);
            followed.insert(next.clone());
            batch.next_cursor = Some(next.clone());
            asking_with = Some(next);
        }
    }

    /// One page, retried with backoff while the failures are worth retrying. Each
    /// retry is counted in `retries` as it happens, so an interrupted batch reports
    /// them too.
    async fn fetch_page(
        &self,
        page: u32,
        cursor: Option<&str>,
        retries: &mut u32,
    ) -> Result<Page, PullError> {
        let url = self.endpoint.page_url(self.settings.page_size, cursor);
        let ctx = RequestContext {
            client: &self.client,
            authorization: &self.authorization,
            token: self.token.expose(),
            timeout: self.settings.request_timeout,
        };
        let mut attempt = 1;
        loop {
            let (cause, retry_after) = match fetch_once(ctx, &url, page).await {
                Outcome::Page(received) => {
                    tracing::debug!(
                        page,
                        items = received.items.len(),
                        attempt,
                        "survey page received"
                    );
                    return Ok(received);
                }
                Outcome::Fail(cause) => return Err(cause),
                Outcome::Retry { cause, retry_after } => (cause, retry_after),
            };
            if attempt >= self.settings.max_attempts {
                return Err(PullError::AttemptsExhausted {
                    page,
                    attempts: attempt,
                    last: Box::new(cause),
                });
            }
            let delay = self.backoff.delay(attempt - 1, retry_after);
            // Logged, not returned: the retry handles it. Only the final cause is
            // returned, inside AttemptsExhausted.
            tracing::warn!(
                page,
                attempt,
                max_attempts = self.settings.max_attempts,
                retry_in_ms = delay.as_millis() as u64,
                code = cause.code(),
                "survey page failed, retrying: {cause}"
            );
            tokio::time::sleep(delay).await;
            *retries += 1;
            attempt += 1;
        }
    }
}

/// A failure after some pages arrived keeps them; before that there is nothing to keep.
fn interrupted(partial: PullBatch, cause: PullError) -> PullError {
    if partial.pages == 0 {
        cause
    } else {
        PullError::Interrupted {
            partial,
            cause: Box::new(cause),
        }
    }
}

impl fmt::Debug for SurveyPull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SurveyPull")
            .field("settings", &self.settings)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}
