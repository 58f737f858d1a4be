//! One request for one page, and what to do about its answer: use it, try again, or
//! give up.

use std::error::Error as _;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue, RETRY_AFTER};
use reqwest::{Client, Response, StatusCode, Url};

use crate::backoff::parse_retry_after;
use crate::error::PullError;
use crate::excerpt::body_excerpt;
use crate::page::{Page, parse_page};

/// The largest page body read. 500 surveys with comments are well under a megabyte; a
/// body this large means a misbehaving server, and reading on would only eat memory.
pub(crate) const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// How much of an error body is read for its excerpt.
const MAX_ERROR_BODY_BYTES: usize = 4 * 1024;

/// What one request came to.
#[derive(Debug)]
pub(crate) enum Outcome {
    Page(Page),
    /// Worth another try: connect failures, timeouts, 5xx and 429. `retry_after` is the
    /// server's own `Retry-After`, when it sent one.
    Retry {
        cause: PullError,
        retry_after: Option<Duration>,
    },
    /// Trying again would give the same answer.
    Fail(PullError),
}

/// What a request needs besides its URL.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestContext<'a> {
    pub(crate) client: &'a Client,
    /// `Bearer <token>`, marked sensitive.
    pub(crate) authorization: &'a HeaderValue,
    /// Only to redact an echo of it from error bodies.
    pub(crate) token: &'a str,
    pub(crate) timeout: Duration,
}

/// Asks for page number `page` at `url` once.
pub(crate) async fn fetch_once(ctx: RequestContext<'_>, url: &Url, page: u32) -> Outcome {
    let sent = ctx
        .client
        .get(url.clone())
        .header(AUTHORIZATION, ctx.authorization.clone())
        .header(ACCEPT, "application/json")
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(e) => return transport_outcome(e, ctx.timeout),
    };
    let status = response.status();
    if status.is_success() {
        return read_page(response, ctx.timeout, page).await;
    }
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_retry_after);
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            // The body is not read: it may well quote the refused token.
            Outcome::Fail(PullError::Unauthorized {
                status: status.as_u16(),
            })
        }
        StatusCode::NOT_FOUND => Outcome::Fail(PullError::NotFound(url.to_string())),
        _ => {
            let cause = PullError::Http {
                status: status.as_u16(),
                body_excerpt: error_excerpt(response, ctx.token).await,
            };
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                Outcome::Retry { cause, retry_after }
            } else {
                Outcome::Fail(cause)
            }
        }
    }
}

/// Reads and parses a successful answer.
async fn read_page(mut response: Response, timeout: Duration, page: u32) -> Outcome {
    if response.status() == StatusCode::NO_CONTENT {
        return Outcome::Page(Page {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    let too_large = || {
        Outcome::Fail(PullError::Malformed {
            page,
            reason: format!("the body is larger than {MAX_PAGE_BYTES} bytes"),
        })
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_PAGE_BYTES as u64)
    {
        return too_large();
    }
    let body = match read_capped(&mut response, MAX_PAGE_BYTES).await {
        Ok((body, false)) => body,
        Ok((_, true)) => return too_large(),
        Err(e) => return transport_outcome(e, timeout),
    };
    match parse_page(&body) {
        Ok(parsed) => Outcome::Page(parsed),
        Err(reason) => Outcome::Fail(PullError::Malformed { page, reason }),
    }
}

/// The excerpt of an error answer. What could not be read is simply left out: the
/// status already says what happened.
async fn error_excerpt(mut response: Response, token: &str) -> String {
    let body = read_capped(&mut response, MAX_ERROR_BODY_BYTES)
        .await
        .map(|(body, _)| body)
        .unwrap_or_default();
    body_excerpt(&body, token)
}

/// Up to `cap` bytes of the body, and whether there was more.
async fn read_capped(
    response: &mut Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = cap - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// A failure below HTTP. Timeouts and broken or refused connections are worth another
/// try; a redirect loop or a request reqwest cannot build is not.
fn transport_outcome(error: reqwest::Error, timeout: Duration) -> Outcome {
    if error.is_timeout() {
        return Outcome::Retry {
            cause: PullError::Timeout(timeout),
            retry_after: None,
        };
    }
    let retryable = error.is_connect() || error.is_request() || error.is_body();
    let cause = PullError::Transport(describe(error));
    if retryable {
        Outcome::Retry {
            cause,
            retry_after: None,
        }
    } else {
        Outcome::Fail(cause)
    }
}

/// reqwest's message with its causes ("error sending request: client error (Connect):
/// tcp connect error: Connection refused"), without the URL: the caller knows it, and
/// the message stays short.
pub(crate) fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.ends_with(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}
