//! SQL for the review queue's filters, built once for either backend with numbered binds.

use fw_survey::{SearchQuery, SurveyFilter, SurveySort};

use crate::Backend;

/// A value bound to a numbered parameter.
#[derive(Clone, Debug)]
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    Bool(bool),
    NullInt,
    NullText,
    NullBool,
}

/// Binds every value, in order, to a query of either backend.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                $crate::store::survey_sql::Bind::Int(v) => query.bind(*v),
                $crate::store::survey_sql::Bind::Text(v) => query.bind(v.as_str()),
                $crate::store::survey_sql::Bind::Bool(v) => query.bind(*v),
                $crate::store::survey_sql::Bind::NullInt => query.bind(None::<i64>),
                $crate::store::survey_sql::Bind::NullText => query.bind(None::<&str>),
                $crate::store::survey_sql::Bind::NullBool => query.bind(None::<bool>),
            };
        }
        query
    }};
}
pub(crate) use bind_all;

/// The columns every survey read returns, in the order [`crate::store::surveys`] decodes.
pub(crate) fn survey_columns(backend: Backend) -> String {
    let tags = match backend {
        Backend::Sqlite => "group_concat(t.tag, '|')",
        Backend::Postgres => "string_agg(t.tag, '|' ORDER BY t.tag)",
    };
    format!(
        "s.id, s.call_ref, s.answered_at_ms, s.site, s.queue, s.agent, s.wait_secs, s.talk_secs, \
         s.escalated, s.callback, s.csat, s.nps, s.fcr, s.comment, s.status, s.follow_up_owner, \
         s.follow_up_due_ms, s.origin, s.stored_at_ms, s.updated_at_ms, \
         (SELECT {tags} FROM survey_tags t WHERE t.survey_id = s.id) AS tags"
    )
}

/// A WHERE clause and its binds.
#[derive(Debug)]
pub(crate) struct Conditions {
    backend: Backend,
    clauses: Vec<String>,
    pub binds: Vec<Bind>,
    /// SQLite: the comment search's FTS5 MATCH expression, when the filter has one.
    fts_match: Option<String>,
    /// SQLite: the search's matches are many, so the rows are better read in the order's
    /// index and checked against them than looked up one by one and sorted (see
    /// [`Conditions::order_drives_search`]).
    order_drives: bool,
}

/// SQLite's FTS5 MATCH expression for a comment search: every token, quoted.
pub(crate) fn fts_expression(filter: &SurveyFilter) -> Option<String> {
    let query = filter.text.as_deref().and_then(SearchQuery::parse)?;
    (!query.tokens.is_empty()).then(|| match_expression(&query))
}

