-- Zaken API 1.5.1. `data` is the served JSON (store.rs); the other columns exist to filter,
-- order and join, and are kept equal to the corresponding fields of `data`.

CREATE TABLE zaken (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    identificatie TEXT NOT NULL,
    bronorganisatie TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    startdatum TEXT NOT NULL,
    registratiedatum TEXT NOT NULL,
    einddatum TEXT,
    einddatum_gepland TEXT,
    uiterlijke_einddatum_afdoening TEXT,
    publicatiedatum TEXT,
    archiefnominatie TEXT,
    archiefstatus TEXT NOT NULL,
    archiefactiedatum TEXT,
    vertrouwelijkheid_rank INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX zaken_identificatie ON zaken (bronorganisatie, identificatie);
CREATE INDEX zaken_zaaktype ON zaken (zaaktype, seq);
CREATE INDEX zaken_startdatum ON zaken (startdatum);
CREATE INDEX zaken_seq ON zaken (seq);

-- One row per rol; the betrokkeneIdentificatie identifiers the `rol__…` filters use are
-- columns so that "the zaken of this BSN" is one index range scan.
CREATE TABLE rollen (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL REFERENCES zaken (uuid) ON DELETE CASCADE,
    zaak TEXT NOT NULL,
    roltype TEXT NOT NULL,
    betrokkene TEXT NOT NULL,
    betrokkene_type TEXT NOT NULL,
    omschrijving_generiek TEXT NOT NULL,
    omschrijving TEXT NOT NULL,
    inp_bsn TEXT,
    anp_identificatie TEXT,
    inp_a_nummer TEXT,
    inn_nnp_id TEXT,
    ann_identificatie TEXT,
    vestigings_nummer TEXT,
    medewerker_identificatie TEXT,
    organisatorische_eenheid_identificatie TEXT,
    data TEXT NOT NULL
);
CREATE INDEX rollen_zaak ON rollen (zaak_uuid, seq);
CREATE INDEX rollen_inp_bsn ON rollen (inp_bsn, zaak_uuid);
CREATE INDEX rollen_medewerker ON rollen (medewerker_identificatie, zaak_uuid);
CREATE INDEX rollen_inn_nnp_id ON rollen (inn_nnp_id, zaak_uuid);

CREATE TABLE statussen (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL REFERENCES zaken (uuid) ON DELETE CASCADE,
    zaak TEXT NOT NULL,
    statustype TEXT NOT NULL,
    datum_status_gezet TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX statussen_zaak ON statussen (zaak_uuid, datum_status_gezet);
CREATE INDEX statussen_seq ON statussen (seq);

CREATE TABLE resultaten (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL UNIQUE REFERENCES zaken (uuid) ON DELETE CASCADE,
    zaak TEXT NOT NULL,
    resultaattype TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX resultaten_seq ON resultaten (seq);

CREATE TABLE zaakeigenschappen (
    uuid TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    zaak_uuid TEXT NOT NULL REFERENCES zaken (uuid) ON DELETE CASCADE,
    data TEXT NOT NULL
);
CREATE INDEX zaakeigenschappen_zaak ON zaakeigenschappen (zaak_uuid, seq);
