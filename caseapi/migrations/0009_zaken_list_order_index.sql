-- The zaken list in its default order (`ORDER BY seq, uuid`), a page at a time: with only an
-- index on seq, every row up to the page's OFFSET was read from the table to sort the uuid
-- tie-break (13.8 s for a page at offset 900,000 of 1,000,000 zaken, past the 15 s client
-- timeouts once the server is busy). With both columns in the index the skipped rows are read
-- from the index alone. Walking all zaken this way is how Loket's case index is first filled.
CREATE INDEX IF NOT EXISTS zaken_seq_uuid ON zaken (seq, uuid);
