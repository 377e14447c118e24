-- Notifications the provider publishes (Notificaties API bodies), one row per subscriber,
-- written in the same transaction as the write they announce. Times are Unix milliseconds.
CREATE TABLE notificaties_outbox (
    id TEXT PRIMARY KEY,
    subscriber TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    -- Due when <= now and sent_at is NULL; a sender leases a row by moving it forward.
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX notificaties_outbox_due ON notificaties_outbox (sent_at, next_attempt_at);
