-- Newest first within a site or a queue. 1002's surveys_by_site and surveys_by_queue put
-- need after the site or queue, so a newest-first page there sorted the whole site (a third
-- of the table) before returning 50 rows: EXPLAIN QUERY PLAN showed "SEARCH s USING INDEX
-- surveys_by_site (site=?)" and "USE TEMP B-TREE FOR ORDER BY", 0.5-0.8 s at a million
-- surveys. With these the plan is "SEARCH s USING INDEX surveys_by_site_newest (site=?)" and
-- nothing else: the index is read in order and the scan stops after offset + limit rows.
-- id DESC completes ORDER BY answered_at_ms DESC, id DESC, so ties need no sort either.
--
-- The trailing columns are the review queue's small filters. They never change the order
-- (id is unique), but a capped count such as "queue, unreviewed, FCR no" or "detractors in a
-- site" is then answered from the index alone ("USING COVERING INDEX"), where before it
-- fetched every row of the queue from the table to test status and fcr (60 ms for a queue's
-- 33,000 rows; 2 ms now).
--
-- The need-first indexes stay: the queue's default order within a site or queue uses them.
CREATE INDEX surveys_by_site_newest
    ON surveys (site, answered_at_ms DESC, id DESC, csat, nps, fcr, status);
CREATE INDEX surveys_by_queue_newest
    ON surveys (queue, answered_at_ms DESC, id DESC, csat, nps, fcr, status);
