-- PostgreSQL half of the append-only guard (SQLite's is in ../sqlite/). Trigger syntax is
-- the one thing the two backends cannot share. Tampering now needs DROP TRIGGER first, and
-- verification catches it even then.

-- No record is ever changed or removed (TRUNCATE included), and a new record must extend
-- the chain head.
CREATE FUNCTION fw_audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head audit_head%ROWTYPE;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO head FROM audit_head WHERE id = 1;
        IF NOT FOUND
           OR NEW.id IS DISTINCT FROM head.last_id + 1
           OR NEW.prev_hash IS DISTINCT FROM head.last_hash THEN
            RAISE EXCEPTION 'audit_log: a new record must extend the chain head';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % rejected', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION fw_audit_log_guard();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION fw_audit_log_guard();

-- The head is never removed, and only moves forward one record at a time, onto a record
-- that exists with that hash (the no-op update appenders use as their lock is allowed).
CREATE FUNCTION fw_audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND (
        (NEW.last_id = OLD.last_id AND NEW.last_hash = OLD.last_hash)
        OR (
            NEW.last_id = OLD.last_id + 1
            AND NEW.last_hash IS NOT DISTINCT FROM
                (SELECT hash FROM audit_log WHERE id = NEW.last_id)
        )
    ) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_head only advances to the newest audit record: % rejected', TG_OP;
END;
$$;

CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION fw_audit_head_guard();

CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION fw_audit_head_guard();
