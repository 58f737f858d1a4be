-- Settings a user (or, with an empty owner, the whole team) changed in the console: a user's
-- own phone for monitoring, thresholds, alert rules. One row per owner and key; the value is
-- text (JSON where it is structured) so a new setting needs no migration.
CREATE TABLE settings (
    owner         TEXT   NOT NULL,
    key           TEXT   NOT NULL,
    value         TEXT   NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    updated_by    TEXT   NOT NULL,
    PRIMARY KEY (owner, key)
);
