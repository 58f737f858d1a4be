//! Reading one page of the service's answer: its items and the cursor to the next page.
//! Pure: bytes in, items and cursor (or the reason they cannot be had) out.

use reqwest::Url;
use serde_json::{Map, Value};

/// Keys that may hold the page's items, in the order they are looked for.
pub(crate) const ITEM_KEYS: [&str; 3] = ["data", "items", "surveys"];

/// Keys that may hold the cursor to the next page, in the order they are looked for.
pub(crate) const CURSOR_KEYS: [&str; 4] = ["next_cursor", "next", "cursor", "nextCursor"];

/// One page's items (JSON objects) and the cursor to the next page, if any.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub(crate) items: Vec<Value>,
    pub(crate) next_cursor: Option<String>,
}

/// Reads a page body: a JSON object with the items under one of [`ITEM_KEYS`] and the
/// next cursor under one of [`CURSOR_KEYS`].
pub(crate) fn parse_page(body: &[u8]) -> Result<Page, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    let Value::Object(object) = value else {
        return Err(format!(
            "the body is a JSON {}, not an object",
            kind(&value)
        ));
    };
    let items = extract_items(&object)?;
    let next_cursor = extract_cursor(&object)?;
    Ok(Page { items, next_cursor })
}

/// The page's items. A `null` array reads as an empty page (some services send that
/// when nothing is left); anything but objects inside it is refused, since the caller
/// maps each item as a record.
fn extract_items(object: &Map<String, Value>) -> Result<Vec<Value>, String> {
    let Some((key, value)) = ITEM_KEYS
        .iter()
        .find_map(|key| object.get(*key).map(|value| (*key, value)))
    else {
        return Err(format!(
            "no item array (looked for {})",
            ITEM_KEYS.join(", ")
        ));
    };
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        other => return Err(format!("`{key}` is a JSON {}, not an array", kind(other))),
    };
    if let Some((index, item)) = items.iter().enumerate().find(|(_, item)| !item.is_object()) {
        return Err(format!(
            "item {index} of `{key}` is a JSON {}, not an object",
            kind(item)
        ));
    }
    Ok(items.clone())
}

/// The cursor to the next page. The first of [`CURSOR_KEYS`] that is present decides,
/// even when it is `null`: a service that sends `"next_cursor": null` alongside an echo
/// of the current `cursor` has finished, and reading the echo would loop. A blank string
/// means "no more"; a number is taken as its text; a `next` that is a whole URL gives its
/// `cursor` query parameter.
pub(crate) fn extract_cursor(object: &Map<String, Value>) -> Result<Option<String>, String> {
    let Some((key, value)) = CURSOR_KEYS
        .iter()
        .find_map(|key| object.get(*key).map(|value| (*key, value)))
    else {
        return Ok(None);
    };
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) if s.starts_with("http://") || s.starts_with("https://") => {
            cursor_from_url(key, s)
        }
        Value::String(s) => Ok(Some(s.clone())),
        other => Err(format!(
            "`{key}` is a JSON {}, not a cursor string",
            kind(other)
        )),
    }
}

/// Some services hand out the next page's whole URL. Following it blindly could send
/// the token to another host, so only its `cursor` parameter is taken, and the request
/// still goes to the configured base URL.
fn cursor_from_url(key: &str, next: &str) -> Result<Option<String>, String> {
    let url = Url::parse(next).map_err(|e| format!("`{key}` looks like a URL but is not: {e}"))?;
    let cursor = url
        .query_pairs()
        .find(|(name, _)| name == "cursor")
        .map(|(_, value)| value.into_owned());
    match cursor {
        Some(cursor) if cursor.trim().is_empty() => Ok(None),
        Some(cursor) => Ok(Some(cursor)),
        None => Err(format!("`{key}` is a URL without a cursor parameter")),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn page(value: &Value) -> Result<Page, String> {
        parse_page(value.to_string().as_bytes())
    }

    fn cursor(value: &Value) -> Result<Option<String>, String> {
        extract_cursor(value.as_object().unwrap())
    }

    #[test]
    fn reads_the_documented_shape() {
        let p = page(&json!({"data": [{"id": 1}, {"id": 2}], "next_cursor": "abc"})).unwrap();
        assert_eq!(p.items, vec![json!({"id": 1}), json!({"id": 2})]);
        assert_eq!(p.next_cursor.as_deref(), Some("abc"));
    }

    #[test]
    fn reads_the_other_item_keys() {
        for key in ["items", "surveys"] {
            let p = page(&json!({ key: [{"id": 1}] })).unwrap();
            assert_eq!(p.items.len(), 1, "{key}");
            assert_eq!(p.next_cursor, None);
        }
        let p = page(&json!({"data": null, "next_cursor": "x"})).unwrap();
        assert!(p.items.is_empty());
    }

    #[test]
    fn reads_every_cursor_key() {
        for key in CURSOR_KEYS {
            assert_eq!(
                cursor(&json!({ key: "c1" })).unwrap().as_deref(),
                Some("c1"),
                "{key}"
            );
        }
    }

    #[test]
    fn absent_null_and_blank_cursors_mean_no_more() {
        assert_eq!(cursor(&json!({})).unwrap(), None);
        assert_eq!(cursor(&json!({"next_cursor": null})).unwrap(), None);
        assert_eq!(cursor(&json!({"nextCursor": ""})).unwrap(), None);
        assert_eq!(cursor(&json!({"next": "  "})).unwrap(), None);
    }

    #[test]
    fn the_first_present_key_decides_even_when_null() {
        let both = json!({"next_cursor": null, "cursor": "current-page"});
        assert_eq!(cursor(&both).unwrap(), None);
        let both = json!({"next": "n2", "cursor": "current-page"});
        assert_eq!(cursor(&both).unwrap().as_deref(), Some("n2"));
    }

    #[test]
    fn numbers_and_next_urls_give_cursors() {
        assert_eq!(
            cursor(&json!({"next": 1200})).unwrap().as_deref(),
            Some("1200")
        );
        let next =
            json!({"next": "https://surveys.example/api/v1/surveys?limit=500&cursor=a%2Fb%3D"});
        assert_eq!(cursor(&next).unwrap().as_deref(), Some("a/b="));
        let done = json!({"next": "https://surveys.example/api/v1/surveys?cursor="});
        assert_eq!(cursor(&done).unwrap(), None);
        let err = cursor(&json!({"next": "https://surveys.example/page/2"})).unwrap_err();
        assert!(err.contains("without a cursor"), "{err}");
    }

    #[test]
    fn refuses_what_is_not_a_page() {
        let cases = [
            (b"{\"data\": [" as &[u8], "not JSON"),
            (b"[{\"id\": 1}]", "array, not an object"),
            (b"{\"results\": []}", "no item array"),
            (
                b"{\"data\": {\"id\": 1}}",
                "`data` is a JSON object, not an array",
            ),
            (
                b"{\"data\": [{\"id\": 1}, 7]}",
                "item 1 of `data` is a JSON number",
            ),
            (b"{\"items\": [null]}", "item 0 of `items` is a JSON null"),
            (
                b"{\"data\": [], \"next\": {\"id\": 2}}",
                "`next` is a JSON object",
            ),
            (
                b"{\"data\": [], \"next_cursor\": true}",
                "not a cursor string",
            ),
        ];
        for (body, expected) in cases {
            let err = parse_page(body).unwrap_err();
            assert!(err.contains(expected), "{err} should contain {expected}");
        }
    }
}
