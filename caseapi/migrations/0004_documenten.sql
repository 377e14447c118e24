-- Documenten API 1.4.3. Contents live on disk under the documents dir; the database holds
-- metadata (`data` = served JSON, per store.rs) and where each version's file is.

CREATE TABLE enkelvoudiginformatieobjecten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    identificatie TEXT NOT NULL,
    bronorganisatie TEXT NOT NULL,
    lock_token TEXT,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX eio_identificatie ON enkelvoudiginformatieobjecten (bronorganisatie, identificatie);
CREATE INDEX eio_seq ON enkelvoudiginformatieobjecten (seq);

-- Every version (the current one included): its served JSON and its content file.
CREATE TABLE eio_versies (
    document_uuid TEXT NOT NULL REFERENCES enkelvoudiginformatieobjecten (uuid) ON DELETE CASCADE,
    versie INTEGER NOT NULL,
    begin_registratie TEXT NOT NULL,
    file TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (document_uuid, versie)
);

-- Parts of a large upload in progress.
CREATE TABLE bestandsdelen (
    uuid TEXT PRIMARY KEY,
    document_uuid TEXT NOT NULL REFERENCES enkelvoudiginformatieobjecten (uuid) ON DELETE CASCADE,
    volgnummer INTEGER NOT NULL,
    omvang BIGINT NOT NULL,
    voltooid INTEGER NOT NULL -- 0/1: one integer type reads the same through both drivers
);
CREATE INDEX bestandsdelen_document ON bestandsdelen (document_uuid, volgnummer);

CREATE TABLE objectinformatieobjecten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    informatieobject TEXT NOT NULL,
    object TEXT NOT NULL,
    object_type TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX oio_relation ON objectinformatieobjecten (informatieobject, object);
CREATE INDEX oio_object ON objectinformatieobjecten (object);

CREATE TABLE gebruiksrechten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    informatieobject TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX gebruiksrechten_informatieobject ON gebruiksrechten (informatieobject);

-- Zaken side of the document relation (Zaken API), mirrored above as objectinformatieobject.
CREATE TABLE zaakinformatieobjecten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL REFERENCES zaken (uuid) ON DELETE CASCADE,
    zaak TEXT NOT NULL,
    informatieobject TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX zio_relation ON zaakinformatieobjecten (zaak_uuid, informatieobject);
CREATE INDEX zio_informatieobject ON zaakinformatieobjecten (informatieobject);