fn match_expression(query: &SearchQuery) -> String {
    query
        .tokens
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Conditions {
    pub fn new(backend: Backend) -> Conditions {
        Conditions {
            backend,
            clauses: Vec::new(),
            binds: Vec::new(),
            fts_match: None,
            order_drives: false,
        }
    }

    /// SQLite: reads the rows through the ORDER BY's index and checks each against the
    /// comment search, instead of starting from the search's matches. Set before `filter`.
    ///
    /// SQLite's planner cannot tell how many rows an FTS5 MATCH returns, so it always starts
    /// from the matches: every matching row is fetched and the lot sorted, which for a common
    /// word (25,000 of a million comments) took 35-60 ms for a 50-row page. Marking the
    /// search term with a unary `+` takes it out of the planner's choice of access path, so
    /// the plan becomes "SCAN s USING INDEX surveys_by_need" with the matches as a "LIST
    /// SUBQUERY" to test against: 2 ms for the same page. For a rare word that scan would
    /// read most of the index, so the caller decides by the number of matches.
    pub fn order_drives_search(mut self, yes: bool) -> Conditions {
        self.order_drives = yes;
        self
    }

    /// The search's MATCH expression when the search is the only condition (no other
    /// filter, no phrase to check against the comment): then the comment index alone can
    /// count the matches.
    pub fn search_only(&self) -> Option<&str> {
        match (&self.fts_match, self.clauses.len()) {
            (Some(expression), 1) => Some(expression),
            _ => None,
        }
    }

    /// Adds a bind and returns its placeholder.
    pub fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    fn push(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    fn range(&mut self, column: &str, range: fw_survey::Range<u8>) {
        if let Some(min) = range.min {
            let p = self.bind(Bind::Int(i64::from(min)));
            self.push(format!("{column} >= {p}"));
        }
        if let Some(max) = range.max {
            let p = self.bind(Bind::Int(i64::from(max)));
            self.push(format!("{column} <= {p}"));
        }
    }

    fn equals(&mut self, column: &str, value: Option<&String>) {
        if let Some(value) = value {
            let p = self.bind(Bind::Text(value.clone()));
            self.push(format!("{column} = {p}"));
        }
    }

    /// Every filter of the review queue.
    pub fn filter(mut self, filter: &SurveyFilter) -> Conditions {
        if let Some(from) = filter.from_ms {
            let p = self.bind(Bind::Int(from));
            self.push(format!("s.answered_at_ms >= {p}"));
        }
        if let Some(to) = filter.to_ms {
            let p = self.bind(Bind::Int(to));
            self.push(format!("s.answered_at_ms < {p}"));
        }
        self.equals("s.site", filter.site.as_ref());
        self.equals("s.queue", filter.queue.as_ref());
        self.equals("s.agent", filter.agent.as_ref());
        self.range("s.csat", filter.csat);
        self.range("s.nps", filter.nps);
        if let Some(group) = filter.nps_group {
            let (low, high) = group.scores();
            let low = self.bind(Bind::Int(i64::from(low)));
            let high = self.bind(Bind::Int(i64::from(high)));
            self.push(format!("s.nps BETWEEN {low} AND {high}"));
        }
        if let Some(fcr) = filter.first_contact_resolution {
            let p = self.bind(Bind::Bool(fcr));
            self.push(format!("s.fcr = {p}"));
        }
        match filter.has_comment {
            Some(true) => self.push("s.comment IS NOT NULL AND s.comment <> ''".to_owned()),
            Some(false) => self.push("(s.comment IS NULL OR s.comment = '')".to_owned()),
            None => {}
        }
        match filter.reviewed {
            Some(true) => self.push("s.status <> 'new'".to_owned()),
            Some(false) => self.push("s.status = 'new'".to_owned()),
            None => {}
        }
        if let Some(status) = filter.status {
            let p = self.bind(Bind::Text(status.as_str().to_owned()));
            self.push(format!("s.status = {p}"));
        }
        if let Some(tag) = &filter.tag {
            let p = self.bind(Bind::Text(tag.clone()));
            self.push(format!(
                "EXISTS (SELECT 1 FROM survey_tags ft WHERE ft.survey_id = s.id AND ft.tag = {p})"
            ));
        }
        if let Some(query) = filter.text.as_deref().and_then(SearchQuery::parse) {
            self.search(&query);
        }
        self
    }

    /// The index narrows to comments holding every token; each phrase is then checked
    /// against the comment itself.
    fn search(&mut self, query: &SearchQuery) {
        if !query.tokens.is_empty() {
            match self.backend {
                Backend::Sqlite => {
                    let expression = match_expression(query);
                    self.fts_match = Some(expression.clone());
                    let p = self.bind(Bind::Text(expression));
                    let plus = if self.order_drives { "+" } else { "" };
                    self.push(format!(
                        "{plus}s.id IN (SELECT rowid FROM survey_search WHERE survey_search MATCH {p})"
                    ));
                }
                Backend::Postgres => {
                    let placeholders: Vec<String> = query
                        .tokens
                        .iter()
                        .map(|t| self.bind(Bind::Text(t.clone())))
                        .collect();
                    self.push(format!(
                        "string_to_array(s.search_terms, ' ') @> ARRAY[{}]::text[]",
                        placeholders.join(", ")
                    ));
                }
            }
        }
        let position = match self.backend {
            Backend::Sqlite => "instr",
            Backend::Postgres => "strpos",
        };
        for phrase in &query.phrases {
            let p = self.bind(Bind::Text(phrase.clone()));
            self.push(format!("{position}(lower(s.comment), {p}) > 0"));
        }
    }

    /// `WHERE …`, or nothing when no filter applies.
    pub fn where_clause(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// The ORDER BY of a sort; ties always fall back to newest first, then id, so pages are
/// stable.
pub(crate) const fn order_by(sort: SurveySort) -> &'static str {
    match sort {
        SurveySort::Need => " ORDER BY s.need ASC, s.answered_at_ms DESC, s.id DESC",
        SurveySort::Newest => " ORDER BY s.answered_at_ms DESC, s.id DESC",
        SurveySort::Oldest => " ORDER BY s.answered_at_ms ASC, s.id ASC",
        SurveySort::CsatAscending => " ORDER BY s.csat ASC, s.answered_at_ms DESC, s.id DESC",
        SurveySort::NpsAscending => {
            " ORDER BY (s.nps IS NULL) ASC, s.nps ASC, s.answered_at_ms DESC, s.id DESC"
        }
    }
}
