// The tamper-evident log's writes on PostgreSQL besides the turn's (which chains events in
// commit.ts): the audit chain's append, sealing a day, the digests, and the anchors a purge
// leaves. The hashing rule is src/chain/chain.ts; the tables, migrations/011-chain.sql.
import type { AuditEntry, ChainDigest } from '@luot/protocol';
import type pg from 'pg';
import {
  auditContent,
  chainHash,
  dayDigest,
  digestCode,
  GENESIS_HASH,
  type AuditChainContent,
} from '../chain/chain.ts';
import type { PgDb } from './pool.ts';

const DIGEST_COLUMNS = `site_id AS "siteId", day, code, digest, events_seq AS "eventsSeq",
  audit_id AS "auditId", made_at AS "madeAt"`;

/**
 * Appends one audit record to the site's audit chain. Two nodes auditing one site at once must
 * not both link to the same record: the site's `audit_heads` row is locked first (an upsert,
 * which takes the row lock whether it inserts or not), then the record is inserted linked to
 * the head it read and the head moved, and COMMIT goes out with them. Two round trips.
 */
export async function appendChainedAudit(
  db: PgDb,
  site: string,
  entry: Omit<AuditEntry, 'id'>,
): Promise<number> {
  return db.tx(
    async (c) => {
      const head = (
        await c.query<{ hash: string; chain_site: string }>({
          name: 'audit.lock',
          text: `INSERT INTO audit_heads (site_id, audit_id, hash) VALUES ($1, 0, $2)
                 ON CONFLICT (site_id) DO UPDATE SET site_id = excluded.site_id
                 RETURNING hash, COALESCE(
                   (SELECT COALESCE(chain_site_id, id) FROM sites WHERE id = $1), $1) AS chain_site`,
          values: [site, GENESIS_HASH],
        })
      ).rows[0]!;
      const row: AuditChainContent = {
        siteId: head.chain_site,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        detail: JSON.stringify(entry.detail),
      };
      const hash = chainHash(head.hash, auditContent(row));
      const inserted = c.query<{ id: number }>({
        name: 'audit.insert',
        text: `WITH a AS (
                 INSERT INTO audit_log (site_id, at, actor, action, target, detail, prev_hash, hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id)
               UPDATE audit_heads SET audit_id = a.id, hash = $8 FROM a
               WHERE audit_heads.site_id = $1 RETURNING a.id`,
        values: [site, row.at, row.actor, row.action, row.target, row.detail, head.hash, hash],
      });
      inserted.catch(() => {});
      const committed = c.query('COMMIT');
      committed.catch(() => {});
      const id = (await inserted).rows[0]!.id;
      await committed;
      return id;
    },
    { workCommits: true },
  );
}

/** The day is not closed yet (its site's newest event is of that day or before). */
export class DayNotClosedError extends Error {
  constructor(site: string, day: string) {
    super(`service day ${day} of ${site} is not closed yet: it cannot be sealed`);
    this.name = 'DayNotClosedError';
  }
}

/**
 * Seals a closed service day (as the SQLite store does, db/chain.ts): the digest of the site's
 * last event of `day` or before it (else the events' anchor, else genesis) and of its audit
 * chain's head now. Kept once: nodes sealing the same day at once each insert with ON CONFLICT
 * DO NOTHING, then read the one row that won, so all resolve the same digest.
 */
