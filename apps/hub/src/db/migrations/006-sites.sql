-- A province: many sites in one file (issue 13). Everything a site owns carries `site_id`; the
-- rows of a hub that never heard of sites belong to the default site, 'trung-tam'
-- (DEFAULT_SITE_ID in store.ts). People, sessions and the secret lookups (a device's token, a
-- ticket's phone link) stay province-wide, so their unique indexes do not lead with site_id;
-- every index a site's queries use does.
--
-- SQLite cannot change a primary key or a table constraint in place: those tables are made
-- anew, copied (every row, same values, same rowids) and renamed. The migration runner turns
-- foreign keys off around this and checks them after (open-database.ts).

-- Sites and their configuration, replacing the single row of site_config.
CREATE TABLE sites (
  id         TEXT    PRIMARY KEY,
  json       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO sites (id, json, created_at, updated_at)
  SELECT 'trung-tam', json, updated_at, updated_at FROM site_config;
DROP TABLE site_config;

-- The province's standard list of fields; a site's fields point to it by code.
CREATE TABLE catalogue (
  code     TEXT    PRIMARY KEY,
  name     TEXT    NOT NULL,
  position INTEGER
);

-- People belong to some sites (a JSON array of ids) or, with NULL, to every site.
ALTER TABLE users ADD COLUMN sites TEXT;
UPDATE users SET sites = '["trung-tam"]';

-- Events: seq counts per site from 1 with no gaps; existing events keep their numbers.
CREATE TABLE events_new (
  site_id    TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  ticket_id  TEXT,
  field_id   TEXT,
  counter_id TEXT,
  clerk_id   TEXT,
  actor      TEXT    NOT NULL,
  payload    TEXT    NOT NULL,
  PRIMARY KEY (site_id, seq)
);
INSERT INTO events_new (rowid, site_id, seq, day, at, type, ticket_id, field_id, counter_id,
    clerk_id, actor, payload)
  SELECT seq, 'trung-tam', seq, day, at, type, ticket_id, field_id, counter_id, clerk_id, actor,
    payload
  FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_day ON events (site_id, day, seq);

-- Tickets: ids and numbers (per day and field of issue) unique per site, as are a kiosk's
-- request keys; a phone link's hash is unique everywhere (it leads to the site).
CREATE TABLE tickets_new (
  site_id           TEXT    NOT NULL,
  id                TEXT    NOT NULL,
  day               TEXT    NOT NULL,
  field_id          TEXT    NOT NULL,
  original_field_id TEXT    NOT NULL,
  number            INTEGER NOT NULL,
  label             TEXT    NOT NULL,
  priority_class_id TEXT,
  status            TEXT    NOT NULL,
  issued_at         INTEGER NOT NULL,
  first_called_at   INTEGER,
  finished_at       INTEGER,
  counter_id        TEXT,
  clerk_id          TEXT,
  rating            INTEGER,
  token_hash        TEXT    UNIQUE,
  issued_by         TEXT,
  request_key       TEXT,
  PRIMARY KEY (site_id, id),
  UNIQUE (site_id, day, original_field_id, number)
);
INSERT INTO tickets_new (rowid, id, site_id, day, field_id, original_field_id, number, label,
    priority_class_id, status, issued_at, first_called_at, finished_at, counter_id, clerk_id,
    rating, token_hash, issued_by, request_key)
  SELECT rowid, id, 'trung-tam', day, field_id, original_field_id, number, label,
    priority_class_id, status, issued_at, first_called_at, finished_at, counter_id, clerk_id,
    rating, token_hash, issued_by, request_key
  FROM tickets ORDER BY rowid;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE INDEX tickets_by_day ON tickets (site_id, day, field_id);
CREATE INDEX tickets_report ON tickets (site_id, day, original_field_id, status, issued_at / 900000);
CREATE UNIQUE INDEX tickets_by_request_key ON tickets (site_id, request_key)
  WHERE request_key IS NOT NULL;

-- Visits to a counter.
CREATE TABLE services_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id       TEXT    NOT NULL,
  ticket_id     TEXT    NOT NULL,
  day           TEXT    NOT NULL,
  field_id      TEXT    NOT NULL,
  counter_id    TEXT    NOT NULL,
  clerk_id      TEXT,
  priority      INTEGER NOT NULL,
  waiting_since INTEGER NOT NULL,
  called_at     INTEGER NOT NULL,
  started_at    INTEGER,
  ended_at      INTEGER,
  outcome       TEXT,
  recalls       INTEGER NOT NULL DEFAULT 0,
  rating        INTEGER,
  FOREIGN KEY (site_id, ticket_id) REFERENCES tickets (site_id, id)
);
INSERT INTO services_new (id, site_id, ticket_id, day, field_id, counter_id, clerk_id, priority,
    waiting_since, called_at, started_at, ended_at, outcome, recalls, rating)
  SELECT id, 'trung-tam', ticket_id, day, field_id, counter_id, clerk_id, priority,
    waiting_since, called_at, started_at, ended_at, outcome, recalls, rating
  FROM services ORDER BY id;
-- AUTOINCREMENT goes on from where it was, not from the highest id left after a purge.
DELETE FROM sqlite_sequence WHERE name = 'services_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'services_new', seq FROM sqlite_sequence WHERE name = 'services';
DROP TABLE services;
ALTER TABLE services_new RENAME TO services;
CREATE INDEX services_by_day ON services (site_id, day, field_id);
CREATE INDEX services_by_ticket ON services (site_id, ticket_id);
CREATE INDEX services_report ON services (
  site_id, day, field_id, counter_id, clerk_id, waiting_since, called_at, started_at, ended_at,
  outcome, rating
);

-- Devices: an id is one site's (kiosk-1 at every site); the token hash is unique everywhere.
CREATE TABLE devices_new (
  site_id      TEXT    NOT NULL,
  id           TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name         TEXT    NOT NULL,
  counter_id   TEXT,
  speaks       INTEGER NOT NULL DEFAULT 0,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  last_seen_at INTEGER,
  PRIMARY KEY (site_id, id)
);
INSERT INTO devices_new (rowid, site_id, id, kind, name, counter_id, speaks, token_hash,
    created_at, revoked_at, last_seen_at)
  SELECT rowid, 'trung-tam', id, kind, name, counter_id, speaks, token_hash, created_at,
    revoked_at, last_seen_at
  FROM devices ORDER BY rowid;
DROP TABLE devices;
ALTER TABLE devices_new RENAME TO devices;

-- The audit trail of each site.
CREATE TABLE audit_log_new (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id TEXT    NOT NULL,
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  target  TEXT,
  detail  TEXT    NOT NULL DEFAULT '{}'
);
INSERT INTO audit_log_new (id, site_id, at, actor, action, target, detail)
  SELECT id, 'trung-tam', at, actor, action, target, detail FROM audit_log ORDER BY id;
-- AUTOINCREMENT goes on from where it was, not from the highest id left after a purge.
DELETE FROM sqlite_sequence WHERE name = 'audit_log_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_new', seq FROM sqlite_sequence WHERE name = 'audit_log';
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_by_site ON audit_log (site_id, id);
CREATE INDEX audit_by_time ON audit_log (site_id, at);

-- Packed report days, per site.
CREATE TABLE report_days_new (
  site_id  TEXT    NOT NULL,
  day      TEXT    NOT NULL,
  keys     TEXT    NOT NULL,
  tickets  BLOB    NOT NULL,
  visits   BLOB    NOT NULL,
  built_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, day)
);
INSERT INTO report_days_new (rowid, site_id, day, keys, tickets, visits, built_at)
  SELECT rowid, 'trung-tam', day, keys, tickets, visits, built_at FROM report_days ORDER BY rowid;
DROP TABLE report_days;
ALTER TABLE report_days_new RENAME TO report_days;

-- Sessions: the site a person signed in at.
CREATE TABLE sessions_new (
  token_hash   TEXT    PRIMARY KEY,
  id           TEXT    NOT NULL,
  username     TEXT    NOT NULL REFERENCES users (username),
  site_id      TEXT    NOT NULL,
  counter_id   TEXT,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ended_at     INTEGER,
  last_seen_at INTEGER NOT NULL,
  address      TEXT,
  user_agent   TEXT
);
INSERT INTO sessions_new (rowid, token_hash, id, username, site_id, counter_id, created_at,
    expires_at, ended_at, last_seen_at, address, user_agent)
  SELECT rowid, token_hash, COALESCE(id, lower(hex(randomblob(12)))), username, 'trung-tam',
    counter_id, created_at, expires_at, ended_at, COALESCE(last_seen_at, created_at), address,
    user_agent
  FROM sessions ORDER BY rowid;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE UNIQUE INDEX sessions_id ON sessions (id);
CREATE INDEX sessions_open_by_user ON sessions (username) WHERE ended_at IS NULL;
CREATE INDEX sessions_open_by_site ON sessions (site_id, last_seen_at) WHERE ended_at IS NULL;
