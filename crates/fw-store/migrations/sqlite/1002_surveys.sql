-- Post-call surveys and their review (SQLite half; PostgreSQL's is in ../postgres/). The
-- tables match column for column; only identity columns and the comment index differ.

-- One row per surveyed call: the answers, the call's facts (names, not ids: a survey outlives
-- the topology), the review workflow, and the comment's search terms (fw-survey cuts Chinese
-- into character pairs and English into words and prefixes).
CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY,
    call_ref       TEXT    NOT NULL UNIQUE,
    answered_at_ms INTEGER NOT NULL,
    site           TEXT    NOT NULL,
    queue          TEXT    NOT NULL,
    agent          TEXT    NOT NULL,
    wait_secs      INTEGER,
    talk_secs      INTEGER,
    escalated      BOOLEAN NOT NULL,
    callback       BOOLEAN NOT NULL,
    csat           INTEGER NOT NULL CHECK (csat BETWEEN 1 AND 5),
    nps            INTEGER CHECK (nps BETWEEN 0 AND 10),
    fcr            BOOLEAN,
    comment        TEXT,
    -- fw-survey's ReviewNeed: 0 unhappy, 1 commented, 2 the rest. The queue's first key.
    need           INTEGER NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'new',
    follow_up_owner TEXT,
    follow_up_due_ms INTEGER,
    origin         TEXT    NOT NULL,
    stored_at_ms   INTEGER NOT NULL,
    updated_at_ms  INTEGER NOT NULL,
    search_terms   TEXT    NOT NULL DEFAULT ''
);

-- The queue's order (need, newest first) with and without the usual narrowing filters. No
-- index leads with status: nearly every survey is 'new', so it would only mislead the planner.
CREATE INDEX surveys_by_need ON surveys (need, answered_at_ms DESC, id DESC);
CREATE INDEX surveys_by_site ON surveys (site, need, answered_at_ms DESC);
CREATE INDEX surveys_by_queue ON surveys (queue, need, answered_at_ms DESC);
CREATE INDEX surveys_by_agent ON surveys (agent, answered_at_ms DESC);
CREATE INDEX surveys_by_time ON surveys (answered_at_ms);

-- Comment search: an FTS5 index over the search terms, kept by triggers. Comments never
-- change after a survey is stored, but the triggers keep the index true if one is rewritten.
CREATE VIRTUAL TABLE survey_search USING fts5(
    search_terms,
    content = 'surveys',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER surveys_search_insert AFTER INSERT ON surveys WHEN NEW.search_terms <> ''
BEGIN
    INSERT INTO survey_search (rowid, search_terms) VALUES (NEW.id, NEW.search_terms);
END;

CREATE TRIGGER surveys_search_update AFTER UPDATE OF search_terms ON surveys
BEGIN
    INSERT INTO survey_search (survey_search, rowid, search_terms)
        SELECT 'delete', OLD.id, OLD.search_terms WHERE OLD.search_terms <> '';
    INSERT INTO survey_search (rowid, search_terms)
        SELECT NEW.id, NEW.search_terms WHERE NEW.search_terms <> '';
END;

-- The managed list of tags; retired tags stay on the surveys that carry them.
CREATE TABLE survey_tag_catalog (
    name     TEXT    NOT NULL PRIMARY KEY,
    label_en TEXT    NOT NULL,
    label_zh TEXT    NOT NULL,
    retired  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE survey_tags (
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    tag       TEXT    NOT NULL REFERENCES survey_tag_catalog (name),
    PRIMARY KEY (survey_id, tag)
);
CREATE INDEX survey_tags_by_tag ON survey_tags (tag, survey_id);

CREATE TABLE survey_notes (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    author    TEXT    NOT NULL,
    at_ms     INTEGER NOT NULL,
    body      TEXT    NOT NULL
);
CREATE INDEX survey_notes_by_survey ON survey_notes (survey_id, at_ms);

-- Blind QA scoring: forms (their items as fw-survey's JSON), rounds of three or more raters
-- on one surveyed call, and each rater's sheet.
CREATE TABLE qa_forms (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    definition    TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    retired       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE qa_rounds (
    id            INTEGER PRIMARY KEY,
    survey_id     INTEGER NOT NULL REFERENCES surveys (id),
    form_id       INTEGER NOT NULL REFERENCES qa_forms (id),
    raters        TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    created_by    TEXT    NOT NULL
);
CREATE INDEX qa_rounds_by_survey ON qa_rounds (survey_id);

CREATE TABLE qa_scores (
    round_id     INTEGER NOT NULL REFERENCES qa_rounds (id),
    rater        TEXT    NOT NULL,
    sheet        TEXT    NOT NULL,
    scored_at_ms INTEGER NOT NULL,
    PRIMARY KEY (round_id, rater)
);

INSERT INTO survey_tag_catalog (name, label_en, label_zh) VALUES
    ('product_defect', 'Product defect', '产品缺陷'),
    ('process_issue', 'Process issue', '流程问题'),
    ('agent_coaching', 'Agent coaching', '坐席辅导'),
    ('wrong_routing', 'Wrong routing', '路由错误'),
    ('long_wait', 'Long wait', '等待过长'),
    ('billing_error', 'Billing error', '账单错误'),
    ('praise', 'Praise', '表扬');
