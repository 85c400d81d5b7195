// What `luot verify --postgres` reads: a province's chains, site by site, in ONE read-only
// snapshot (REPEATABLE READ), so hub nodes writing meanwhile neither stop nor confuse it.
// Rows stream a page at a time (keyset pages in the snapshot), never a whole chain in memory.
import pg from 'pg';
import type { AuditChainContent, EventChainContent } from '../chain/chain.ts';

/** Rows per page read. */
const PAGE = 2000;

/** One stored record of a chain: where it sits, its links as stored, and its content. */
export interface StoredChainRecord<C> {
  /** `seq` (events) or `id` (audit records). */
  position: number;
  prevHash: string | null;
  hash: string | null;
  content: C;
}

/** Where a chain's stored part starts after a purge (the last purged record). */
export interface StoredAnchor {
  position: number;
  hash: string;
}

/** A sealed day as stored, with the heads it covered. */
export interface StoredDigest {
  day: string;
  digest: string;
  code: string;
  eventsSeq: number;
  eventsHash: string;
  auditId: number;
  auditHash: string;
}

/** A province's chains as one snapshot read them; `close()` ends the snapshot. */
export interface PgChainSnapshot {
  /** The sites, in the order they were added. */
  sites(): Promise<string[]>;
  /** The id the site's records are hashed under (its own, or its id before `migrate --as`). */
  chainSiteId(site: string): Promise<string>;
  events(site: string): AsyncIterable<StoredChainRecord<EventChainContent>>;
  audit(site: string): AsyncIterable<StoredChainRecord<AuditChainContent>>;
  anchor(site: string, chain: 'events' | 'audit'): Promise<StoredAnchor | null>;
  digests(site: string): Promise<StoredDigest[]>;
  /** The heads the site keeps (the event chain's with `head_seq`, the audit chain's row). */
  heads(site: string): Promise<{ events: string | null; audit: string | null }>;
  /** The position of the site's record of `chain` whose hash is `hash`, if any (the first). */
  positionOf(site: string, chain: 'events' | 'audit', hash: string): Promise<number | null>;
  close(): Promise<void>;
}

/** Opens a read-only snapshot of the province at `url`. */
export async function openPgChainSnapshot(url: string): Promise<PgChainSnapshot> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  const chainSite = new Map<string, string>();

  async function* pages<R extends pg.QueryResultRow & { position: number }, C>(
    sql: string,
    site: string,
    of: (row: R, chainSiteId: string) => StoredChainRecord<C>,
  ): AsyncIterable<StoredChainRecord<C>> {
    const siteId = await snapshot.chainSiteId(site);
    let after = -1;
    for (;;) {
      const { rows } = await client.query<R>(sql, [site, after, PAGE]);
      for (const row of rows) yield of(row, siteId);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.position;
    }
  }

  const snapshot: PgChainSnapshot = {
    async sites() {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM sites ORDER BY position');
      return rows.map((r) => r.id);
    },
    async chainSiteId(site) {
      let id = chainSite.get(site);
      if (id === undefined) {
        const { rows } = await client.query<{ id: string }>(
          'SELECT COALESCE(chain_site_id, id) AS id FROM sites WHERE id = $1',
          [site],
        );
        id = rows[0]?.id ?? site;
        chainSite.set(site, id);
      }
      return id;
    },
    events(site) {
      type Row = Omit<EventChainContent, 'siteId'> & {
        position: number;
        prevHash: string | null;
        hash: string | null;
      };
      return pages<Row, EventChainContent>(
        `SELECT seq AS position, prev_hash AS "prevHash", hash, day, at, type,
           ticket_id AS "ticketId", field_id AS "fieldId", counter_id AS "counterId",
           clerk_id AS "clerkId", actor, payload
         FROM events WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        site,
        ({ position, prevHash, hash, ...content }, siteId) => ({
          position,
          prevHash,
          hash,
          content: { siteId, ...content },
        }),
      );
    },
    audit(site) {
      type Row = Omit<AuditChainContent, 'siteId'> & {
        position: number;
        prevHash: string | null;
        hash: string | null;
      };
      return pages<Row, AuditChainContent>(
        `SELECT id AS position, prev_hash AS "prevHash", hash, at, actor, action, target, detail
         FROM audit_log WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        site,
        ({ position, prevHash, hash, ...content }, siteId) => ({
          position,
          prevHash,
          hash,
          content: { siteId, ...content },
        }),
      );
    },
    async anchor(site, chain) {
      const { rows } = await client.query<StoredAnchor>(
        'SELECT position, hash FROM chain_anchors WHERE site_id = $1 AND chain = $2',
        [site, chain],
      );
      return rows[0] ?? null;
    },
    async digests(site) {
      const { rows } = await client.query<StoredDigest>(
        `SELECT day, digest, code, events_seq AS "eventsSeq", events_hash AS "eventsHash",
           audit_id AS "auditId", audit_hash AS "auditHash"
         FROM chain_digests WHERE site_id = $1 ORDER BY day`,
        [site],
      );
      return rows;
    },
    async heads(site) {
      const { rows } = await client.query<{ events: string | null; audit: string | null }>(
        `SELECT (SELECT head_hash FROM sites WHERE id = $1) AS events,
           (SELECT hash FROM audit_heads WHERE site_id = $1) AS audit`,
        [site],
      );
      return rows[0]!;
    },
    async positionOf(site, chain, hash) {
      const { rows } = await client.query<{ position: number }>(
        chain === 'events'
          ? 'SELECT seq AS position FROM events WHERE site_id = $1 AND hash = $2 ORDER BY seq LIMIT 1'
          : 'SELECT id AS position FROM audit_log WHERE site_id = $1 AND hash = $2 ORDER BY id LIMIT 1',
        [site, hash],
      );
      return rows[0]?.position ?? null;
    },
    async close() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
  return snapshot;
}
