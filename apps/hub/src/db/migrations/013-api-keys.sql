-- Issue 16: API keys for the REST API. Only the secret's SHA-256 hash is kept, with a short
-- prefix for display; a key acts at one site (site_id) or at every site (NULL). Revoked keys stay
-- listed (revoked_at, revoked_by) so the admin sees what was cut off and when.
CREATE TABLE api_keys (
  id           TEXT    PRIMARY KEY,
  name         TEXT    NOT NULL,
  site_id      TEXT,
  permissions  TEXT    NOT NULL, -- JSON array of API_PERMISSIONS
  secret_hash  TEXT    NOT NULL UNIQUE,
  prefix       TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  created_by   TEXT    NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER,
  revoked_by   TEXT
);
CREATE INDEX api_keys_by_site ON api_keys (site_id);
