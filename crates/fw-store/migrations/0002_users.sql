-- Users and their roles, for a team that shares one store (a single site may keep the same
-- fields in a users file instead). Roles are text: fw-app decides what each may do.
CREATE TABLE users (
    name         TEXT    PRIMARY KEY,
    display_name TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    endpoint     TEXT,
    protected    BOOLEAN NOT NULL DEFAULT FALSE
);
