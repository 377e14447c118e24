-- What staff search and count by but the Zaken API cannot filter on: the current status of a
-- zaak, and the initiator's name and postcode. Kept up to date from the ZGW notifications the
-- portal receives (every change of a zaak refreshes its row); the Zaken API stays the source.
CREATE TABLE case_index (
    zaak_url TEXT PRIMARY KEY,
    identificatie TEXT NOT NULL,
    zaaktype TEXT NOT NULL,
    -- The current status's statustype URL; '' before the first status.
    statustype TEXT NOT NULL,
    -- 1 while open (no einddatum), else 0.
    is_open BIGINT NOT NULL,
    initiator_bsn TEXT NOT NULL,
    -- Normalised: '1234AB'; '' when unknown.
    postcode TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX case_index_open ON case_index (is_open, zaaktype, statustype);
CREATE INDEX case_index_postcode ON case_index (postcode);

-- Each word of the initiator's name, lower case, for prefix search ("jans" finds Jansen).
CREATE TABLE case_index_names (
    token TEXT NOT NULL,
    zaak_url TEXT NOT NULL,
    PRIMARY KEY (token, zaak_url)
);
CREATE INDEX case_index_names_zaak ON case_index_names (zaak_url);
