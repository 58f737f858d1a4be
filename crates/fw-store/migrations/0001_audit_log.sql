-- The audit trail: append-only, every record chained to the one before by hash (see
-- src/chain.rs for exactly what is hashed). Portable SQL: this file runs unchanged on SQLite
-- and PostgreSQL.
--
-- Ids are assigned by the appender (the chain head's last id + 1, inside the append
-- transaction), not by SERIAL or AUTOINCREMENT, so both backends number alike, without gaps:
-- a gap always means a deleted record.
CREATE TABLE audit_log (
    id        BIGINT PRIMARY KEY,
    at_ms     BIGINT NOT NULL,
    user_name TEXT   NOT NULL,
    role      TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    outcome   TEXT   NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
    -- NULL exactly when allowed.
    reason    TEXT,
    -- A u64 kept bit for bit in a signed 64-bit column (ids above 2^63 read back negative
    -- in plain SQL, and exactly through the store).
    call_id   BIGINT,
    agent_id  BIGINT,
    queue_id  BIGINT,
    mode      TEXT,
    detail    TEXT   NOT NULL,
    prev_hash TEXT   NOT NULL,
    hash      TEXT   NOT NULL
);

CREATE INDEX audit_log_at_ms ON audit_log (at_ms);

-- The chain head: one row naming the newest record and its hash. Appenders lock this row
-- first, which serializes them on both backends; verification compares it with the newest
-- record, which catches records deleted from the end of the chain.
CREATE TABLE audit_head (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);

INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
