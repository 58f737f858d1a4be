-- The team's disaster-mode routing plan: the modes in force, one record per line (fw-app
-- writes fw-routing's record format, the same text the Asterisk dialplan keys carry), under
-- a version that moves with every change. One row. Writers replace it only if the version
-- is still the one they read (compare and swap), so two leads acting at once cannot both win;
-- every console polls the version and reloads when it moves.
CREATE TABLE routing_plan (
    slot          INTEGER NOT NULL PRIMARY KEY CHECK (slot = 1),
    version       BIGINT  NOT NULL,
    next_mode_id  BIGINT  NOT NULL,
    modes         TEXT    NOT NULL,
    updated_at_ms BIGINT  NOT NULL,
    updated_by    TEXT    NOT NULL
);

INSERT INTO routing_plan (slot, version, next_mode_id, modes, updated_at_ms, updated_by)
VALUES (1, 0, 1, '', 0, '');
