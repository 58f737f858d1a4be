//! Which audit records to read back: the filters of the console's audit view.

/// A filter over the audit trail; every field left `None` matches everything. Records come
/// back newest first, a page at a time (`before_id` is the last id of the previous page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Exactly this login name.
    pub user: Option<String>,
    /// Actions starting with this, e.g. `monitor.` or `monitor.start`.
    pub action_prefix: Option<String>,
    /// `allowed`, `denied` or `failed`.
    pub outcome: Option<String>,
    /// Platform time, inclusive, milliseconds since the Unix epoch.
    pub from_ms: Option<i64>,
    /// Platform time, exclusive.
    pub to_ms: Option<i64>,
    pub call: Option<u64>,
    pub agent: Option<u32>,
    /// Only records older than this id (the paging cursor).
    pub before_id: Option<i64>,
}

impl AuditQuery {
    /// The `LIKE` pattern for the action prefix, with the pattern's own wildcards escaped so
    /// `monitor_` matches only itself.
    pub(crate) fn action_pattern(&self) -> Option<String> {
        self.action_prefix.as_ref().map(|prefix| {
            let mut pattern = String::with_capacity(prefix.len() + 1);
            for c in prefix.chars() {
                if matches!(c, '%' | '_' | '\\') {
                    pattern.push('\\');
                }
                pattern.push(c);
            }
            pattern.push('%');
            pattern
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_prefix_escapes_like_wildcards() {
        let query = AuditQuery {
            action_prefix: Some("monitor_%\\".into()),
            ..AuditQuery::default()
        };
        assert_eq!(
            query.action_pattern().as_deref(),
            Some("monitor\\_\\%\\\\%")
        );
        assert_eq!(AuditQuery::default().action_pattern(), None);
    }
}
