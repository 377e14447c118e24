-- Catalogi API. Every table follows the storage rule (store.rs): `data` is exactly the served
-- JSON; the other columns exist only for filtering and ordering. `seq` is the creation order
-- (lists are stable and oldest first).

CREATE TABLE catalogussen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    domein TEXT NOT NULL,
    rsin TEXT NOT NULL
);
CREATE UNIQUE INDEX catalogussen_domein_rsin ON catalogussen (domein, rsin);

-- The type tables share one column set so that list filtering is one generic query; a column a
-- type has no use for stays NULL.
--   catalogus        uuid of the catalogus
--   zaaktype         uuid of the owning zaaktype (sub-types of a zaaktype)
--   identificatie    zaaktype.identificatie (own, or the owning zaaktype's)
--   concept          1 while the type (or, for sub-types, its zaaktype) is a concept
--   begin_geldigheid / einde_geldigheid   YYYY-MM-DD (sub-types: the zaaktype's)
--   trefwoorden      zaaktype trefwoorden as \x1f-separated text with leading/trailing \x1f
CREATE TABLE zaaktypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    omschrijving TEXT,
    trefwoorden TEXT
);
CREATE INDEX zaaktypen_catalogus ON zaaktypen (catalogus, seq);
CREATE INDEX zaaktypen_identificatie ON zaaktypen (identificatie, seq);

CREATE TABLE informatieobjecttypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    omschrijving TEXT NOT NULL
);
CREATE INDEX informatieobjecttypen_catalogus ON informatieobjecttypen (catalogus, omschrijving, seq);

CREATE TABLE besluittypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    omschrijving TEXT
);
CREATE INDEX besluittypen_catalogus ON besluittypen (catalogus, omschrijving, seq);

CREATE TABLE statustypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    volgnummer BIGINT NOT NULL
);
CREATE INDEX statustypen_zaaktype ON statustypen (zaaktype, volgnummer);
CREATE INDEX statustypen_identificatie ON statustypen (identificatie);

CREATE TABLE roltypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    omschrijving_generiek TEXT NOT NULL
);
CREATE INDEX roltypen_zaaktype ON roltypen (zaaktype, seq);
CREATE INDEX roltypen_identificatie ON roltypen (identificatie);

CREATE TABLE eigenschappen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    naam TEXT NOT NULL
);
CREATE INDEX eigenschappen_zaaktype ON eigenschappen (zaaktype, seq);
CREATE INDEX eigenschappen_identificatie ON eigenschappen (identificatie);

CREATE TABLE resultaattypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    omschrijving TEXT NOT NULL
);
CREATE INDEX resultaattypen_zaaktype ON resultaattypen (zaaktype, seq);
CREATE INDEX resultaattypen_identificatie ON resultaattypen (identificatie);

-- concept: 1 while the zaaktype or the informatieobjecttype is a concept.
CREATE TABLE zaaktype_informatieobjecttypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    informatieobjecttype TEXT NOT NULL,
    richting TEXT NOT NULL,
    volgnummer BIGINT NOT NULL
);
CREATE INDEX zaaktype_informatieobjecttypen_zaaktype ON zaaktype_informatieobjecttypen (zaaktype, volgnummer);
CREATE INDEX zaaktype_informatieobjecttypen_iot ON zaaktype_informatieobjecttypen (informatieobjecttype);

CREATE TABLE zaakobjecttypen (
    uuid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    catalogus TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    concept BIGINT NOT NULL,
    begin_geldigheid TEXT NOT NULL,
    einde_geldigheid TEXT,
    ander_objecttype BIGINT NOT NULL,
    objecttype TEXT NOT NULL,
    relatie_omschrijving TEXT NOT NULL
);
CREATE INDEX zaakobjecttypen_zaaktype ON zaakobjecttypen (zaaktype, seq);
CREATE INDEX zaakobjecttypen_identificatie ON zaakobjecttypen (identificatie);

-- The uniqueness rules the API checks (with readable errors), also held by the database for
-- concurrent writes.
CREATE UNIQUE INDEX statustypen_unique_volgnummer ON statustypen (zaaktype, volgnummer);
CREATE UNIQUE INDEX eigenschappen_unique_naam ON eigenschappen (zaaktype, naam);
CREATE UNIQUE INDEX resultaattypen_unique_omschrijving ON resultaattypen (zaaktype, omschrijving);
CREATE UNIQUE INDEX zaaktype_informatieobjecttypen_unique_volgnummer ON zaaktype_informatieobjecttypen (zaaktype, volgnummer);
