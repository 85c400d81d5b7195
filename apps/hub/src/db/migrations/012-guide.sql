-- Issue 15: a fourth role of people, the guide ("hướng dẫn") at a reception desk. SQLite cannot
-- change a CHECK in place, so `users` is made anew with the wider one, copied (every row, same
-- values, same rowids) and renamed; the runner turns foreign keys off around this and checks
-- them after (sessions point to users by username, which is unchanged). A guide's session keeps
-- its desk in `sessions.counter_id`, the session's place, as a clerk's keeps its counter.
CREATE TABLE users_new (
  username      TEXT    PRIMARY KEY,
  name          TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('clerk', 'guide', 'supervisor', 'admin')),
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  sites         TEXT
);
INSERT INTO users_new (rowid, username, name, role, password_hash, disabled, created_at, sites)
  SELECT rowid, username, name, role, password_hash, disabled, created_at, sites
  FROM users ORDER BY rowid;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