export async function sealDay(
  db: PgDb,
  site: string,
  day: string,
  at: number,
): Promise<ChainDigest> {
  const sealed = await readDigest(db, site, day);
  if (sealed) return sealed;
  const { rows } = await db.query<{
    chain_site: string;
    newest_day: string | null;
    events_seq: number | null;
    events_hash: string | null;
    audit_id: number | null;
    audit_hash: string | null;
  }>(
    `SELECT COALESCE(s.chain_site_id, s.id, $1) AS chain_site,
       (SELECT day FROM events WHERE site_id = $1 ORDER BY seq DESC LIMIT 1) AS newest_day,
       COALESCE(e.seq, ea.pos, 0) AS events_seq,
       CASE WHEN e.seq IS NOT NULL THEN e.hash ELSE ea.hash END AS events_hash,
       COALESCE(h.audit_id, aa.pos, 0) AS audit_id,
       CASE WHEN h.site_id IS NOT NULL THEN h.hash ELSE aa.hash END AS audit_hash
     FROM (SELECT 1) one
     LEFT JOIN sites s ON s.id = $1
     LEFT JOIN LATERAL (SELECT seq, hash FROM events
       WHERE site_id = $1 AND day <= $2 ORDER BY seq DESC LIMIT 1) e ON true
     LEFT JOIN chain_anchors ea ON ea.site_id = $1 AND ea.chain = 'events'
     LEFT JOIN chain_anchors aa ON aa.site_id = $1 AND aa.chain = 'audit'
     LEFT JOIN audit_heads h ON h.site_id = $1`,
    [site, day],
  );
  const r = rows[0]!;
  if (r.newest_day === null || r.newest_day <= day) throw new DayNotClosedError(site, day);
  const eventsHash = r.events_hash ?? GENESIS_HASH;
  const auditHash = r.audit_hash ?? GENESIS_HASH;
  const digest = dayDigest({ siteId: r.chain_site, day, eventsHash, auditHash });
  await db.query(
    `INSERT INTO chain_digests (site_id, day, digest, code, events_seq, events_hash, audit_id,
       audit_hash, made_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (site_id, day) DO NOTHING`,
    [site, day, digest, digestCode(digest), r.events_seq, eventsHash, r.audit_id, auditHash, at],
  );
  return (await readDigest(db, site, day))!;
}

async function readDigest(db: PgDb, site: string, day: string): Promise<ChainDigest | null> {
  const { rows } = await db.query<ChainDigest>(
    `SELECT ${DIGEST_COLUMNS} FROM chain_digests WHERE site_id = $1 AND day = $2`,
    [site, day],
  );
  return rows[0] ?? null;
}

/** The site's sealed days in [from, to], oldest first. */
export async function chainDigests(
  db: PgDb,
  site: string,
  from: string,
  to: string,
): Promise<ChainDigest[]> {
  const { rows } = await db.query<ChainDigest>(
    `SELECT ${DIGEST_COLUMNS} FROM chain_digests
     WHERE site_id = $1 AND day >= $2 AND day <= $3 ORDER BY day`,
    [site, from, to],
  );
  return rows;
}

/**
 * Before a purge deletes `day`'s events: their last chained record becomes the event chain's
 * anchor, the link the first event kept must carry. In the purge's transaction.
 */
export async function anchorEventsOfDay(
  c: pg.PoolClient,
  site: string,
  day: string,
): Promise<void> {
  await c.query(
    `INSERT INTO chain_anchors (site_id, chain, pos, hash)
     SELECT * FROM (SELECT site_id, 'events', seq, hash FROM events
       WHERE site_id = $1 AND day = $2 ORDER BY seq DESC LIMIT 1) last WHERE hash IS NOT NULL
     ON CONFLICT (site_id, chain) DO UPDATE SET pos = excluded.pos, hash = excluded.hash
       WHERE excluded.pos > chain_anchors.pos`,
    [site, day],
  );
}

/**
 * Removes the site's audit records before `auditBefore` that start its trail (a purge takes
 * the chain's oldest records only, up to the first one kept, so what stays is one unbroken
 * line), anchoring the chain at the last one removed; resolves how many.
 */
export async function purgeChainedAudit(
  db: PgDb,
  site: string,
  auditBefore: number,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM audit_log WHERE site_id = $1 AND id < COALESCE(
         (SELECT MIN(id) FROM audit_log WHERE site_id = $1 AND at >= $2), 9223372036854775807)
       RETURNING id, hash),
     anchored AS (
       INSERT INTO chain_anchors (site_id, chain, pos, hash)
       SELECT * FROM (SELECT $1, 'audit', id, hash FROM gone ORDER BY id DESC LIMIT 1) last
       WHERE hash IS NOT NULL
       ON CONFLICT (site_id, chain) DO UPDATE SET pos = excluded.pos, hash = excluded.hash
         WHERE excluded.pos > chain_anchors.pos)
     SELECT COUNT(*)::int AS n FROM gone`,
    [site, auditBefore],
  );
  return rows[0]!.n;
}
