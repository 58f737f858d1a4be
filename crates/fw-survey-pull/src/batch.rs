//! [`PullBatch`]: what one pull brought back.

use std::fmt;

/// What one pull brought back: the raw survey items in the service's order, and where
/// the next pull starts.
#[derive(Clone, Default, PartialEq)]
pub struct PullBatch {
    /// The items, each a JSON object exactly as the service sent it.
    pub items: Vec<serde_json::Value>,
    /// The cursor to pass to the next pull: the cursor the last fully received page
    /// handed out, or, when that page handed out none, the cursor that page was asked
    /// for (so the next pull re-reads at most that one page; store items idempotently).
    /// `None` only if nothing ever gave a cursor (start from the beginning again).
    pub next_cursor: Option<String>,
    /// Pages received, the closing empty page included.
    pub pages: u32,
    /// Requests that failed and were tried again.
    pub retries: u32,
}

// Items are left out: a batch can hold millions of them, and an error that carries a
// partial batch must not flood a log line when it is debug-printed.
impl fmt::Debug for PullBatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PullBatch")
            .field("items", &format_args!("[{} items]", self.items.len()))
            .field("next_cursor", &self.next_cursor)
            .field("pages", &self.pages)
            .field("retries", &self.retries)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_counts_items_instead_of_printing_them() {
        let batch = PullBatch {
            items: vec![serde_json::json!({"comment": "a long comment"}); 3],
            next_cursor: Some("c3".to_owned()),
            pages: 2,
            retries: 1,
        };
        let text = format!("{batch:?}");
        assert!(text.contains("[3 items]"), "{text}");
        assert!(!text.contains("long comment"), "{text}");
    }
}
