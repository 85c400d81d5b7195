-- Issue 17: the tamper-evident log on PostgreSQL (the hashing rule: src/chain/chain.ts; the
-- SQLite side: db/migrations/016-chain.sql, whose tables and columns these match). Each site has two chains, its events in `seq`
-- order and its audit records in `id` order; each record keeps the hash of the one before it
-- (`prev_hash`) and its own (`hash`), hex SHA-256. Rows stored before this migration keep null
-- hashes: the chain starts at the first record written after it.
ALTER TABLE events ADD COLUMN prev_hash text;
ALTER TABLE events ADD COLUMN hash text;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;

-- The event chain's head hash, kept with its head (`head_seq`): a turn reads it under the lock
-- it takes anyway (SELECT … FOR UPDATE) and writes it with the new head, no extra round trip.
-- `chain_site_id`: the site id its records are hashed under, when not its own (a centre moved
-- into the province under another id by `luot migrate --as` keeps the chain it had).
ALTER TABLE sites ADD COLUMN head_hash text;
ALTER TABLE sites ADD COLUMN chain_site_id text;

-- The audit chain's head per site, and its lock: an audit record is appended with this row
-- locked (INSERT … ON CONFLICT DO UPDATE), so two nodes auditing one site at once append one
-- after the other, never both after the same record. A row of its own, not `sites`: audits do
-- not wait behind the site's turns. It also survives purges of the audit trail.
CREATE TABLE audit_heads (
  site_id  text   PRIMARY KEY,
  audit_id bigint NOT NULL,
  hash     text   NOT NULL
);

-- A site's sealed days (see `ChainDigest`): kept once; several nodes sealing a day at once
-- keep the first.
CREATE TABLE chain_digests (
  site_id     text   NOT NULL,
  day         text   NOT NULL,
  digest      text   NOT NULL,
  code        text   NOT NULL,
  events_seq  bigint NOT NULL,
  events_hash text   NOT NULL,
  audit_id    bigint NOT NULL,
  audit_hash  text   NOT NULL,
  made_at     bigint NOT NULL,
  PRIMARY KEY (site_id, day)
);

-- Where a chain goes on after a purge: the position (seq or id) and hash of the last record
-- removed, which the first record kept links to. Written in the purge's transaction.
CREATE TABLE chain_anchors (
  site_id text   NOT NULL,
  chain   text   NOT NULL CHECK (chain IN ('events', 'audit')),
  pos     bigint NOT NULL,
  hash    text   NOT NULL,
  PRIMARY KEY (site_id, chain)
);
