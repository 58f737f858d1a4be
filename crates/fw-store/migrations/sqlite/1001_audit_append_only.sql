-- SQLite half of the append-only guard (PostgreSQL's is in ../postgres/). Trigger syntax is
-- the one thing the two backends cannot share. Tampering now needs DROP TRIGGER first, and
-- verification catches it even then.

-- No record is ever changed or removed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE rejected');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE rejected');
END;

-- A new record must extend the chain head. This also stops INSERT OR REPLACE, whose implicit
-- delete fires no DELETE trigger.
CREATE TRIGGER audit_log_insert_extends_head BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT last_id + 1 FROM audit_head WHERE id = 1)
  OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_head WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log: a new record must extend the chain head');
END;

-- The head is never removed, and only moves forward one record at a time, onto a record
-- that exists with that hash (the no-op update appenders use as their lock is allowed).
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;

CREATE TRIGGER audit_head_advance_only BEFORE UPDATE ON audit_head
WHEN NOT (
    NEW.id IS OLD.id
    AND (
        (NEW.last_id IS OLD.last_id AND NEW.last_hash IS OLD.last_hash)
        OR (
            NEW.last_id IS OLD.last_id + 1
            AND NEW.last_hash IS (SELECT hash FROM audit_log WHERE id = NEW.last_id)
        )
    )
)
BEGIN
    SELECT RAISE(ABORT, 'audit_head only advances to the newest audit record');
END;
