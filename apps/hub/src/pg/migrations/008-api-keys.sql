-- Issue 16: API keys for the REST API (as SQLite's 013-api-keys.sql). Only the secret's SHA-256
-- hash is kept; a key acts at one site (site_id) or at every site (NULL).
CREATE TABLE api_keys (
  id           text   PRIMARY KEY,
  name         text   NOT NULL,
  site_id      text,
  permissions  text[] NOT NULL,
  secret_hash  text   NOT NULL UNIQUE,
  prefix       text   NOT NULL,
  created_at   bigint NOT NULL,
  created_by   text   NOT NULL,
  last_used_at bigint,
  revoked_at   bigint,
  revoked_by   text
);
CREATE INDEX api_keys_by_site ON api_keys (site_id);
