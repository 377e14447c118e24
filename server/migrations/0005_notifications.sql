-- Notifications (issue 7). Times are Unix milliseconds.
--
-- The inbox: every ZGW notification received (from a Notificaties API, or recorded by the
-- portal itself when it sets a status), stored before the sender gets its 204 and processed
-- by a background worker. The same notification delivered twice is stored once.
CREATE TABLE notify_inbox (
    id TEXT PRIMARY KEY,
    -- kanaal|resourceUrl|actie|aanmaakdatum
    dedupe_key TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    -- 'nrc' (received over HTTP) or 'local' (recorded by the portal)
    source TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Due when <= now and processed_at is NULL; a worker leases a row by moving it forward.
    next_attempt_at BIGINT NOT NULL,
    processed_at BIGINT,
    -- What processing did ('mail queued', 'ignored', 'e-mail off', …); never personal data.
    outcome TEXT
);
CREATE INDEX notify_inbox_due ON notify_inbox (processed_at, next_attempt_at);

-- The outbox: e-mails to residents. One row per status and recipient (dedupe_key), so a
-- status never mails the same person twice, however often it is notified.
-- state: 'pending' → 'sending' (claimed by one sender) → 'sent'; or 'failed' (refused for
-- good), 'superseded' (a newer status of the same case replaced it before it was sent),
-- 'unknown' (the send was interrupted after the message may have been handed over; never
-- re-sent automatically).
CREATE TABLE notify_outbox (
    id TEXT PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    zaak_url TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX notify_outbox_due ON notify_outbox (state, next_attempt_at);
CREATE INDEX notify_outbox_recipient ON notify_outbox (recipient, sent_at);

-- Residents' notification preferences, keyed by their pseudonym (salted hash of the BSN),
-- not the BSN itself. No row = the default (e-mail on).
CREATE TABLE notify_preferences (
    resident TEXT PRIMARY KEY,
    email_notifications BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
