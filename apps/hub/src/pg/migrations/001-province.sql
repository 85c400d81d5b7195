-- A province on PostgreSQL: the tables of the SQLite file (db/migrations/001–005), with the site
-- each row belongs to, and what belongs to no one site (sites, people, sessions, the catalogue).
-- Times are epoch milliseconds (bigint), as in SQLite.

-- Every site, with its configuration and its head: `head_seq` is the sequence number of its
-- newest event. A command locks this row (SELECT … FOR UPDATE) for its whole transaction, so one
-- site's commands are ordered across every hub node.
CREATE TABLE sites (
  id         text   PRIMARY KEY,
  position   bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  json       text   NOT NULL,
  head_seq   bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);

-- The province's standard list of fields; sites' fields point to it by code.
CREATE TABLE catalogue (
  code       text    PRIMARY KEY,
  name       text    NOT NULL,
  position   integer NOT NULL,
  updated_at bigint  NOT NULL
);

-- A site's append-only log. `seq` counts per site from 1 with no gaps; clients see it.
CREATE TABLE events (
  site_id    text   NOT NULL REFERENCES sites (id),
  seq        bigint NOT NULL,
  day        text   NOT NULL,
  at         bigint NOT NULL,
  type       text   NOT NULL,
  ticket_id  text,
  field_id   text,
  counter_id text,
  clerk_id   text,
  actor      text   NOT NULL,
  payload    text   NOT NULL,
  PRIMARY KEY (site_id, seq)
);
CREATE INDEX events_by_day ON events (site_id, day, seq);

-- One row per ticket, kept current: what reports and the phone page read. The unique number
-- per site, day and field is a safety net: two nodes can never store the same number.
CREATE TABLE tickets (
  site_id           text    NOT NULL REFERENCES sites (id),
  id                text    NOT NULL,
  day               text    NOT NULL,
  field_id          text    NOT NULL,
  original_field_id text    NOT NULL,
  number            integer NOT NULL,
  label             text    NOT NULL,
  priority_class_id text,
  status            text    NOT NULL,
  issued_at         bigint  NOT NULL,
  first_called_at   bigint,
  finished_at       bigint,
  counter_id        text,
  clerk_id          text,
  rating            integer,
  -- The phone link's hash leads to the site: unique across the province.
  token_hash        text    UNIQUE,
  issued_by         text,
  -- A kiosk's name for its issue request, "device:<id>:<request id>" (devices are per site).
  request_key       text,
  PRIMARY KEY (site_id, id),
  UNIQUE (site_id, day, original_field_id, number)
);
CREATE UNIQUE INDEX tickets_by_request_key ON tickets (site_id, request_key)
  WHERE request_key IS NOT NULL;
CREATE INDEX tickets_report ON tickets (site_id, day, original_field_id, status);

-- One row per visit to a counter: a call and what followed it.
CREATE TABLE services (
  id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id       text    NOT NULL,
  ticket_id     text    NOT NULL,
  day           text    NOT NULL,
  field_id      text    NOT NULL,
  counter_id    text    NOT NULL,
  clerk_id      text,
  priority      integer NOT NULL,
  waiting_since bigint  NOT NULL,
  called_at     bigint  NOT NULL,
  started_at    bigint,
  ended_at      bigint,
  outcome       text,
  recalls       integer NOT NULL DEFAULT 0,
  rating        integer,
  FOREIGN KEY (site_id, ticket_id) REFERENCES tickets (site_id, id)
);
CREATE INDEX services_by_ticket ON services (site_id, ticket_id);
CREATE INDEX services_by_day ON services (site_id, day, field_id, id);

-- People: each works at some sites (`sites`), or at every site (NULL: a province administrator
-- when an admin).
CREATE TABLE users (
  username      text    PRIMARY KEY,
  name          text    NOT NULL,
  role          text    NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash text    NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  sites         text[],
  created_at    bigint  NOT NULL
);

-- Sessions, stored by their token's hash; `site_id` is the site signed in at.
CREATE TABLE sessions (
  token_hash   text   PRIMARY KEY,
  id           text   NOT NULL UNIQUE,
  username     text   NOT NULL REFERENCES users (username),
  site_id      text   NOT NULL,
  counter_id   text,
  created_at   bigint NOT NULL,
  expires_at   bigint NOT NULL,
  ended_at     bigint,
  last_seen_at bigint NOT NULL,
  address      text,
  user_agent   text
);
CREATE INDEX sessions_open_by_user ON sessions (username) WHERE ended_at IS NULL;

-- Devices, each paired to one site; its token's hash is unique across the province.
CREATE TABLE devices (
  site_id      text    NOT NULL REFERENCES sites (id),
  id           text    NOT NULL,
  kind         text    NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
  name         text    NOT NULL,
  counter_id   text,
  speaks       boolean NOT NULL DEFAULT false,
  token_hash   text    NOT NULL UNIQUE,
  created_at   bigint  NOT NULL,
  revoked_at   bigint,
  last_seen_at bigint,
  PRIMARY KEY (site_id, id)
);

-- Who changed a site's administration, and when.
CREATE TABLE audit_log (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id text   NOT NULL,
  at      bigint NOT NULL,
  actor   text   NOT NULL,
  action  text   NOT NULL,
  target  text,
  detail  text   NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_site ON audit_log (site_id, id DESC);
CREATE INDEX audit_by_time ON audit_log (site_id, at);

-- A closed service day's report material, packed once (layout in db/report-days.ts).
CREATE TABLE report_days (
  site_id  text   NOT NULL REFERENCES sites (id),
  day      text   NOT NULL,
  keys     text   NOT NULL,
  tickets  bytea  NOT NULL,
  visits   bytea  NOT NULL,
  built_at bigint NOT NULL,
  PRIMARY KEY (site_id, day)
);
