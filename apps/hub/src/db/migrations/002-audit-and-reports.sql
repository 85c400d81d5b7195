-- Who changed the administration, and when: every configuration, user and device change.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,
  -- The username of the person who made the change.
  actor  TEXT    NOT NULL,
  -- config.update, user.create, user.password, user.disable, user.enable, device.pair, device.revoke
  action TEXT    NOT NULL,
  -- What was changed: a username, a device id; null for a configuration update.
  target TEXT,
  -- JSON: what changed (for a configuration update, the list of changed items and keys).
  detail TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_time ON audit_log (at DESC, id DESC);

-- Reports count a year of tickets from this index alone, grouped in index order (no sorting):
-- issued_at / 900000 is the quarter-hour of issue, which lies inside one local hour in every zone.
CREATE INDEX tickets_report ON tickets (day, original_field_id, status, issued_at / 900000);
-- Reports read visits by day range; covering the columns they read keeps a year's scan in the index.
CREATE INDEX services_report ON services (
  day, field_id, counter_id, clerk_id, waiting_since, called_at, started_at, ended_at, outcome, rating
);
