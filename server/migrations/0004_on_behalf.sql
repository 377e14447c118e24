-- Requests started by KCC staff on behalf of a caller: the channel the resident used and who
-- started it. Residents' own requests keep the defaults.
ALTER TABLE portal_requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'digitaal';
ALTER TABLE portal_requests ADD COLUMN started_by TEXT NOT NULL DEFAULT '';
