-- Filling the case index from the Zaken API with the zaken no notification has brought (those
-- that existed before Loket or before the index): where the walk through the zaken list has
-- got to, so a restart goes on from there. One row (id = 1) once the walk has started.
CREATE TABLE case_index_backfill (
    id BIGINT PRIMARY KEY,
    -- The next list page to fetch; '' once every page has been read.
    next_url TEXT NOT NULL,
    -- Zaken added to the index by the walk so far.
    indexed BIGINT NOT NULL
);
