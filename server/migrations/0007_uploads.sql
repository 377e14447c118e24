-- Documents residents upload: received in chunks onto disk (resumable), checked, scanned, then
-- stored in the Documenten API (large-file flow) and linked to the zaak.
-- target: 'draft' (sent with the request on submit) or 'case' (added to an open zaak).
-- state: 'receiving' → 'received' (complete, checked; held by the portal) → 'stored'.
CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    owner_bsn TEXT NOT NULL,
    target TEXT NOT NULL,
    draft_id TEXT,
    -- The zaak it goes to: set at once for a case, on submission for a draft.
    zaak_url TEXT,
    document_type_id TEXT NOT NULL,
    document_type_title TEXT NOT NULL,
    informatieobjecttype TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    received_bytes BIGINT NOT NULL,
    -- Media type recognised from the content.
    formaat TEXT NOT NULL,
    state TEXT NOT NULL,
    -- The enkelvoudiginformatieobject once created, and its lock while parts are sent.
    document_url TEXT,
    document_lock TEXT,
    -- Who uploaded: empty for the resident, else the staff member (paper received at the desk).
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX uploads_draft ON uploads (draft_id);
CREATE INDEX uploads_zaak ON uploads (zaak_url, state);
CREATE INDEX uploads_state ON uploads (state, updated_at);
