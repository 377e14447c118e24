-- Requests from the municipality to a resident on a case (e.g. "send us a photo"); the
-- resident sees them as tasks on the case page.
CREATE TABLE case_tasks (
    id TEXT PRIMARY KEY,
    zaak_url TEXT NOT NULL,
    text TEXT NOT NULL,
    document_type TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX case_tasks_zaak ON case_tasks (zaak_url, requested_at);
