-- Gebruiksrechten list filters (startdatum__lt/__lte/__gt/__gte, einddatum__…): the dates as
-- sortable UTC text (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, fixed width, so text order is time order).
-- Rows that existed before this migration get their values from `data` when the provider opens
-- (`documenten::backfill`), since neither SQL dialect's JSON functions work through both drivers.
ALTER TABLE gebruiksrechten ADD COLUMN startdatum TEXT;
ALTER TABLE gebruiksrechten ADD COLUMN einddatum TEXT;
CREATE INDEX gebruiksrechten_startdatum ON gebruiksrechten (startdatum);
CREATE INDEX gebruiksrechten_einddatum ON gebruiksrechten (einddatum);
