-- Newest first within a site or a queue: the same indexes as SQLite's 1003, whose comments
-- give the measurements. 1002's surveys_by_site and surveys_by_queue put need after the site
-- or queue, so a newest-first page there read and sorted the whole site or queue; these
-- give ORDER BY answered_at_ms DESC, id DESC directly and the scan stops after offset +
-- limit rows. The review queue's small filters ride along as INCLUDE columns (SQLite, having
-- no INCLUDE, appends them to the key, after the unique id, where they cannot change the
-- order), so a filter on them is checked in the index before any row is fetched.
CREATE INDEX surveys_by_site_newest
    ON surveys (site, answered_at_ms DESC, id DESC) INCLUDE (csat, nps, fcr, status);
CREATE INDEX surveys_by_queue_newest
    ON surveys (queue, answered_at_ms DESC, id DESC) INCLUDE (csat, nps, fcr, status);
