-- A kiosk names each issue request, so that after a lost answer it can take back a number
-- that nobody holds. Scoped by the kiosk: "device:<id>:<request id>".
ALTER TABLE tickets ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX tickets_by_request_key ON tickets (request_key) WHERE request_key IS NOT NULL;
