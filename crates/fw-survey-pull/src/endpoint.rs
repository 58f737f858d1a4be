//! [`Endpoint`]: the validated base URL and the page URLs built from it.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::PullError;

/// The configured collection URL, checked once so that building a page URL cannot fail.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    base: Url,
}

/// Checks a survey service's collection URL as a pull will use it (http or https, a host, no
/// credentials, fragment, `limit` or `cursor`): for a configuration read at start-up, so a
/// URL that cannot work is refused then rather than at the first pull.
pub fn check_base_url(base_url: &str) -> Result<(), PullError> {
    Endpoint::parse(base_url).map(|_| ())
}

impl Endpoint {
    pub(crate) fn parse(base_url: &str) -> Result<Endpoint, PullError> {
        let invalid = |reason: String| PullError::InvalidSettings(reason);
        let base = Url::parse(base_url.trim())
            .map_err(|e| invalid(format!("base_url is not a URL ({e}): {base_url}")))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "base_url must be http or https, not {}",
                base.scheme()
            )));
        }
        if base.host().is_none() {
            return Err(invalid(format!("base_url has no host: {base_url}")));
        }
        // reqwest would turn URL credentials into a Basic header beside the bearer token,
        // and they would show up wherever the URL is printed.
        if !base.username().is_empty() || base.password().is_some() {
            return Err(invalid(
                "base_url must not carry a user name or password; the bearer token is the credential"
                    .to_owned(),
            ));
        }
        if base.fragment().is_some() {
            return Err(invalid(format!(
                "base_url must not have a #fragment: {base_url}"
            )));
        }
        if base
            .query_pairs()
            .any(|(name, _)| name == "limit" || name == "cursor")
        {
            return Err(invalid(format!(
                "base_url must not set limit or cursor itself (page_size and the pull do): {base_url}"
            )));
        }
        Ok(Endpoint { base })
    }

    /// `base?…&limit={limit}[&cursor={cursor}]`, the cursor form-urlencoded (an opaque
    /// cursor often holds `/`, `+` and `=`, which would otherwise change its meaning).
    pub(crate) fn page_url(&self, limit: u32, cursor: Option<&str>) -> Url {
        let mut url = self.base.clone();
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("limit", &limit.to_string());
            if let Some(cursor) = cursor {
                query.append_pair("cursor", cursor);
            }
        }
        url
    }

    /// A service on this machine. Its requests skip any `HTTP_PROXY` from the
    /// environment: a proxy elsewhere cannot reach this machine's loopback.
    pub(crate) fn is_loopback(&self) -> bool {
        let Some(host) = self.base.host_str() else {
            return false;
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return ip.is_loopback();
        }
        let name = host.trim_end_matches('.').to_ascii_lowercase();
        name == "localhost" || name.ends_with(".localhost")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_limit_and_an_encoded_cursor() {
        let endpoint = Endpoint::parse("http://127.0.0.1:8080/api/v1/surveys").unwrap();
        assert_eq!(
            endpoint.page_url(500, None).as_str(),
            "http://127.0.0.1:8080/api/v1/surveys?limit=500"
        );
        assert_eq!(
            endpoint.page_url(2, Some("p2/a+b=&c d")).as_str(),
            "http://127.0.0.1:8080/api/v1/surveys?limit=2&cursor=p2%2Fa%2Bb%3D%26c+d"
        );
    }

    #[test]
    fn keeps_the_base_query() {
        let endpoint = Endpoint::parse("https://surveys.example/v1/results?site=north").unwrap();
        assert_eq!(
            endpoint.page_url(10, Some("x")).as_str(),
            "https://surveys.example/v1/results?site=north&limit=10&cursor=x"
        );
    }

    #[test]
    fn refuses_unusable_base_urls() {
        for (url, expected) in [
            ("not a url", "not a URL"),
            ("ftp://127.0.0.1/surveys", "http or https"),
            ("http://user:pw@127.0.0.1/surveys", "user name or password"),
            ("http://127.0.0.1/surveys#x", "fragment"),
            ("http://127.0.0.1/surveys?limit=5", "limit or cursor"),
        ] {
            let err = Endpoint::parse(url).unwrap_err().to_string();
            assert!(err.contains(expected), "{url}: {err}");
        }
    }

    #[test]
    fn knows_loopback_hosts() {
        for (url, loopback) in [
            ("http://127.0.0.1:1/", true),
            ("http://127.8.9.10/", true),
            ("http://[::1]:80/", true),
            ("http://localhost/", true),
            ("http://LOCALHOST./", true),
            ("http://surveys.example/", false),
            ("http://10.0.0.1/", false),
        ] {
            assert_eq!(
                Endpoint::parse(url).unwrap().is_loopback(),
                loopback,
                "{url}"
            );
        }
    }
}
