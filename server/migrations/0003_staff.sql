-- The staff side: accounts (embedded default; production uses the municipality's OpenID
-- Connect provider), sessions, failed logins (rate limit) and the access log
-- ("verwerkingenlogging"): who read or changed which resident's data, when and why.

CREATE TABLE staff_accounts (
    username TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- Argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    -- Comma separated: kcc, behandelaar, auditor.
    roles TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX staff_sessions_username ON staff_sessions (username);

CREATE TABLE staff_login_failures (
    username TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX staff_login_failures_username ON staff_login_failures (username, at);

-- Append-only: the application has no code path that updates or deletes a row.
CREATE TABLE staff_access_log (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    action TEXT NOT NULL,
    bsn TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    zaak_url TEXT NOT NULL,
    purpose TEXT NOT NULL
);
CREATE INDEX staff_access_log_seq ON staff_access_log (seq);
CREATE INDEX staff_access_log_bsn ON staff_access_log (bsn, seq);
CREATE INDEX staff_access_log_staff ON staff_access_log (staff, seq);
CREATE INDEX staff_access_log_identificatie ON staff_access_log (identificatie, seq);
