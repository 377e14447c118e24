-- Shared infrastructure of the embedded provider. Portable SQL: runs on SQLite and PostgreSQL.

-- Counters for identificatie generation (ZAAK-2026-0000000001, DOCUMENT-…). One row per
-- (kind, bronorganisatie, year); incremented with INSERT … ON CONFLICT … RETURNING, which is
-- atomic on both databases, so concurrent creations never collide.
CREATE TABLE identificatie_counter (
    kind TEXT NOT NULL,
    bronorganisatie TEXT NOT NULL,
    year INTEGER NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (kind, bronorganisatie, year)
);

-- Audit trail of Zaken and Documenten (one table; `bron` tells which API wrote it). `data` is the
-- AuditTrail resource as served; `hoofd_object` is the main object's URL.
CREATE TABLE audittrail (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    bron TEXT NOT NULL,
    hoofd_object TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX audittrail_hoofd_object ON audittrail (hoofd_object, seq);
