-- Zaken API: klantcontacten (contact moments with the initiator about a zaak).
CREATE TABLE klantcontacten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL REFERENCES zaken (uuid) ON DELETE CASCADE,
    zaak TEXT NOT NULL,
    identificatie TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE INDEX klantcontacten_zaak ON klantcontacten (zaak_uuid, seq);
