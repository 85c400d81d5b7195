-- The queue's append-only log: every event, in order. `seq` is what clients see.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  day        TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  ticket_id  TEXT,
  field_id   TEXT,
  counter_id TEXT,
  clerk_id   TEXT,
  actor      TEXT    NOT NULL,
  payload    TEXT    NOT NULL
);
CREATE INDEX events_by_day ON events (day, seq);

-- One row per ticket, kept current: what reports and the phone page read.
CREATE TABLE tickets (
  id                TEXT    PRIMARY KEY,
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
  UNIQUE (day, original_field_id, number)
);
CREATE INDEX tickets_by_day ON tickets (day, field_id);

-- One row per visit to a counter: a call and what followed it. Waiting and service times come from here.
CREATE TABLE services (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id     TEXT    NOT NULL REFERENCES tickets (id),
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
  rating        INTEGER
);
CREATE INDEX services_by_day ON services (day, field_id);
CREATE INDEX services_by_ticket ON services (ticket_id);

CREATE TABLE site_config (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  json       TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE users (
  username      TEXT    PRIMARY KEY,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,
  username   TEXT    NOT NULL REFERENCES users (username),
  counter_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at   INTEGER
);

CREATE TABLE devices (
  id           TEXT    PRIMARY KEY,
  kind         TEXT    NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name         TEXT    NOT NULL,
  counter_id   TEXT,
  speaks       INTEGER NOT NULL DEFAULT 0,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  last_seen_at INTEGER
);
