-- The tamper-evident log (issue 17, src/chain/). Each event and audit record carries the hash of
-- the record before it in its site's chain and its own hash (chain.ts says what is hashed).
-- Rows stored before this upgrade keep NULL: a site's chain starts at its first record written
-- after it, and `luot verify` counts the records before.
ALTER TABLE events ADD COLUMN prev_hash TEXT;
ALTER TABLE events ADD COLUMN hash TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- A site's sealed service day: the heads of both chains at its close and their digest, whose
-- short code is published outside the database. Kept once; never removed (no personal data).
CREATE TABLE chain_digests (
  site_id     TEXT    NOT NULL,
  day         TEXT    NOT NULL,
  events_seq  INTEGER NOT NULL,
  events_hash TEXT    NOT NULL,
  audit_id    INTEGER NOT NULL,
  audit_hash  TEXT    NOT NULL,
  digest      TEXT    NOT NULL,
  code        TEXT    NOT NULL,
  made_at     INTEGER NOT NULL,
  PRIMARY KEY (site_id, day)
);

-- Where a chain goes on after a purge: the position and hash of the last record removed
-- (`chain` is 'events' or 'audit'), written in the purge's transaction. Hashes only.
CREATE TABLE chain_anchors (
  site_id TEXT    NOT NULL,
  chain   TEXT    NOT NULL CHECK (chain IN ('events', 'audit')),
  pos     INTEGER NOT NULL,
  hash    TEXT    NOT NULL,
  PRIMARY KEY (site_id, chain)
);
