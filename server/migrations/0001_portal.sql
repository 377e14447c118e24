-- The portal's own state (separate database from the embedded case API): resident sessions
-- and requests being filled in or submitted. Integers hold Unix seconds.

CREATE TABLE portal_sessions (
    -- SHA-256 of the cookie token: a leaked database does not leak usable sessions.
    token_hash TEXT PRIMARY KEY,
    bsn TEXT NOT NULL,
    name TEXT NOT NULL,
    login_method TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX portal_sessions_bsn ON portal_sessions (bsn);

-- A request: a draft while the resident fills it in, then the record of its submission.
-- state: 'draft' → 'submitting' (claimed by one submit; steps recorded in progress) → 'submitted'.
CREATE TABLE portal_requests (
    id TEXT PRIMARY KEY,
    owner_bsn TEXT NOT NULL,
    -- Display name from the login, for the zaak's contact person (may be empty).
    owner_name TEXT NOT NULL,
    product_id TEXT NOT NULL,
    product_title TEXT NOT NULL,
    answers TEXT NOT NULL,
    contact TEXT NOT NULL,
    step TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state TEXT NOT NULL,
    claim_until BIGINT NOT NULL DEFAULT 0,
    idempotency_key TEXT,
    -- The zaak's startdatum, fixed when the submission starts (also the recovery search key).
    startdatum TEXT,
    -- 1 once a POST /zaken was sent: a retry without zaak_url must first look for that zaak.
    zaak_requested INTEGER NOT NULL DEFAULT 0,
    zaak_url TEXT,
    identificatie TEXT,
    submitted_at TEXT
);
CREATE INDEX portal_requests_owner ON portal_requests (owner_bsn, state, updated_at);
CREATE INDEX portal_requests_zaak ON portal_requests (zaak_url);
